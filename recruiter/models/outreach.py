"""Outreach messages and the candidate signals recorded beside them."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from recruiter.extensions import db
from recruiter.models.base import (
    CHANNELS,
    DIRECTIONS,
    SIGNAL_TYPES,
    Owned,
    UTCDateTime,
    _in,
    actor_column,
    utcnow,
)
from recruiter.models.candidates import Candidate
from recruiter.models.interviews import Interview


class OutreachRow(NamedTuple):
    """The columns of an :class:`Outreach` that the rules read (score, ghost rule, reminder
    rules), as a plain tuple: what a path over many candidates reads instead of objects."""

    id: int
    candidate_id: int
    sent_at: datetime
    responded_at: datetime | None
    direction: str
    channel: str
    logged_by_id: int | None


class Outreach(Owned, db.Model):
    __tablename__ = "outreach"
    __table_args__ = (
        CheckConstraint(_in("channel", CHANNELS), name="channel"),
        CheckConstraint(_in("direction", DIRECTIONS), name="direction"),
        CheckConstraint("responded_at IS NULL OR responded_at >= sent_at", name="response_order"),
        Index("ix_outreach_candidate_sent", "candidate_id", "sent_at"),
        # Covers the dashboard's response times by month and its latest unanswered.
        Index(
            "ix_outreach_owner_direction_sent", "team_id", "direction", "sent_at", "responded_at"
        ),
        UniqueConstraint("team_id", "source_key"),
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
    # The team member who made (or logged) the contact: its reminders are theirs.
    logged_by_id: Mapped[int | None] = actor_column()
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
