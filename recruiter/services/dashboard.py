"""Plain data for the dashboard."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import selectinload

from recruiter.extensions import db
from recruiter.models import Candidate, Client, Interview, Outreach, Recruiter
from recruiter.services import reminders
from recruiter.services.scoping import owned

# The soonest interviews of the week shown (a week of a large network is thousands); the page
# links to the whole list when there are more.
UPCOMING_SHOWN = 25


def overview(
    owner: Recruiter, now: datetime, horizon: timedelta, whole_team: bool = False
) -> dict[str, Any]:
    upcoming = list(
        db.session.scalars(
            owned(Interview, owner)
            .where(
                Interview.scheduled_at >= now,
                Interview.scheduled_at < now + horizon,
                Interview.status.not_in(("cancelled", "declined")),
            )
            .options(selectinload(Interview.candidate), selectinload(Interview.client))
            .order_by(Interview.scheduled_at, Interview.id)
            .limit(UPCOMING_SHOWN + 1)
        )
    )
    unanswered = list(
        db.session.scalars(
            owned(Outreach, owner)
            .where(Outreach.direction == "outbound", Outreach.responded_at.is_(None))
            .options(selectinload(Outreach.candidate))
            .order_by(Outreach.sent_at.desc())
            .limit(10)
        )
    )
    has_candidates = _has(Candidate, owner)
    return {
        "upcoming": upcoming[:UPCOMING_SHOWN],
        "more_upcoming": len(upcoming) > UPCOMING_SHOWN,
        "unanswered": unanswered,
        # Whether the team has begun (the page's first steps, the demo button): the first
        # candidate and client found by their index, never a count of the network.
        "has_candidates": has_candidates,
        "has_data": has_candidates or _has(Client, owner),  # as ``demo.has_data``
        "reminders": reminders.today(owner, now, whole_team=whole_team),
    }


def _has(model: type[Candidate] | type[Client], owner: Recruiter) -> bool:
    return db.session.scalar(owned(model, owner).with_only_columns(model.id).limit(1)) is not None
