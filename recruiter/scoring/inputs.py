"""The plain data the score is computed from: interviews with their events, and outreach."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class EventIn:
    """One interview event from the append-only log."""

    type: str  # confirmation_requested | confirmed | declined | cancelled | rescheduled
    #            | attended | no_show | explained
    at: datetime  # tz-aware UTC: when it happened or was said
    by: str | None = None  # candidate | client | recruiter (cancelled / rescheduled)
    new_scheduled_at: datetime | None = None  # rescheduled only


@dataclass(frozen=True)
class InterviewIn:
    id: int
    scheduled_at: datetime  # the original scheduled start, as first created
    events: tuple[EventIn, ...]  # in the order they were recorded


@dataclass(frozen=True)
class OutreachIn:
    id: int
    sent_at: datetime
    responded_at: datetime | None
    direction: str = "outbound"  # outbound (recruiter -> candidate) | inbound
    channel: str = "call"  # call | text | email | message | voicemail
