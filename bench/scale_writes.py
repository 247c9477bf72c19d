"""``bench/scale.py``'s write and job rows: recompute, the clock's jobs, the LinkedIn import,
API writes and the outreach CSV, each as (app, bare SQL)."""

from __future__ import annotations

import io
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select

from bench.scale_setting import PASSWORD, Bench, Figure, fetch
from recruiter.extensions import db
from recruiter.models import Candidate, Recruiter
from recruiter.services import accounts, consequences, planner, reliability

# --- the rows that write or run jobs: (name, app, bare SQL) ------------------------------


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
        fetch(
            conn,
            b.q(
                "SELECT i.candidate_id, e.interview_id, e.type, e.at, e.by, e.new_scheduled_at "
                "FROM interview_event e JOIN interview i ON i.id = e.interview_id "
                "WHERE e.team_id = ? ORDER BY i.candidate_id, e.id"
            ),
            (b.team_id,),
        )
        fetch(
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
        fetch(
            conn,
            b.q("SELECT DISTINCT candidate_id FROM interview WHERE next_review_at <= ?"),
            (now,),
        )
        fetch(
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
