"""Interviews, their append-only events and event retractions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from recruiter.extensions import db
from recruiter.models.base import (
    EVENT_ACTORS,
    EVENT_TYPES,
    GHOST_STATES,
    INTERVIEW_OUTCOMES,
    INTERVIEW_STATUSES,
    Owned,
    UTCDateTime,
    _in,
    actor_column,
    utcnow,
)
from recruiter.models.candidates import Candidate, Client


class Interview(Owned, db.Model):
    __tablename__ = "interview"
    __table_args__ = (
        CheckConstraint(_in("status", INTERVIEW_STATUSES), name="status"),
        CheckConstraint("duration_minutes > 0", name="duration_positive"),
        CheckConstraint(_in("ghost_state", GHOST_STATES), name="ghost_state"),
        CheckConstraint(f"outcome IS NULL OR {_in('outcome', INTERVIEW_OUTCOMES)}", name="outcome"),
        # Covers the dashboard's outcomes by month (no table lookups).
        Index("ix_interview_owner_scheduled_outcome", "team_id", "scheduled_at", "outcome"),
        # The dashboard's latest possible ghosts, a seek to the few instead of a walk of all.
        Index("ix_interview_owner_ghost_state_scheduled", "team_id", "ghost_state", "scheduled_at"),
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
    # The team member in charge (who scheduled it, unless reassigned): its reminders are theirs.
    recruiter_id: Mapped[int | None] = actor_column()
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
