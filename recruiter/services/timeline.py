"""Plain data for a candidate's page: the timeline of every interview event and outreach."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import selectinload

from recruiter import scoring
from recruiter.extensions import db
from recruiter.models import Candidate, Interview, Outreach, Recruiter
from recruiter.services import accounts, reliability
from recruiter.services.interviews import notice_hours
from recruiter.services.scoping import owned

EVENT_TEXT = {
    "confirmation_requested": "Confirmation requested",
    "confirmed": "Confirmed the interview",
    "declined": "Declined the interview",
    "cancelled": "Cancelled",
    "rescheduled": "Rescheduled",
    "attended": "Attended",
    "no_show": "Did not show up",
    "explained": "Explained the no-show",
}


@dataclass
class Item:
    at: datetime
    kind: str  # "event" | "outreach" | "scheduled"
    label: str
    detail: str = ""
    interview_id: int | None = None
    outreach_id: int | None = None
    tone: str = "secondary"
    extra: dict[str, Any] = field(default_factory=dict)
    who: str = ""  # the team member who logged it ("" for the clock or an import's past)


def candidate_interviews(owner: Recruiter, candidate: Candidate) -> list[Interview]:
    return list(
        db.session.scalars(
            owned(Interview, owner)
            .where(Interview.candidate_id == candidate.id)
            .options(selectinload(Interview.events), selectinload(Interview.client))
            .order_by(Interview.scheduled_at.desc())
        )
    )


def candidate_outreach(owner: Recruiter, candidate: Candidate) -> list[Outreach]:
    return list(
        db.session.scalars(
            owned(Outreach, owner)
            .where(Outreach.candidate_id == candidate.id)
            .order_by(Outreach.sent_at.desc())
        )
    )


def _event_items(interview: Interview, names: dict[int, str]) -> list[Item]:
    where = interview.client.name if interview.client else "an interview"
    role = f" ({interview.role})" if interview.role else ""
    items = [
        Item(
            at=interview.original_scheduled_at,
            kind="scheduled",
            label=f"Interview with {where}{role} scheduled",
            interview_id=interview.id,
            tone="info",
            who=names.get(interview.recruiter_id or 0, ""),
        )
    ]
    start = interview.original_scheduled_at
    for event in interview.live_events:
        detail = []
        if event.by:
            detail.append(f"by {event.by}")
        if event.type in ("cancelled", "rescheduled"):
            detail.append(f"{notice_hours(event, start):.0f} h notice")
        if event.reason:
            detail.append(event.reason)
        items.append(
            Item(
                at=event.at,
                kind="event",
                label=f"{EVENT_TEXT[event.type]} — {where}",
                detail="; ".join(detail),
                interview_id=interview.id,
                tone=_tone(event.type),
                extra={"new_scheduled_at": event.new_scheduled_at},
                who=names.get(event.recorded_by_id or 0, ""),
            )
        )
        if event.new_scheduled_at:
            start = event.new_scheduled_at
    return items


def _tone(event_type: str) -> str:
    return {
        "attended": "success",
        "confirmed": "success",
        "no_show": "danger",
        "declined": "warning",
        "cancelled": "warning",
        "rescheduled": "warning",
        "explained": "info",
    }.get(event_type, "secondary")


def _outreach_item(row: Outreach, names: dict[int, str], viewer: int) -> Item:
    who = names.get(row.logged_by_id or 0, "")
    if row.direction == "inbound":
        return Item(
            row.sent_at,
            "outreach",
            f"They reached out ({row.channel})",
            row.note or "",
            row.interview_id,
            row.id,
            "success",
            who=who,
        )
    if row.responded_at:
        hours = (row.responded_at - row.sent_at).total_seconds() / 3600
        detail = f"answered after {hours:.1f} h"
        tone = "success" if hours <= 24 else "warning"
    else:
        detail, tone = "no answer yet", "danger"
    sender = "You" if row.logged_by_id in (None, viewer) else (who or "A colleague")
    return Item(
        row.sent_at,
        "outreach",
        f"{sender}: {row.channel}",
        detail if not row.note else f"{detail} — {row.note}",
        row.interview_id,
        row.id,
        tone,
        {"responded_at": row.responded_at},
        who=who,
    )


def for_candidate(
    owner: Recruiter,
    candidate: Candidate,
    interviews: list[Interview] | None = None,
    outreach: list[Outreach] | None = None,
) -> list[Item]:
    """The timeline, newest first (from rows already loaded, when given), each item naming the
    team member who logged it."""
    names = {**accounts.member_names(owner.team_id), owner.id: "you"}
    items: list[Item] = []
    for interview in candidate_interviews(owner, candidate) if interviews is None else interviews:
        items.extend(_event_items(interview, names))
    rows = candidate_outreach(owner, candidate) if outreach is None else outreach
    items.extend(_outreach_item(o, names, owner.id) for o in rows)
    return sorted(items, key=lambda i: i.at, reverse=True)


def score_history(
    candidate: Candidate,
    now: datetime,
    points: int = 12,
    interviews: list[Interview] | None = None,
    outreach: list[Outreach] | None = None,
) -> list[dict[str, Any]]:
    """The score at monthly points up to ``now`` (only what was known at each point)."""
    if interviews is None or outreach is None:
        interviews_in, outreach_in = reliability.history(candidate.id)
    else:
        interviews_in = [reliability.to_interview_in(i) for i in sorted(interviews, key=_id)]
        outreach_in = [reliability.to_outreach_in(o) for o in reversed(outreach)]
    return _score_points(interviews_in, outreach_in, now, points)


def _id(interview: Interview) -> int:
    return interview.id


def _score_points(
    interviews: list[scoring.InterviewIn],
    outreach: list[scoring.OutreachIn],
    now: datetime,
    points: int,
) -> list[dict[str, Any]]:
    starts = [i.scheduled_at for i in interviews] + [o.sent_at for o in outreach]
    if not starts:
        return []
    first = min(starts)
    step = max((now - first) / (points - 1), timedelta(days=1))
    moments = [min(first + step * i, now) for i in range(points)]
    moments = sorted(set(moments))
    return [
        {"at": at, "score": None if score is None else round(score, 1)}
        for at, score in scoring.score_history(interviews, outreach, moments)
    ]


def candidate_extras(owner: Recruiter, candidate: Candidate, now: datetime) -> dict[str, Any]:
    """Everything else the candidate page shows, loaded up front (no lazy loads in templates),
    each row once: the timeline (``timeline``) and the score's history share them."""
    interviews = candidate_interviews(owner, candidate)
    outreach = candidate_outreach(owner, candidate)
    return {
        "timeline": for_candidate(owner, candidate, interviews, outreach),
        "score_history": score_history(candidate, now, interviews=interviews, outreach=outreach),
        "interviews": interviews,
        "open_interviews": [
            i
            for i in interviews
            if i.status not in ("cancelled", "attended", "no_show", "declined")
        ],
        "recommendations": list(candidate.recommendations),
        "reliability": candidate.reliability or {},
        "now": now,
    }
