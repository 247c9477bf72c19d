"""The hot queries use the index meant for them, on SQLite and PostgreSQL, once the planner
has statistics (``planner.analyze``); on PostgreSQL sequential scans are switched off, as the
tables here are too small for an index to be worth it."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import event, select, text

from recruiter import search_index
from recruiter.extensions import db
from recruiter.models import Candidate, Interview, Outreach
from recruiter.services import candidates, fake_profiles, interviews, outreach, planner, suggestions
from recruiter.services.filters import InterviewFilter, OutreachFilter
from recruiter.services.scoping import owned
from tests.conftest import NOW
from tests.test_read_paths import grow


@pytest.fixture
def network(recruiter):
    rows = grow(recruiter, 60)
    for i, row in enumerate(rows[:10]):
        row.photo_hash = f"{i:016x}"
    db.session.commit()
    planner.analyze()
    db.session.commit()
    if db.session.get_bind().dialect.name == "postgresql":
        # Earlier tests on this worker's database filled and emptied these tables: compact
        # them, or their dead pages weigh on the costs and flip a plan between two indexes.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            for table in ("candidate", "interview", "interview_event", "outreach", "reminder"):
                conn.exec_driver_sql(f"VACUUM FULL ANALYZE {table}")
        db.session.execute(text("SET enable_seqscan = off"))
    return rows


def _plan(statement) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(planner.explain(statement))


def test_plan_candidate_history_uses_the_candidate_index(recruiter, network):
    candidate_id = network[7].id
    interviews = _plan(owned(Interview, recruiter).where(Interview.candidate_id == candidate_id))
    assert "ix_interview_candidate_id" in interviews, interviews
    outreach = _plan(
        owned(Outreach, recruiter)
        .where(Outreach.candidate_id == candidate_id)
        .order_by(Outreach.sent_at.desc())
    )
    assert "ix_outreach_candidate_sent" in outreach, outreach


def test_plan_list_sorted_by_score_reads_the_sort_index(recruiter, network):
    plan = _plan(candidates.search_candidates(recruiter, sort="-score").limit(25))
    assert "ix_candidate_owner_score_sort" in plan, plan
    assert "TEMP B-TREE" not in plan and "Sort" not in plan, plan  # no sort step


def test_plan_open_suggestions_newest_first_read_the_status_index(recruiter, network):
    # The dashboard's five newest open suggestions, and the inbox filtered by a status.
    plan = _plan(suggestions.search_suggestions(recruiter, status="open").limit(5))
    assert "ix_suggestion_owner_status_created" in plan, plan
    assert "TEMP B-TREE" not in plan and "Sort" not in plan, plan  # no sort step


def test_plan_sweep_due_rows_use_next_review_at(recruiter, network):
    due = db.select(Interview.candidate_id).where(
        Interview.next_review_at.is_not(None), Interview.next_review_at <= NOW
    )
    plan = _plan(due)
    assert "ix_interview_next_review_at" in plan, plan


def test_plan_reminder_sweep_reads_only_due_candidates(recruiter, network):
    for due in (
        select(Candidate.team_id).where(Candidate.reminder_review_at <= NOW),
        select(Candidate.id).where(
            Candidate.team_id == recruiter.team_id, Candidate.reminder_review_at <= NOW
        ),
    ):
        plan = _plan(due)
        assert "ix_candidate_reminder_review_at" in plan, plan


def _photo_query(recruiter):  # type: ignore[no-untyped-def]
    """What fake_profiles.photo_rows reads (not a covering index's columns alone)."""
    return (
        owned(Candidate, recruiter)
        .with_only_columns(Candidate.id, Candidate.full_name, Candidate.photo_hash)
        .where(Candidate.photo_hash.is_not(None))
    )


def test_plan_photo_lookup_uses_the_photo_hash_index(recruiter, network):
    plan = _plan(_photo_query(recruiter))
    assert "ix_candidate_owner_photo_hash" in plan, plan
    assert len(fake_profiles.photo_rows(recruiter)) == 10


def test_plan_photo_lookup_uses_the_index_when_almost_nobody_has_a_photo(recruiter, network):
    """A network fresh from LinkedIn has no photos: the statistics then count only NULLs, and
    the photo check must still seek the index (it holds only the rows with a photo)."""
    for row in network:
        row.photo_hash = None
    db.session.commit()
    planner.analyze()  # statistics of a network without photos
    if db.session.get_bind().dialect.name == "sqlite":
        # ... at the size of a real one: SQLite weighs its indexes by these counts alone.
        rows = db.session.execute(
            text("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'candidate'")
        ).all()
        for idx, stat in rows:
            scaled = " ".join(str(int(n) * 2000) if n.isdigit() else n for n in str(stat).split())
            db.session.execute(
                text("UPDATE sqlite_stat1 SET stat = :s WHERE tbl = 'candidate' AND idx IS :i"),
                {"s": scaled, "i": idx},
            )
        db.session.execute(text("ANALYZE sqlite_schema"))  # reload the statistics
    network[0].photo_hash = "00000000000000ff"  # then one photo arrives
    db.session.commit()
    plan = _plan(_photo_query(recruiter))
    assert "ix_candidate_owner_photo_hash" in plan, plan
    assert len(fake_profiles.photo_rows(recruiter)) == 1


def test_planner_analyze_gathers_statistics(recruiter, network):
    if db.session.get_bind().dialect.name == "sqlite":
        rows = db.session.execute(text("SELECT idx FROM sqlite_stat1")).scalars().all()
        assert "ix_candidate_owner_score_sort" in rows
    else:
        analyzed = db.session.scalar(
            text("SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'candidate'")
        )
        assert analyzed is not None


def _last_vacuum():  # type: ignore[no-untyped-def]
    db.session.execute(text("SELECT pg_stat_clear_snapshot()"))
    return db.session.scalar(
        text("SELECT last_vacuum FROM pg_stat_user_tables WHERE relname = 'candidate'")
    )


def test_planner_vacuum_marks_the_rows_visible_on_postgresql(recruiter, network):
    postgres = db.session.get_bind().dialect.name == "postgresql"
    before = _last_vacuum() if postgres else None
    if not postgres:  # forget the fixture's statistics: analyze must gather them again
        db.session.execute(text("DELETE FROM sqlite_stat1"))
        db.session.commit()
    planner.analyze(db.session, vacuum=True)
    if postgres:
        after = _last_vacuum()
        assert after is not None and (before is None or after > before), (before, after)
    else:  # nothing to vacuum for: the statistics only
        rows = db.session.execute(text("SELECT idx FROM sqlite_stat1")).scalars().all()
        assert "ix_candidate_owner_score_sort" in rows


def test_plan_upcoming_interviews_read_the_owner_scheduled_index(recruiter, network):
    query = interviews.search_interviews(recruiter, now=NOW - timedelta(days=400), upcoming=True)
    plan = _plan(query.limit(25))
    assert "ix_interview_owner_scheduled_outcome" in plan, plan
    # SQLite reads in start order: at most ties on one start are sorted by id ("right part of
    # ORDER BY"), never the whole list.
    assert "TEMP B-TREE FOR ORDER BY" not in plan, plan


def test_plan_interviews_by_date_read_the_owner_scheduled_index(recruiter, network):
    filters = InterviewFilter.parse({"scheduled_from": "2026-01-01", "scheduled_to": "2026-01-31"})
    plan = _plan(interviews.search_interviews(recruiter, filters).limit(25))
    assert "ix_interview_owner_scheduled_outcome" in plan, plan


def test_plan_unanswered_outreach_reads_the_owner_direction_index(recruiter, network):
    filters = OutreachFilter.parse({"answered": "false"})
    plan = _plan(outreach.search_outreach(recruiter, filters).limit(25))
    assert "ix_outreach_owner_direction_sent" in plan, plan


def test_plan_outreach_search_reads_the_candidate_search_index(recruiter, network):
    plan = _plan(outreach.search_outreach(recruiter, OutreachFilter(q="network 0001")).limit(25))
    # The search reads the team's candidates through an index (SQLite: the trigram one, then
    # the team's; PostgreSQL, on a table this small, any of them), never the outreach table.
    if db.session.get_bind().dialect.name == "sqlite":
        assert "ix_candidate_owner_" in plan, plan
    else:
        assert re.search(
            r"Index (Only )?Scan using \w+ on candidate|Bitmap Heap Scan on candidate", plan
        ), plan
    assert "SCAN outreach" not in plan and "Seq Scan on outreach" not in plan, plan


def test_plan_candidate_search_seeks_the_trigram_index(recruiter, network):
    if db.session.get_bind().dialect.name == "sqlite":
        plan = _plan(candidates.search_candidates(recruiter, q="network 0004", sort="-score"))
        assert f"SCAN {search_index.FTS_TABLE} VIRTUAL TABLE" in plan, plan
    else:
        # On 60 rows the team's index wins whatever the search; the trigram one must serve a
        # substring of the key as such (on a real network, the planner weighs the two).
        plan = _plan(select(Candidate.id).where(Candidate.search_key.like("%network 0004%")))
        assert search_index.PG_INDEX in plan, plan


def test_analyze_table_counts_the_transactions_own_new_rows(recruiter):
    """A first import's lookups follow its inserts in one transaction: the statistics must
    count those rows already (PostgreSQL; SQLite seeks the index regardless: nothing runs)."""
    postgres = db.session.get_bind().dialect.name == "postgresql"
    if postgres:  # statistics of the table as it is now (almost empty), committed
        db.session.execute(text("ANALYZE candidate"))
        db.session.commit()
        reltuples = "SELECT reltuples FROM pg_class WHERE relname = 'candidate'"
        assert db.session.scalar(text(reltuples)) < 30
    grow(recruiter, 30)  # flushed, not committed
    sent: list[str] = []

    def record(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        sent.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        planner.analyze_table("candidate")
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    if postgres:
        assert 'ANALYZE "candidate"' in sent
        assert db.session.scalar(text(reltuples)) >= 30
    else:
        assert sent == []


def test_analyze_table_does_not_wait_for_another_transactions_analyze(app, recruiter):
    """Two teams' first imports: the second must not wait for the first one's ANALYZE, whose
    lock lasts until that import commits. It gives up within its bound, its transaction goes
    on with the server's own lock timeout, and the next try, once the other is done, runs."""
    if app.config["DATABASE_BACKEND"] != "postgresql":
        assert planner.analyze_table("candidate") is False  # nothing to run on SQLite
        return
    grow(recruiter, 3)
    db.session.execute(text("SET LOCAL statement_timeout = 5000"))  # without the bound: fail
    wait = db.session.execute(text("SHOW lock_timeout")).scalar_one()
    other = db.engine.connect()
    try:
        other.execute(text("ANALYZE candidate"))  # held until the other transaction ends
        assert planner.analyze_table("candidate") is False
        assert db.session.execute(text("SHOW lock_timeout")).scalar_one() == wait
        assert db.session.scalar(select(Candidate.id).limit(1)) is not None  # still usable
    finally:
        other.rollback()
        other.close()
    assert planner.analyze_table("candidate") is True
    db.session.commit()


def test_among_matches_what_in_matches_with_one_parameter_on_postgresql(recruiter):
    """``planner.among`` finds the rows ``IN`` finds; on PostgreSQL it sends the values as one
    array (the statement does not grow with them), on SQLite as ``IN``."""
    made = grow(recruiter, 12)
    db.session.commit()
    wanted = [c.full_name for c in made[::3]] + ["nobody at all"]
    by_in = set(db.session.scalars(select(Candidate.id).where(Candidate.full_name.in_(wanted))))
    sent: list[tuple[str, object]] = []

    def record(conn, cursor, statement, parameters, *args):  # type: ignore[no-untyped-def]
        sent.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        query = select(Candidate.id).where(planner.among(Candidate.full_name, wanted))
        found = set(db.session.scalars(query))
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert found == by_in and len(found) >= 4
    [(statement, parameters)] = sent
    if db.session.get_bind().dialect.name == "postgresql":
        assert "= ANY (%(" in statement
        assert list(parameters.values()) == [wanted]  # type: ignore[attr-defined]
    else:
        assert statement.count("?") == len(wanted)


def test_create_candidates_in_bulk_refreshes_their_statistics(recruiter, monkeypatch):
    """A big batch of new candidates (a first import) is counted by the planner before the
    import's look-ups that follow in the same transaction (PostgreSQL); a small one is not
    worth an ANALYZE."""
    monkeypatch.setattr(candidates, "ANALYZE_AFTER", 5)
    sent: list[str] = []

    def record(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        if statement.startswith("ANALYZE"):
            sent.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        rows = [{"full_name": f"Bulk {i}"} for i in range(5)]
        candidates.create_candidates(recruiter, rows, NOW, set())
        analyzed_big = list(sent)
        sent.clear()
        candidates.create_candidates(recruiter, rows[:4], NOW, set())
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    if db.session.get_bind().dialect.name == "postgresql":
        assert analyzed_big == ['ANALYZE "candidate"']
        reltuples = "SELECT reltuples FROM pg_class WHERE relname = 'candidate'"
        assert db.session.scalar(text(reltuples)) >= 5
    else:
        assert analyzed_big == []
    assert sent == []
