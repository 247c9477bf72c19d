"""Reminders: list what is due, mark done, snooze, dismiss."""

from __future__ import annotations

from flask import g, jsonify, request
from pydantic import Field

from recruiter.extensions import db
from recruiter.models import Reminder
from recruiter.services import accounts, reminders, teams
from recruiter.views.api import body, paginated, query, route
from recruiter.views.api.schemas import (
    Blank,
    In,
    ListQuery,
    Member,
    Out,
    Timestamp,
    UTCTime,
    dump,
    member,
)
from recruiter.views.helpers import utcnow
from recruiter.vocab import ReminderKind, ReminderStatus


class ReminderQuery(ListQuery):
    """``status=due`` (default): open and due now or, with ``due_before``, due before it.
    Timestamps need an offset or ``Z`` (percent-encode a ``+``). Documents the parameters;
    ``services.reminders.ReminderFilter`` reads them."""

    status: ReminderStatus | Blank = ReminderStatus.DUE
    due_before: Timestamp | Blank | None = None


class ReminderOut(Out):
    id: int
    kind: ReminderKind
    candidate_id: int
    interview_id: int | None
    outreach_id: int | None
    due_at: UTCTime
    status: ReminderStatus
    snoozed_until: UTCTime | None
    message: str
    assignee: Member = member("assignee_id")


class AssignIn(In):
    assignee: str = Field(min_length=3, max_length=254, description="A team member's e-mail.")


class SnoozeIn(In):
    until: Timestamp


def reminder_json(row: Reminder, now=None) -> dict:  # type: ignore[no-untyped-def]
    return dump(ReminderOut, row, status=reminders.effective_status(row, now or utcnow()))


@route(
    "/reminders",
    "GET",
    "List reminders (due now by default)",
    query=ReminderQuery,
    response=ReminderOut,
    list_response=True,
)
def list_reminders():  # type: ignore[no-untyped-def]
    args = query(ListQuery)
    now = utcnow()
    filters = reminders.ReminderFilter.parse(request.args)
    select = reminders.search_reminders(g.recruiter, now, filters)
    return paginated(select, args.page, args.per_page, lambda r: reminder_json(r, now))


@route("/reminders/<int:reminder_id>", "GET", "Show a reminder", response=ReminderOut)
def get_reminder(reminder_id: int):  # type: ignore[no-untyped-def]
    return jsonify(reminder_json(reminders.get_reminder(g.recruiter, reminder_id)))


@route("/reminders/<int:reminder_id>/done", "POST", "Mark a reminder done", response=ReminderOut)
def reminder_done(reminder_id: int):  # type: ignore[no-untyped-def]
    row = reminders.get_reminder(g.recruiter, reminder_id)
    reminders.mark_done(g.recruiter, row, utcnow())
    db.session.commit()
    return jsonify(reminder_json(row))


@route(
    "/reminders/<int:reminder_id>/snooze",
    "POST",
    "Snooze a reminder until a time in the future",
    body=SnoozeIn,
    response=ReminderOut,
)
def reminder_snooze(reminder_id: int):  # type: ignore[no-untyped-def]
    row = reminders.get_reminder(g.recruiter, reminder_id)
    data = body(SnoozeIn)
    reminders.snooze(g.recruiter, row, data.until, utcnow())
    db.session.commit()
    return jsonify(reminder_json(row))


@route("/reminders/<int:reminder_id>/dismiss", "POST", "Dismiss a reminder", response=ReminderOut)
def reminder_dismiss(reminder_id: int):  # type: ignore[no-untyped-def]
    row = reminders.get_reminder(g.recruiter, reminder_id)
    reminders.dismiss(g.recruiter, row, utcnow())
    db.session.commit()
    return jsonify(reminder_json(row))


@route(
    "/reminders/<int:reminder_id>/assign",
    "POST",
    "Give a reminder to another member of the team",
    body=AssignIn,
    response=ReminderOut,
)
def reminder_assign(reminder_id: int):  # type: ignore[no-untyped-def]
    reminders.get_reminder(g.recruiter, reminder_id)  # another team's: 404 before the body
    data = body(AssignIn)
    found = accounts.find_recruiter(data.assignee)
    row = teams.assign_reminder(g.recruiter, reminder_id, found.id if found else 0, utcnow())
    db.session.commit()
    return jsonify(reminder_json(row))
