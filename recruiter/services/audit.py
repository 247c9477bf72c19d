"""The audit trail: who changed what and when."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Insert, Select, insert

from recruiter.extensions import db
from recruiter.models import AuditEntry, Recruiter
from recruiter.services.scoping import owned


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def record(
    actor: Recruiter | None,
    team_id: int,
    entity: str,
    entity_id: int,
    action: str,
    changes: dict[str, Any] | None = None,
    reason: str | None = None,
    now: datetime | None = None,
) -> None:
    """Write one entry at once: a Core INSERT (the trail is never read back in the unit of
    work that writes it), so a write's flush has one object fewer to order and send."""
    row: dict[str, Any] = {
        "team_id": team_id,
        "actor_id": actor.id if actor else None,
        "entity": entity,
        "entity_id": entity_id,
        "action": action,
        "changes": {k: [_plain(a), _plain(b)] for k, (a, b) in (changes or {}).items()},
        "reason": reason,
    }
    if now is not None:
        row["at"] = now
    db.session.execute(_insert(), row)


@cache
def _insert() -> Insert:
    return insert(AuditEntry.__table__)


def record_many(
    actor: Recruiter | None,
    team_id: int,
    entity: str,
    entity_ids: list[int],
    action: str,
    now: datetime,
) -> None:
    """:func:`record` for many rows of one team at once (a bulk import): one INSERT, no ORM
    objects."""
    record_each(actor, entity, [(entity_id, team_id) for entity_id in entity_ids], action, {}, now)


def record_each(
    actor: Recruiter | None,
    entity: str,
    entries: Iterable[tuple[int, int]],
    action: str,
    changes: dict[str, Any],
    now: datetime,
) -> None:
    """:func:`record` of the same change to many rows, perhaps of several teams (``entries``:
    ``(entity_id, team_id)`` pairs): one executemany, no ORM objects."""
    plain = {k: [_plain(a), _plain(b)] for k, (a, b) in changes.items()}
    rows = [
        {
            "team_id": team_id,
            "actor_id": actor.id if actor else None,
            "at": now,
            "entity": entity,
            "entity_id": entity_id,
            "action": action,
            "changes": plain,
            "reason": None,
        }
        for entity_id, team_id in entries
    ]
    if rows:
        db.session.execute(_insert(), rows)


def diff(row: Any, values: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Apply ``values`` to ``row``; return ``{field: (old, new)}`` for what really changed."""
    changes = {}
    for name, new in values.items():
        old = getattr(row, name)
        if old != new:
            changes[name] = (old, new)
            setattr(row, name, new)
    return changes


def trail(actor: Recruiter, entity: str | None = None) -> Select[tuple[AuditEntry]]:
    """The team's audit trail, newest first (one kind of row, given ``entity``)."""
    query = owned(AuditEntry, actor)
    if entity:
        query = query.where(AuditEntry.entity == entity)
    return query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())


def trail_entities(actor: Recruiter) -> list[str]:
    """The kinds of row the team's trail holds, for the filter."""
    query = owned(AuditEntry, actor).with_only_columns(AuditEntry.entity).distinct()
    return sorted(db.session.scalars(query))
