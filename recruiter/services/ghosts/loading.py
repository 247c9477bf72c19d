"""Loading no-shows with their details, outreach and signals, and the stored verdicts as pages
show them (:func:`as_stored`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime

from sqlalchemy import Select
from sqlalchemy.orm import selectinload

from recruiter.extensions import db
from recruiter.models import (
    CandidateSignal,
    Interview,
    Outreach,
    Recruiter,
)
from recruiter.services.ghost_rule import (
    GhostAssessment,
    GhostSettings,
    assess,
)
from recruiter.services.scoping import owned


def with_details(query: Select[tuple[Interview]]) -> Select[tuple[Interview]]:
    return query.options(
        selectinload(Interview.events),
        selectinload(Interview.client),
        selectinload(Interview.candidate),
    )


def outreach_by_candidate(team_id: int, candidate_ids: Iterable[int]) -> dict[int, list[Outreach]]:
    ids = sorted(set(candidate_ids))
    grouped: dict[int, list[Outreach]] = defaultdict(list)
    if not ids:
        return grouped
    rows = db.session.scalars(
        owned(Outreach, team_id)
        .where(Outreach.candidate_id.in_(ids))
        .order_by(Outreach.sent_at, Outreach.id)
    )
    for row in rows:
        grouped[row.candidate_id].append(row)
    return grouped


def assess_many(
    team_id: int, interviews: Sequence[Interview], now: datetime, settings: GhostSettings
) -> list[tuple[Interview, GhostAssessment]]:
    """Assess interviews (loaded :func:`with_details`) with one query for their outreach."""
    outreach = outreach_by_candidate(team_id, (i.candidate_id for i in interviews))
    return [(i, assess(i, outreach.get(i.candidate_id, []), now, settings)) for i in interviews]


def as_stored(interview: Interview, live: GhostAssessment) -> GhostAssessment:
    """What pages show: the stored verdict and what it misses (the verdict its suggestion
    follows), with the evidence read as of now (follow-ups, days of silence)."""
    return replace(
        live,
        state=interview.ghost_state,
        missing=list(interview.ghost_missing or []),
        next_review_at=interview.next_review_at,
    )


def shown_many(
    team_id: int, interviews: Sequence[Interview], now: datetime, settings: GhostSettings
) -> list[tuple[Interview, GhostAssessment]]:
    """:func:`assess_many` for display: the stored verdicts with today's evidence."""
    return [(i, as_stored(i, a)) for i, a in assess_many(team_id, interviews, now, settings)]


def candidate_ghosts(
    owner: Recruiter,
    candidate_id: int,
    now: datetime,
    settings: GhostSettings,
    flagged_only: bool = False,
) -> list[tuple[Interview, GhostAssessment]]:
    """Every no-show of one candidate with its stored verdict (newest first); with
    ``flagged_only``, only those stored as possible or ghosted (what a page shows: its cost
    then follows the flagged no-shows, not every one in the history)."""
    query = with_details(owned(Interview, owner)).where(
        Interview.candidate_id == candidate_id, Interview.status == "no_show"
    )
    if flagged_only:
        query = query.where(Interview.ghost_state != "no")
    rows = list(db.session.scalars(query.order_by(Interview.scheduled_at.desc())))
    return shown_many(owner.team_id, rows, now, settings)


def possible_ghosts(
    owner: Recruiter, now: datetime, settings: GhostSettings, limit: int = 10
) -> list[tuple[Interview, GhostAssessment]]:
    """The owner's possible ghosts, newest first (for the dashboard)."""
    rows = list(
        db.session.scalars(
            with_details(owned(Interview, owner))
            .where(Interview.ghost_state == "possible")
            .order_by(Interview.scheduled_at.desc())
            .limit(limit)
        )
    )
    return shown_many(owner.team_id, rows[:limit], now, settings)


def signals_by_candidate(
    team_id: int, candidate_ids: Iterable[int], now: datetime
) -> dict[int, list[CandidateSignal]]:
    """Each candidate's signals up to ``now``, newest first."""
    ids = sorted(set(candidate_ids))
    grouped: dict[int, list[CandidateSignal]] = defaultdict(list)
    if not ids:
        return grouped
    rows = db.session.scalars(
        owned(CandidateSignal, team_id)
        .where(CandidateSignal.candidate_id.in_(ids), CandidateSignal.at <= now)
        .order_by(CandidateSignal.at.desc(), CandidateSignal.id.desc())
    )
    for row in rows:
        grouped[row.candidate_id].append(row)
    return grouped


def latest_signal_since(
    interview: Interview, signals: Sequence[CandidateSignal]
) -> CandidateSignal | None:
    return next((s for s in signals if s.at >= interview.scheduled_at), None)
