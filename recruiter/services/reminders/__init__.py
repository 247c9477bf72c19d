"""Follow-up reminders: made once, at their time, and closed when they no longer apply.

The rules (cadence, working hours, causes, messages) are in
:mod:`recruiter.services.reminder_rules`; this package queries and writes:
:mod:`.sweeping` makes and closes reminders, :mod:`.queries` finds what the recruiter sees,
:mod:`.actions` applies what they do about it. Callers use the names re-exported here.

A sweep (:func:`sweep`) is a function of the database and ``now``: it inserts the reminder of
every cause that still holds once its moment has passed (``moment <= now``, never before) with
``INSERT ... ON CONFLICT (key) DO NOTHING``, so two sweeps at once, or a sweep repeated, make
each reminder once; after downtime one sweep makes each missed reminder once. The row exists
from its moment; it *appears* (Today view, API ``status=due``, e-mail digest) once
``due_at <= now`` (or, snoozed, once ``snoozed_until <= now``).

A reminder that no longer applies (confirmed, outcome logged, they replied or explained, the
interview started, was cancelled or moved) is closed. What a change to the history decides is
decided at once, in the unit of work that made it (:func:`settle`, from
``services.consequences``): reminders whose moment has come open, those the change ended
close, and the candidate's ``reminder_review_at`` records when time alone can next change
anything (the next nudge's moment, an interview's start). The clock (:func:`sweep`) reads only
the candidates whose moment has come, found by an index: a minute with nothing due costs one
query, whatever the size of the network.
"""

from recruiter.services.reminder_rules import ReminderSettings
from recruiter.services.reminders.actions import (
    BULK_ACTIONS,
    act,
    apply_many,
    dismiss,
    mark_done,
    snooze,
    snooze_to_tomorrow,
)
from recruiter.services.reminders.queries import (
    ACTION_LABELS,
    ACTIONS,
    OPEN,
    ReminderFilter,
    due_clause,
    effective_status,
    get_reminder,
    search_reminders,
    today,
)
from recruiter.services.reminders.sweeping import (
    INSERT_CHUNK,
    MAX_INTERVIEW,
    SweepSummary,
    load_histories,
    settle,
    store_review_moment,
    sweep,
    sweep_recruiter,
    sweep_team,
)

__all__ = [
    "ACTIONS",
    "ACTION_LABELS",
    "BULK_ACTIONS",
    "INSERT_CHUNK",
    "MAX_INTERVIEW",
    "OPEN",
    "ReminderFilter",
    "ReminderSettings",
    "SweepSummary",
    "act",
    "apply_many",
    "dismiss",
    "due_clause",
    "effective_status",
    "get_reminder",
    "load_histories",
    "mark_done",
    "search_reminders",
    "settle",
    "snooze",
    "snooze_to_tomorrow",
    "store_review_moment",
    "sweep",
    "sweep_recruiter",
    "sweep_team",
    "today",
]
