"""Suggestions and reminders."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from recruiter.extensions import db
from recruiter.models.base import (
    REMINDER_KINDS,
    REMINDER_STATUSES,
    SUGGESTION_KINDS,
    SUGGESTION_STATUSES,
    Owned,
    UTCDateTime,
    _in,
    actor_column,
    utcnow,
)
from recruiter.models.candidates import Candidate
from recruiter.models.interviews import Interview


class Suggestion(Owned, db.Model):
    """A recommendation the recruiter accepts or dismisses. ``key`` makes it unique per cause."""

    __tablename__ = "suggestion"
    __table_args__ = (
        CheckConstraint(_in("kind", SUGGESTION_KINDS), name="kind"),
        CheckConstraint(_in("status", SUGGESTION_STATUSES), name="status"),
        # The inbox by status, newest first, and the badge's count of the open ones.
        Index("ix_suggestion_owner_status_created", "team_id", "status", "created_at", "id"),
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
    # Suggestions are the team's: whoever decides is named.
    decided_by_id: Mapped[int | None] = actor_column()

    candidate: Mapped[Candidate] = relationship()
    interview: Mapped[Interview | None] = relationship()


class Reminder(Owned, db.Model):
    """A follow-up the recruiter should do. ``key`` (e.g. interview, kind, occurrence) is unique,
    so two sweeps can never create the same reminder twice."""

    __tablename__ = "reminder"
    __table_args__ = (
        CheckConstraint(_in("kind", REMINDER_KINDS), name="kind"),
        CheckConstraint(_in("status", REMINDER_STATUSES), name="status"),
        Index("ix_reminder_owner_status_due", "team_id", "status", "due_at"),
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
    # Whose follow-up it is (the recruiter in charge of the interview or outreach it is about,
    # or whoever it was assigned to); "Today" and the e-mail digest show each their own.
    assignee_id: Mapped[int | None] = actor_column()

    candidate: Mapped[Candidate] = relationship()
    interview: Mapped[Interview | None] = relationship()
