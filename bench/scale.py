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
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from bench.scale_reads import (
    api_list_app,
    api_list_sql,
    candidate_app,
    candidate_sql,
    dashboard_app,
    dashboard_cold_app,
    dashboard_rollup_sql,
    dashboard_sql,
    list_total_app,
    list_total_sql,
    scores_app,
    scores_sql,
    web_list_app,
    web_list_sql,
)
from bench.scale_setting import PASSWORD, Bench, Figure
from bench.scale_writes import (
    api_writes_app,
    api_writes_sql,
    csv_app,
    csv_sql,
    events_pass_sql,
    import_app,
    import_sql,
    jobs_first_app,
    jobs_idle_app,
    jobs_sql,
    recompute_app,
    recompute_before_app,
)
from recruiter import create_app
from recruiter.extensions import db
from recruiter.models import Interview, Outreach
from recruiter.services import accounts, demo_network, planner

Row = tuple[str, Callable[[Bench], Figure], Callable[[Bench], Figure]]
ROWS: list[Row] = [
    ("dashboard", dashboard_app, dashboard_sql),
    ("dashboard_rollup", dashboard_app, dashboard_rollup_sql),
    ("dashboard_cold", dashboard_cold_app, dashboard_sql),
    ("scores", scores_app, scores_sql),
    ("candidate", candidate_app, candidate_sql),
    ("api_list", api_list_app, api_list_sql),
    ("web_list", web_list_app, web_list_sql),
    ("list_total", list_total_app, list_total_sql),
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
    "list_total": "the lists' total: the stored count (vs count(*) of the team)",
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
        times = f"{ratio:,.1f}x" if ratio >= 0.95 else f"{ratio:.2f}x"  # below 1: the app wins
        print(
            f"| {label} | {got.text()} | {got.cpu:,.2f} s | {statements} | {bare.text()} "
            f"| {times} | {got.note or bare.note} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
