"""Peak memory and speed of a streamed CSV export, at 20,000 and 200,000 rows.

    python bench/export_memory.py [--rows 20000 200000] [--report candidates|outreach]
                                  [--database-url postgresql://...]

Fills a temporary SQLite database (or ``--database-url``, whose schema it resets) with bulk
inserts: per row a candidate with a cached reliability, one answered outreach, and for every
tenth an interview (so the report's grouped subqueries have work). Then, for each size, a
fresh child process downloads the report through the real code path (the API endpoint, with
``stream_with_context`` and ``yield_per``, read chunk by chunk from the test client and thrown
away) and prints rows per second, the tracemalloc peak of the export and the process's peak
RSS. Memory that does not grow with the row count is the point.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade
from sqlalchemy import create_engine, func, insert, select, text

from recruiter import create_app
from recruiter.extensions import db
from recruiter.models import Candidate, Interview, Outreach
from recruiter.services import accounts
from recruiter.services.candidates import candidate_search_key

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
CHUNK = 10_000
COMPANIES = ["Acme Fintech", "Cobalt Retail", "=Harbor & Finch", "Zoë Łukasiewicz GmbH", "-"]


def config(url: str) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "bench-secret-key-that-is-long-enough-0123456789",
        "SQLALCHEMY_DATABASE_URI": url,
        "WTF_CSRF_ENABLED": False,
    }


def reliability(n: int) -> dict:
    score = 40 + n % 60
    return {
        "score": score,
        "band": [score - 10, score + 10],
        "confidence": "medium",
        "components": {"attendance": 0.8, "follow_through": 0.7, "responsiveness": 0.65},
        "no_show_probability": 0.12,
        "median_response_hours": 5.5,
        "evidence": {"interviews": 1, "outreach": 1},
        "reasons": ["Attended 1 of 1 interviews", "Usually answers within a day"],
    }


def fill(team_id: int, start: int, stop: int) -> None:
    """Candidates ``start``..``stop``-1, each with an outreach; every tenth an interview."""
    for low in range(start, stop, CHUNK):
        high = min(low + CHUNK, stop)
        rows = [
            {
                "team_id": team_id,
                "full_name": f"Candidate {n:07d} Łukasiewicz",
                "email": f"c{n}@example.org",
                "phone": f"+1 555 {n % 10000:04d}",
                "profile_url": f"https://linkedin.com/in/c{n}",
                "company": COMPANIES[n % len(COMPANIES)],
                "title": "Data engineer",
                "location": "Kraków",
                "connection_status": "connected",
                "connected_on": date(2024, 1, 1) + timedelta(days=n % 700),
                "notes": "Met at PyData; =1+1 asked about remote work",
                "score": 40.0 + n % 60,
                "score_low": 30.0 + n % 60,
                "score_high": 50.0 + n % 50,
                "confidence": "medium",
                "no_show_probability": 0.12,
                "reliability": reliability(n),
                "created_at": NOW - timedelta(minutes=n),
                "updated_at": NOW,
            }
            for n in range(low, high)
        ]
        for row in rows:
            row["search_key"] = candidate_search_key(
                row["full_name"], row["email"], row["company"], row["profile_url"]
            )
        db.session.execute(insert(Candidate), rows)
        ids = db.session.scalars(
            select(Candidate.id)
            .where(Candidate.team_id == team_id)
            .order_by(Candidate.id.desc())
            .limit(high - low)
        ).all()
        sent = NOW - timedelta(days=3)
        db.session.execute(
            insert(Outreach),
            [
                {
                    "team_id": team_id,
                    "candidate_id": cid,
                    "channel": "call",
                    "direction": "outbound",
                    "sent_at": sent,
                    "responded_at": sent + timedelta(hours=cid % 48),
                    "note": "@left a voicemail, then they called back",
                    "created_at": NOW,
                }
                for cid in ids
            ],
        )
        db.session.execute(
            insert(Interview),
            [
                {
                    "team_id": team_id,
                    "candidate_id": cid,
                    "original_scheduled_at": NOW - timedelta(days=10),
                    "scheduled_at": NOW - timedelta(days=10),
                    "duration_minutes": 60,
                    "status": "attended" if cid % 3 else "no_show",
                    "explained": False,
                    "created_at": NOW,
                    "updated_at": NOW,
                }
                for cid in ids
                if cid % 10 == 0
            ],
        )
        db.session.commit()


def reset_postgres(url: str) -> None:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def export_once(url: str, token: str, report: str) -> dict:
    """In the child: stream the report via the API and measure it."""
    app = create_app(config(url))
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}

    def run() -> tuple[int, int, float]:
        started = time.perf_counter()
        response = client.get(f"/api/v1/reports/{report}.csv", headers=headers, buffered=False)
        assert response.status_code == 200, response.status_code
        size = lines = 0
        for chunk in response.response:
            size += len(chunk)
            lines += chunk.count(b"\r\n")
        response.close()
        return lines - 1, size, time.perf_counter() - started

    rows, size, seconds = run()  # timing pass, without tracemalloc's overhead
    tracemalloc.start()
    run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "rows": rows,
        "bytes": size,
        "seconds": seconds,
        "tracemalloc_peak": peak,
        "max_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[20_000, 200_000])
    parser.add_argument("--report", choices=["candidates", "outreach"], default="candidates")
    parser.add_argument("--database-url", help="PostgreSQL URL (its schema is reset)")
    parser.add_argument(
        "--child", nargs=3, metavar=("URL", "TOKEN", "REPORT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.child:
        print(json.dumps(export_once(*args.child)))
        return

    workdir = Path(tempfile.mkdtemp(prefix="reliant-bench-"))
    os.environ["RECRUITER_INSTANCE_PATH"] = str(workdir / "instance")
    url = args.database_url or f"sqlite:///{workdir / 'bench.db'}"
    if args.database_url:
        reset_postgres(url)
    app = create_app(config(url))
    with app.app_context():
        upgrade()
        owner = accounts.create_recruiter("bench@example.com", "quiet harbour lantern 42", "Bench")
        _, token = accounts.create_token(owner, "bench")
        db.session.commit()
        team_id = owner.team_id
    backend = "PostgreSQL" if args.database_url else "SQLite"
    print(f"{args.report} report, {backend}, rows streamed through GET /api/v1/reports/…csv")
    columns = ("rows", "MB out", "seconds", "rows/s", "tracemalloc peak", "peak RSS")
    print(" ".join(f"{c:>{w}}" for c, w in zip(columns, (9, 8, 8, 8, 17, 9), strict=True)))
    have = 0
    for target in sorted(args.rows):
        started = time.perf_counter()
        with app.app_context():
            fill(team_id, have, target)
            count = db.session.scalar(select(func.count(Candidate.id)))
            db.session.remove()
        have = target
        filled = time.perf_counter() - started
        child = subprocess.run(  # noqa: S603
            [sys.executable, __file__, "--child", url, token, args.report],
            capture_output=True,
            text=True,
            check=True,
            env=os.environ,
        )
        result = json.loads(child.stdout.strip().splitlines()[-1])
        assert result["rows"] == count, (result["rows"], count)
        print(
            f"{result['rows']:>9,} {result['bytes'] / 2**20:>8.1f} {result['seconds']:>8.2f} "
            f"{result['rows'] / result['seconds']:>8,.0f} "
            f"{result['tracemalloc_peak'] / 2**20:>14.2f} MB {result['max_rss_kb'] / 1024:>6.0f} MB"
            f"   (data generated in {filled:.1f} s)"
        )


if __name__ == "__main__":
    main()
