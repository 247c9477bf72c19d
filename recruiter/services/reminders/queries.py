"""What the recruiter sees: which reminders are due, the searches behind the API and the Today
view, and the actions each kind offers there."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import Select, and_, or_
from sqlalchemy.orm import selectinload

from recruiter.extensions import db
from recruiter.models import REMINDER_STATUSES, Interview, Recruiter, Reminder
from recruiter.services import accounts
from recruiter.services.filters.base import ListFilter, Param, instant, one_of
from recruiter.services.scoping import get_owned, owned

OPEN = ("due", "snoozed")


def due_clause(now: datetime) -> Any:
    """Open and due: ``due_at`` passed, or the snooze ran out."""
    return or_(
        and_(Reminder.status == "due", Reminder.due_at <= now),
        and_(Reminder.status == "snoozed", Reminder.snoozed_until <= now),
    )


def effective_status(row: Reminder, now: datetime) -> str:
    """``snoozed`` reads ``due`` again once the snooze has run out."""
    if row.status == "snoozed" and row.snoozed_until is not None and row.snoozed_until <= now:
        return "due"
    return row.status


@dataclass(frozen=True)
class ReminderFilter(ListFilter):
    """The reminder list's filters (``GET /api/v1/reminders``; the Today view takes none).
    ``status=due`` (default): open and due as of ``now`` or, with ``due_before``, due before
    it (look ahead); ``snoozed``: still asleep; other statuses as stored, ``due_before``
    bounding ``due_at``. Soonest due first."""

    PARAMS: ClassVar[dict[str, Param]] = {
        "status": Param("status", one_of(REMINDER_STATUSES)),
        "due_before": Param("due_before", instant),
    }

    status: str = "due"
    due_before: datetime | None = None
    # Only this member's (the Today view's "mine"); not a URL parameter.
    assignee_id: int | None = None

    def apply(self, query: Select, owner: Recruiter, now: datetime) -> Select:
        due_before = self.due_before
        if self.assignee_id is not None:
            query = query.where(Reminder.assignee_id == self.assignee_id)
        if self.status == "due":
            if due_before is None:
                query = query.where(due_clause(now))
            else:
                query = query.where(
                    or_(
                        and_(Reminder.status == "due", Reminder.due_at < due_before),
                        and_(Reminder.status == "snoozed", Reminder.snoozed_until < due_before),
                    )
                )
        elif self.status == "snoozed":
            query = query.where(Reminder.status == "snoozed", Reminder.snoozed_until > now)
            if due_before is not None:
                query = query.where(Reminder.snoozed_until < due_before)
        else:
            query = query.where(Reminder.status == self.status)
            if due_before is not None:
                query = query.where(Reminder.due_at < due_before)
        return query.order_by(Reminder.due_at, Reminder.id)


def search_reminders(
    owner: Recruiter, now: datetime, filters: ReminderFilter | None = None, **values: Any
) -> Select[tuple[Reminder]]:
    """The team's reminders narrowed by ``filters`` (or a :class:`ReminderFilter` of
    ``values``); due now by default."""
    filters = filters or ReminderFilter(**values)
    return filters.apply(owned(Reminder, owner), owner, now)


# One click on the Today view logs what the recruiter did and marks the reminder done.
ACTION_LABELS = {
    "confirmation_requested": "Asked to confirm",
    "confirmed": "Confirmed",
    "attended": "Attended",
    "no_show": "No-show",
    "explained": "They explained",
    "called": "Called",
    "texted": "Texted",
    "emailed": "Emailed",
    "messaged": "Messaged",
    "replied": "They replied",
}
ACTIONS = {
    "request_confirmation": ("confirmation_requested", "confirmed"),
    "confirm_again": ("confirmation_requested", "confirmed"),
    "log_attendance": ("attended", "no_show"),
    "follow_up_no_show": ("called", "texted", "emailed", "replied", "explained"),
    "follow_up_unanswered": ("called", "texted", "emailed", "messaged", "replied"),
}


def today(
    owner: Recruiter, now: datetime, limit: int = 100, whole_team: bool = False
) -> dict[str, Any]:
    """The Today view's reminders: the first ``limit`` due ones with candidate, interview and
    client loaded, the recruiter's own or the whole team's; ``more`` when others are due too
    (one row past the limit is read to tell)."""
    items = list(
        db.session.scalars(
            search_reminders(owner, now, assignee_id=None if whole_team else owner.id)
            .options(
                selectinload(Reminder.candidate),
                selectinload(Reminder.interview).selectinload(Interview.client),
            )
            .limit(limit + 1)
        )
    )
    return {
        "items": items[:limit],
        "more": len(items) > limit,
        "actions": ACTIONS,
        "labels": ACTION_LABELS,
        "whole_team": whole_team,
        "names": accounts.member_names(owner.team_id) if whole_team else {},
        "members": accounts.active_members(owner.team_id) if whole_team else [],
    }


def get_reminder(owner: Recruiter, reminder_id: Any) -> Reminder:
    return get_owned(Reminder, owner, reminder_id)
