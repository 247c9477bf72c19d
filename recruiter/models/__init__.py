"""Tables: typed SQLAlchemy 2 models, constraints and indexes. No queries, no commits.

Every owned row carries ``team_id`` (the team owns it); services reach owned rows only through
``services.scoping``. One module per area: ``base`` (the UTC column type, the id bound,
defaults, the vocabularies' values, the owner mixin), ``accounts``, ``candidates``,
``interviews``, ``outreach``, ``suggestions`` (and reminders), ``charts`` (the dashboard's
month rollup), ``audit`` and ``background`` (scheduler and import jobs). Everything is
re-exported here: callers and Alembic import from ``recruiter.models``.
"""

from __future__ import annotations

from recruiter.models.accounts import ApiToken, AuthFailure, Invitation, Recruiter, Team
from recruiter.models.audit import AuditEntry
from recruiter.models.background import IMPORT_STATUSES, ImportJob, SchedulerHeartbeat, SchedulerJob
from recruiter.models.base import (
    CHANNELS,
    CLOCKS,
    CONNECTION_STATUSES,
    DIRECTIONS,
    EVENT_ACTORS,
    EVENT_TYPES,
    GHOST_STATES,
    INTERVIEW_OUTCOMES,
    INTERVIEW_STATUSES,
    MAX_ID,
    REMINDER_KINDS,
    REMINDER_STATUSES,
    ROLES,
    SIGNAL_TYPES,
    SUGGESTION_KINDS,
    SUGGESTION_STATUSES,
    Owned,
    UTCDateTime,
    actor_column,
    new_feed_token,
    new_session_token,
    utcnow,
)
from recruiter.models.candidates import (
    CANDIDATE_FIELDS,
    CANDIDATE_NAME_COMPANY_KEY_LENGTH,
    CANDIDATE_SEARCH_KEY_LENGTH,
    CLIENT_NAME_KEY_LENGTH,
    Candidate,
    CandidateAlias,
    CandidateCount,
    Client,
    Recommendation,
)
from recruiter.models.charts import ChartMonth
from recruiter.models.interviews import EventRetraction, Interview, InterviewEvent
from recruiter.models.outreach import CandidateSignal, Outreach, OutreachRow
from recruiter.models.suggestions import Reminder, Suggestion

__all__ = [
    "CANDIDATE_FIELDS",
    "CANDIDATE_NAME_COMPANY_KEY_LENGTH",
    "CANDIDATE_SEARCH_KEY_LENGTH",
    "CHANNELS",
    "CLIENT_NAME_KEY_LENGTH",
    "CLOCKS",
    "CONNECTION_STATUSES",
    "DIRECTIONS",
    "EVENT_ACTORS",
    "EVENT_TYPES",
    "GHOST_STATES",
    "IMPORT_STATUSES",
    "INTERVIEW_OUTCOMES",
    "INTERVIEW_STATUSES",
    "MAX_ID",
    "REMINDER_KINDS",
    "REMINDER_STATUSES",
    "ROLES",
    "SIGNAL_TYPES",
    "SUGGESTION_KINDS",
    "SUGGESTION_STATUSES",
    "ApiToken",
    "AuditEntry",
    "AuthFailure",
    "Candidate",
    "CandidateAlias",
    "CandidateCount",
    "CandidateSignal",
    "ChartMonth",
    "Client",
    "EventRetraction",
    "ImportJob",
    "Interview",
    "InterviewEvent",
    "Invitation",
    "Outreach",
    "OutreachRow",
    "Owned",
    "Recommendation",
    "Recruiter",
    "Reminder",
    "SchedulerHeartbeat",
    "SchedulerJob",
    "Suggestion",
    "Team",
    "UTCDateTime",
    "actor_column",
    "new_feed_token",
    "new_session_token",
    "utcnow",
]
