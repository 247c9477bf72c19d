"""Clients, candidates (with the score-order index) and recommendations."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from recruiter.extensions import db
from recruiter.models.base import CONNECTION_STATUSES, Owned, UTCDateTime, _in, actor_column, utcnow

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


# Room for a folded key: folding can lengthen text (``ß`` -> ``ss``, ``ﬃ`` -> ``ffi``).
CLIENT_NAME_KEY_LENGTH = 400
CANDIDATE_SEARCH_KEY_LENGTH = 2000
# ``search_key(full_name)``, a line break, ``search_key(company)``: two folded 200-character fields.
CANDIDATE_NAME_COMPANY_KEY_LENGTH = 801


class Client(Owned, db.Model):
    __tablename__ = "client"
    # Names are unique per recruiter ignoring case in every script (``recruiter.textkey``).
    __table_args__ = (UniqueConstraint("team_id", "name_key"),)

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
        UniqueConstraint("team_id", "profile_url"),
        CheckConstraint(_in("connection_status", CONNECTION_STATUSES), name="connection_status"),
        CheckConstraint("mutual_connections >= 0", name="mutual_connections_not_negative"),
        Index("ix_candidate_owner_score", "team_id", "score"),
        Index("ix_candidate_owner_name", "team_id", "full_name"),
        # The search reads this one narrow column, never the table's other text; a pattern
        # index on PostgreSQL so a prefix LIKE can seek on it.
        Index(
            "ix_candidate_owner_search_key",
            "team_id",
            "search_key",
            postgresql_ops={"search_key": "text_pattern_ops"},
        ),
        # Only the candidates with a photo: most have none, and statistics that count the
        # NULLs had SQLite scan the table for "photo_hash IS NOT NULL" instead.
        Index(
            "ix_candidate_owner_photo_hash",
            "team_id",
            "photo_hash",
            sqlite_where=text("photo_hash IS NOT NULL"),
            postgresql_where=text("photo_hash IS NOT NULL"),
        ),
        # Possible duplicates: the same name at the same company, or the same e-mail
        # (services.duplicates), one seek each within the owner's rows.
        Index("ix_candidate_owner_name_company_key", "team_id", "name_company_key"),
        Index("ix_candidate_owner_email", "team_id", "email"),
        # The dashboard's pending connection requests, counted without reading every row.
        Index("ix_candidate_owner_connection_status", "team_id", "connection_status"),
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
    # The team member who added the person (by hand, by import or by API).
    added_by_id: Mapped[int | None] = actor_column()
    # The name and the company with case and accents ignored
    # (``services.candidates.name_company_key``), None unless both are given: two candidates
    # with the same key are possible duplicates. Kept by services.candidates on every write.
    name_company_key: Mapped[str | None] = mapped_column(String(CANDIDATE_NAME_COMPANY_KEY_LENGTH))
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
    # When the score fields were last written: by a recompute, or by a write that changed them
    # (a write that leaves the score as it was does not touch the row).
    score_computed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When time alone can next change the candidate's reminders (a nudge falls due, an
    # interview starts): kept by services.reminders.settle on every write, read by the sweep,
    # which touches only candidates whose moment has come. None: only a write can.
    reminder_review_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)

    recommendations: Mapped[list[Recommendation]] = relationship(
        back_populates="candidate", cascade="all, delete-orphan", order_by="Recommendation.id"
    )


# The list's "-score" order (``score DESC NULLS LAST, full_name, id``) read straight off the
# index on both databases. SQLite refuses NULLS LAST in an index but its DESC already puts
# NULLs last, so its migration leaves the words out.
Index(
    "ix_candidate_owner_score_sort",
    Candidate.team_id,
    Candidate.score.desc().nulls_last(),
    Candidate.full_name,
    Candidate.id,
)


class CandidateCount(db.Model):
    """How many candidates a team has: the sum of its rows, kept by the database itself.

    Triggers on ``candidate`` (migration ``d0e1f2a3b4c5``) add a row's worth on every insert,
    delete and team move, in the writer's own transaction, so the sum is exact for whoever
    reads it (``services.candidate_counts``). SQLite has one writer at a time: its row
    triggers keep one row per team. On PostgreSQL each statement adds one delta row per team
    (no transaction waits on another's counter row), and the deltas are folded into one row
    (``candidate_count_fold``) by the trigger past a few dozen rows and by the clock."""

    __tablename__ = "candidate_count"
    __table_args__ = (Index("ix_candidate_count_team_id_candidates", "team_id", "candidates"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Indexed with ``candidates`` above: the sum is read from the index alone.
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"))
    candidates: Mapped[int] = mapped_column(Integer)


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


class CandidateAlias(Owned, db.Model):
    """Another LinkedIn profile URL of a candidate: the one a duplicate merged into them had
    (``services.merging``). Taken like a profile URL: a new candidate with it is refused, and an
    import of that profile finds the candidate it was merged into."""

    __tablename__ = "candidate_alias"
    __table_args__ = (UniqueConstraint("team_id", "profile_url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), index=True
    )
    profile_url: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
