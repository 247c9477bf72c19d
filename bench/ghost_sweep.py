"""Time the ghost sweep and the fake-profile photo matching on a synthetic network.

    python bench/ghost_sweep.py [--recruiters 5] [--candidates 2000] [--photos 20000]
                                [--database-url postgresql://...]

Builds a temporary SQLite database (or uses ``--database-url``, whose schema it resets) with,
per recruiter, ``--candidates`` candidates: a third ghosted a confirmed interview, a third are
possible ghosts, the rest attended. The rows are inserted directly, as an upgrade from
before stored verdicts leaves them: every no-show due for review. Prints how long the first
sweep (judging every no-show, opening suggestions) and a second one (nothing due) take, beside
the bare SQL that finds the due rows, and how long matching ``--photos`` hashes takes with the
pigeonhole buckets versus comparing every pair (on a sample; ``--photos 0`` skips it).
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
from recruiter.models import Candidate, Interview, InterviewEvent, Outreach, Recruiter
from recruiter.services import ghosts
from recruiter.services.candidates import candidate_search_key
from recruiter.services.fake_profiles import PhotoRow, distance, find_matches

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def seed(recruiters: int, per_recruiter: int, rnd: random.Random) -> None:
    for r in range(recruiters):
        owner = Recruiter(email=f"bench{r}@example.com", name=f"Bench {r}", password_hash="!")  # noqa: S106
        db.session.add(owner)
        db.session.flush()
        for n in range(per_recruiter):
            start = NOW - timedelta(days=rnd.choice((3, 10, 30, 90)))
            kind = n % 3  # 0 ghosted, 1 possible (one follow-up), 2 attended
            candidate = Candidate(
                team_id=owner.team_id,
                full_name=f"Person {r}-{n}",
                search_key=candidate_search_key(f"Person {r}-{n}"),
                photo_hash=f"{rnd.getrandbits(64):016x}",
            )
            db.session.add(candidate)
            db.session.flush()
            interview = Interview(
                team_id=owner.team_id,
                candidate_id=candidate.id,
                original_scheduled_at=start,
                scheduled_at=start,
                status="attended" if kind == 2 else "no_show",
                # As the migration leaves existing no-shows: due for their first review.
                next_review_at=None if kind == 2 else start,
            )
            db.session.add(interview)
            db.session.flush()
            outcome = "attended" if kind == 2 else "no_show"
            for event, at in (("confirmed", start - timedelta(days=2)), (outcome, start)):
                db.session.add(
                    InterviewEvent(
                        team_id=owner.team_id, interview_id=interview.id, type=event, at=at
                    )
                )
            for i in range(2 if kind == 0 else 1):
                db.session.add(
                    Outreach(
                        team_id=owner.team_id,
                        candidate_id=candidate.id,
                        channel="call",
                        sent_at=start + timedelta(hours=2 + 24 * i),
                    )
                )
        db.session.commit()


def bench_photos(count: int, rnd: random.Random) -> None:
    base = [rnd.getrandbits(64) for _ in range(count)]
    rows = []
    for i, value in enumerate(base):
        if i % 50 == 0 and i:  # a near-copy of an earlier photo under another name
            value = base[i - 1] ^ (1 << rnd.randrange(64)) ^ (1 << rnd.randrange(64))
        rows.append(PhotoRow(i, f"Name {i}", f"{value:016x}"))
    started = time.perf_counter()
    found = find_matches(rows, 6)
    bucketed = time.perf_counter() - started
    sample = rows[:2000]
    started = time.perf_counter()
    pairs = sum(
        1
        for i, a in enumerate(sample)
        for b in sample[i + 1 :]
        if distance(a.photo_hash, b.photo_hash) <= 6
    )
    brute = time.perf_counter() - started
    full_pairs = count * (count - 1) / 2
    estimate = brute / (len(sample) * (len(sample) - 1) / 2) * full_pairs
    started = time.perf_counter()
    find_matches(rows, 6, {rows[-1].id})
    one = time.perf_counter() - started
    print(f"photos: {count} hashes, {len(found)} flagged, buckets {bucketed * 1000:.0f} ms")
    print(f"photos: one candidate's matches (a page view, an upload) {one * 1000:.0f} ms")
    print(f"photos: every pair would take ~{estimate:.1f} s ({pairs} in a {len(sample)} sample)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--recruiters", type=int, default=5)
    parser.add_argument("--candidates", type=int, default=2000)
    parser.add_argument("--photos", type=int, default=20000)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    rnd = random.Random(7)
    _, url = scratch_database(args.database_url)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench-" * 8, "TESTING": True})
    with app.app_context():
        upgrade()
        started = time.perf_counter()
        seed(args.recruiters, args.candidates, rnd)
        total = args.recruiters * args.candidates
        took = time.perf_counter() - started
        print(f"seeded {total} candidates in {took:.1f} s ({url.split(':')[0]})")
        for label in ("first sweep", "second sweep (nothing due)"):
            started = time.perf_counter()
            summary = ghosts.sweep(NOW)
            db.session.commit()
            print(f"{label}: {(time.perf_counter() - started) * 1000:.1f} ms — {summary}")
        print(f"bare SQL for the due rows: {bare_due_query(NOW) * 1000:.1f} ms (best of 5)")
    if args.photos:
        bench_photos(args.photos, rnd)


def bare_due_query(now: datetime) -> float:
    """The least any sweep can cost: the indexed query for interviews due at ``now``."""
    sql = text(
        "SELECT DISTINCT candidate_id FROM interview "
        "WHERE next_review_at IS NOT NULL AND next_review_at <= :now"
    )
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        db.session.execute(sql, {"now": now.replace(tzinfo=None)}).all()
        best = min(best, time.perf_counter() - started)
    db.session.rollback()
    return best


if __name__ == "__main__":
    main()
