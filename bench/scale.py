"""The whole network at size: each app path beside the bare SQL for the same answer.

    python bench/scale.py --candidates 10000 --database-url sqlite:////tmp/scale.db
    python bench/scale.py --candidates 100000 \\
        --database-url postgresql://postgres@127.0.0.1:5432/bench [--only dashboard,api_list]

Seeds the network with ``seed-demo --candidates N`` (the recruiter ``scale-N@example.com``) or
reuses it when that recruiter exists, then prints one row per path of the issue "A whole
network at the speed of its SQL": the app's figure (through the test client, logged in, or the
command's own function in-process), the number of SQL statements it ran, the bare SQL that
produces the same answer (plain ``sqlite3`` / ``psycopg``, no SQLAlchemy), measured in the same
run, and the ratio; beside the wall time, the CPU seconds the app's side took in this process
(on a busy machine the wall time also counts waiting for a core). A row is
``(name, app_fn, sql_fn)`` in ``ROWS``: add one to extend the table.

Timed figures are the best of ``--repeat`` runs for reads; writes and jobs run once. Rows that
change data (``jobs``, ``recompute``, ``import``, ``api_writes``) commit, as the real command
does; ``import`` uses a recruiter of its own and deletes it afterwards. ``recompute_before``
(the per-candidate path, one ORM refresh per candidate) is slow: it runs only when named in
``--only``.
"""

from __future__ import annotations

import argparse
import io
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import event, func, select
from sqlalchemy.engine import make_url

from recruiter import create_app
from recruiter.extensions import db
from recruiter.models import Candidate, Interview, Outreach, Recruiter
from recruiter.services import (
    accounts,
    charts,
    consequences,
    demo_network,
    planner,
    reliability,
)

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


def _fetch(conn: Any, sql: str, params: tuple = ()) -> list[Any]:
    cur = conn.cursor()
    cur.execute(sql, params)
    return cur.fetchall()


# --- the rows: (name, app, bare SQL) ---------------------------------------------------------


def dashboard_app(b: Bench) -> Figure:
    """Warm: the chart months are in the rollup (the first request stored them)."""
    b.get("/")
    return b.best(lambda: b.get("/"))


def dashboard_cold_app(b: Bench) -> Figure:
    """Cold: the team's rollup emptied before each request (as after a write to every month),
    so the page counts its twelve months and stores them."""
    best: Figure | None = None
    for _ in range(b.repeat):
        conn = b.raw()
        conn.cursor().execute(b.q("DELETE FROM chart_month WHERE team_id = ?"), (b.team_id,))
        conn.commit()
        conn.close()
        figure = b.once(lambda: b.get("/"))
        best = figure if best is None or figure.seconds < best.seconds else best
    assert best is not None
    return best


def scores_app(b: Bench) -> Figure:
    with b.app.app_context():
        owner = accounts.find_recruiter(b.email)
        return b.best(lambda: charts.score_distribution(owner))


def scores_sql(b: Bench) -> Figure:
    return b.sql(lambda conn: _scores(b, conn))


def _scores(b: Bench, conn: Any) -> None:
    bands = ["score IS NULL", "score < 10"]
    bands += [f"score >= {i * 10} AND score < {i * 10 + 10}" for i in range(1, 9)]
    bands.append("score >= 90")
    counts = ", ".join(
        f"(SELECT count(*) FROM candidate WHERE team_id = ? AND {band})"  # noqa: S608
        for band in bands
    )
    _fetch(conn, b.q(f"SELECT {counts}"), (b.team_id,) * len(bands))


def dashboard_rollup_sql(b: Bench) -> Figure:
    """The page's answer with the months read from the rollup: one read of twelve rows, the
    score distribution, the lists."""
    with b.app.app_context():
        owner = accounts.find_recruiter(b.email)
        assert owner is not None
        zone = owner.time_zone or "UTC"
        keys = [key for key, _ in charts.month_starts(b.now, owner.time_zone, 12)[:-1]]

    def run(conn: Any) -> None:
        marks = ", ".join("?" * len(keys))
        _fetch(
            conn,
            b.q(
                "SELECT * FROM chart_month WHERE team_id = ? AND time_zone = ? "  # noqa: S608
                f"AND month IN ({marks}) AND valid_from <= ? "
                "AND (valid_until IS NULL OR valid_until > ?)"
            ),
            (b.team_id, zone, *keys, b.ts(b.now), b.ts(b.now)),
        )
        _scores(b, conn)
        _lists(b, conn)

    return b.sql(run)


def dashboard_sql(b: Bench) -> Figure:
    since = b.ts(b.now - timedelta(days=31 * 12))
    now, o = b.ts(b.now), b.team_id

    def run(conn: Any) -> None:
        m = b.month("i.scheduled_at")
        _fetch(  # the attendance chart: outcomes per month
            conn,
            b.q(
                f"SELECT {m}, i.status, i.explained, count(*) FROM interview i "  # noqa: S608
                "WHERE i.team_id = ? AND i.scheduled_at >= ? AND i.scheduled_at <= ? "
                "GROUP BY 1, 2, 3"
            ),
            (o, since, now),
        )
        _fetch(
            conn,
            b.q(
                "SELECT CAST(score / 10 AS INTEGER), count(*) FROM candidate "
                "WHERE team_id = ? GROUP BY 1"
            ),
            (o,),
        )
        m = b.month("sent_at")
        _fetch(  # response times per month (the app shows medians of these)
            conn,
            b.q(
                f"SELECT {m}, responded_at IS NULL, count(*) FROM outreach WHERE team_id = ? "  # noqa: S608
                "AND direction = 'outbound' AND sent_at >= ? GROUP BY 1, 2"
            ),
            (o, since),
        )
        _lists(b, conn)

    return b.sql(run)


def _lists(b: Bench, conn: Any) -> None:
    """The dashboard's lists and counts (the upcoming week, the latest unanswered, open
    suggestions, possible ghosts, due reminders)."""
    now, week, o = b.ts(b.now), b.ts(b.now + timedelta(days=7)), b.team_id
    _fetch(
        conn,
        b.q(
            "SELECT i.*, c.full_name FROM interview i JOIN candidate c ON c.id = i.candidate_id"
            " WHERE i.team_id = ? AND i.scheduled_at >= ? AND i.scheduled_at < ? "
            "AND i.status NOT IN ('cancelled', 'declined') ORDER BY i.scheduled_at, i.id LIMIT 26"
        ),
        (o, now, week),
    )
    _fetch(
        conn,
        b.q(
            "SELECT * FROM outreach WHERE team_id = ? AND direction = 'outbound' "
            "AND responded_at IS NULL ORDER BY sent_at DESC LIMIT 10"
        ),
        (o,),
    )
    _fetch(conn, b.q("SELECT id FROM candidate WHERE team_id = ? LIMIT 1"), (o,))
    _fetch(
        conn,
        b.q("SELECT count(*) FROM suggestion WHERE team_id = ? AND status = 'open'"),
        (o,),
    )
    _fetch(
        conn,
        b.q(
            "SELECT * FROM interview WHERE team_id = ? AND ghost_state = 'possible' "
            "ORDER BY scheduled_at DESC LIMIT 10"
        ),
        (o,),
    )
    _fetch(
        conn,
        b.q(
            "SELECT * FROM reminder WHERE team_id = ? AND status = 'due' AND due_at <= ? "
            "ORDER BY due_at LIMIT 100"
        ),
        (o, now),
    )


def candidate_app(b: Bench) -> Figure:
    return b.best(lambda: b.get(f"/candidates/{b.heavy_id}"))


def candidate_sql(b: Bench) -> Figure:
    c = b.heavy_id

    def run(conn: Any) -> None:
        _fetch(conn, b.q("SELECT * FROM candidate WHERE id = ?"), (c,))
        _fetch(
            conn,
            b.q("SELECT * FROM interview WHERE candidate_id = ? ORDER BY scheduled_at DESC"),
            (c,),
        )
        _fetch(
            conn,
            b.q(
                "SELECT e.* FROM interview_event e JOIN interview i ON i.id = e.interview_id "
                "WHERE i.candidate_id = ? ORDER BY e.id"
            ),
            (c,),
        )
        _fetch(
            conn, b.q("SELECT * FROM outreach WHERE candidate_id = ? ORDER BY sent_at DESC"), (c,)
        )
        _fetch(conn, b.q("SELECT * FROM suggestion WHERE candidate_id = ?"), (c,))

    return b.sql(run)


def api_list_app(b: Bench) -> Figure:
    headers = {"Authorization": f"Bearer {b.token}"}
    return b.best(lambda: b.get("/api/v1/candidates?per_page=100&sort=-score", headers=headers))


def api_list_sql(b: Bench) -> Figure:
    order = "score DESC NULLS LAST"  # as the app sorts (SQLite 3.30+ reads NULLS LAST)

    def run(conn: Any) -> None:
        rows = _fetch(
            conn,
            b.q(
                f"SELECT * FROM candidate WHERE team_id = ? ORDER BY {order}, full_name, id "  # noqa: S608
                "LIMIT 100"
            ),
            (b.team_id,),
        )
        _fetch(conn, b.q("SELECT count(*) FROM candidate WHERE team_id = ?"), (b.team_id,))
        ids = ",".join(str(r[0]) for r in rows) or "0"
        _fetch(conn, f"SELECT * FROM recommendation WHERE candidate_id IN ({ids})")  # noqa: S608

    return b.sql(run)


def web_list_app(b: Bench) -> Figure:
    return b.best(lambda: b.get("/candidates/?sort=-score"))


def web_list_sql(b: Bench) -> Figure:
    per_page = b.app.config.get("PER_PAGE") or 20

    def run(conn: Any) -> None:
        _fetch(
            conn,
            b.q(
                "SELECT * FROM candidate WHERE team_id = ? "
                "ORDER BY score DESC NULLS LAST, full_name, id LIMIT ?"
            ),
            (b.team_id, per_page),
        )
        _fetch(conn, b.q("SELECT count(*) FROM candidate WHERE team_id = ?"), (b.team_id,))
        _fetch(conn, b.q("SELECT id, name FROM client WHERE team_id = ?"), (b.team_id,))

    return b.sql(run)


def recompute_app(b: Bench) -> Figure:
    def run() -> int:
        with b.app.app_context():
            consequences.recompute(b.now, team_id=b.team_id)
            db.session.commit()
            planner.analyze(db.session)
        return 0

    figure = b.once(run)
    figure.note = "set-based, with ANALYZE"
    return figure


def recompute_before_app(b: Bench) -> Figure:
    """The path ``scores recompute`` took before: one ORM refresh per candidate."""

    def run() -> int:
        with b.app.app_context():
            last = 0
            while ids := reliability.candidate_ids(b.team_id, last, 500):
                rows = db.session.scalars(select(Candidate).where(Candidate.id.in_(ids)))
                for candidate in rows:
                    reliability.refresh(candidate, b.now)
                last = ids[-1]
            db.session.commit()
        return 0

    figure = b.once(run)
    figure.note = "per-candidate ORM refresh (scores only)"
    return figure


def events_pass_sql(b: Bench) -> Figure:
    """One SQL pass over the events: every interview event and outreach row of the network."""

    def run(conn: Any) -> None:
        _fetch(
            conn,
            b.q(
                "SELECT i.candidate_id, e.interview_id, e.type, e.at, e.by, e.new_scheduled_at "
                "FROM interview_event e JOIN interview i ON i.id = e.interview_id "
                "WHERE e.team_id = ? ORDER BY i.candidate_id, e.id"
            ),
            (b.team_id,),
        )
        _fetch(
            conn,
            b.q(
                "SELECT id, candidate_id, sent_at, responded_at, direction, channel FROM outreach "
                "WHERE team_id = ? ORDER BY candidate_id, sent_at"
            ),
            (b.team_id,),
        )

    return b.sql(run, once=True)


def _jobs(b: Bench) -> Figure:
    from recruiter import jobs

    def run() -> int:
        with b.app.app_context():  # the jobs read the app's settings
            results = jobs.run_all(b.now, set(CLOCK_JOBS))
        assert all(r.ok for r in results), [(r.id, r.summary) for r in results if not r.ok]
        return 0

    return b.once(run)


# What the scheduler runs every few minutes (the nightly recompute has its own row).
CLOCK_JOBS = ("ghost_sweep", "photo_check", "reminder_sweep", "email_digests")


def jobs_first_app(b: Bench) -> Figure:
    figure = _jobs(b)
    figure.note = f"{', '.join(CLOCK_JOBS)} (the first run only on a fresh network)"
    return figure


def jobs_idle_app(b: Bench) -> Figure:
    return _jobs(b)


def jobs_sql(b: Bench) -> Figure:
    now = b.ts(b.now)

    def run(conn: Any) -> None:
        _fetch(
            conn,
            b.q("SELECT DISTINCT candidate_id FROM interview WHERE next_review_at <= ?"),
            (now,),
        )
        _fetch(
            conn,
            b.q(
                "SELECT id FROM reminder WHERE status IN ('due', 'snoozed') AND due_at <= ? "
                "ORDER BY due_at"
            ),
            (now,),
        )

    return b.sql(run)


IMPORT_CONNECTIONS, IMPORT_MESSAGES = 10_000, 100_000


def _export(path: Path) -> None:
    from tests import linkedin_export as le

    people = [
        (f"Imp{i}", f"Person{i}", le.url(f"imp-person-{i}")) for i in range(IMPORT_CONNECTIONS)
    ]
    rows = [[first, last, url, "", "Bench Co", "Engineer"] for first, last, url in people]
    dates = ["07 Dec 2023"] * len(rows)
    messages = []
    for n in range(IMPORT_MESSAGES):
        first, last, url = people[n % len(people)]
        when = (datetime(2025, 1, 1, tzinfo=UTC) + timedelta(minutes=7 * n)).strftime(
            "%Y-%m-%d %H:%M:%S UTC"
        )
        them = (f"{first} {last}", url)
        pair = (le.MORGAN, them) if n % 2 == 0 else (them, le.MORGAN)
        messages.append(le.message(f"c-{n % len(people)}", *pair, when, "Hello"))
    data = le.export_zip(le.connections_csv(rows, dates), messages=le.messages_csv(messages))
    path.write_bytes(data)


def import_app(b: Bench) -> Figure:
    from recruiter.services import imports

    email = f"import-{int(time.time())}@example.com"
    path = Path(tempfile.mkdtemp()) / "export.zip"
    _export(path)
    with b.app.app_context():
        team_id = accounts.create_recruiter(email, PASSWORD).id
        db.session.commit()

    def run() -> int:
        with b.app.app_context():
            owner = db.session.get(Recruiter, team_id)
            imports.run_import(owner, path, b.now, dry_run=False)
            db.session.commit()
        return 0

    try:
        figure = b.once(run)
    finally:
        with b.app.app_context():
            db.session.delete(db.session.get(Recruiter, team_id))
            db.session.commit()
    figure.note = f"{IMPORT_CONNECTIONS:,} connections + {IMPORT_MESSAGES:,} messages, in-process"
    return figure


def import_sql(b: Bench) -> Figure:
    """The same rows inserted with executemany in one transaction (rolled back)."""
    now = b.ts(b.now)

    def run(conn: Any) -> None:
        cur = conn.cursor()
        base = 2_000_000_000
        cur.executemany(
            b.q(
                "INSERT INTO candidate (id, team_id, full_name, profile_url, company, title, "
                "connection_status, confidence, search_key, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, 'Bench Co', 'Engineer', 'connected', 'none', ?, ?, ?)"
            ),
            [
                (base + i, b.team_id, f"Imp{i} Person{i}", f"bench-{i}", f"imp{i}", now, now)
                for i in range(IMPORT_CONNECTIONS)
            ],
        )
        cur.executemany(
            b.q(
                "INSERT INTO outreach (team_id, candidate_id, channel, direction, sent_at, "
                "source_key, created_at) VALUES (?, ?, 'message', 'outbound', ?, ?, ?)"
            ),
            [
                (b.team_id, base + n % IMPORT_CONNECTIONS, now, f"bench-{n}", now)
                for n in range(IMPORT_MESSAGES)
            ],
        )
        conn.rollback()

    return b.sql(run, once=True)


WRITES = 200


def api_writes_app(b: Bench) -> Figure:
    headers = {"Authorization": f"Bearer {b.token}"}
    body = {"candidate_id": b.plain_id, "channel": "call", "sent_at": b.now.isoformat()}

    def run() -> int:
        for _ in range(WRITES):
            response = b.client.post("/api/v1/outreach", json=body, headers=headers)
            assert response.status_code == 201, response.get_data(as_text=True)
        return WRITES

    figure = b.once(run)
    figure.note = f"in-process test client, {figure.statements / WRITES:.1f} statements per write"
    return figure


def api_writes_sql(b: Bench) -> Figure:
    now = b.ts(b.now)

    def run(conn: Any) -> int:
        cur = conn.cursor()
        for _ in range(WRITES):
            cur.execute(
                b.q(
                    "INSERT INTO outreach (team_id, candidate_id, channel, direction, sent_at, "
                    "created_at) VALUES (?, ?, 'call', 'outbound', ?, ?)"
                ),
                (b.team_id, b.plain_id, now, now),
            )
            conn.commit()
        return WRITES

    figure = b.sql(run, once=True)
    figure.note = "one INSERT and one commit per write"
    return figure


def csv_app(b: Bench) -> Figure:
    def run() -> int:
        response = b.client.get("/reports/outreach.csv")
        assert response.status_code == 200
        return sum(chunk.count(b"\n") for chunk in response.response) - 1

    return b.once(run)


def csv_sql(b: Bench) -> Figure:
    import csv

    def run(conn: Any) -> int:
        cur = conn.cursor()
        cur.execute(
            b.q(
                "SELECT o.id, c.full_name, o.channel, o.direction, o.sent_at, o.responded_at, "
                "o.note FROM outreach o JOIN candidate c ON c.id = o.candidate_id "
                "WHERE o.team_id = ? ORDER BY o.sent_at, o.id"
            ),
            (b.team_id,),
        )
        out = csv.writer(io.StringIO())
        count = 0
        while rows := cur.fetchmany(5000):
            out.writerows(rows)
            count += len(rows)
        return count

    return b.sql(run, once=True)


Row = tuple[str, Callable[[Bench], Figure], Callable[[Bench], Figure]]
ROWS: list[Row] = [
    ("dashboard", dashboard_app, dashboard_sql),
    ("dashboard_rollup", dashboard_app, dashboard_rollup_sql),
    ("dashboard_cold", dashboard_cold_app, dashboard_sql),
    ("scores", scores_app, scores_sql),
    ("candidate", candidate_app, candidate_sql),
    ("api_list", api_list_app, api_list_sql),
    ("web_list", web_list_app, web_list_sql),
    ("recompute", recompute_app, events_pass_sql),
    ("recompute_before", recompute_before_app, events_pass_sql),
    ("jobs_first", jobs_first_app, jobs_sql),
    ("jobs_idle", jobs_idle_app, jobs_sql),
    ("import", import_app, import_sql),
    ("api_writes", api_writes_app, api_writes_sql),
    ("csv", csv_app, csv_sql),
]
LABELS = {
    "dashboard": "dashboard, warm (vs its charts counted afresh)",
    "dashboard_rollup": "dashboard, warm (vs the same answer read from the rollup)",
    "dashboard_cold": "dashboard, cold: 12 months counted and stored (vs counted afresh)",
    "scores": "score distribution (the (team_id, score) index)",
    "candidate": "candidate page ({interviews} interviews, {outreach} outreach)",
    "api_list": "API list, 100 per page, by score",
    "web_list": "web list (/candidates), first page, by score",
    "recompute": "scores recompute (vs one pass over the events)",
    "recompute_before": "scores recompute, per candidate (before)",
    "jobs_first": "jobs, first run",
    "jobs_idle": "jobs, idle run",
    "import": "LinkedIn import, 10k connections + 100k messages",
    "api_writes": "API writes (POST /api/v1/outreach)",
    "csv": "outreach CSV",
}
OPT_IN = {"recompute_before"}


# --- running ---------------------------------------------------------------------------------


def _network(app: Flask, candidates: int, seed: int, now: datetime) -> str:
    email = f"scale-{candidates}@example.com"
    with app.app_context():
        if accounts.find_recruiter(email) is not None:
            print(f"reusing {email}", file=sys.stderr)
            return email
        print(f"seeding {candidates:,} candidates as {email} ...", file=sys.stderr)
        start = time.perf_counter()
        summary = demo_network.seed_network(email, PASSWORD, now, candidates, seed=seed)
        db.session.commit()
        planner.analyze(db.session, vacuum=True)
    print(f"seeded in {time.perf_counter() - start:.1f} s: {summary.as_dict()}", file=sys.stderr)
    return email


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--candidates", type=int, default=10_000)
    parser.add_argument("--database-url", default=None, help="default: a temporary SQLite file")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip", default="", help="comma-separated row names to leave out")
    parser.add_argument(
        "--only", help="comma-separated row names: " + ", ".join(r[0] for r in ROWS)
    )
    args = parser.parse_args()
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp()}/scale.db"
    url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    os.environ.setdefault("RECRUITER_INSTANCE_PATH", tempfile.mkdtemp())
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "bench-secret-key-that-is-long-enough-0123456789",
            "WTF_CSRF_ENABLED": False,
        }
    )
    wanted = set(args.only.split(",")) if args.only else {r[0] for r in ROWS} - OPT_IN
    wanted -= set(args.skip.split(","))
    now = datetime.now(UTC).replace(microsecond=0)
    with app.app_context():
        upgrade()
    email = _network(app, args.candidates, args.seed, now)
    bench = Bench(app, url, email, now, args.repeat)
    with app.app_context():
        counts = {
            "interviews": db.session.scalar(
                select(func.count()).where(Interview.candidate_id == bench.heavy_id)
            ),
            "outreach": db.session.scalar(
                select(func.count()).where(Outreach.candidate_id == bench.heavy_id)
            ),
        }
    backend = make_url(url).get_backend_name()
    print(f"\n{args.candidates:,} candidates on {backend}, {now:%Y-%m-%d %H:%M} UTC\n")
    print(
        "| path | app | app CPU | statements | bare SQL | ratio | note |\n"
        "|---|---|---|---|---|---|---|"
    )
    for name, app_fn, sql_fn in ROWS:
        if name not in wanted:
            continue
        got = app_fn(bench)
        bare = sql_fn(bench)
        if got.items and bare.items:
            ratio = (bare.items / bare.seconds) / (got.items / got.seconds)
        else:
            ratio = got.seconds / bare.seconds
        label = LABELS[name].format(**counts)
        statements = "" if got.statements is None else f"{got.statements:,}"
        print(
            f"| {label} | {got.text()} | {got.cpu:,.2f} s | {statements} | {bare.text()} "
            f"| {ratio:,.1f}x "
            f"| {got.note or bare.note} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
