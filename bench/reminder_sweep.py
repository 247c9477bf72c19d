"""How long a reminder sweep takes, the first time (making reminders) and every minute after.

    python bench/reminder_sweep.py [--recruiters 5] [--candidates 400] [--database-url URL]

Fills a temporary SQLite database (or ``--database-url``, whose schema it resets) through the
services: per recruiter, candidates each with an interview in the next two days, one that
ended this morning, and an unanswered call from three days ago. Then sweeps as of ``NOW``
(creating), again a minute later (nothing new: the steady state of the every-minute job) and
prints the times and counts.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade
from sqlalchemy import create_engine, func, select, text

from recruiter import create_app
from recruiter.extensions import db
from recruiter.models import Reminder
from recruiter.services import accounts, candidates, interviews, outreach, reminders

NOW = datetime(2026, 6, 3, 12, 0, tzinfo=UTC)  # a Wednesday


def fill(recruiters: int, per_recruiter: int) -> None:
    made = NOW - timedelta(days=4)
    for r in range(recruiters):
        owner = accounts.create_recruiter(f"bench{r}@example.com", "bench-password-123", None)
        for c in range(per_recruiter):
            cand = candidates.create_candidate(owner, {"full_name": f"Candidate {r}-{c}"}, made)
            start = NOW + timedelta(hours=1 + (c % 40))
            values = {"candidate_id": cand.id, "scheduled_at": start}
            interviews.create_interview(owner, values, made)
            ended = {"candidate_id": cand.id, "scheduled_at": NOW - timedelta(hours=4)}
            interviews.create_interview(owner, ended, made)
            call = {"candidate_id": cand.id, "channel": "call", "sent_at": made}
            outreach.create_outreach(owner, call, made)
        db.session.commit()


def timed_sweep(now: datetime) -> tuple[float, reminders.SweepSummary]:
    started = time.perf_counter()
    summary = reminders.sweep(now, reminders.ReminderSettings())
    db.session.commit()
    return time.perf_counter() - started, summary


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--recruiters", type=int, default=5)
    parser.add_argument("--candidates", type=int, default=400)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp()
    os.environ["RECRUITER_INSTANCE_PATH"] = tmp
    url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
    if args.database_url:
        engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x" * 40})
    with app.app_context():
        upgrade()
        started = time.perf_counter()
        fill(args.recruiters, args.candidates)
        filled = time.perf_counter() - started
        first, made = timed_sweep(NOW)
        steady, again = timed_sweep(NOW + timedelta(minutes=1))
        total = db.session.scalar(select(func.count(Reminder.id)))
        backend = db.engine.dialect.name
        print(f"{backend}: {args.recruiters} recruiters x {args.candidates} candidates")
        print(f"  filled in {filled:.1f} s")
        print(f"  first sweep:  {first * 1000:.0f} ms ({made})")
        print(f"  next minute:  {steady * 1000:.0f} ms ({again})")
        print(f"  reminders in the table: {total}")


if __name__ == "__main__":
    main()
