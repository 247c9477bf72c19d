"""Merging a duplicate into the candidate kept: one person, one history.

:func:`merge_candidates` moves every interview, outreach, signal, recommendation, suggestion
and reminder of the duplicate to the kept candidate, fills the kept one's empty fields from
the duplicate, deletes the duplicate and records both sides in the audit trail; the kept one
is touched, so the unit of work's one consequences step (``services.consequences``) rescores
it and reviews its ghost verdicts and reminders before the commit.

What could clash on the move, and how it is settled:

- outreach ``UNIQUE (team_id, source_key)``, and the unique ``key`` of suggestions and
  reminders that name an interview or an outreach (``remove_connection:interview:12``): the
  rows keep their owner, their key and the row they name, so nothing clashes;
- a suggestion keyed by the candidate (``possible_fake_profile:candidate:<id>``): re-keyed to
  the kept candidate, or dropped when the kept one already has one of that kind (its decision
  stands);
- the same signal on both (same type at the same moment, e.g. one connection request seen
  under two profiles): the duplicate's copy is dropped;
- the same recommender named on both: the duplicate's copy is dropped;
- ``UNIQUE (team_id, profile_url)``: the duplicate is deleted before its URL can fill an empty
  one on the kept candidate. When both have a URL, the kept one's stays and the duplicate's
  becomes a :class:`~recruiter.models.CandidateAlias` of the kept one: still taken (a new
  candidate with it is a conflict naming the kept one), and a LinkedIn import of that profile
  updates the kept candidate instead of making the duplicate again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, exists, update
from sqlalchemy.orm import aliased

from recruiter.extensions import db
from recruiter.models import (
    CANDIDATE_FIELDS,
    SUGGESTION_KINDS,
    Candidate,
    CandidateAlias,
    CandidateSignal,
    Interview,
    Outreach,
    Recommendation,
    Recruiter,
    Reminder,
    Suggestion,
)
from recruiter.services import ServiceError, audit, candidates, suggestions, unit
from recruiter.services.scoping import owned

# What a candidate's history is made of, as the audit entry counts it.
MOVED = (
    ("interviews", Interview),
    ("outreach", Outreach),
    ("signals", CandidateSignal),
    ("recommendations", Recommendation),
    ("suggestions", Suggestion),
    ("reminders", Reminder),
    ("aliases", CandidateAlias),  # profile URLs of duplicates merged into this one before
)
# Filled on the kept candidate when empty there; the connection is "empty" when "none".
FILLED = tuple(f for f in CANDIDATE_FIELDS if f != "full_name") + ("photo_hash",)


@dataclass
class Merged:
    kept: Candidate
    duplicate_id: int
    filled: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    moved: dict[str, int] = field(default_factory=dict)
    dropped: dict[str, int] = field(default_factory=dict)


def merge_candidates(
    owner: Recruiter,
    duplicate: Candidate,
    into: Candidate,
    now: datetime,
    actor: Recruiter | None = None,
) -> Merged:
    """Merge ``duplicate`` into ``into`` (both the owner's: the caller found them through the
    scoping helper). Flushes, never commits."""
    if duplicate.id == into.id:
        raise ServiceError.field("into", "A candidate cannot be merged into itself.")
    db.session.flush()
    merged = Merged(kept=into, duplicate_id=duplicate.id)
    merged.dropped = _drop_clashes(owner.team_id, duplicate.id, into.id)
    for name, model in MOVED:
        result = db.session.execute(
            update(model)
            .where(model.team_id == owner.team_id, model.candidate_id == duplicate.id)
            .values(candidate_id=into.id)
            .execution_options(synchronize_session="evaluate")
        )
        merged.moved[name] = result.rowcount or 0
    fills = _fills(duplicate, into)
    snapshot = {
        name: (value, None)
        for name in ("full_name", *FILLED)
        if (value := getattr(duplicate, name)) not in (None, "")
    }
    # Its collection was moved above: reload it empty, or the cascade would delete the moves.
    db.session.expire(duplicate, ["recommendations"])
    db.session.delete(duplicate)
    db.session.flush()  # the duplicate's profile URL is free before the kept one takes it

    merged.filled = audit.diff(into, fills)
    if duplicate.profile_url and "profile_url" not in merged.filled:
        # The kept one has its own: the duplicate's stays taken, and imports find them by it.
        db.session.add(
            CandidateAlias(
                team_id=owner.team_id,
                candidate_id=into.id,
                profile_url=duplicate.profile_url,
                created_at=now,
            )
        )
    candidates.refresh_keys(into)
    into.updated_at = now
    reason = _reason(duplicate, merged)
    who = actor or owner
    audit.record(
        who,
        owner.team_id,
        "candidate",
        duplicate.id,
        "merged_into",
        {"merged_into": (duplicate.id, into.id), **snapshot},
        reason,
        now,
    )
    audit.record(
        who,
        owner.team_id,
        "candidate",
        into.id,
        "merged",
        {"merged_from": (None, duplicate.id), **merged.filled},
        reason,
        now,
    )
    unit.touch(into.id, now)
    db.session.flush()
    # Rows loaded before the move may still point at the deleted candidate: read them afresh.
    db.session.expire_all()
    return merged


def _fills(duplicate: Candidate, into: Candidate) -> dict[str, Any]:
    fills: dict[str, Any] = {}
    for name in FILLED:
        mine, theirs = getattr(into, name), getattr(duplicate, name)
        empty = mine in (None, "") or (name == "connection_status" and mine == "none")
        if empty and theirs not in (None, "", "none"):
            fills[name] = theirs
    return fills


def _reason(duplicate: Candidate, merged: Merged) -> str:
    moved = ", ".join(f"{count} {name}" for name, count in merged.moved.items() if count)
    dropped = ", ".join(f"{count} {name}" for name, count in merged.dropped.items() if count)
    text = f"Merged {duplicate.full_name} (candidate {duplicate.id})"
    text += f": moved {moved}" if moved else ": nothing to move"
    if dropped:
        text += f"; dropped as already there: {dropped}"
    return text + "."


def _drop_clashes(team_id: int, duplicate_id: int, into_id: int) -> dict[str, int]:
    """Settle, before the move, what would be there twice after it (see the module docstring)."""
    dropped: dict[str, int] = {}
    kept = aliased(CandidateSignal)
    same_signal = exists().where(
        kept.candidate_id == into_id,
        kept.type == CandidateSignal.type,
        kept.at == CandidateSignal.at,
    )
    dropped["signals"] = _delete(
        CandidateSignal,
        and_(
            CandidateSignal.team_id == team_id,
            CandidateSignal.candidate_id == duplicate_id,
            same_signal,
        ),
    )
    vouched = aliased(Recommendation)
    same_recommender = exists().where(
        vouched.candidate_id == into_id,
        vouched.recommender_name == Recommendation.recommender_name,
    )
    dropped["recommendations"] = _delete(
        Recommendation,
        and_(
            Recommendation.team_id == team_id,
            Recommendation.candidate_id == duplicate_id,
            same_recommender,
        ),
    )
    dropped["suggestions"] = _rekey_suggestions(team_id, duplicate_id, into_id)
    return dropped


def _delete(model: Any, condition: Any) -> int:
    result = db.session.execute(
        delete(model).where(condition).execution_options(synchronize_session="fetch")
    )
    return result.rowcount or 0


def _rekey_suggestions(team_id: int, duplicate_id: int, into_id: int) -> int:
    """Suggestions keyed by the duplicate take the kept candidate's key, unless it has one."""
    theirs = {suggestions.candidate_key(k, duplicate_id): k for k in SUGGESTION_KINDS}
    mine = {suggestions.candidate_key(k, into_id) for k in SUGGESTION_KINDS}
    rows = db.session.scalars(
        owned(Suggestion, team_id).where(Suggestion.key.in_([*theirs, *mine]))
    ).all()
    taken = {row.key for row in rows if row.key in mine}
    dropped = 0
    for row in rows:
        if row.key not in theirs:
            continue
        new_key = suggestions.candidate_key(theirs[row.key], into_id)
        if new_key in taken:
            db.session.delete(row)
            dropped += 1
        else:
            row.key = new_key
    db.session.flush()
    return dropped
