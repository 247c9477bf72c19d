"""The story that started Reliant, with explicit times, shared by the ghost/suggestion tests.

The interview starts at ``START`` (the fixtures' ``NOW``); ``day(n)`` is n days after it.
The candidate confirms two days before, does not show, and the recruiter follows up by call
two hours after the start and by text a day later: no answer.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from recruiter.extensions import db
from recruiter.models import Candidate, Interview, Recruiter, Suggestion
from tests.conftest import NOW

START = NOW


def day(n: float, hours: float = 0) -> datetime:
    return START + timedelta(days=n, hours=hours)


def ghost_story(
    owner: Recruiter,
    make_candidate,  # type: ignore[no-untyped-def]
    make_interview,  # type: ignore[no-untyped-def]
    make_outreach,  # type: ignore[no-untyped-def]
    name: str = "Sam Quinn",
    follow_ups: tuple[tuple[str, datetime], ...] = (("call", day(0, 2)), ("text", day(1))),
    start: datetime = START,
    candidate_values: dict | None = None,
    **interview: object,
) -> tuple[Candidate, Interview]:
    offset = start - START
    candidate = make_candidate(
        owner, now=day(-10) + offset, full_name=name, **(candidate_values or {})
    )
    row = make_interview(
        owner,
        candidate,
        now=day(-10) + offset,
        scheduled_at=start,
        role=interview.pop("role", "Data engineer"),
        events=(("confirmed", day(-2) + offset), ("no_show", day(0, 1) + offset)),
        **interview,
    )
    for channel, at in follow_ups:
        make_outreach(owner, candidate, now=at + offset, sent_at=at + offset, channel=channel)
    return candidate, row


def suggestions_of(candidate: Candidate, kind: str | None = None) -> list[Suggestion]:
    query = db.select(Suggestion).where(Suggestion.candidate_id == candidate.id)
    if kind:
        query = query.where(Suggestion.kind == kind)
    return list(db.session.scalars(query.order_by(Suggestion.id)))
