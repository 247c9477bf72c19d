"""Keeps each candidate's cached reliability in step with their history.

The rules live in :mod:`recruiter.scoring` (pure); this module only feeds it plain data and
stores what it returns, in the caller's transaction. It knows nothing of ghosts, suggestions
or reminders: :mod:`recruiter.services.consequences` asks each of them in turn.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from recruiter import scoring
from recruiter.extensions import db
from recruiter.models import Candidate, Interview, Outreach


def history(candidate_id: int) -> tuple[list[scoring.InterviewIn], list[scoring.OutreachIn]]:
    interviews, outreach = _load(candidate_id)
    return [to_interview_in(i) for i in interviews], [to_outreach_in(o) for o in outreach]


def _load(candidate_id: int) -> tuple[list[Interview], list[Outreach]]:
    interviews = db.session.scalars(
        select(Interview)
        .where(Interview.candidate_id == candidate_id)
        .options(selectinload(Interview.events))
        .order_by(Interview.id)
    )
    outreach = db.session.scalars(
        select(Outreach).where(Outreach.candidate_id == candidate_id).order_by(Outreach.sent_at)
    )
    return list(interviews), list(outreach)


def to_interview_in(interview: Interview) -> scoring.InterviewIn:
    return scoring.InterviewIn(
        id=interview.id,
        scheduled_at=interview.original_scheduled_at,
        events=tuple(
            scoring.EventIn(type=e.type, at=e.at, by=e.by, new_scheduled_at=e.new_scheduled_at)
            for e in interview.live_events
        ),
    )


def to_outreach_in(row: Outreach) -> scoring.OutreachIn:
    return scoring.OutreachIn(
        id=row.id,
        sent_at=row.sent_at,
        responded_at=row.responded_at,
        direction=row.direction,
        channel=row.channel,
    )


def compute(candidate: Candidate, now: datetime) -> scoring.Reliability:
    interviews, outreach = history(candidate.id)
    return scoring.score_candidate(interviews, outreach, now)


def store_outcomes(
    interviews: Iterable[tuple[Interview, scoring.InterviewIn]], now: datetime
) -> None:
    """Store each interview's outcome as the score judges it (``scoring.classify_interview``),
    so charts count outcomes in SQL and never disagree with the score."""
    for row, data in interviews:
        outcome = scoring.classify_interview(data, now)
        if row.outcome != outcome:
            row.outcome = outcome


def refresh(candidate: Candidate, now: datetime) -> scoring.Reliability:
    """Recompute and store the candidate's reliability and its interviews' outcomes (flushes,
    never commits)."""
    db.session.flush()
    rows, outreach = _load(candidate.id)
    interviews = [(row, to_interview_in(row)) for row in rows]
    store_outcomes(interviews, now)
    result = scoring.score_candidate(
        [data for _, data in interviews], [to_outreach_in(o) for o in outreach], now
    )
    candidate.score = result.score
    candidate.score_low, candidate.score_high = result.band or (None, None)
    candidate.confidence = result.confidence
    candidate.no_show_probability = result.no_show_probability
    candidate.reliability = result.to_dict()
    candidate.score_computed_at = now
    db.session.flush()
    return result


def recompute_all(now: datetime, owner_id: int | None = None, batch: int = 500) -> int:
    """Recompute every candidate (decay moves scores with time). Returns how many."""
    query = select(Candidate).order_by(Candidate.id)
    if owner_id is not None:
        query = query.where(Candidate.owner_id == owner_id)
    count = 0
    for candidate in _batched(query, batch):
        refresh(candidate, now)
        count += 1
    return count


def _batched(query, size: int) -> Iterable[Candidate]:  # type: ignore[no-untyped-def]
    last_id = 0
    while True:
        rows = list(db.session.scalars(query.where(Candidate.id > last_id).limit(size)))
        if not rows:
            return
        yield from rows
        last_id = rows[-1].id
