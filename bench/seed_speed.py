"""seed-demo at size, and the first clock run after it, each beside its bare SQL.

    python bench/seed_speed.py --candidates 100000
    python bench/seed_speed.py --candidates 100000 \\
        --database-url postgresql://postgres@127.0.0.1:5432/seed_bench

On an empty database (a new SQLite file in a scratch folder, or the PostgreSQL database given,
emptied first): ``db upgrade``, then ``flask --app app seed-demo --candidates N`` as a user
runs it (its own process, start-up included), then every periodic job once, as the scheduler's
catch-up runs them after a start (each timed, in-process), then once more (idle).

Beside them, from the same run:
- **bare inserts**: the rows the seed wrote (candidates, interviews, events, outreach,
  signals) read back and inserted again by the driver's fastest bulk path in one
  transaction, committed, into an empty copy of the same tables with the same indexes (SQLite:
  ``executemany`` into a second file with the schema's own SQL, foreign keys on, the FTS5
  table filled by one ``INSERT ... SELECT``; PostgreSQL: one ``COPY ... FROM STDIN`` per table
  into a schema ``bare`` of ``LIKE ... INCLUDING ALL`` tables, no foreign keys, as the seed
  itself writes there). What it leaves out is generating the history and deriving scores,
  verdicts and reminders, which is the seed's own work.
- **bare due queries**: the statements that find what the clock has to do (reminders due,
  ghost verdicts due, scores older than the last nightly time), run by the driver.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _setup import scratch_database  # noqa: E402

TABLES = ("candidate", "interview", "interview_event", "outreach", "candidate_signal")
PARENTS = ("team", "recruiter", "client")  # copied untimed: the rows above point at them
FLASK = str(Path(sys.executable).with_name("flask"))


def _flask(url: str, *args: str) -> float:
    env = {**os.environ, "DATABASE_URL": url}
    started = time.perf_counter()
    subprocess.run([FLASK, "--app", "app", *args], cwd=ROOT, env=env, check=True)  # noqa: S603
    return time.perf_counter() - started


def _jobs(url: str) -> list[tuple[str, float, str]]:
    os.environ["DATABASE_URL"] = url
    from recruiter import create_app, jobs

    app = create_app()
    runs = []
    with app.app_context():
        for job in jobs.JOBS:
            started = time.perf_counter()
            result = jobs.run_job(job, datetime.now(UTC))
            runs.append((job.id, time.perf_counter() - started, result.summary))
    return runs


# --- bare SQL ---------------------------------------------------------------------------------


def _bare_sqlite(path: str, bare_path: str) -> tuple[float, int]:
    src = sqlite3.connect(path)
    if os.path.exists(bare_path):
        os.remove(bare_path)
    dst = sqlite3.connect(bare_path, isolation_level=None)
    for pragma in ("foreign_keys=ON", "journal_mode=WAL", "synchronous=NORMAL"):
        dst.execute(f"PRAGMA {pragma}")
    schema = src.execute(
        "SELECT type, sql FROM sqlite_master WHERE sql IS NOT NULL AND type IN "
        "('table', 'index') AND name NOT LIKE 'candidate_search_%' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY type = 'index'"
    ).fetchall()
    for _, sql in schema:
        dst.execute(sql)
    for table in PARENTS:
        rows = src.execute(f"SELECT * FROM {table}").fetchall()  # noqa: S608
        if rows:
            marks = ", ".join("?" * len(rows[0]))
            dst.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)  # noqa: S608
    data = {t: src.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in TABLES}  # noqa: S608
    has_fts = any("candidate_search" in (sql or "") for _, sql in schema)
    started = time.perf_counter()
    dst.execute("BEGIN")
    for table in TABLES:
        if data[table]:
            marks = ", ".join("?" * len(data[table][0]))
            dst.executemany(f"INSERT INTO {table} VALUES ({marks})", data[table])  # noqa: S608
    if has_fts:
        dst.execute(
            "INSERT INTO candidate_search(rowid, search_key) SELECT id, search_key FROM candidate"
        )
    dst.execute("COMMIT")
    took = time.perf_counter() - started
    return took, sum(map(len, data.values()))


def _plain(value: object) -> object:
    """A JSON column's value (read back as dict or list) as psycopg sends it."""
    from psycopg.types.json import Jsonb

    return Jsonb(value) if isinstance(value, dict | list) else value


def _bare_postgresql(url: str) -> tuple[float, int]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA IF EXISTS bare CASCADE")
        conn.execute("CREATE SCHEMA bare")
        for table in (*PARENTS, *TABLES):
            conn.execute(f"CREATE TABLE bare.{table} (LIKE public.{table} INCLUDING ALL)")
        data = {}
        for table in TABLES:
            cur = conn.execute(f"SELECT * FROM public.{table} ORDER BY id")  # noqa: S608
            data[table] = [tuple(map(_plain, row)) for row in cur.fetchall()]
        started = time.perf_counter()
        with conn.transaction(), conn.cursor() as cur:
            for table in TABLES:
                with cur.copy(f"COPY bare.{table} FROM STDIN") as copy:
                    for row in data[table]:
                        copy.write_row(row)
        took = time.perf_counter() - started
        conn.execute("DROP SCHEMA bare CASCADE")
    return took, sum(map(len, data.values()))


def _bare_due(url: str) -> float:
    """The clock's look-ups of what is due, by the driver (the answer an idle run gives)."""
    now = datetime.now(UTC)
    nightly = now.replace(hour=2, minute=30, second=0, microsecond=0)  # jobs.last_nightly
    if nightly > now:
        nightly -= timedelta(days=1)
    queries = [
        ("SELECT team_id, id FROM candidate WHERE reminder_review_at <= {p} LIMIT 2000", (now,)),
        (
            "SELECT DISTINCT candidate_id FROM interview WHERE next_review_at IS NOT NULL "
            "AND next_review_at <= {p}",
            (now,),
        ),
        (
            "SELECT id FROM candidate WHERE score_computed_at IS NULL OR score_computed_at < {p} "
            "ORDER BY id LIMIT 2000",
            (nightly,),
        ),
    ]
    if url.startswith("sqlite"):
        conn = sqlite3.connect(url.removeprefix("sqlite:///"))
        mark = "?"

        def value(v: datetime) -> str:
            return v.replace(tzinfo=None).isoformat(" ", "microseconds")
    else:
        import psycopg

        conn = psycopg.connect(url)
        mark = "%s"

        def value(v: datetime) -> datetime:
            return v

    started = time.perf_counter()
    for sql, params in queries:
        conn.execute(sql.format(p=mark), tuple(map(value, params))).fetchall()
    took = time.perf_counter() - started
    conn.close()
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--database-url", help="PostgreSQL database to empty and use")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    workdir, url = scratch_database(args.database_url)
    _flask(url, "db", "upgrade")
    size = ["--candidates", str(args.candidates), "--seed", str(args.seed)]
    seed_s = _flask(url, "seed-demo", *size)
    print(f"seed-demo took {seed_s:.1f} s", flush=True)
    first = _jobs(url)
    idle = _jobs(url)
    if url.startswith("sqlite"):
        bare_s, rows = _bare_sqlite(url.removeprefix("sqlite:///"), str(workdir / "bare.db"))
    else:
        bare_s, rows = _bare_postgresql(url)
    due_s = _bare_due(url)
    backend = "SQLite" if url.startswith("sqlite") else "PostgreSQL"
    print(f"\n{backend}, {args.candidates:,} candidates ({rows:,} rows)")
    print(f"{'what':<34}{'app':>10}{'bare SQL':>12}{'ratio':>8}")
    ratio = seed_s / bare_s
    print(f"{'seed-demo (whole command)':<34}{seed_s:>9.1f}s{bare_s:>11.1f}s{ratio:>7.1f}x")
    first_s, idle_s = sum(t for _, t, _ in first), sum(t for _, t, _ in idle)
    print(
        f"{'first clock run (every job once)':<34}{first_s:>9.2f}s{due_s:>11.3f}s"
        f"{first_s / due_s:>7.0f}x"
    )
    print(f"{'idle clock run':<34}{idle_s:>9.2f}s{due_s:>11.3f}s{idle_s / due_s:>7.0f}x")
    for job_id, took, summary in first:
        print(f"  first {job_id:<20}{took:>8.2f}s  {summary}")


if __name__ == "__main__":
    main()
