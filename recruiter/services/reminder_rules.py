"""The rules of reminders, without the database: the cadence, working hours, which causes
call for a reminder and when, and what the reminder says. :mod:`recruiter.services.reminders`
loads the history, feeds it here, and writes what comes out.

Words used here:

- **cause**: what calls for a nudge: an interview at its current start, or an outreach. A
  reminder's ``key`` names its cause and nothing else, e.g.
  ``interview:12:confirm_again:1:20260312T0900Z`` (interview, kind, occurrence, start in UTC) or
  ``outreach:7:follow_up_unanswered:1``. The key never holds the time the reminder is shown, so
  time zones and daylight saving cannot make two keys for one cause; a rescheduled interview has
  a new start, hence new keys and new reminders.
- **moment**: when the cadence says the reminder is due, in elapsed time from its cause (48 h
  before the start is 48 real hours, even across a clock change).
- **due_at**: the moment moved to the next working hour in the recruiter's zone.
- a cause **holds** while the history still calls for it (not confirmed, no outcome logged,
  no answer...). That needs no settings, so a write can close reminders at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from typing import Any

from recruiter import localtime
from recruiter.models import Candidate, Interview, Outreach

NOT_ASKED = ("scheduled", "rescheduled")
UNCONFIRMED = ("scheduled", "confirmation_requested", "rescheduled")
AWAITING_OUTCOME = ("scheduled", "confirmation_requested", "confirmed", "rescheduled")
BEFORE_START = ("request_confirmation", "confirm_again")
# Within a chain, a later reminder replaces an earlier one for the same interview.
CHAINS = {
    "request_confirmation": "confirm",
    "confirm_again": "confirm",
    "follow_up_no_show": "no_show",
}


@dataclass(frozen=True)
class ReminderSettings:
    """The cadence and the working hours. Offsets are elapsed time; working hours are wall-clock
    times in each recruiter's zone, on ``work_days`` (Monday = 0).

    Causes whose moment passed more than ``catch_up`` ago make no reminder: a sweep after long
    downtime, or an import of old history, does not flood the Today view with stale nudges.
    """

    request_confirmation_before: timedelta = timedelta(hours=48)
    # The 24 h reminder, then the day-of nudge.
    confirm_again_before: tuple[timedelta, ...] = (timedelta(hours=24), timedelta(hours=2))
    log_attendance_after_end: timedelta = timedelta(hours=2)
    follow_up_no_show_after: tuple[timedelta, ...] = (timedelta(days=1), timedelta(days=3))
    follow_up_unanswered_after: timedelta = timedelta(days=3)
    work_start: time = time(8, 0)
    work_end: time = time(18, 0)
    work_days: tuple[int, ...] = (0, 1, 2, 3, 4)
    catch_up: timedelta = timedelta(days=7)

    def __post_init__(self) -> None:
        if not self.work_start < self.work_end:
            raise ValueError("work_start must be before work_end")
        if not self.work_days or not set(self.work_days) <= set(range(7)):
            raise ValueError("work_days: one or more of 0 (Monday) to 6 (Sunday)")

    @classmethod
    def from_config(cls, values: Mapping[str, Any] | None) -> ReminderSettings:
        """The ``REMINDERS`` setting: offsets in hours, working hours as ``"HH:MM"``, e.g.
        ``{"request_confirmation_hours": 72, "work_start": "09:00", "work_days": [0, 1, 2, 3]}``.
        """
        values = dict(values or {})
        hours = {
            "request_confirmation_hours": "request_confirmation_before",
            "confirm_again_hours": "confirm_again_before",
            "log_attendance_hours": "log_attendance_after_end",
            "follow_up_no_show_hours": "follow_up_no_show_after",
            "follow_up_unanswered_hours": "follow_up_unanswered_after",
            "catch_up_hours": "catch_up",
        }
        kwargs: dict[str, Any] = {}
        for name, value in values.items():
            if name in hours:
                many = isinstance(value, list | tuple)
                spans = tuple(timedelta(hours=float(v)) for v in (value if many else [value]))
                kwargs[hours[name]] = spans if many else spans[0]
            elif name in ("work_start", "work_end"):
                kwargs[name] = time.fromisoformat(str(value))
            elif name == "work_days":
                kwargs[name] = tuple(int(v) for v in value)
            else:
                known = ", ".join(sorted([*hours, "work_start", "work_end", "work_days"]))
                raise ValueError(f"REMINDERS: unknown setting {name!r}; known: {known}")
        return cls(**kwargs)


DEFAULT_SETTINGS = ReminderSettings()


# --- working hours -------------------------------------------------------------------------


def _local_moment(day: Any, at: time, tz_name: str) -> datetime:
    return datetime.combine(day, at, tzinfo=localtime.zone(tz_name)).astimezone(UTC)


def next_working_time(moment: datetime, tz_name: str, settings: ReminderSettings) -> datetime:
    """``moment`` if it falls in working hours in ``tz_name``, else the next start of work.

    Computed on the wall clock of each day with zoneinfo, so 08:00 stays 08:00 local on either
    side of a daylight-saving change.
    """
    day = localtime.to_local(moment, tz_name).date()
    for _ in range(8):
        if day.weekday() in settings.work_days:
            start = _local_moment(day, settings.work_start, tz_name)
            if moment < start:
                return start
            if moment < _local_moment(day, settings.work_end, tz_name):
                return moment.astimezone(UTC)
        day += timedelta(days=1)
    raise AssertionError("unreachable: work_days is never empty")


def tomorrow_working_time(now: datetime, tz_name: str, settings: ReminderSettings) -> datetime:
    """The first working hour tomorrow (Friday -> Monday) in the recruiter's zone."""
    tomorrow = localtime.to_local(now, tz_name).date() + timedelta(days=1)
    return next_working_time(_local_moment(tomorrow, time(0, 0), tz_name), tz_name, settings)


# --- causes: what should exist, from the history alone ---------------------------------------


@dataclass(frozen=True)
class Cause:
    key: str
    kind: str
    occurrence: int
    moment: datetime
    candidate_id: int
    interview_id: int | None = None
    outreach_id: int | None = None
    chain: str | None = None  # later causes in one chain supersede earlier ones


@dataclass
class History:
    """One candidate's interviews (with events and client) and outreach."""

    candidate: Candidate
    interviews: list[Interview] = field(default_factory=list)
    outreach: list[Outreach] = field(default_factory=list)


def _stamp(start: datetime) -> str:
    return start.astimezone(UTC).strftime("%Y%m%dT%H%MZ")


def interview_key(interview: Interview, kind: str, occurrence: int) -> str:
    return f"interview:{interview.id}:{kind}:{occurrence}:{_stamp(interview.scheduled_at)}"


def outreach_key(row: Outreach) -> str:
    return f"outreach:{row.id}:follow_up_unanswered:1"


def _no_show_at(interview: Interview) -> datetime:
    times = [e.at for e in interview.live_events if e.type == "no_show"]
    return times[-1] if times else interview.scheduled_at


def answered_since(outreach: Iterable[Outreach], since: datetime) -> bool:
    """The candidate reached out, or answered anything, at or after ``since``."""
    return any(
        (o.direction == "inbound" and o.sent_at >= since)
        or (o.responded_at is not None and o.responded_at >= since)
        for o in outreach
    )


def interview_holds(kind: str, interview: Interview, history: History, now: datetime) -> bool:
    """Does the interview still call for this kind of reminder? (No settings: state only.)"""
    status = interview.status
    if kind == "request_confirmation":
        return status in NOT_ASKED and now < interview.scheduled_at
    if kind == "confirm_again":
        return status in UNCONFIRMED and now < interview.scheduled_at
    if kind == "log_attendance":
        return status in AWAITING_OUTCOME
    if kind == "follow_up_no_show":
        return (
            status == "no_show"
            and not interview.explained
            and not removed(history)
            and not answered_since(history.outreach, _no_show_at(interview))
        )
    return False


def removed(history: History) -> bool:
    """The recruiter removed the connection (say, accepting a ghost's removal): stop chasing."""
    return history.candidate.connection_status == "removed"


def outreach_holds(row: Outreach, history: History) -> bool:
    """Unanswered, and not followed by a newer outreach (that one gets its own reminder)."""
    if row.direction != "outbound" or row.responded_at is not None or removed(history):
        return False
    if answered_since(history.outreach, row.sent_at):
        return False
    return not any(
        o.direction == "outbound" and (o.sent_at, o.id) > (row.sent_at, row.id)
        for o in history.outreach
    )


def causes(history: History, now: datetime, settings: ReminderSettings) -> list[Cause]:
    """Every cause that holds now, whatever its moment."""
    found: list[Cause] = []
    cid = history.candidate.id
    for interview in history.interviews:
        start = interview.scheduled_at
        end = start + timedelta(minutes=interview.duration_minutes)
        plan = [("request_confirmation", 1, start - settings.request_confirmation_before)]
        plan += [
            ("confirm_again", n, start - before)
            for n, before in enumerate(settings.confirm_again_before, 1)
        ]
        plan.append(("log_attendance", 1, end + settings.log_attendance_after_end))
        if interview.status == "no_show":
            at = _no_show_at(interview)
            plan += [
                ("follow_up_no_show", n, at + after)
                for n, after in enumerate(settings.follow_up_no_show_after, 1)
            ]
        for kind, occurrence, moment in plan:
            if interview_holds(kind, interview, history, now):
                chain = f"{interview.id}:{CHAINS[kind]}" if kind in CHAINS else None
                found.append(
                    Cause(
                        interview_key(interview, kind, occurrence),
                        kind,
                        occurrence,
                        moment,
                        cid,
                        interview_id=interview.id,
                        chain=chain,
                    )
                )
    # Only the latest outbound outreach can hold (a newer one replaces it): checking just that
    # one keeps a long history linear, not quadratic.
    outbound = [o for o in history.outreach if o.direction == "outbound"]
    latest = max(outbound, key=lambda o: (o.sent_at, o.id), default=None)
    for row in [] if latest is None else [latest]:
        if outreach_holds(row, history):
            moment = row.sent_at + settings.follow_up_unanswered_after
            found.append(
                Cause(outreach_key(row), "follow_up_unanswered", 1, moment, cid, outreach_id=row.id)
            )
    return found


def current(history: History, now: datetime, settings: ReminderSettings) -> list[Cause]:
    """The causes whose moment has passed, less those superseded by a later one in their chain
    (the 24 h reminder replaces the 48 h one; the +3 day follow-up the +1 day one)."""
    passed = [c for c in causes(history, now, settings) if c.moment <= now]
    latest: dict[str, Cause] = {}
    for cause in passed:
        if cause.chain and (cause.chain not in latest or cause.moment > latest[cause.chain].moment):
            latest[cause.chain] = cause
    return [c for c in passed if c.chain is None or latest[c.chain] is c]


# --- messages --------------------------------------------------------------------------------


def _day_time(value: datetime, tz_name: str, clock: str | None = None) -> tuple[str, str]:
    local = localtime.to_local(value, tz_name)
    assert local is not None
    return f"{local:%A}", localtime.clock_text(local, clock)


def _interview_words(interview: Interview, tz_name: str, clock: str | None = None) -> str:
    day, at = _day_time(interview.scheduled_at, tz_name, clock)
    client = f" with {interview.client.name}" if interview.client else ""
    return f"{day}'s {at} interview{client}"


def _span(value: timedelta) -> str:
    hours = value.total_seconds() / 3600
    if hours % 24 == 0:
        days = int(hours // 24)
        return f"{days} day" if days == 1 else f"{days} days"
    return f"{hours:g} h"


def message(
    cause: Cause,
    history: History,
    tz_name: str,
    settings: ReminderSettings,
    clock: str | None = None,
) -> str:
    """The reminder's sentence, with times in ``tz_name`` on ``clock`` (24h or 12h) of the
    member it is for."""
    name = history.candidate.full_name
    if cause.outreach_id is not None:
        row = next(o for o in history.outreach if o.id == cause.outreach_id)
        day, at = _day_time(row.sent_at, tz_name, clock)
        return (
            f"Follow up with {name}: your {row.channel} of {day} {at} has had no answer "
            f"for {_span(settings.follow_up_unanswered_after)}."
        )
    interview = next(i for i in history.interviews if i.id == cause.interview_id)
    words = _interview_words(interview, tz_name, clock)
    if cause.kind == "request_confirmation":
        return f"Ask {name} to confirm {words}."
    if cause.kind == "confirm_again" and cause.occurrence == 1:
        return f"{name} has not confirmed {words} yet: ask again."
    if cause.kind == "confirm_again":
        return f"Last call: {name} has still not confirmed {words}."
    if cause.kind == "log_attendance":
        return f"Did {name} attend {words}? Log the outcome."
    after = settings.follow_up_no_show_after[cause.occurrence - 1]
    return (
        f"{name} missed {words} and has not explained: follow up "
        f"({_span(after)} after the no-show)."
    )
