"""Outreach CSV export: the app's rows per second beside ``sqlite3 -csv`` (or ``psql``'s COPY) in
the same run.

    python bench/csv_export.py [--rows 200000] [--time-zone Europe/Paris]
                               [--database-url postgresql://...]

Fills a temporary SQLite database (or ``--database-url``, whose schema it resets) with bulk
inserts (``bench/export_memory.py``'s ``fill``: per row a candidate and one answered outreach,
an interview for every tenth), then, back to back:

- the app: ``GET /api/v1/reports/outreach.csv`` through the real code path (bearer token,
  ``stream_with_context``, ``yield_per``), read chunk by chunk from the test client;
- the bare limit: the ``sqlite3`` command-line shell with ``-csv`` running the report's query
  (the same join, order and columns, times as stored) into ``/dev/null``; without the shell,
  the sqlite3 module with ``csv.writer``. On PostgreSQL, ``psql`` running the query as
  ``COPY ... TO STDOUT`` (CSV, every field quoted) into ``/dev/null``.

Each runs ``--rounds`` times, alternated; printed: every round, then the best of each (rows,
seconds, rows per second) and the ratio (target: at least 40 %).
Memory stays flat: ``bench/export_memory.py`` measures that.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade
from sqlalchemy import text

from bench.export_memory import config, fill, reset_postgres
from recruiter import create_app
from recruiter.extensions import db
from recruiter.services import accounts

BARE_QUERY = """
SELECT outreach.id, outreach.candidate_id, candidate.full_name, outreach.channel,
       outreach.direction, outreach.sent_at, outreach.responded_at,
       round((julianday(outreach.responded_at) - julianday(outreach.sent_at)) * 24, 2),
       outreach.interview_id, outreach.note
FROM outreach JOIN candidate ON candidate.id = outreach.candidate_id
WHERE outreach.team_id = 1
ORDER BY outreach.sent_at DESC, outreach.id DESC
"""
BARE_QUERY_POSTGRES = BARE_QUERY.replace(
    "round((julianday(outreach.responded_at) - julianday(outreach.sent_at)) * 24, 2)",
    "round(extract(epoch FROM outreach.responded_at - outreach.sent_at) / 3600, 2)",
)


def app_export(app, token: str) -> tuple[int, float]:  # type: ignore[no-untyped-def]
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    started = time.perf_counter()
    response = client.get("/api/v1/reports/outreach.csv", headers=headers, buffered=False)
    assert response.status_code == 200, response.status_code
    lines = 0
    for chunk in response.response:
        lines += chunk.count(b"\r\n")
    response.close()
    return lines - 1, time.perf_counter() - started


def bare_postgres(url: str) -> tuple[int, float, str]:
    copy = f"COPY ({BARE_QUERY_POSTGRES}) TO STDOUT WITH (FORMAT csv, FORCE_QUOTE *)"
    started = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        subprocess.run(["psql", "-q", url, "-c", copy], stdout=sink, check=True)  # noqa: S603,S607
    seconds = time.perf_counter() - started
    count = subprocess.run(  # noqa: S603
        ["psql", "-qAt", url, "-c", "SELECT count(*) FROM outreach"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    )
    return int(count.stdout), seconds, "psql COPY csv"


def bare_export(path: Path) -> tuple[int, float, str]:
    shell = shutil.which("sqlite3")
    started = time.perf_counter()
    if shell:
        with open(os.devnull, "wb") as sink:
            subprocess.run([shell, "-csv", str(path), BARE_QUERY], stdout=sink, check=True)  # noqa: S603
        seconds = time.perf_counter() - started
        conn = sqlite3.connect(path)
        rows = conn.execute("SELECT count(*) FROM outreach").fetchone()[0]
        conn.close()
        return rows, seconds, "sqlite3 -csv"
    conn = sqlite3.connect(path)
    rows = 0
    with open(os.devnull, "w", newline="") as sink:
        writer = csv.writer(sink)
        for row in conn.execute(BARE_QUERY):
            writer.writerow(row)
            rows += 1
    conn.close()
    return rows, time.perf_counter() - started, "sqlite3 module + csv.writer"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=3, help="alternated runs of each")
    parser.add_argument("--time-zone", default="Europe/Paris", help="the recruiter's zone")
    parser.add_argument("--database-url", help="PostgreSQL URL (its schema is reset)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="reliant-csv-bench-"))
    os.environ["RECRUITER_INSTANCE_PATH"] = str(workdir / "instance")
    path = workdir / "bench.db"
    url = args.database_url or f"sqlite:///{path}"
    if args.database_url:
        reset_postgres(url)
    app = create_app(config(url))
    with app.app_context():
        upgrade()
        owner = accounts.create_recruiter(
            "bench@example.com", "quiet harbour lantern 42", "Bench", args.time_zone
        )
        _, token = accounts.create_token(owner, "bench")
        db.session.commit()
        started = time.perf_counter()
        fill(owner.team_id, 0, args.rows)
        filled = time.perf_counter() - started
        assert owner.team_id == 1  # BARE_QUERY's team_id
        if args.database_url:
            db.session.execute(text("ANALYZE"))  # fresh statistics, for both alike
            db.session.commit()
        db.session.remove()
    backend = "PostgreSQL" if args.database_url else "SQLite"
    print(
        f"outreach report, {backend}, {args.rows:,} rows (made in {filled:.1f} s), {args.time_zone}"
    )
    app_export(app, token)  # warm the page cache and the code path alike
    bare_times, app_times = [], []
    for _ in range(args.rounds):  # alternated, best of each: the machine's load moves
        bare_rows, bare_seconds, tool = (
            bare_postgres(url) if args.database_url else bare_export(path)
        )
        rows, seconds = app_export(app, token)
        assert rows == bare_rows == args.rows, (rows, bare_rows)
        bare_times.append(bare_seconds)
        app_times.append(seconds)
    bare_seconds, seconds = min(bare_times), min(app_times)
    print(
        "rounds (bare / app, s): "
        + ", ".join(f"{b:.2f} / {a:.2f}" for b, a in zip(bare_times, app_times, strict=True))
    )
    app_rate, bare_rate = rows / seconds, bare_rows / bare_seconds
    print(f"{tool:>28}: {bare_seconds:7.2f} s {bare_rate:>10,.0f} rows/s")
    print(f"{'app (API, streamed)':>28}: {seconds:7.2f} s {app_rate:>10,.0f} rows/s")
    print(f"{'ratio':>28}: {app_rate / bare_rate:.0%} of {tool} (target: at least 40 %)")
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
