"""Time a LinkedIn import of a large synthetic export, and its re-import, beside bare SQL.

    python bench/import_speed.py [--connections 10000] [--messages 100000]
                                 [--database-url postgresql://...]

Builds an export shaped like a real one (``tests/linkedin_export.py``: notes before the
Connections header, messages out of order) with ``--connections`` connections and
``--messages`` messages (the owner writes, about two in three conversations get replies), then
on a fresh database (a temporary SQLite file, or ``--database-url``, whose schema it resets):

- imports it (the run, then the settle step that scores every touched candidate, then the
  commit), as the background worker does;
- imports the same file again (nothing to change);
- inserts the same candidate and outreach rows with bare SQL (``executemany`` of plain
  INSERTs in one transaction, for another recruiter): the least any import can cost.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _setup import scratch_database
from flask_migrate import upgrade
from sqlalchemy import text

from recruiter import create_app
from recruiter.extensions import db
from recruiter.models import Recruiter
from recruiter.services import accounts, consequences, imports
from tests.linkedin_export import MORGAN, connections_csv, export_zip, message
from tests.linkedin_export import messages_csv as build_messages

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
PASSWORD = "reliant-sample-2026"  # noqa: S105 (the benchmark's own accounts)


def build_export(connections: int, messages: int, rnd: random.Random) -> tuple[bytes, int]:
    people = [
        [
            f"First{i}",
            f"Last{i}",
            f"https://www.linkedin.com/in/person-{i}",
            f"person{i}@example.com" if i % 3 == 0 else "",
            f"Company {i % 500}",
            "Engineer",
        ]
        for i in range(connections)
    ]
    start = NOW - timedelta(days=700)
    dates = [(start + timedelta(days=i % 600)).strftime("%d %b %Y") for i in range(connections)]
    rows = []
    conversation = 0
    while len(rows) < messages:
        i = conversation % connections
        other = (f"First{i} Last{i}", f"https://www.linkedin.com/in/person-{i}")
        at = start + timedelta(minutes=rnd.randrange(600 * 24 * 60))
        for turn in range(min(10, messages - len(rows))):
            sender, to = (MORGAN, other) if turn % 2 == 0 else (other, MORGAN)
            if turn % 2 and rnd.random() < 0.33:
                break  # no reply: the conversation ends here
            when = (at + timedelta(hours=turn * 5)).strftime("%Y-%m-%d %H:%M:%S UTC")
            rows.append(message(f"2-{conversation}==", sender, to, when, f"Message {turn}"))
        conversation += 1
    rnd.shuffle(rows)  # exports come out of order
    data = export_zip(connections=connections_csv(people, dates), messages=build_messages(rows))
    return data, len(rows)


def timed_import(owner: Recruiter, data: bytes) -> tuple[float, float, imports.ImportResult]:
    started, cpu = time.perf_counter(), time.process_time()
    result = imports.run_import(owner, data, NOW, filename="export.zip")
    assert result.accepted, result.problems[:3]
    ran = time.perf_counter() - started
    consequences.settle(NOW)
    db.session.commit()
    # On a shared machine the wall time also counts waiting for a core: the CPU time beside it.
    print(f"  (this process's CPU: {time.process_time() - cpu:.1f} s)")
    return ran, time.perf_counter() - started, result


def bare_sql(team_id: int, connections: int, messages: int) -> float:
    """Plain INSERTs of the same number of candidates and outreach rows, one transaction."""
    candidate_rows = [
        {
            "owner": team_id,
            "name": f"First{i} Last{i}",
            "url": f"https://linkedin.com/in/bare-{i}",
            "now": NOW.replace(tzinfo=None),
        }
        for i in range(connections)
    ]
    started, cpu = time.perf_counter(), time.process_time()
    db.session.execute(
        text(
            "INSERT INTO candidate (team_id, full_name, profile_url, connection_status,"
            " confidence, search_key, created_at, updated_at)"
            " VALUES (:owner, :name, :url, 'connected', 'none', :name, :now, :now)"
        ),
        candidate_rows,
    )
    ids = list(
        db.session.execute(
            text("SELECT id FROM candidate WHERE team_id = :owner ORDER BY id"),
            {"owner": team_id},
        ).scalars()
    )
    outreach_rows = [
        {
            "owner": team_id,
            "candidate": ids[i % len(ids)],
            "sent": (NOW - timedelta(hours=i)).replace(tzinfo=None),
            "key": f"bare:{i}",
            "now": NOW.replace(tzinfo=None),
        }
        for i in range(messages)
    ]
    db.session.execute(
        text(
            "INSERT INTO outreach (team_id, candidate_id, channel, direction, sent_at,"
            " source_key, created_at)"
            " VALUES (:owner, :candidate, 'message', 'outbound', :sent, :key, :now)"
        ),
        outreach_rows,
    )
    db.session.commit()
    print(f"  (this process's CPU: {time.process_time() - cpu:.1f} s)")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--connections", type=int, default=10_000)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    rnd = random.Random(13)
    _, url = scratch_database(args.database_url)
    started = time.perf_counter()
    data, rows = build_export(args.connections, args.messages, rnd)
    print(
        f"export: {args.connections} connections, {rows} messages, {len(data) / 2**20:.1f} MB"
        f" zipped, built in {time.perf_counter() - started:.1f} s"
    )
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench-" * 8, "TESTING": True})
    with app.app_context():
        upgrade()
        database = db.engine.dialect.name
        owner = accounts.create_recruiter("bench@example.com", PASSWORD, "Bench")
        other = accounts.create_recruiter("bare@example.com", PASSWORD, "Bare")
        db.session.commit()
        started = time.perf_counter()
        read = imports.read_source(data, "export.zip")
        parsed = time.perf_counter() - started
        print(
            f"{database}: reading the file alone {parsed:.1f} s"
            f" ({len(read.people)} people, {len(read.pairs) + len(read.inbound)} messages)"
        )
        ran, first, result = timed_import(owner, data)
        print(
            f"{database}: import {first:.1f} s (run {ran:.1f} s, settle + commit"
            f" {first - ran:.1f} s): candidates {result.candidates}, messages {result.messages}"
        )
        ran, again, result = timed_import(owner, data)
        print(
            f"{database}: re-import {again:.1f} s: candidates {result.candidates},"
            f" messages {result.messages}"
        )
        bare = bare_sql(other.team_id, args.connections, rows)
        target = 15 if database == "sqlite" else 30
        print(
            f"{database}: bare SQL insert of the same rows {bare:.2f} s; import {first / bare:.0f}x"
            f" bare SQL (target: import < {target} s, re-import < 3 s)"
        )


if __name__ == "__main__":
    main()
