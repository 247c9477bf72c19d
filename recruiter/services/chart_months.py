"""The dashboard's month charts, read from a rollup kept exact by the writes.

In one sentence: the dashboard reads its twelve months of attendance and response times from
``chart_month`` in one statement, counts only the months missing there (or whose moment has
passed) with :func:`recruiter.services.charts.count_months` and stores them, and every write
that moves what a month counts drops that month for every time zone at settle
(:func:`forget`, one DELETE per team).

What a month counts changes with: an interview's start (old and new on a reschedule) or its
stored outcome; an outreach's send, its reply or its removal. The services note those instants
(:func:`recruiter.services.unit.touch_instants`); :mod:`recruiter.services.consequences` hands
them here once per unit of work. Time alone changes attendance (interviews started by ``now``):
each row carries the moment it stops being true (``valid_until``), so the current month is
cached too and a month holding an interview with an outcome still to start is recounted once
that interview starts. The score distribution is the candidates' current state, read off the
``(team_id, score)`` index each time (see :func:`recruiter.services.charts.score_distribution`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import Delete, and_, bindparam, delete, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from recruiter.extensions import db
from recruiter.models import ChartMonth, Recruiter
from recruiter.services import charts, planner
from recruiter.services.charts import OUTCOMES, Starts

log = logging.getLogger(__name__)

FIGURES = ("valid_from", "valid_until", *OUTCOMES, "answered", "unanswered", "median_hours")
# Instants closer than the shortest month (less an hour of daylight saving) are dropped as one
# range: a month overlapping the range holds one of them, so the DELETE stays exact.
JOIN_GAP = timedelta(days=27)
# How long a cold fill waits for the writes under way before counting without storing.
LOCK_WAIT = timedelta(milliseconds=200)


def months(owner: Recruiter, now: datetime, count: int = 12) -> list[dict[str, Any]]:
    """The figures of the last ``count`` months in the owner's time zone (flushes the months
    it had to count; the caller commits)."""
    zone = owner.time_zone or "UTC"
    starts = charts.month_starts(now, owner.time_zone, count)
    keys = [key for key, _ in starts[:-1]]
    cached = {
        row["month"]: row
        for row in db.session.execute(
            select(ChartMonth.month, *(getattr(ChartMonth, name) for name in FIGURES)).where(
                ChartMonth.team_id == owner.team_id,
                ChartMonth.time_zone == zone,
                ChartMonth.month.in_(keys),
                ChartMonth.valid_from <= now,
                or_(ChartMonth.valid_until.is_(None), ChartMonth.valid_until > now),
            )
        ).mappings()
    }
    missing = [i for i, key in enumerate(keys) if key not in cached]
    if missing:
        held_back = _exclude_writers(owner.team_id, zone, [keys[i] for i in missing])
        span: Starts = starts[missing[0] : missing[-1] + 2]
        counted = charts.count_months(owner.team_id, span, now)
        fresh = [f for f in counted if f["month"] not in cached]
        if held_back:
            _store(owner.team_id, zone, fresh)
        cached.update((f["month"], f) for f in fresh)
    return [dict(cached[key], month=key) for key in keys]


def _exclude_writers(team_id: int, zone: str, keys: list[str]) -> bool:
    """Hold writers back before counting, so no month is stored from a count that missed a
    write committed after it (a write's DELETE at settle would have found nothing to drop).
    True when they are held back; False when a write has held its lock for longer than
    ``LOCK_WAIT``: the months are then counted and shown, but not stored (the next view tries
    again), and nothing waits on the dashboard.

    On SQLite, deleting the months' outdated rows takes the database's one write lock: every
    write before it has committed, and every later one drops what this stores. On PostgreSQL,
    ``LOCK TABLE ... IN SHARE MODE`` waits for the transactions writing interviews or outreach
    to commit and holds new ones back until this one commits (readers share it); a write's
    settle DELETE then runs after this commit and sees the rows stored.

    The wait is bounded because the dashboard must never be the one a writer waits for: on
    PostgreSQL a write holding outreach that goes on to update an interview would deadlock
    with a lock taken table by table (``lock_timeout`` ends this wait well before the
    deadlock check, one second by default, would pick a victim), and on SQLite an import
    holds the write lock for its whole run."""
    session = db.session
    held = (
        _hold_back_postgres
        if session.get_bind().dialect.name == "postgresql"
        else _hold_back_sqlite
    )
    if not held(session):
        log.info("dashboard months counted without storing: a write holds its lock")
        return False
    session.execute(
        delete(ChartMonth).where(
            ChartMonth.team_id == team_id,
            ChartMonth.time_zone == zone,
            ChartMonth.month.in_(keys),
        )
    )
    return True


def _hold_back_postgres(session: Session) -> bool:
    """``LOCK TABLE ... IN SHARE MODE`` within ``LOCK_WAIT``; then the server's own wait again
    for the rest (storing may wait for another dashboard storing the same months)."""
    return planner.within_lock_wait(
        session, "LOCK TABLE interview, outreach IN SHARE MODE", _wait_ms()
    )


def _hold_back_sqlite(session: Session) -> bool:
    """Take the write lock within ``LOCK_WAIT``: a write statement that changes nothing
    (``DELETE`` of no row), before which the driver opens the transaction that then holds the
    lock until this unit of work commits. No savepoint: with the driver's transaction
    handling a savepoint would open the transaction itself, and releasing it would commit and
    drop the lock before the months are counted. The busy timeout is lowered and restored on
    the driver's connection, so no error can leave it lowered on a pooled connection."""
    raw = session.connection().connection.dbapi_connection
    assert raw is not None
    previous = raw.execute("PRAGMA busy_timeout").fetchone()[0]
    raw.execute(f"PRAGMA busy_timeout = {_wait_ms():d}")
    try:
        session.execute(delete(ChartMonth).where(ChartMonth.id.is_(None)))
    except OperationalError as exc:
        if "database is locked" not in str(exc.orig):
            raise
        return False
    finally:
        raw.execute(f"PRAGMA busy_timeout = {int(previous):d}")
    return True


def _wait_ms() -> int:
    return int(LOCK_WAIT.total_seconds() * 1000)


def _store(team_id: int, zone: str, figures: list[dict[str, Any]]) -> None:
    """Insert the months, or overwrite the rows another request counted meanwhile (on
    PostgreSQL two readers may count at once): one statement."""
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    rows = [
        {
            "team_id": team_id,
            "time_zone": zone,
            "month": f["month"],
            "starts_at": f["starts_at"],
            "ends_at": f["ends_at"],
            **{name: f[name] for name in FIGURES},
        }
        for f in figures
    ]
    statement = dialect.insert(ChartMonth).values(rows)
    db.session.execute(
        statement.on_conflict_do_update(
            index_elements=["team_id", "time_zone", "month"],
            set_={name: getattr(statement.excluded, name) for name in FIGURES},
        )
    )


def forget(instants: dict[int, Iterable[datetime]], session: Session | None = None) -> None:
    """Drop, for every time zone, each team's months holding one of its instants: one DELETE
    per team (a unit of work is one team's, so one statement)."""
    session = session or db.session
    for team_id, times in instants.items():
        ranges = _ranges(sorted(times))
        if not ranges:
            continue
        values: dict[str, Any] = {"team_id": team_id}
        for n, (first, last) in enumerate(ranges):
            values[f"first_{n}"], values[f"last_{n}"] = first, last
        session.execute(_forget_statement(len(ranges)), values)


@lru_cache(maxsize=64)
def _forget_statement(ranges: int) -> Delete:
    """The DELETE of :func:`forget` for this many ranges, built once (every write runs one).

    A Core statement on the table: as an ORM DELETE it would first evaluate its criteria
    against every object the session holds (``synchronize_session``), a fifth of the CPU of
    settling a write; no unit of work holds chart months it goes on to use."""
    table = ChartMonth.__table__
    return table.delete().where(
        table.c.team_id == bindparam("team_id"),
        or_(
            *(
                and_(
                    table.c.starts_at <= bindparam(f"last_{n}"),
                    table.c.ends_at > bindparam(f"first_{n}"),  # the column's type binds it
                )
                for n in range(ranges)
            )
        ),
    )


def _ranges(times: list[datetime]) -> list[tuple[datetime, datetime]]:
    """Sorted instants as the fewest ranges whose gaps are all shorter than a month."""
    ranges: list[tuple[datetime, datetime]] = []
    for at in times:
        if ranges and at - ranges[-1][1] < JOIN_GAP:
            ranges[-1] = (ranges[-1][0], at)
        else:
            ranges.append((at, at))
    return ranges


def dashboard(owner: Recruiter, now: datetime, count: int = 12) -> dict[str, Any]:
    """The dashboard's three charts: attendance, score distribution, response times."""
    figures = months(owner, now, count)
    return {
        "attendance": charts.attendance(figures),
        "scores": charts.score_distribution(owner),
        "response": charts.response_times(figures),
    }
