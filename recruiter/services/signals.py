"""Candidate signals: they asked to connect, or announced a new position.

A ``connection_request`` sets the connection status to ``pending_incoming`` (audited). For a
candidate with a ghosted interview, any signal since that interview's start opens a
``do_not_reconnect`` suggestion at once, citing the ghosted interview (one per interview).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Select

from recruiter.extensions import db
from recruiter.models import SIGNAL_TYPES, Candidate, CandidateSignal, Recruiter, Suggestion
from recruiter.services import ServiceError, audit, candidates, ghosts
from recruiter.services.ghosts import DEFAULT_SETTINGS, GhostSettings
from recruiter.services.interviews import FUTURE_TOLERANCE
from recruiter.services.scoping import owned

MAX_DETAIL = 2000
TYPE_LABELS = {
    "connection_request": "Asked to connect",
    "new_position": "Announced a new position",
}


@dataclass
class SignalResult:
    signal: CandidateSignal
    suggestions: list[Suggestion] = field(default_factory=list)


def record_signal(
    owner: Recruiter,
    candidate: Candidate,
    type: str,
    at: datetime | None,
    detail: str | None,
    now: datetime,
    settings: GhostSettings = DEFAULT_SETTINGS,
) -> SignalResult:
    errors: dict[str, list[str]] = {}
    if type not in SIGNAL_TYPES:
        errors["type"] = [f"Must be one of: {', '.join(SIGNAL_TYPES)}."]
    if at is None:
        errors["at"] = ["When did it happen? This is required."]
    elif at > now + FUTURE_TOLERANCE:
        errors["at"] = ["That time is in the future."]
    detail = (detail or "").strip() or None
    if detail and len(detail) > MAX_DETAIL:
        errors["detail"] = [f"At most {MAX_DETAIL} characters."]
    if errors:
        raise ServiceError("Please correct the highlighted fields.", errors)
    assert at is not None
    signal = CandidateSignal(
        team_id=owner.team_id,
        candidate_id=candidate.id,
        type=type,
        at=at,
        detail=detail,
        created_at=now,
    )
    db.session.add(signal)
    db.session.flush()
    audit.record(
        owner,
        owner.team_id,
        "candidate",
        candidate.id,
        f"signal:{type}",
        {"signal": (None, detail)},
        now=now,
    )
    if type == "connection_request":
        candidates.update_candidate(
            owner,
            candidate,
            {"connection_status": "pending_incoming"},
            now,
            reason=f"They asked to connect ({at:%Y-%m-%d %H:%M} UTC).",
        )
    return SignalResult(signal, _do_not_reconnect(owner, candidate, signal, now, settings))


def _do_not_reconnect(
    owner: Recruiter,
    candidate: Candidate,
    signal: CandidateSignal,
    now: datetime,
    settings: GhostSettings,
) -> list[Suggestion]:
    opened = []
    for interview, assessment in ghosts.candidate_ghosts(owner, candidate.id, now, settings):
        if not assessment.ghosted or signal.at < interview.scheduled_at:
            continue
        row = ghosts.open_do_not_reconnect(owner, interview, assessment, signal, now)
        if row is not None:
            opened.append(row)
    return opened


def search_signals(
    owner: Recruiter, candidate_id: int | None = None
) -> Select[tuple[CandidateSignal]]:
    query = owned(CandidateSignal, owner)
    if candidate_id:
        query = query.where(CandidateSignal.candidate_id == candidate_id)
    return query.order_by(CandidateSignal.at.desc(), CandidateSignal.id.desc())
