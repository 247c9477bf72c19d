"""The one way to reach owned rows: every query for them goes through here.

A team owns its rows: every member reaches all of them, nobody else any. The acting recruiter
(or a team id) is the scope; another team's id is :class:`NotFound`, never 403, never data.
"""

from __future__ import annotations

from functools import cache
from typing import Any, TypeVar

from sqlalchemy import Select, bindparam, select

from recruiter.extensions import db
from recruiter.models import MAX_ID, Recruiter
from recruiter.services import NotFound, ServiceError

T = TypeVar("T")
MAX_MANY = 500  # rows one bulk action may name


def team_of(scope: Recruiter | int) -> int:
    """The team id a scope names: the acting recruiter's team, or a team id itself."""
    return scope if isinstance(scope, int) else scope.team_id


def _scope(model: type, owner: Recruiter | int) -> tuple[Any, int]:
    """The column that says who owns ``model``'s rows, and the value ``owner`` has there: the
    team for owned rows; the recruiter for a personal row (an API token, ``owner_id``)."""
    if not hasattr(model, "team_id"):
        return model.owner_id, owner if isinstance(owner, int) else owner.id  # type: ignore[attr-defined]
    return model.team_id, team_of(owner)  # type: ignore[attr-defined]


def owned(model: type[T], owner: Recruiter | int) -> Select[tuple[T]]:
    """``SELECT model WHERE team_id = <owner's team>``: the start of every query for owned
    rows, ``owner`` being the acting recruiter (or a team id). A personal row (an API token,
    ``owner_id``) is reached by its own recruiter only."""
    column, value = _scope(model, owner)
    return select(model).where(column == value)


@cache
def owned_statement(model: type[T]) -> Select[tuple[T]]:
    """:func:`owned` built once, the scope a bound parameter (``scope``: :func:`scope_values`)
    for a statement a hot path runs on every request; extend it and cache the result."""
    column, _ = _scope(model, 0)
    return select(model).where(column == bindparam("scope"))


def scope_values(model: type, owner: Recruiter | int) -> dict[str, int]:
    """The ``scope`` of :func:`owned_statement` for this model and owner."""
    return {"scope": _scope(model, owner)[1]}


@cache
def by_id_statement(model: type[T]) -> Select[tuple[T]]:
    """:func:`owned_statement` of one row (``row_id``), for :func:`get_owned`'s ``prebuilt``:
    add loader options to it once, at module level or in a cached function."""
    return owned_statement(model).where(model.id == bindparam("row_id"))  # type: ignore[attr-defined]


def owned_rows(model: type, owner: Recruiter | int, *columns: str) -> Select[Any]:
    """:func:`owned` as plain rows: these columns of the model's table, without the ORM's
    entity and row handling (for reading hundreds of thousands of rows at once)."""
    table = model.__table__  # type: ignore[attr-defined]
    return select(*(table.c[name] for name in columns)).where(table.c.team_id == team_of(owner))


def get_owned(
    model: type[T],
    owner: Recruiter | int,
    row_id: Any,
    *options: Any,
    prebuilt: Select[tuple[T]] | None = None,
) -> T:
    """The row with this id if ``owner`` owns it; otherwise :class:`NotFound` (never 403).
    ``options``: loader options (``joinedload(...)``) for what the caller reads next; or
    ``prebuilt``, :func:`by_id_statement` with those options, built once by a hot caller."""
    try:
        row_id = int(row_id)
    except (TypeError, ValueError):
        raise NotFound(model.__name__) from None
    if not 0 < row_id <= MAX_ID:  # beyond the column's range no row can exist
        raise NotFound(model.__name__)
    if options:
        query = owned(model, owner).where(model.id == row_id).options(*options)  # type: ignore[attr-defined]
        row = db.session.scalars(query).unique().one_or_none()
    else:
        values = {**scope_values(model, owner), "row_id": row_id}
        query = by_id_statement(model) if prebuilt is None else prebuilt
        row = db.session.scalars(query, values).unique().one_or_none()
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
