"""Candidate search through the app beside the bare SQL for the same answer, at several sizes.

    python bench/search.py [--candidates 2000 20000] [--database-url postgresql://...]

Fills a temporary SQLite database (or ``--database-url``, whose schema it resets) with bulk
inserts of one recruiter's candidates (search keys from ``candidate_search_key``, as every
writer fills them), then for a few queries times the first page of the search as the web list
and the API run it (``CandidateFilter`` -> ``search_candidates`` -> paginate: count and 25
rows) and, back to back, the same two statements as bare SQL on the raw driver connection.
Prints milliseconds per search (median of several runs), the ratio, and beside them the same
bare SQL reading every key of the team (``scan ms``: what a search cost before the trigram
index, and what it still costs on a server without one).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade
from sqlalchemy import create_engine, insert, text

from recruiter import create_app, search_index
from recruiter.extensions import db
from recruiter.models import Candidate
from recruiter.services import accounts, candidates
from recruiter.services.candidates import candidate_search_key
from recruiter.services.filters import CandidateFilter
from recruiter.textkey import like_pattern, search_key

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
FIRST = ["Chloé", "Jan", "Zoë", "Søren", "Ana", "Bo", "Renée", "Łucja", "Grace", "Dmitri"]
LAST = ["Dubois", "Łukasiewicz", "Straße", "Ødegård", "Hopper", "O'Brien", "Nguyễn", "Kim"]
COMPANIES = ["Acme Fintech", "Société Générale", "Harbor & Finch", "100% Data", "Cobalt"]
# Broad (an eighth, a fifth of the network), then selective (one or a few people, as a
# recruiter looking for someone types): only these can cost the same at any size.
QUERIES = ["lukasiewicz", "societe", "chloe dubois", "100%", "c1717@", "dubois 1717", "zzz-nobody"]
RUNS = 7
ROW = "{:>10} {:<14} {:>8} {:>8} {:>12} {:>6} {:>12}"


def config(url: str) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "bench-secret-key-that-is-long-enough-0123456789",
        "SQLALCHEMY_DATABASE_URI": url,
        "WTF_CSRF_ENABLED": False,
    }


def fill(team_id: int, start: int, stop: int) -> None:
    rows = []
    for n in range(start, stop):
        name = f"{FIRST[n % len(FIRST)]} {LAST[(n // 10) % len(LAST)]} {n}"
        email, company = f"c{n}@example.org", COMPANIES[n % len(COMPANIES)]
        url = f"https://linkedin.com/in/c{n}"
        rows.append(
            {
                "team_id": team_id,
                "full_name": name,
                "email": email,
                "company": company,
                "profile_url": url,
                "search_key": candidate_search_key(name, email, company, url),
                "connection_status": "connected",
                "confidence": "none",
                "created_at": NOW - timedelta(minutes=n),
                "updated_at": NOW,
            }
        )
    for low in range(0, len(rows), 5000):
        db.session.execute(insert(Candidate), rows[low : low + 5000])
    db.session.commit()


def median_ms(fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def app_search(owner, q: str) -> None:  # type: ignore[no-untyped-def]
    query = candidates.search_candidates(owner, CandidateFilter.parse({"q": q}))
    db.paginate(query, page=1, per_page=25, error_out=False).items  # noqa: B018


def bare_search(team_id: int, q: str, indexed: bool = True) -> int:
    """The count and first page as bare SQL: through the trigram index where the app has one
    (SQLite's FTS5 table for a key of three characters or more; PostgreSQL's planner picks its
    GIN index for the same LIKE), or, ``indexed=False``, reading every key of the team."""
    key = search_key(q)
    pattern = like_pattern(key)
    raw = db.session.connection().connection.dbapi_connection
    sqlite = db.engine.dialect.name == "sqlite"
    mark = "?" if sqlite else "%s"
    where = f"team_id = {mark} AND search_key LIKE {mark} ESCAPE '\\'"
    params: tuple = (team_id, pattern)
    if sqlite and indexed and len(key) >= search_index.MIN_TRIGRAM:
        fts = search_index.FTS_TABLE
        where += f" AND id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH ?)"  # noqa: S608
        params += (search_index.fts_phrase(key),)
    cursor = raw.cursor()
    cursor.execute(f"SELECT count(*) FROM candidate WHERE {where}", params)  # noqa: S608
    count = cursor.fetchall()[0][0]
    cursor.execute(
        f"SELECT * FROM candidate WHERE {where} ORDER BY full_name, id LIMIT 25",  # noqa: S608
        params,
    )
    cursor.fetchall()
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--candidates", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench.db"
        if args.database_url:
            engine = create_engine(url)
            with engine.begin() as conn:
                conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public"))
            engine.dispose()
        app = create_app(config(url))
        with app.app_context():
            upgrade()
            owner = accounts.create_recruiter("bench@example.com", "quiet-harbour-lantern-41", "B")
            db.session.commit()
            made = 0
            print(f"database: {db.engine.dialect.name}; median of {RUNS} runs, first page of 25")
            print(
                ROW.format(
                    "candidates", "query", "matches", "app ms", "bare SQL ms", "ratio", "scan ms"
                )
            )
            for size in sorted(args.candidates):
                fill(owner.team_id, made, size)
                made = size
                db.session.execute(text("ANALYZE"))
                db.session.commit()
                for q in QUERIES:
                    matches = bare_search(owner.team_id, q)
                    app_ms = median_ms(lambda q=q: app_search(owner, q))
                    bare_ms = median_ms(lambda q=q: bare_search(owner.team_id, q))
                    scan_ms = median_ms(lambda q=q: bare_search(owner.team_id, q, indexed=False))
                    ratio = f"{app_ms / bare_ms:.1f}x"
                    print(
                        ROW.format(
                            size,
                            q,
                            matches,
                            f"{app_ms:.2f}",
                            f"{bare_ms:.2f}",
                            ratio,
                            f"{scan_ms:.2f}",
                        )
                    )
                db.session.rollback()


if __name__ == "__main__":
    main()
