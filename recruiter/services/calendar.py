"""The calendar feed: a recruiter's interviews as iCalendar (RFC 5545), for Google Calendar,
Outlook and Apple Calendar to subscribe to.

Calendar apps fetch a feed without logging in, so the feed's URL carries a secret
(``Recruiter.calendar_token``): whoever has the URL sees the interviews, and rotating the token
ends that. The feed holds interviews from ``PAST`` ago to ``AHEAD`` from now, each with a UID
that never changes (so an app updates the event in place when it is rescheduled), its times in
UTC, and a status: TENTATIVE until the candidate confirmed, CONFIRMED, or CANCELLED.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from icalendar import Calendar, Event
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from recruiter.extensions import db
from recruiter.models import Interview, Recruiter, new_feed_token
from recruiter.services import audit
from recruiter.services.scoping import owned

PAST = timedelta(days=30)
AHEAD = timedelta(days=183)  # six months
CANCELLED = ("cancelled", "declined")
CONFIRMED = ("confirmed", "attended")
PRODUCT_ID = "-//Reliant//Interviews//EN"


def rotate(owner: Recruiter, now: datetime) -> str:
    """A new secret: the old URL stops working at once (flushes; audited)."""
    owner.calendar_token = new_feed_token()
    db.session.flush()
    audit.record(owner, owner.team_id, "recruiter", owner.id, "calendar_rotated", now=now)
    return owner.calendar_token


def owner_for_token(token: str) -> Recruiter | None:
    """The active recruiter whose feed this is, or None (an old, unknown or odd token)."""
    if not token or len(token) > 64:
        return None
    recruiter = db.session.scalar(select(Recruiter).where(Recruiter.calendar_token == token))
    return recruiter if recruiter is not None and recruiter.active else None


def interviews_in_window(owner: Recruiter, now: datetime) -> list[Interview]:
    """The interviews this recruiter is in charge of (a colleague's are on their own feed)."""
    query = (
        owned(Interview, owner)
        .where(
            Interview.recruiter_id == owner.id,
            Interview.scheduled_at >= now - PAST,
            Interview.scheduled_at <= now + AHEAD,
        )
        .options(
            selectinload(Interview.candidate),
            selectinload(Interview.client),
            selectinload(Interview.events),
        )
        .order_by(Interview.scheduled_at, Interview.id)
    )
    return list(db.session.scalars(query))


def status(interview: Interview) -> str:
    """TENTATIVE until the candidate confirmed; CONFIRMED; CANCELLED (cancelled or declined).
    A no-show was confirmed if the candidate had confirmed it."""
    if interview.status in CANCELLED:
        return "CANCELLED"
    if interview.status in CONFIRMED:
        return "CONFIRMED"
    if interview.status == "no_show":
        confirmed = any(e.type == "confirmed" for e in interview.live_events)
        return "CONFIRMED" if confirmed else "TENTATIVE"
    return "TENTATIVE"


def build_feed(
    owner: Recruiter,
    interviews: Sequence[Interview],
    now: datetime,
    link: Callable[[Interview], str],
    host: str,
) -> bytes:
    """The feed as bytes. ``link`` gives each interview's page; ``host`` makes the UIDs unique
    across installations (``interview-<id>@<host>``)."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Reliant interviews ({owner.name})")
    for interview in interviews:
        calendar.add_component(_event(interview, now, link(interview), host))
    return calendar.to_ical()


def _event(interview: Interview, now: datetime, url: str, host: str) -> Event:
    candidate = interview.candidate.full_name
    client = interview.client.name if interview.client else None
    event = Event()
    event.add("uid", f"interview-{interview.id}@{host}")
    event.add("dtstamp", now)
    event.add("last-modified", interview.updated_at)
    event.add("dtstart", interview.scheduled_at)
    event.add("dtend", interview.scheduled_at + timedelta(minutes=interview.duration_minutes))
    event.add("summary", f"Interview: {candidate}" + (f" with {client}" if client else ""))
    lines = [f"Role: {interview.role}"] if interview.role else []
    lines.append(f"In Reliant: {url}")
    event.add("description", "\n".join(lines))
    event.add("url", url)
    event.add("status", status(interview))
    # A stable sequence that grows with each change, so apps take the newest version.
    event.add("sequence", len(interview.events))
    return event
