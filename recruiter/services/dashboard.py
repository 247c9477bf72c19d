"""Plain data for the dashboard."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from recruiter.extensions import db
from recruiter.models import Candidate, Interview, Outreach, Recruiter
from recruiter.services import reminders
from recruiter.services.scoping import owned


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
            .order_by(Interview.scheduled_at)
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
    counts = {
        "candidates": db.session.scalar(
            select(func.count(Candidate.id)).where(Candidate.team_id == owner.team_id)
        )
        or 0,
        "interviews": db.session.scalar(
            select(func.count(Interview.id)).where(Interview.team_id == owner.team_id)
        )
        or 0,
    }
    return {
        "upcoming": upcoming,
        "unanswered": unanswered,
        "counts": counts,
        "reminders": reminders.today(owner, now, whole_team=whole_team),
    }
