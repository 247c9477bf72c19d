"""The app's vocabularies, written once: the models' CHECK constraints, the forms' choices, the
API's schemas (each an ``enum`` in the OpenAPI document) and the services' checks all read them.

A leaf: it imports nothing of the project. The order of the members is the order of the
choices and of the CHECK constraints' lists (changing it changes nothing in the database, but
keep it: it is what forms show).
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """A recruiter's place in their team: owners also invite, remove and change roles."""

    OWNER = "owner"
    MEMBER = "member"


class ConnectionStatus(StrEnum):
    NONE = "none"
    PENDING_INCOMING = "pending_incoming"
    PENDING_OUTGOING = "pending_outgoing"
    CONNECTED = "connected"
    REMOVED = "removed"


class EventType(StrEnum):
    """What can happen to an interview (the append-only event log)."""

    CONFIRMATION_REQUESTED = "confirmation_requested"
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    RESCHEDULED = "rescheduled"
    ATTENDED = "attended"
    NO_SHOW = "no_show"
    EXPLAINED = "explained"


class Actor(StrEnum):
    """Who cancelled or rescheduled."""

    CANDIDATE = "candidate"
    CLIENT = "client"
    RECRUITER = "recruiter"


class InterviewStatus(StrEnum):
    """An interview's status, replayed from its event log."""

    SCHEDULED = "scheduled"
    CONFIRMATION_REQUESTED = "confirmation_requested"
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    RESCHEDULED = "rescheduled"
    CANCELLED = "cancelled"
    ATTENDED = "attended"
    NO_SHOW = "no_show"


class GhostState(StrEnum):
    """The stored ghost verdict of an interview."""

    NO = "no"
    POSSIBLE = "possible"
    GHOSTED = "ghosted"


class InterviewOutcome(StrEnum):
    """What the score makes of an interview (``scoring.classify_interview``), stored for the
    dashboard's charts."""

    ATTENDED = "attended"
    CANCELLED_WITH_NOTICE = "cancelled_with_notice"
    EXPLAINED_NO_SHOW = "explained_no_show"
    SILENT_NO_SHOW = "silent_no_show"


class Channel(StrEnum):
    CALL = "call"
    TEXT = "text"
    EMAIL = "email"
    MESSAGE = "message"
    VOICEMAIL = "voicemail"


class Direction(StrEnum):
    OUTBOUND = "outbound"
    INBOUND = "inbound"


class SuggestionKind(StrEnum):
    REMOVE_CONNECTION = "remove_connection"
    DO_NOT_RECONNECT = "do_not_reconnect"
    POSSIBLE_FAKE_PROFILE = "possible_fake_profile"


class SuggestionStatus(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    DISMISSED = "dismissed"
    WITHDRAWN = "withdrawn"


class SignalType(StrEnum):
    """Something a candidate did outside an interview."""

    CONNECTION_REQUEST = "connection_request"
    NEW_POSITION = "new_position"


class ReminderKind(StrEnum):
    REQUEST_CONFIRMATION = "request_confirmation"
    CONFIRM_AGAIN = "confirm_again"
    LOG_ATTENDANCE = "log_attendance"
    FOLLOW_UP_NO_SHOW = "follow_up_no_show"
    FOLLOW_UP_UNANSWERED = "follow_up_unanswered"


class ReminderStatus(StrEnum):
    DUE = "due"
    DONE = "done"
    SNOOZED = "snoozed"
    DISMISSED = "dismissed"
    CLOSED = "closed"


class Clock(StrEnum):
    """How a recruiter reads and types times of day: ``14:30`` or ``2:30 PM``."""

    H24 = "24h"
    H12 = "12h"


class Confidence(StrEnum):
    """How much evidence a reliability score rests on."""

    NONE = "none"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


def values(vocabulary: type[StrEnum]) -> tuple[str, ...]:
    """The vocabulary's values as plain strings, in order."""
    return tuple(member.value for member in vocabulary)
