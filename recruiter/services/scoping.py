"""The one way to reach owned rows: every query for them goes through here."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import Select, select

from recruiter.extensions import db
from recruiter.models import MAX_ID, Recruiter
from recruiter.services import NotFound, ServiceError

T = TypeVar("T")
MAX_MANY = 500  # rows one bulk action may name


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


def get_owned_many(model: type[T], owner: Recruiter | int, row_ids: Any) -> list[T]:
    """The rows with these ids, in id order, if ``owner`` owns every one; one id that is not
    theirs (or cannot exist) is :class:`NotFound` for all, so a bulk action is all or nothing."""
    try:
        ids = sorted({int(row_id) for row_id in row_ids})
    except (TypeError, ValueError):
        raise ServiceError.field("ids", "Ids are whole numbers.") from None
    if not ids:
        raise ServiceError.field("ids", "Choose at least one.")
    if len(ids) > MAX_MANY:
        raise ServiceError.field("ids", f"At most {MAX_MANY} at a time.")
    if not all(0 < row_id <= MAX_ID for row_id in ids):
        raise NotFound(model.__name__)
    query = owned(model, owner).where(model.id.in_(ids)).order_by(model.id)  # type: ignore[attr-defined]
    rows = list(db.session.scalars(query))
    if len(rows) != len(ids):
        raise NotFound(model.__name__)
    return rows
