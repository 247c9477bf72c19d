"""Teams, recruiters, invitations, failed logins and API tokens."""

from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from recruiter.extensions import db
from recruiter.models.base import (
    CLOCKS,
    ROLES,
    Owned,
    UTCDateTime,
    _in,
    new_feed_token,
    new_session_token,
    utcnow,
)
from recruiter.vocab import Clock


class Team(db.Model):
    """An agency (or one recruiter alone): it owns every candidate, interview, outreach,
    suggestion, reminder, import and audit entry its members create."""

    __tablename__ = "team"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Recruiter(UserMixin, db.Model):
    __tablename__ = "recruiter"
    __table_args__ = (
        CheckConstraint(_in("role", ROLES), name="role"),
        CheckConstraint(_in("clock", CLOCKS), name="clock"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="RESTRICT"), index=True)
    role: Mapped[str] = mapped_column(String(10), default="owner")
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC")
    # Times of day on pages and in forms: "14:30" (24h) or "2:30 PM" (12h).
    clock: Mapped[str] = mapped_column(
        String(3), default=Clock.H24.value, server_default=Clock.H24.value
    )
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Part of every session's and remember-me cookie's user id: a new one (a password change)
    # ends every other session of the account.
    session_token: Mapped[str] = mapped_column(String(32), default=new_session_token)
    # The secret part of the calendar feed's URL (/calendar/<token>.ics, read without a login
    # by calendar apps); "rotate" replaces it, and the old URL then answers 404.
    calendar_token: Mapped[str] = mapped_column(String(64), unique=True, default=new_feed_token)

    team: Mapped[Team] = relationship()

    @property
    def is_owner(self) -> bool:
        return self.role == "owner"

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


class Invitation(Owned, db.Model):
    """A one-time link to join a team: only the token's hash is stored; it works once
    (``used_at``) and not after ``expires_at``."""

    __tablename__ = "invitation"
    __table_args__ = (CheckConstraint(_in("role", ROLES), name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    email: Mapped[str | None] = mapped_column(String(254))
    role: Mapped[str] = mapped_column(String(10), default="member")
    invited_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("recruiter.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    used_by_id: Mapped[int | None] = mapped_column(ForeignKey("recruiter.id", ondelete="SET NULL"))

    invited_by: Mapped[Recruiter | None] = relationship(foreign_keys=[invited_by_id])


class ApiToken(db.Model):
    """A recruiter's own API token: it acts as that recruiter, for their team."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(
        ForeignKey("recruiter.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(100), default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    owner: Mapped[Recruiter] = relationship()
