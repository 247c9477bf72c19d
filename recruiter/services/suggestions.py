"""Suggestions the recruiter accepts or dismisses: opened once per cause, decided by people.

Each suggestion has a unique ``key`` naming its cause (``remove_connection:interview:12``).
:func:`open_many` (and :func:`open_once`, its one-row case) inserts with ``ON CONFLICT DO
NOTHING`` on that key, a batch per statement, so two sweeps running at once still open it once,
and a dismissed suggestion is never reopened by a sweep (its key stays taken). Status changes
are conditional updates (``WHERE status = ...``): of two concurrent changes, one wins and the
other is refused.

What accepting does: every kind sets the candidate's connection status to ``removed`` (through
``candidates.update_candidate``, so the audit trail records it with the reason). For
``do_not_reconnect`` that also declines a pending request; for ``possible_fake_profile`` it
drops the profile. Undoing an accept restores the previous connection status (if it is still
``removed``), again recorded in the audit trail.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import Select, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from recruiter.extensions import db
from recruiter.models import SUGGESTION_KINDS, SUGGESTION_STATUSES, Interview, Recruiter, Suggestion
from recruiter.services import ServiceError, audit, candidates
from recruiter.services.filters import SuggestionFilter
from recruiter.services.scoping import get_owned, get_owned_many, owned

KINDS = SUGGESTION_KINDS
STATUSES = SUGGESTION_STATUSES
GHOST_KINDS = ("remove_connection", "do_not_reconnect")
KIND_LABELS = {
    "remove_connection": "Remove connection",
    "do_not_reconnect": "Do not reconnect",
    "possible_fake_profile": "Possible fake profile",
}
MAX_REASON = 1000


def interview_key(kind: str, interview_id: int) -> str:
    return f"{kind}:interview:{interview_id}"


def candidate_key(kind: str, candidate_id: int) -> str:
    return f"{kind}:candidate:{candidate_id}"


BADGE_MAX = 99  # the menu's badge shows "99+" past this: every page pays for it


def count_open(owner: Recruiter, up_to: int | None = None) -> int:
    """How many suggestions the team has open; with ``up_to``, counting no further than that
    (the menu's badge on every page reads at most ``up_to`` index entries, however large the
    network's backlog)."""
    query = select(Suggestion.id).where(
        Suggestion.team_id == owner.team_id, Suggestion.status == "open"
    )
    if up_to is not None:
        query = query.limit(up_to)
    return db.session.scalar(select(func.count()).select_from(query.subquery())) or 0


# --- opening ----------------------------------------------------------------------------------


class Opening(NamedTuple):
    """One suggestion to open: its cause (``key``) and what it says."""

    team_id: int
    kind: str
    key: str
    candidate_id: int
    interview_id: int | None
    reasons: list[str]
    evidence: dict[str, Any]


OPEN_CHUNK = 500  # rows per INSERT: 9 parameters each, well under either database's limit


def open_once(
    team_id: int,
    kind: str,
    key: str,
    candidate_id: int,
    interview_id: int | None,
    reasons: list[str],
    evidence: dict[str, Any],
    now: datetime,
) -> Suggestion | None:
    """Open the suggestion for ``key`` unless one exists (in any status). Returns the new row,
    or None when the key was taken, even by a concurrent transaction."""
    opening = Opening(team_id, kind, key, candidate_id, interview_id, reasons, evidence)
    new_id = open_many([opening], now).get(key)
    return None if new_id is None else db.session.get(Suggestion, new_id)


def open_many(rows: Iterable[Opening], now: datetime) -> dict[str, int]:
    """:func:`open_once` for many: each key not taken (in any status, even by a concurrent
    transaction) is opened, by one ``INSERT ... ON CONFLICT (key) DO NOTHING RETURNING`` per
    :data:`OPEN_CHUNK` rows, and audited, one INSERT for them all. Returns the new ids by key:
    only the rows inserted (a key given twice is opened once, as first given)."""
    pending: dict[str, Opening] = {}
    for row in rows:
        if row.kind not in KINDS:
            raise ValueError(f"unknown suggestion kind {row.kind!r}")
        pending.setdefault(row.key, row)
    values = [_values(row, now) for row in pending.values()]
    opened: dict[str, int] = {}
    for i in range(0, len(values), OPEN_CHUNK):
        opened.update(_insert_or_ignore(values[i : i + OPEN_CHUNK]))
    audit.record_each(
        None,
        "suggestion",
        sorted((new_id, pending[key].team_id) for key, new_id in opened.items()),
        "opened",
        {"status": (None, "open")},
        now,
    )
    return opened


def _values(row: Opening, now: datetime) -> dict[str, Any]:
    return {**row._asdict(), "status": "open", "created_at": now}


def _insert_or_ignore(values: list[dict[str, Any]]) -> dict[str, int]:
    """Insert the rows whose key is free; the new ids by key."""
    dialect = db.session.get_bind().dialect.name
    if dialect in ("sqlite", "postgresql"):
        insert = sqlite.insert if dialect == "sqlite" else postgresql.insert
        statement = (
            insert(Suggestion)
            .values(values)
            .on_conflict_do_nothing(index_elements=["key"])
            .returning(Suggestion.id, Suggestion.key)
        )
        return {key: new_id for new_id, key in db.session.execute(statement)}
    opened = {}
    for row in values:
        try:  # any other database: a savepoint absorbs each duplicate
            with db.session.begin_nested():
                suggestion = Suggestion(**row)
                db.session.add(suggestion)
            opened[row["key"]] = suggestion.id
        except IntegrityError:
            pass
    return opened


# --- reading ----------------------------------------------------------------------------------


def get_suggestion(owner: Recruiter, suggestion_id: Any) -> Suggestion:
    return get_owned(Suggestion, owner, suggestion_id)


def search_suggestions(
    owner: Recruiter, filters: SuggestionFilter | None = None, **values: Any
) -> Select[tuple[Suggestion]]:
    """Open first, then newest first, narrowed by ``filters`` (or a :class:`SuggestionFilter`
    of ``values``); candidate and interview loaded up front."""
    filters = filters or SuggestionFilter(**values)
    query = owned(Suggestion, owner).options(
        selectinload(Suggestion.candidate),
        selectinload(Suggestion.interview).selectinload(Interview.client),
    )
    return filters.apply(query, owner)


# --- deciding ---------------------------------------------------------------------------------


def _transition(row: Suggestion, from_status: tuple[str, ...], values: dict[str, Any]) -> bool:
    """``UPDATE ... WHERE id = row.id AND status IN from_status``: True if it applied."""
    result = db.session.execute(
        update(Suggestion)
        .where(Suggestion.id == row.id, Suggestion.status.in_(from_status))
        .values(**values)
        .execution_options(synchronize_session="fetch")
    )
    return bool(result.rowcount)


def _refuse(row: Suggestion, action: str) -> ServiceError:
    return ServiceError.field("status", f"Cannot {action}: this suggestion is {row.status}.")


def withdraw(row: Suggestion, reason: str, now: datetime) -> bool:
    """Withdraw an open suggestion automatically (its cause went away). False if not open."""
    if not _transition(
        row, ("open",), {"status": "withdrawn", "resolved_at": now, "resolution_reason": reason}
    ):
        return False
    audit.record(
        None,
        row.team_id,
        "suggestion",
        row.id,
        "withdrawn",
        {"status": ("open", "withdrawn")},
        reason,
        now,
    )
    return True


def accept(owner: Recruiter, row: Suggestion, now: datetime, note: str | None = None) -> Suggestion:
    note = _clean(note, "note")
    candidate = row.candidate
    previous = candidate.connection_status
    evidence = {**(row.evidence or {}), "previous_connection_status": previous}
    values = {
        "status": "accepted",
        "decided_by_id": owner.id,
        "resolved_at": now,
        "resolution_reason": note,
        "evidence": evidence,
    }
    if not _transition(row, ("open",), values):
        db.session.refresh(row)
        raise _refuse(row, "accept")
    reason = f"Accepted suggestion {row.id} ({KIND_LABELS[row.kind].lower()})"
    reason += f": {note}" if note else f": {(row.reasons or [''])[0]}"
    if previous != "removed":
        candidates.update_candidate(
            owner, candidate, {"connection_status": "removed"}, now, reason=reason
        )
    audit.record(
        owner,
        owner.team_id,
        "suggestion",
        row.id,
        "accepted",
        {"status": ("open", "accepted")},
        reason,
        now,
    )
    db.session.flush()
    return row


def dismiss(owner: Recruiter, row: Suggestion, reason: str | None, now: datetime) -> Suggestion:
    reason = _clean(reason, "reason")
    if not reason:
        raise ServiceError.field("reason", "Say why you dismiss it: a reason is required.")
    values = {
        "status": "dismissed",
        "decided_by_id": owner.id,
        "resolved_at": now,
        "resolution_reason": reason,
    }
    if not _transition(row, ("open",), values):
        db.session.refresh(row)
        raise _refuse(row, "dismiss")
    audit.record(
        owner,
        owner.team_id,
        "suggestion",
        row.id,
        "dismissed",
        {"status": ("open", "dismissed")},
        reason,
        now,
    )
    db.session.flush()
    return row


BULK_ACTIONS = ("accept", "dismiss")


def decide_many(
    owner: Recruiter, suggestion_ids: Any, action: str, reason: str | None, now: datetime
) -> list[Suggestion]:
    """Accept or dismiss several suggestions with one reason: all or none (a refusal names the
    suggestion). Each decision is audited as if made one by one."""
    if action not in BULK_ACTIONS:
        raise ServiceError.field("action", f"Choose one of {', '.join(BULK_ACTIONS)}.")
    rows = get_owned_many(Suggestion, owner, suggestion_ids)
    for row in rows:
        try:
            if action == "accept":
                accept(owner, row, now, reason)
            else:
                dismiss(owner, row, reason, now)
        except ServiceError as exc:
            if "reason" in exc.fields:
                raise
            message = f"Suggestion {row.id} ({row.candidate.full_name}): {exc.message}"
            raise ServiceError(message, {"ids": [message]}) from None
    return rows


def undo(owner: Recruiter, row: Suggestion, now: datetime) -> Suggestion:
    """Back to open. Undoing an accept restores the connection status it replaced."""
    before = row.status
    if before not in ("accepted", "dismissed"):
        raise ServiceError.field(
            "status",
            f"Only an accepted or dismissed suggestion can be undone; this one is {before}.",
        )
    previous = (row.evidence or {}).get("previous_connection_status")
    evidence = {k: v for k, v in (row.evidence or {}).items() if k != "previous_connection_status"}
    values = {
        "status": "open",
        "decided_by_id": None,
        "resolved_at": None,
        "resolution_reason": None,
        "evidence": evidence,
    }
    if not _transition(row, (before,), values):
        db.session.refresh(row)
        raise _refuse(row, "undo")
    reason = f"Undid the {before} suggestion {row.id} ({KIND_LABELS[row.kind].lower()})"
    candidate = row.candidate
    if before == "accepted" and previous and candidate.connection_status == "removed":
        candidates.update_candidate(
            owner, candidate, {"connection_status": previous}, now, reason=reason
        )
    audit.record(
        owner,
        owner.team_id,
        "suggestion",
        row.id,
        "undone",
        {"status": (before, "open")},
        reason,
        now,
    )
    db.session.flush()
    return row


def _clean(text: str | None, name: str) -> str | None:
    text = (text or "").strip() or None
    if text and len(text) > MAX_REASON:
        raise ServiceError.field(name, f"At most {MAX_REASON} characters.")
    return text
