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
interview started, was cancelled or moved) is closed, for changes to the history, at once by
:func:`close_resolved` (``services.consequences`` after every unit of work) and, for what time
alone changes (the interview began, a later nudge of its chain came due), by the next sweep.
The sweep reads only the candidates whose causes are in its time window, never every open
reminder's history, so a minute with nothing due costs a few indexed queries.
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
    close_resolved,
    load_histories,
    sweep,
    sweep_recruiter,
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
    "close_resolved",
    "dismiss",
    "due_clause",
    "effective_status",
    "get_reminder",
    "load_histories",
    "mark_done",
    "search_reminders",
    "snooze",
    "snooze_to_tomorrow",
    "sweep",
    "sweep_recruiter",
    "today",
]
