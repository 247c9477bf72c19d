"""The one way to reach owned rows: every query for them goes through here."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import Select, select

from recruiter.extensions import db
from recruiter.models import MAX_ID, Recruiter
from recruiter.services import NotFound

T = TypeVar("T")


def owned(model: type[T], owner: Recruiter | int) -> Select[tuple[T]]:
    """``SELECT model WHERE owner_id = owner``: the start of every query for owned rows."""
    owner_id = owner if isinstance(owner, int) else owner.id
    return select(model).where(model.owner_id == owner_id)  # type: ignore[attr-defined]


def get_owned(model: type[T], owner: Recruiter | int, row_id: Any) -> T:
    """The row with this id if ``owner`` owns it; otherwise :class:`NotFound` (never 403)."""
    try:
        row_id = int(row_id)
    except (TypeError, ValueError):
        raise NotFound(model.__name__) from None
    if not 0 < row_id <= MAX_ID:  # beyond the column's range no row can exist
        raise NotFound(model.__name__)
    row = db.session.scalar(owned(model, owner).where(model.id == row_id))  # type: ignore[attr-defined]
    if row is None:
        raise NotFound(model.__name__)
    return row
