"""The recruiter's actions on a reminder: done, dismissed, snoozed (one or many), or answered by
logging what they did (:func:`act`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from recruiter.extensions import db
from recruiter.models import Recruiter, Reminder
from recruiter.services import ServiceError, audit
from recruiter.services.reminder_rules import (
    DEFAULT_SETTINGS,
    ReminderSettings,
    tomorrow_working_time,
)
from recruiter.services.reminders.queries import ACTIONS, OPEN
from recruiter.services.scoping import get_owned_many


def _resolve(owner: Recruiter, row: Reminder, status: str, now: datetime) -> Reminder:
    if row.status == status:
        return row  # the same click twice changes nothing
    if row.status not in OPEN:
        raise ServiceError.field("status", f"This reminder is already {row.status}.")
    audit.record(
        owner, owner.team_id, "reminder", row.id, status, {"status": (row.status, status)}, now=now
    )
    row.status = status
    row.resolved_at = now
    db.session.flush()
    return row


def mark_done(owner: Recruiter, row: Reminder, now: datetime) -> Reminder:
    return _resolve(owner, row, "done", now)


def dismiss(owner: Recruiter, row: Reminder, now: datetime) -> Reminder:
    return _resolve(owner, row, "dismissed", now)


def snooze(owner: Recruiter, row: Reminder, until: datetime, now: datetime) -> Reminder:
    if until.tzinfo is None:
        raise ServiceError.field("until", "Give a time zone offset or Z.")
    if until <= now:
        raise ServiceError.field("until", "Snooze until a time in the future.")
    if row.status not in OPEN:
        raise ServiceError.field("status", f"This reminder is already {row.status}.")
    audit.record(owner, owner.team_id, "reminder", row.id, "snoozed", now=now)
    row.status = "snoozed"
    row.snoozed_until = until.astimezone(UTC)
    db.session.flush()
    return row


def snooze_to_tomorrow(
    owner: Recruiter, row: Reminder, now: datetime, settings: ReminderSettings = DEFAULT_SETTINGS
) -> Reminder:
    until = tomorrow_working_time(now, owner.time_zone or "UTC", settings)
    return snooze(owner, row, until, now)


BULK_ACTIONS = ("done", "snooze", "dismiss")


def apply_many(
    owner: Recruiter,
    reminder_ids: Iterable[Any],
    action: str,
    now: datetime,
    settings: ReminderSettings = DEFAULT_SETTINGS,
) -> list[Reminder]:
    """Mark several reminders done, snooze them to tomorrow or dismiss them: all or none (a
    refusal names the reminder). Each change is audited as if clicked one by one."""
    if action not in BULK_ACTIONS:
        raise ServiceError.field("action", f"Choose one of {', '.join(BULK_ACTIONS)}.")
    rows = get_owned_many(Reminder, owner, reminder_ids)
    for row in rows:
        try:
            if action == "done":
                mark_done(owner, row, now)
            elif action == "dismiss":
                dismiss(owner, row, now)
            else:
                snooze_to_tomorrow(owner, row, now, settings)
        except ServiceError as exc:
            message = f"Reminder {row.id} ({row.message}): {exc.message}"
            raise ServiceError(message, {"ids": [message]}) from None
    return rows


def act(owner: Recruiter, row: Reminder, action: str, now: datetime) -> Reminder:
    """Log what the recruiter did about the reminder (through the usual services, so the same
    rules apply) and mark it done, in one unit of work."""
    from recruiter.services import interviews, outreach
    from recruiter.services.interviews import EventData

    if action not in ACTIONS.get(row.kind, ()):
        raise ServiceError.field("action", f"{action!r} does not answer this reminder.")
    if row.status not in OPEN:
        raise ServiceError.field("status", f"This reminder is already {row.status}.")
    was = row.status
    if action in outreach.CONTACT_ACTIONS or action == outreach.REPLIED:
        outreach.log_contact(owner, row.candidate, action, now, now, row.interview_id)
    else:
        interview = interviews.get_interview(owner, row.interview_id)
        interviews.add_event(owner, interview, EventData(type=action, at=now), now)
    # Settling what was logged may close the reminder too (in the same unit of work): the
    # recruiter did it, so it is "done" either way.
    audit.record(
        owner, owner.team_id, "reminder", row.id, "done", {"status": (was, "done")}, action, now=now
    )
    row.status = "done"
    row.resolved_at = now
    db.session.flush()
    return row
