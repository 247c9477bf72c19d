"""The demo network's rows: ids taken ahead, and one bulk insert per table and chunk."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, insert, select, text

from recruiter.extensions import db
from recruiter.models import (
    Candidate,
    CandidateSignal,
    Interview,
    InterviewEvent,
    Outreach,
)

# --- ids and rows ------------------------------------------------------------------------------


TABLES = (Candidate, Interview, InterviewEvent, Outreach, CandidateSignal)


class _NextIds:
    """Ids handed out here, so events can name their interview without a round trip."""

    def __init__(self, start: dict[str, int]) -> None:
        self.next = start
        self.first_candidate = start[Candidate.__tablename__]

    @classmethod
    def read(cls) -> _NextIds:
        start = {}
        for model in TABLES:
            start[model.__tablename__] = (db.session.scalar(select(func.max(model.id))) or 0) + 1
        return cls(start)

    def take(self, model: type) -> int:
        name = model.__tablename__  # type: ignore[attr-defined]
        value = self.next[name]
        self.next[name] = value + 1
        return value

    def sync_sequences(self) -> None:
        """PostgreSQL's id sequences move past the ids given here (SQLite needs nothing)."""
        if db.session.get_bind().dialect.name != "postgresql":
            return
        for model in TABLES:
            name = model.__tablename__
            db.session.execute(
                text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), :last)"),
                {"last": max(self.next[name] - 1, 1)},
            )


@dataclass
class _Rows:
    candidates: list[dict[str, Any]] = field(default_factory=list)
    interviews: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    outreach: list[dict[str, Any]] = field(default_factory=list)
    signals: list[dict[str, Any]] = field(default_factory=list)

    def insert(self) -> None:
        for model, rows in (
            (Candidate, self.candidates),
            (Interview, self.interviews),
            (InterviewEvent, self.events),
            (Outreach, self.outreach),
            (CandidateSignal, self.signals),
        ):
            if rows:
                db.session.execute(insert(model.__table__), rows)  # type: ignore[attr-defined]
