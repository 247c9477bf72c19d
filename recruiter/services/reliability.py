"""Keeps each candidate's cached reliability in step with their history.

The rules live in :mod:`recruiter.scoring` (pure); this module only feeds it plain data and
stores what it returns, in the caller's transaction. It knows nothing of ghosts, suggestions
or reminders: :mod:`recruiter.services.consequences` asks each of them in turn.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from recruiter import scoring
from recruiter.extensions import db
from recruiter.models import Candidate, Interview, Outreach


def history(candidate_id: int) -> tuple[list[scoring.InterviewIn], list[scoring.OutreachIn]]:
    interviews = db.session.scalars(
        select(Interview)
        .where(Interview.candidate_id == candidate_id)
        .options(selectinload(Interview.events))
        .order_by(Interview.id)
    )
    outreach = db.session.scalars(
        select(Outreach).where(Outreach.candidate_id == candidate_id).order_by(Outreach.sent_at)
    )
    return [to_interview_in(i) for i in interviews], [to_outreach_in(o) for o in outreach]


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


Loaded = tuple[Sequence[Interview], Sequence[Outreach]]


def compute(
    candidate: Candidate, now: datetime, loaded: Loaded | None = None
) -> scoring.Reliability:
    """The candidate's reliability as of ``now``, from their history (``loaded`` when the
    caller has it already: interviews with events by id, outreach by time)."""
    if loaded is None:
        interviews, outreach = history(candidate.id)
    else:
        interviews = [to_interview_in(i) for i in loaded[0]]
        outreach = [to_outreach_in(o) for o in loaded[1]]
    return scoring.score_candidate(interviews, outreach, now)


def refresh(
    candidate: Candidate, now: datetime, loaded: Loaded | None = None
) -> scoring.Reliability:
    """Recompute and store the candidate's reliability (flushes, never commits)."""
    db.session.flush()
    result = compute(candidate, now, loaded)
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
