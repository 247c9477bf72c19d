"""The column type, the id bound, defaults, the vocabularies' values and the owner mixin."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, ForeignKey, TypeDecorator
from sqlalchemy.orm import Mapped, mapped_column

from recruiter.vocab import (
    Actor,
    Channel,
    Clock,
    ConnectionStatus,
    Direction,
    EventType,
    GhostState,
    InterviewOutcome,
    InterviewStatus,
    ReminderKind,
    ReminderStatus,
    Role,
    SignalType,
    SuggestionKind,
    SuggestionStatus,
    values,
)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC in Python on every database.

    SQLite has no time zones: values are stored as naive UTC and given back ``tzinfo=UTC``.
    A naive datetime is a bug upstream, so it is refused rather than guessed.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


# The largest id a row can have: primary keys are ``Integer``, 32-bit on PostgreSQL. One bound
# for every path, query, form field, API body and CLI option that takes an id.
MAX_ID = 2**31 - 1


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_session_token() -> str:
    return secrets.token_hex(16)


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


# The vocabularies' values (recruiter.vocab), as the CHECK constraints below list them.
CONNECTION_STATUSES = values(ConnectionStatus)
EVENT_TYPES = values(EventType)
EVENT_ACTORS = values(Actor)
INTERVIEW_STATUSES = values(InterviewStatus)
GHOST_STATES = values(GhostState)
# What the score makes of an interview (``scoring.classify_interview``), stored for the charts.
INTERVIEW_OUTCOMES = values(InterviewOutcome)
CHANNELS = values(Channel)
DIRECTIONS = values(Direction)
SUGGESTION_KINDS = values(SuggestionKind)
SUGGESTION_STATUSES = values(SuggestionStatus)
SIGNAL_TYPES = values(SignalType)
REMINDER_KINDS = values(ReminderKind)
REMINDER_STATUSES = values(ReminderStatus)
ROLES = values(Role)
CLOCKS = values(Clock)


def _in(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


class Owned:
    """Every owned row carries the team that owns it: what one member creates, every member of
    the team sees, and nobody else (``services.scoping``)."""

    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"), index=True)


def actor_column() -> Mapped[int | None]:
    """A recruiter who did something (added, logged, decided): kept as NULL if the account is
    ever deleted, so the row stays with the team."""
    return mapped_column(ForeignKey("recruiter.id", ondelete="SET NULL"), index=True)
