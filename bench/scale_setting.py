"""``bench/scale.py``'s setting: the figure a row prints, and the bench that times the app
beside plain DB-API connections."""

from __future__ import annotations

import sqlite3
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask import Flask
from sqlalchemy import event, func, select
from sqlalchemy.engine import make_url

from recruiter.extensions import db
from recruiter.models import Interview
from recruiter.services import accounts

PASSWORD = "reliant-sample-2026"  # noqa: S105 (the benchmark's own account)


@dataclass
class Figure:
    seconds: float  # or, for a rate, seconds per item
    statements: int | None = None
    items: int | None = None  # rows, writes: the figure is then also shown per second
    note: str = ""
    cpu: float = 0.0  # this process's CPU seconds (on a busy machine, beside the wall time)

    def text(self) -> str:
        if self.items:
            return f"{self.items / self.seconds:,.0f}/s"
        return f"{self.seconds * 1000:,.1f} ms" if self.seconds < 10 else f"{self.seconds:,.1f} s"


# --- the setting -----------------------------------------------------------------------------


class Bench:
    """Pages go through the test client outside any app context (each request has its own
    session, as under a server); service calls run in an app context of their own."""

    def __init__(self, app: Flask, url: str, email: str, now: datetime, repeat: int):
        self.app, self.url, self.now, self.repeat, self.email = app, url, now, repeat, email
        with app.app_context():
            owner = accounts.find_recruiter(email)
            assert owner is not None
            self.team_id = owner.team_id
            self.heavy_id = db.session.scalar(
                select(Interview.candidate_id)
                .where(Interview.team_id == owner.team_id)
                .group_by(Interview.candidate_id)
                .order_by(func.count().desc())
                .limit(1)
            )
            # A candidate with an ordinary history, for the writes.
            self.plain_id = db.session.scalar(
                select(Interview.candidate_id)
                .where(Interview.team_id == owner.team_id, Interview.candidate_id != self.heavy_id)
                .group_by(Interview.candidate_id)
                .having(func.count() == 3)
                .order_by(Interview.candidate_id)
                .limit(1)
            )
            _, self.token = accounts.create_token(owner, "bench")
            db.session.commit()
            engine = db.engine
        self.client = app.test_client()
        response = self.client.post("/login", data={"email": email, "password": PASSWORD})
        assert response.status_code == 302, response.status_code
        self.sqlite = make_url(url).get_backend_name() == "sqlite"
        self.statements = 0
        event.listen(engine, "before_cursor_execute", self._count)

    def _count(self, *args: Any) -> None:
        self.statements += 1

    def raw(self) -> Any:
        """A plain DB-API connection: sqlite3 or psycopg, no SQLAlchemy."""
        parsed = make_url(self.url)
        if self.sqlite:
            return sqlite3.connect(parsed.database)
        import psycopg

        return psycopg.connect(parsed.set(drivername="postgresql").render_as_string(False))

    def ts(self, value: datetime) -> Any:
        """A time as the database stores it (SQLite: naive UTC text)."""
        if self.sqlite:
            return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
        return value

    def q(self, sql: str) -> str:
        return sql if self.sqlite else sql.replace("?", "%s")

    def month(self, column: str) -> str:
        return f"strftime('%Y-%m', {column})" if self.sqlite else f"to_char({column}, 'YYYY-MM')"

    def best(self, fn: Callable[[], Any]) -> Figure:
        best: Figure | None = None
        for _ in range(self.repeat):
            before = self.statements
            start, cpu = time.perf_counter(), time.process_time()
            items = fn()
            took = time.perf_counter() - start
            figure = Figure(
                took,
                self.statements - before,
                items if isinstance(items, int) else None,
                cpu=time.process_time() - cpu,
            )
            if best is None or figure.seconds < best.seconds:
                best = figure
        assert best is not None
        return best

    def once(self, fn: Callable[[], Any]) -> Figure:
        repeat, self.repeat = self.repeat, 1
        try:
            return self.best(fn)
        finally:
            self.repeat = repeat

    def sql(self, fn: Callable[[Any], Any], once: bool = False) -> Figure:
        conn = self.raw()
        try:
            figure = self.once(lambda: fn(conn)) if once else self.best(lambda: fn(conn))
            figure.statements = None
            return figure
        finally:
            conn.close()

    def get(self, path: str, **kw: Any) -> None:
        response = self.client.get(path, **kw)
        assert response.status_code == 200, (path, response.status_code)
        response.get_data()


def fetch(conn: Any, sql: str, params: tuple = ()) -> list[Any]:
    cur = conn.cursor()
    cur.execute(sql, params)
    return cur.fetchall()
