"""Tables: typed SQLAlchemy 2 models, constraints and indexes. No queries, no commits.

Every owned row carries ``owner_id``; services reach owned rows only through
``services.scoping``.
"""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime
from typing import Any

from flask_login import UserMixin
from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from recruiter.extensions import db
from recruiter.vocab import (
    Actor,
    Channel,
    ConnectionStatus,
    Direction,
    EventType,
    GhostState,
    InterviewOutcome,
    InterviewStatus,
    ReminderKind,
    ReminderStatus,
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


# The candidate fields a recruiter edits (forms, API, imports all pass these to the service).
CANDIDATE_FIELDS = (
    "full_name",
    "email",
    "phone",
    "profile_url",
    "company",
    "title",
    "location",
    "connection_status",
    "connected_on",
    "mutual_connections",
    "notes",
)
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


def _in(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


class Owned:
    """Every owned row carries the recruiter who owns it."""

    owner_id: Mapped[int] = mapped_column(
        ForeignKey("recruiter.id", ondelete="CASCADE"), index=True
    )


class Recruiter(UserMixin, db.Model):
    __tablename__ = "recruiter"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Part of every session's and remember-me cookie's user id: a new one (a password change)
    # ends every other session of the account.
    session_token: Mapped[str] = mapped_column(String(32), default=new_session_token)
    # The secret part of the calendar feed's URL (/calendar/<token>.ics, read without a login
    # by calendar apps); "rotate" replaces it, and the old URL then answers 404.
    calendar_token: Mapped[str] = mapped_column(String(64), unique=True, default=new_feed_token)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    def get_id(self) -> str:
        """Flask-Login's user id, ``<id>:<session_token>`` (its "alternative token")."""
        return f"{self.id}:{self.session_token}"


class AuthFailure(db.Model):
    """One failed attempt (a wrong password, an unknown API token), under a throttle key such
    as ``login:email:<address>`` or ``login:ip:<address>``; old rows are pruned as new ones
    come."""

    __tablename__ = "auth_failure"
    __table_args__ = (Index("ix_auth_failure_key_failed_at", "key", "failed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(320))
    failed_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class ApiToken(Owned, db.Model):
    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    owner: Mapped[Recruiter] = relationship()


# Room for a folded key: folding can lengthen text (``ß`` -> ``ss``, ``ﬃ`` -> ``ffi``).
CLIENT_NAME_KEY_LENGTH = 400
CANDIDATE_SEARCH_KEY_LENGTH = 2000


class Client(Owned, db.Model):
    __tablename__ = "client"
    # Names are unique per recruiter ignoring case in every script (``recruiter.textkey``).
    __table_args__ = (UniqueConstraint("owner_id", "name_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # ``textkey.case_key(name)``, kept by services.clients on every write.
    name_key: Mapped[str] = mapped_column(String(CLIENT_NAME_KEY_LENGTH))
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class Candidate(Owned, db.Model):
    __tablename__ = "candidate"
    __table_args__ = (
        UniqueConstraint("owner_id", "profile_url"),
        CheckConstraint(_in("connection_status", CONNECTION_STATUSES), name="connection_status"),
        CheckConstraint("mutual_connections >= 0", name="mutual_connections_not_negative"),
        Index("ix_candidate_owner_score", "owner_id", "score"),
        Index("ix_candidate_owner_name", "owner_id", "full_name"),
        # The search reads this one narrow column, never the table's other text; a pattern
        # index on PostgreSQL so a prefix LIKE can seek on it.
        Index(
            "ix_candidate_owner_search_key",
            "owner_id",
            "search_key",
            postgresql_ops={"search_key": "text_pattern_ops"},
        ),
        Index("ix_candidate_owner_photo_hash", "owner_id", "photo_hash"),
        # The dashboard's pending connection requests, counted without reading every row.
        Index("ix_candidate_owner_connection_status", "owner_id", "connection_status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254), index=True)
    phone: Mapped[str | None] = mapped_column(String(50))
    profile_url: Mapped[str | None] = mapped_column(String(500))
    company: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(String(200))
    location: Mapped[str | None] = mapped_column(String(200))
    connection_status: Mapped[str] = mapped_column(String(20), default="none")
    connected_on: Mapped[date | None] = mapped_column(Date)
    mutual_connections: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)
    photo_hash: Mapped[str | None] = mapped_column(String(64))
    # What search matches: ``services.candidates.candidate_search_key`` of the searched
    # fields, kept by services.candidates on every write. No default, so a bulk writer that
    # forgets it fails at once instead of making rows no search finds.
    search_key: Mapped[str] = mapped_column(String(CANDIDATE_SEARCH_KEY_LENGTH))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    # Reliability, cached by services.reliability on every write to the history (same
    # transaction) so lists can sort and filter by score in one query.
    score: Mapped[float | None] = mapped_column(Float)
    score_low: Mapped[float | None] = mapped_column(Float)
    score_high: Mapped[float | None] = mapped_column(Float)
    confidence: Mapped[str] = mapped_column(String(10), default="none")
    no_show_probability: Mapped[float | None] = mapped_column(Float)
    reliability: Mapped[dict | None] = mapped_column(JSON)
    score_computed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    recommendations: Mapped[list[Recommendation]] = relationship(
        back_populates="candidate", cascade="all, delete-orphan", order_by="Recommendation.id"
    )


# The list's "-score" order (``score DESC NULLS LAST, full_name, id``) read straight off the
# index on both databases. SQLite refuses NULLS LAST in an index but its DESC already puts
# NULLs last, so its migration leaves the words out.
Index(
    "ix_candidate_owner_score_sort",
    Candidate.owner_id,
    Candidate.score.desc().nulls_last(),
    Candidate.full_name,
    Candidate.id,
)


class Recommendation(Owned, db.Model):
    """Someone who vouched for a candidate, and in what role."""

    __tablename__ = "recommendation"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), index=True
    )
    recommender_name: Mapped[str] = mapped_column(String(200))
    recommender_role: Mapped[str | None] = mapped_column(String(200))
    relationship_: Mapped[str | None] = mapped_column("relationship", String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    candidate: Mapped[Candidate] = relationship(back_populates="recommendations")


class Interview(Owned, db.Model):
    __tablename__ = "interview"
    __table_args__ = (
        CheckConstraint(_in("status", INTERVIEW_STATUSES), name="status"),
        CheckConstraint("duration_minutes > 0", name="duration_positive"),
        CheckConstraint(_in("ghost_state", GHOST_STATES), name="ghost_state"),
        CheckConstraint(f"outcome IS NULL OR {_in('outcome', INTERVIEW_OUTCOMES)}", name="outcome"),
        # Covers the dashboard's outcomes by month (no table lookups).
        Index("ix_interview_owner_scheduled_outcome", "owner_id", "scheduled_at", "outcome"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), index=True
    )
    client_id: Mapped[int | None] = mapped_column(
        ForeignKey("client.id", ondelete="SET NULL"), index=True
    )
    role: Mapped[str | None] = mapped_column(String(200))
    # The start as first scheduled; ``scheduled_at`` follows reschedules.
    original_scheduled_at: Mapped[datetime] = mapped_column(UTCDateTime)
    scheduled_at: Mapped[datetime] = mapped_column(UTCDateTime)
    duration_minutes: Mapped[int] = mapped_column(Integer, default=60)
    # Derived from the event log by services.interviews.replay; stored for queries.
    status: Mapped[str] = mapped_column(String(30), default="scheduled")
    explained: Mapped[bool] = mapped_column(default=False)
    # The ghost verdict (services.ghost_rule), stored by services.ghosts.review_candidates after
    # every change to the candidate's history, with what is still missing and the moment time
    # alone can next change it (the clock only touches rows whose moment has come).
    ghost_state: Mapped[str] = mapped_column(String(10), default="no", server_default="no")
    ghost_missing: Mapped[list] = mapped_column(JSON, default=list, server_default="[]")
    next_review_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    # The outcome as the score judges it (``scoring.classify_interview``; None: none that
    # counts), stored with the score (services.reliability) so charts count it in SQL.
    outcome: Mapped[str | None] = mapped_column(String(30))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    candidate: Mapped[Candidate] = relationship()
    client: Mapped[Client | None] = relationship()
    events: Mapped[list[InterviewEvent]] = relationship(
        back_populates="interview", order_by="InterviewEvent.id", cascade="all, delete-orphan"
    )

    @property
    def live_events(self) -> list[InterviewEvent]:
        """The event log less what was retracted: what every rule reads."""
        return [e for e in self.events if e.retraction is None]

    @property
    def ghost(self) -> dict[str, Any]:
        """The stored ghost verdict, as pages and the API show it."""
        return {"state": self.ghost_state, "missing": list(self.ghost_missing or [])}


class InterviewEvent(Owned, db.Model):
    """Append-only: rows are inserted, never updated or deleted (except with the interview)."""

    __tablename__ = "interview_event"
    __table_args__ = (
        CheckConstraint(_in("type", EVENT_TYPES), name="type"),
        CheckConstraint(f"by IS NULL OR {_in('by', EVENT_ACTORS)}", name="by"),
        # The reminder sweep's recent no-shows, found from the events, not from every no-show.
        Index("ix_interview_event_type_at", "type", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(
        ForeignKey("interview.id", ondelete="CASCADE"), index=True
    )
    type: Mapped[str] = mapped_column(String(30))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    by: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
    new_scheduled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("recruiter.id", ondelete="SET NULL")
    )

    interview: Mapped[Interview] = relationship(back_populates="events")
    # Loaded with the events, always: every rule needs to know what was retracted.
    retraction: Mapped[EventRetraction | None] = relationship(
        back_populates="event", lazy="selectin", cascade="all, delete-orphan"
    )

    @property
    def retracted_at(self) -> datetime | None:
        return self.retraction.at if self.retraction else None

    @property
    def retraction_reason(self) -> str | None:
        return self.retraction.reason if self.retraction else None


class EventRetraction(Owned, db.Model):
    """A mistake taken back: the event stays in the log, and every rule replays without it.

    Appended, never updated; one per event."""

    __tablename__ = "event_retraction"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("interview_event.id", ondelete="CASCADE"), unique=True
    )
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("recruiter.id", ondelete="SET NULL")
    )

    event: Mapped[InterviewEvent] = relationship(back_populates="retraction")


class Outreach(Owned, db.Model):
    __tablename__ = "outreach"
    __table_args__ = (
        CheckConstraint(_in("channel", CHANNELS), name="channel"),
        CheckConstraint(_in("direction", DIRECTIONS), name="direction"),
        CheckConstraint("responded_at IS NULL OR responded_at >= sent_at", name="response_order"),
        Index("ix_outreach_candidate_sent", "candidate_id", "sent_at"),
        # Covers the dashboard's response times by month and its latest unanswered.
        Index(
            "ix_outreach_owner_direction_sent", "owner_id", "direction", "sent_at", "responded_at"
        ),
        UniqueConstraint("owner_id", "source_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), index=True
    )
    interview_id: Mapped[int | None] = mapped_column(
        ForeignKey("interview.id", ondelete="SET NULL"), index=True
    )
    channel: Mapped[str] = mapped_column(String(20))
    direction: Mapped[str] = mapped_column(String(10), default="outbound")
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(Text)
    # Where it came from, so a re-import recognises what it already made.
    source_key: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    candidate: Mapped[Candidate] = relationship()
    interview: Mapped[Interview | None] = relationship()


class CandidateSignal(Owned, db.Model):
    """Something the candidate did outside an interview: asked to connect, announced a job."""

    __tablename__ = "candidate_signal"
    __table_args__ = (CheckConstraint(_in("type", SIGNAL_TYPES), name="type"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), index=True
    )
    type: Mapped[str] = mapped_column(String(30))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    detail: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Suggestion(Owned, db.Model):
    """A recommendation the recruiter accepts or dismisses. ``key`` makes it unique per cause."""

    __tablename__ = "suggestion"
    __table_args__ = (
        CheckConstraint(_in("kind", SUGGESTION_KINDS), name="kind"),
        CheckConstraint(_in("status", SUGGESTION_STATUSES), name="status"),
        Index("ix_suggestion_owner_status", "owner_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), index=True
    )
    interview_id: Mapped[int | None] = mapped_column(
        ForeignKey("interview.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(30))
    key: Mapped[str] = mapped_column(String(120), unique=True)
    status: Mapped[str] = mapped_column(String(20), default="open")
    reasons: Mapped[list] = mapped_column(JSON, default=list)
    evidence: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolution_reason: Mapped[str | None] = mapped_column(Text)

    candidate: Mapped[Candidate] = relationship()
    interview: Mapped[Interview | None] = relationship()


class Reminder(Owned, db.Model):
    """A follow-up the recruiter should do. ``key`` (e.g. interview, kind, occurrence) is unique,
    so two sweeps can never create the same reminder twice."""

    __tablename__ = "reminder"
    __table_args__ = (
        CheckConstraint(_in("kind", REMINDER_KINDS), name="kind"),
        CheckConstraint(_in("status", REMINDER_STATUSES), name="status"),
        Index("ix_reminder_owner_status_due", "owner_id", "status", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), index=True
    )
    interview_id: Mapped[int | None] = mapped_column(
        ForeignKey("interview.id", ondelete="CASCADE"), index=True
    )
    outreach_id: Mapped[int | None] = mapped_column(
        ForeignKey("outreach.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(30))
    occurrence: Mapped[int] = mapped_column(Integer, default=1)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(20), default="due")
    snoozed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    message: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    emailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    email_attempts: Mapped[int] = mapped_column(Integer, default=0)
    # Set while a digest holding this reminder is being sent (services.mail), so two senders
    # never mail it twice; ``email_error`` is the last refusal, cleared on success.
    email_claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    email_error: Mapped[str | None] = mapped_column(Text)

    candidate: Mapped[Candidate] = relationship()
    interview: Mapped[Interview | None] = relationship()


class AuditEntry(Owned, db.Model):
    """Who changed what and when. Written by services.audit, never edited."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("recruiter.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(40))
    changes: Mapped[dict] = mapped_column(JSON, default=dict)
    reason: Mapped[str | None] = mapped_column(Text)


class SchedulerHeartbeat(db.Model):
    """The scheduler's pulse: one row, rewritten every few seconds by the scheduler process.

    The web app reads it (the "scheduler is not running" banner, ``/api/v1/status``); only the
    scheduler writes it. ``stopped_at`` is set by a clean stop and cleared by the next start.
    """

    __tablename__ = "scheduler_heartbeat"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    beat_at: Mapped[datetime] = mapped_column(UTCDateTime)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    pid: Mapped[int] = mapped_column(Integer)
    host: Mapped[str] = mapped_column(String(255))
    stopped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SchedulerJob(db.Model):
    """What the scheduler last did with each periodic job (``recruiter.jobs.JOBS``)."""

    __tablename__ = "scheduler_job"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_run_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    next_run_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_ok: Mapped[bool | None] = mapped_column(Boolean)
    last_result: Mapped[str | None] = mapped_column(Text)


IMPORT_STATUSES = ("queued", "running", "done", "failed")


class ImportJob(Owned, db.Model):
    """One import (or its preview, ``dry_run``) run in the background: the uploaded file, where
    it stands (``status``, ``phase``, rows read / applied) and, once finished, its result.

    ``data`` holds the file until the import is applied, discarded or expired; ``beat_at`` is
    the running worker's last sign of life (a run whose beat stops is failed as stale)."""

    __tablename__ = "import_job"
    __table_args__ = (
        CheckConstraint(_in("status", IMPORT_STATUSES), name="status"),
        Index("ix_import_job_status_id", "status", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(10), default="queued")
    phase: Mapped[str] = mapped_column(String(20), default="queued")
    kind: Mapped[str] = mapped_column(String(20), default="auto")
    dry_run: Mapped[bool] = mapped_column(Boolean, default=False)
    skip_bad_rows: Mapped[bool] = mapped_column(Boolean, default=False)
    filename: Mapped[str] = mapped_column(String(200))
    owner_profile_url: Mapped[str | None] = mapped_column(String(500))
    data: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    size: Mapped[int] = mapped_column(Integer, default=0)
    rows_total: Mapped[int | None] = mapped_column(Integer)
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    rows_applied: Mapped[int] = mapped_column(Integer, default=0)
    result: Mapped[dict | None] = mapped_column(JSON)
    error: Mapped[str | None] = mapped_column(Text)
    # The preview this import applies (the confirmation of a dry run), if any.
    preview_id: Mapped[int | None] = mapped_column(ForeignKey("import_job.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    beat_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
