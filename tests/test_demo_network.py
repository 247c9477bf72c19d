"""The demo network at size (``seed-demo --candidates N``) and the set-based recompute."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event, func, select, text, update
from sqlalchemy.dialects import sqlite

from recruiter.extensions import db
from recruiter.models import (
    Candidate,
    CandidateSignal,
    Interview,
    InterviewEvent,
    Outreach,
    Recruiter,
    Reminder,
    Suggestion,
)
from recruiter.models.base import UTCDateTime
from recruiter.services import (
    candidate_counts,
    candidates,
    consequences,
    demo_network,
    interviews,
    signals,
    unit,
)
from recruiter.services.demo_network import pipeline
from recruiter.services.demo_network import rows as demo_rows
from recruiter.services.ghost_rule import DEFAULT_SETTINGS
from tests.conftest import NOW
from tests.ghost_story import day, ghost_story

PASSWORD = "reliant-sample-2026"


def _seed(email: str = "net@example.com", n: int = 60, seed: int = 3, now=NOW):  # type: ignore[no-untyped-def]
    summary = demo_network.seed_network(email, PASSWORD, now, n, seed=seed)
    db.session.commit()
    owner = db.session.scalar(select(Recruiter).where(Recruiter.email == email))
    return owner, summary


def _count(model: type, owner: Recruiter, *where: Any) -> int:
    return db.session.scalar(
        select(func.count()).select_from(model).where(model.team_id == owner.team_id, *where)  # type: ignore[attr-defined]
    )


def test_demo_network_has_the_expected_shape(app):
    owner, summary = _seed(n=80)
    n = _count(Candidate, owner)
    assert n == summary.candidates == 80
    assert candidate_counts.team_total(owner) == 80  # the lists' stored count saw the bulk rows
    assert 2.2 <= _count(Interview, owner) / n <= 3.8
    assert 5.5 <= _count(Outreach, owner) / n <= 8.5
    assert 2.0 <= _count(InterviewEvent, owner) / _count(Interview, owner) <= 3.5
    assert _count(Candidate, owner, Candidate.score_computed_at != NOW) == 0
    assert _count(Candidate, owner, Candidate.score.is_(None)) < n / 4
    oldest = db.session.scalar(select(func.min(Interview.scheduled_at)))
    assert NOW - oldest > timedelta(days=600)  # two years of history
    ghosted = list(
        db.session.scalars(
            select(Interview).where(
                Interview.team_id == owner.team_id, Interview.ghost_state == "ghosted"
            )
        )
    )
    assert 0 < len(ghosted) < n / 5  # a few ghosts
    for interview in ghosted:
        kinds = set(
            db.session.scalars(
                select(Suggestion.kind).where(Suggestion.interview_id == interview.id)
            )
        )
        assert "remove_connection" in kinds
    assert summary.settled["ghosted"] == len(ghosted)
    assert unit.KEY not in db.session.info  # nothing left for the commit to settle


def test_demo_network_is_deterministic_for_a_seed(app):
    def shape(owner: Recruiter) -> list[tuple]:
        rows = db.session.execute(
            select(
                Candidate.full_name,
                Candidate.connection_status,
                Candidate.score,
                func.count(Interview.id),
            )
            .outerjoin(Interview, Interview.candidate_id == Candidate.id)
            .where(Candidate.team_id == owner.team_id)
            .group_by(Candidate.id)
            .order_by(Candidate.id)
        )
        return [tuple(r) for r in rows]

    first, _ = _seed("one@example.com", n=30, seed=11)
    second, _ = _seed("two@example.com", n=30, seed=11)
    other, _ = _seed("three@example.com", n=30, seed=12)
    assert shape(first) == shape(second)
    assert shape(first) != shape(other)


def test_seed_demo_cli_builds_a_network_and_refuses_an_existing_email(runner):
    args = ["seed-demo", "--candidates", "25", "--email", "big@example.com", "--seed", "5"]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    assert "25 candidates" in result.output
    again = runner.invoke(args=args)
    assert again.exit_code != 0 and "already exists" in again.output


def test_seed_demo_cli_without_candidates_keeps_the_small_demo(runner):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0 and "36 candidates" in result.output


# --- set-based recompute equals settling each candidate -----------------------------------------


def _mixed(recruiter, make_candidate, make_interview, make_outreach) -> None:  # type: ignore[no-untyped-def]
    """Two owners: a generated network, and hand-made stories (a possible ghost whose silence
    runs out later, a ghost who signalled, a ghost heard from, a retracted no-show)."""
    _seed(n=40, seed=9, now=day(1, 1))
    ghost_story(recruiter, make_candidate, make_interview, make_outreach, name="Possible Pat")
    _, signalled = ghost_story(
        recruiter, make_candidate, make_interview, make_outreach, name="Sig Nal", start=day(-20)
    )
    signals.record_signal(
        recruiter, signalled.candidate, "new_position", day(0), "CTO", day(0, 1), DEFAULT_SETTINGS
    )
    db.session.commit()
    heard, _ = ghost_story(
        recruiter, make_candidate, make_interview, make_outreach, name="Heard Late", start=day(-30)
    )
    make_outreach(recruiter, heard, now=day(0), sent_at=day(0), direction="inbound")
    _, retracted = ghost_story(
        recruiter, make_candidate, make_interview, make_outreach, name="Ret Racted", start=day(-25)
    )
    no_show = next(e for e in retracted.events if e.type == "no_show")
    interviews.retract_event(recruiter, retracted, no_show.id, "Misclick", day(0, 2))
    db.session.commit()


def _snapshot() -> dict[str, Any]:
    candidates = db.session.execute(
        select(
            Candidate.id,
            Candidate.score,
            Candidate.score_low,
            Candidate.score_high,
            Candidate.confidence,
            Candidate.no_show_probability,
            Candidate.reliability,
            Candidate.score_computed_at,
        ).order_by(Candidate.id)
    )
    verdicts = db.session.execute(
        select(
            Interview.id, Interview.ghost_state, Interview.ghost_missing, Interview.next_review_at
        ).order_by(Interview.id)
    )
    suggestions = db.session.execute(
        select(
            Suggestion.key,
            Suggestion.status,
            Suggestion.reasons,
            Suggestion.evidence,
            Suggestion.resolution_reason,
        ).order_by(Suggestion.key)
    )
    return {
        "candidates": [tuple(r) for r in candidates],
        "verdicts": [tuple(r) for r in verdicts],
        "suggestions": [tuple(r) for r in suggestions],
    }


def _settle_each(now) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """The per-candidate path every write takes: touch, then settle one by one."""
    for candidate_id in db.session.scalars(select(Candidate.id)):
        unit.touch(candidate_id, now)
    consequences.settle(now, DEFAULT_SETTINGS)
    return _snapshot()


def test_recompute_set_based_equals_settling_each_candidate(
    app, recruiter, make_candidate, make_interview, make_outreach
):
    _mixed(recruiter, make_candidate, make_interview, make_outreach)
    for later in (day(1, 1), day(12), day(400)):
        expected = _settle_each(later)
        db.session.rollback()
        done = consequences.recompute(later, DEFAULT_SETTINGS, chunk=7)
        got = _snapshot()
        db.session.rollback()
        assert got == expected
        assert done.candidates == len(expected["candidates"])
    # the story moved: the possible ghost's silence ran out by day 12
    consequences.recompute(day(12), DEFAULT_SETTINGS)
    states = dict(
        db.session.execute(
            select(Candidate.full_name, Interview.ghost_state)
            .join(Interview, Interview.candidate_id == Candidate.id)
            .where(Candidate.team_id == recruiter.team_id)
        ).all()
    )
    assert states["Possible Pat"] == "ghosted"
    assert states["Ret Racted"] == "no"
    assert db.session.scalar(select(func.count()).select_from(CandidateSignal)) >= 1


def test_recompute_runs_a_few_statements_per_chunk_and_settles_nothing_more(
    app, recruiter, make_candidate
):
    for i in range(30):
        make_candidate(recruiter, full_name=f"Plain {i}")
    statements: list[str] = []

    def count(conn, cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        done = consequences.recompute(day(5), DEFAULT_SETTINGS, chunk=10)
        db.session.commit()
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert done.candidates == 30
    # per chunk of 10: ids, 3 history queries, 1 batched UPDATE, 2 review checks; then the end
    assert len(statements) <= 3 * 7 + 3, statements
    assert (
        db.session.scalar(select(func.count()).where(Candidate.score_computed_at == day(5))) == 30
    )


def test_scores_recompute_cli_refreshes_the_planner_statistics(
    app, runner, recruiter, make_candidate
):
    for i in range(3):
        make_candidate(recruiter, full_name=f"Stat {i}")
    result = runner.invoke(args=["scores", "recompute", "--now", "2026-03-12T10:00:00Z"])
    assert result.exit_code == 0, result.output
    if app.config["DATABASE_BACKEND"] == "sqlite":
        tables = set(db.session.scalars(text("SELECT tbl FROM sqlite_stat1")))
        assert "candidate" in tables
    else:
        reltuples = db.session.scalar(
            text("SELECT reltuples FROM pg_class WHERE relname = 'candidate'")
        )
        assert reltuples == 3


def _reminder_state() -> tuple[list[tuple], list[tuple]]:
    moments = db.session.execute(
        select(Candidate.id, Candidate.reminder_review_at).order_by(Candidate.id)
    )
    made = db.session.execute(
        select(Reminder.key, Reminder.due_at, Reminder.status, Reminder.message).order_by(
            Reminder.key
        )
    )
    return [tuple(r) for r in moments], [tuple(r) for r in made]


def test_demo_network_is_settled_for_the_clock(app):
    """The seed stores every candidate's reminder review moment, and the reminders due, as the
    clock's sweep would: the first sweep after it finds nobody due, and a sweep made to look at
    every candidate again changes nothing (no moment, no reminder)."""
    from recruiter.services import ghosts, reminders

    now = NOW
    summary = demo_network.seed_network("net@example.com", "correct horse battery", now, 80, seed=3)
    db.session.commit()
    moments, made = _reminder_state()
    later = [m for _, m in moments if m is not None]
    assert later and len(later) < len(moments)  # some have a moment to come, most none
    assert all(m > now for m in later)
    assert made and summary.settled["reminders"] == len(made)
    assert reminders.sweep(now).reviewed == 0
    assert ghosts.sweep(now).reviewed == 0
    db.session.execute(update(Candidate).values(reminder_review_at=now))
    swept = reminders.sweep(now)
    db.session.commit()
    assert swept.reviewed == 80 and swept.created == 0 and swept.closed == 0
    assert _reminder_state() == (moments, made)


def test_reminder_job_commits_a_large_first_sweep_in_batches(app, monkeypatch):
    """After an upgrade every candidate is due once: the job reads them a
    batch at a time, committing between, until none is due."""
    from recruiter import jobs

    demo_network.seed_network("batch@example.com", "correct horse battery", NOW, 5, seed=4)
    db.session.execute(update(Candidate).values(reminder_review_at=NOW))  # as after an upgrade
    db.session.commit()
    commits: list[int] = []
    monkeypatch.setattr(jobs, "REMINDER_BATCH", 2)
    monkeypatch.setattr(
        db.session, "commit", lambda real=db.session.commit: (commits.append(1), real())[1]
    )
    with app.app_context():
        said = jobs.reminder_sweep(NOW)
    assert said.endswith("(5 candidates reviewed)")
    assert len(commits) == 3  # 2 + 2 + 1
    due = select(func.count()).select_from(Candidate).where(Candidate.reminder_review_at <= NOW)
    assert db.session.scalar(due) == 0


# --- the first clock run after a seed -------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "fired"),
    [
        (datetime(2026, 3, 10, 12, 0, tzinfo=UTC), datetime(2026, 3, 10, 2, 30, tzinfo=UTC)),
        (datetime(2026, 3, 10, 2, 30, tzinfo=UTC), datetime(2026, 3, 10, 2, 30, tzinfo=UTC)),
        (datetime(2026, 3, 10, 2, 29, 59, tzinfo=UTC), datetime(2026, 3, 9, 2, 30, tzinfo=UTC)),
        (datetime(2026, 3, 1, 0, 5, tzinfo=UTC), datetime(2026, 2, 28, 2, 30, tzinfo=UTC)),
    ],
)
def test_last_nightly_is_the_latest_fire_at_or_before_now(now, fired):
    from recruiter import jobs

    assert jobs.last_nightly(now) == fired


def test_first_clock_run_after_a_seed_finds_nothing_due(app):
    """Right after seed-demo the clock's jobs (as the scheduler's catch-up runs them) find
    nothing to do: no score older than the last nightly time, no reminder or ghost verdict
    due. The next night's run recomputes everyone, and equals a full recompute."""
    from recruiter import jobs

    summary = demo_network.seed_network("clock@example.com", PASSWORD, NOW, 50, seed=6)
    db.session.commit()
    seeded = _snapshot()
    results = {r.id: r for r in jobs.run_all(NOW + timedelta(minutes=1))}
    assert all(r.ok for r in results.values()), results
    assert results["recompute_scores"].summary.startswith("recomputed 0 candidates")
    assert results["ghost_sweep"].summary.startswith("reviewed 0 interviews")
    assert results["reminder_sweep"].summary == "0 created, 0 closed (0 candidates reviewed)"
    assert _snapshot() == seeded
    # what the seed stored is what the app's own recompute gives for the same moment
    outcomes = select(Interview.id, Interview.outcome).order_by(Interview.id)
    stored = db.session.execute(outcomes).all()
    assert {outcome for _, outcome in stored} >= {"attended", "silent_no_show"}
    consequences.recompute(NOW, DEFAULT_SETTINGS)
    assert _snapshot() == seeded
    assert db.session.execute(outcomes).all() == stored
    db.session.rollback()
    night = jobs.last_nightly(NOW) + timedelta(days=1, seconds=1)
    (nightly,) = jobs.run_all(night, {"recompute_scores"})
    assert nightly.summary.startswith(f"recomputed {summary.candidates} candidates")


def test_seed_rows_write_utc_times_as_the_sqlite_column_type_does() -> None:
    dialect = sqlite.dialect()
    column_type = UTCDateTime()
    own = column_type._cached_bind_processor(dialect)
    fast = demo_rows._bind_processor(column_type, dialect)
    values = [
        None,
        datetime(2026, 3, 29, 0, 59, 59, tzinfo=UTC),
        datetime(2026, 3, 29, 3, 0, tzinfo=ZoneInfo("Europe/London")),  # BST: an hour off
        datetime(2024, 2, 29, 23, 5, 7, 123456, tzinfo=ZoneInfo("America/St_Johns")),
        datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
    ]
    assert [fast(v) for v in values] == [own(v) for v in values]
    with pytest.raises(ValueError, match="naive"):
        fast(datetime(2026, 1, 1))


def _plan(dialect: str, candidates: int = 45, chunk: int = 10) -> pipeline.Plan:
    return pipeline.Plan(
        owner=demo_rows.Owner(id=3, team_id=2),
        client_ids=[5, 6, 7],
        candidates=candidates,
        seed=9,
        now=NOW,
        quiet=NOW - timedelta(days=90),
        first_ids={model.__tablename__: 100 * n + 1 for n, model in enumerate(demo_rows.TABLES)},
        dialect=dialect,
        chunk=chunk,
    )


def _joined(made: list) -> tuple[dict[str, list], dict[str, int], list[int], dict[str, int]]:
    """The chunks as one network: each table's rows, the counts, the review list, the ids."""
    tables: dict[str, list] = {}
    counts: dict[str, int] = {}
    review: list[int] = []
    for chunk in made[:-1]:
        for name, names, values in chunk.tables:
            tables.setdefault(name, []).extend(dict(zip(names, v, strict=True)) for v in values)
        for name, count in chunk.counts.items():
            counts[name] = counts.get(name, 0) + count
        review += chunk.to_review
    assert isinstance(made[-1], pipeline.Made)
    return tables, counts, review, made[-1].next_ids


@pytest.mark.parametrize("dialect", ["sqlite+pysqlite", "postgresql+psycopg"])
def test_seed_chunks_made_in_a_second_process_equal_the_ones_made_here(dialect: str) -> None:
    here = list(pipeline.chunks(_plan(dialect), pipelined=False))
    aside = list(pipeline.chunks(_plan(dialect), pipelined=True))
    assert len(here) == 6  # five chunks of ten and fewer, then the ids handed out
    assert _comparable(aside) == _comparable(here)
    tables, counts, _, next_ids = _joined(here)
    assert counts["candidates"] == len(tables["candidate"]) == 45
    assert next_ids["candidate"] == 1 + 45  # the first candidate id is 1
    if dialect.startswith("sqlite"):  # SQLite's values are plain: the maker converted them
        assert {type(v) for v in tables["outreach"][0].values()} <= {str, int, type(None)}


def _comparable(made: list) -> tuple:
    """``_joined``, with psycopg's JSON wrappers (no value equality) unwrapped."""
    tables, *rest = _joined(made)
    unwrap = {
        name: [{k: getattr(v, "obj", v) for k, v in row.items()} for row in rows]
        for name, rows in tables.items()
    }
    return unwrap, *rest


def test_seed_network_is_the_same_whatever_the_chunk_size() -> None:
    small = _joined(list(pipeline.made_chunks(_plan("sqlite+pysqlite", chunk=7))))
    whole = _joined(list(pipeline.made_chunks(_plan("sqlite+pysqlite", chunk=45))))
    assert small == whole


def test_seed_maker_failure_is_raised_with_its_exit_code_and_reason() -> None:
    with pytest.raises(RuntimeError, match=r"network failed \(exit code 1\):(.|\n)*nosuchdb"):
        list(pipeline.chunks(_plan("nosuchdb+nodriver"), pipelined=True))


def test_seed_network_made_aside_is_written_whole(app):
    summary = demo_network.seed_network(
        "aside@example.com", PASSWORD, NOW, 45, seed=3, chunk=10, pipelined=True
    )
    db.session.commit()
    owner = db.session.scalar(select(Recruiter).where(Recruiter.email == "aside@example.com"))
    assert _count(Candidate, owner) == summary.candidates == 45
    assert _count(Outreach, owner) == summary.outreach > 0
    assert _count(InterviewEvent, owner) == summary.events > 0
    assert _count(Candidate, owner, Candidate.score_computed_at != NOW) == 0
    # the next ids the maker handed out moved the sequences (PostgreSQL): a new row fits
    made = candidates.create_candidate(owner, {"full_name": "After Seed"}, NOW)
    db.session.commit()
    assert made.id > db.session.scalar(
        select(func.max(Candidate.id)).where(Candidate.full_name != "After Seed")
    )


def test_seed_network_settled_chunk_by_chunk_equals_settled_at_once(app):
    """Each chunk's ghost review and reminder sweep run after it is written: the verdicts,
    suggestions, review moments and reminders are the ones one chunk for all would leave."""

    def settled() -> dict[str, Any]:
        reminders = db.session.execute(
            select(Reminder.key, Reminder.kind, Reminder.due_at, Reminder.status).order_by(
                Reminder.key
            )
        )
        moments = db.session.execute(
            select(Candidate.id, Candidate.reminder_review_at).order_by(Candidate.id)
        )
        return {
            **_snapshot(),
            "reminders": [tuple(r) for r in reminders],
            "moments": [tuple(r) for r in moments],
        }

    whole = demo_network.seed_network("c@example.com", PASSWORD, NOW, 60, seed=5, chunk=60)
    expected = settled()
    db.session.rollback()
    chunked = demo_network.seed_network(
        "c@example.com", PASSWORD, NOW, 60, seed=5, chunk=7, pipelined=False
    )
    assert settled() == expected
    assert chunked.as_dict() == whole.as_dict()
    assert whole.settled["ghosted"] > 0 and whole.settled["reminders"] > 0


def test_seed_is_made_here_for_an_engine_with_its_own_json_serialiser(monkeypatch) -> None:
    """The second process converts values with a dialect made from the plan, without the
    engine's options: an operator's JSON serialiser must still write the JSON columns."""
    import json

    dialect = sqlite.dialect(json_serializer=lambda value: json.dumps(value, indent=1))

    def refused(plan: pipeline.Plan) -> None:
        raise AssertionError("made in a second process")

    monkeypatch.setattr(pipeline, "_from_maker", refused)
    made = list(pipeline.chunks(_plan("sqlite+pysqlite"), pipelined=True, dialect=dialect))
    tables, *_ = _joined(made)
    assert "\n" in tables["candidate"][0]["reliability"]  # the operator's serialiser wrote it
