"""Each team's number of candidates, kept by the database (``candidate_count``): exact through
every write that adds or removes candidates, read by the unfiltered lists instead of counting,
and on PostgreSQL never a row that one writer holds while another waits."""

from __future__ import annotations

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.exc import OperationalError

from recruiter import jobs
from recruiter.extensions import db
from recruiter.models import Candidate, CandidateCount, Recruiter, Team
from recruiter.services import candidate_counts, candidates, imports, merging
from recruiter.services.filters import CandidateFilter
from tests.conftest import NOW
from tests.linkedin_export import IMPORT_NOW, export_zip
from tests.test_read_paths import counted

TRIGGERS = ("candidate_count_insert", "candidate_count_delete", "candidate_count_move")


def counted_rows(team_id: int) -> int:
    """The team's candidates, counted the slow way."""
    return db.session.scalar(select(func.count()).where(Candidate.team_id == team_id)) or 0


def exact(team_id: int) -> int:
    """The stored count, checked against ``count(*)``."""
    total = candidate_counts.team_total(team_id)
    assert total == counted_rows(team_id)
    return total


def raw_candidate(team_id: int, name: str = "Raw") -> dict:
    return {
        "team_id": team_id,
        "full_name": name,
        "search_key": name.lower(),
        "connection_status": "none",
        "confidence": "none",
        "created_at": NOW,
        "updated_at": NOW,
    }


def delta_rows(team_id: int) -> int:
    return db.session.scalar(
        select(func.count()).select_from(CandidateCount).where(CandidateCount.team_id == team_id)
    )


def on_postgres() -> bool:
    return db.engine.dialect.name == "postgresql"


# --- exact through every write -----------------------------------------------------------------


def test_candidate_count_follows_create_delete_and_merge(app, make_recruiter, make_candidate):
    mine, theirs = make_recruiter(), make_recruiter()
    assert exact(mine.team_id) == 0
    ada, dup, bo = (make_candidate(mine, full_name=n) for n in ("Ada", "Ada L.", "Bo"))
    make_candidate(theirs)
    assert (exact(mine.team_id), exact(theirs.team_id)) == (3, 1)

    candidates.delete_candidate(mine, bo, NOW)
    db.session.commit()
    assert exact(mine.team_id) == 2

    merging.merge_candidates(mine, dup, ada, NOW)
    db.session.commit()
    assert (exact(mine.team_id), exact(theirs.team_id)) == (1, 1)


def test_candidate_count_rolled_back_write_leaves_it_unchanged(app, recruiter, make_candidate):
    make_candidate(recruiter)
    candidates.create_candidate(recruiter, {"full_name": "Not kept"}, NOW)
    # The writer's own transaction sees its candidate counted...
    assert exact(recruiter.team_id) == 2
    db.session.rollback()
    # ...and the rollback takes the count back with it.
    assert exact(recruiter.team_id) == 1


def test_candidate_count_import_is_counted_and_a_failed_one_changes_nothing(
    app, make_recruiter, make_candidate, monkeypatch
):
    mine, theirs = make_recruiter(), make_recruiter()
    result = imports.run_import(mine, export_zip(), IMPORT_NOW)
    assert result.accepted
    db.session.commit()
    assert exact(mine.team_id) == result.candidates.created > 0

    make_candidate(theirs)
    seen: list[int] = []

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(candidate_counts.team_total(theirs.team_id))
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("recruiter.services.outreach.create_outreach_many", broken)
    with pytest.raises(RuntimeError):
        imports.run_import(theirs, export_zip(), IMPORT_NOW)
    assert seen == [1 + result.candidates.created]  # its candidates were in, then...
    db.session.rollback()
    assert exact(theirs.team_id) == 1  # ...all or nothing


def test_candidate_count_follows_a_team_move(app, make_recruiter, make_candidate):
    """No service moves candidates between teams; should one ever, the count follows."""
    mine, theirs = make_recruiter(), make_recruiter()
    ada = make_candidate(mine)
    make_candidate(mine, full_name="Bo")
    db.session.execute(
        update(Candidate).where(Candidate.id == ada.id).values(team_id=theirs.team_id)
    )
    db.session.commit()
    assert (exact(mine.team_id), exact(theirs.team_id)) == (1, 1)


def test_candidate_count_goes_with_a_deleted_team(app, make_recruiter, make_candidate):
    mine, theirs = make_recruiter(), make_recruiter()
    make_candidate(mine)
    make_candidate(theirs)
    team_id = mine.team_id
    db.session.execute(delete(Recruiter).where(Recruiter.team_id == team_id))
    db.session.execute(delete(Team).where(Team.id == team_id))  # cascades to its candidates
    db.session.commit()
    assert delta_rows(team_id) == 0
    assert exact(theirs.team_id) == 1


def test_candidate_count_fold_keeps_the_sum(app, recruiter, make_candidate):
    for i in range(5):
        make_candidate(recruiter, full_name=f"Person {i}")
    folded = jobs.fold_candidate_counts(NOW)
    db.session.commit()
    assert folded.endswith("folded")
    assert exact(recruiter.team_id) == 5
    assert delta_rows(recruiter.team_id) == 1


# --- PostgreSQL: delta rows, folded, and nobody waits ------------------------------------------


def test_candidate_count_statements_add_rows_folded_past_64(app, recruiter):
    """PostgreSQL: one delta row per statement and team, folded by the trigger past 64 rows
    and by the clock into one. SQLite: its one row per team throughout."""
    team = recruiter.team_id
    db.session.execute(insert(Candidate).values([raw_candidate(team, "Batch")] * 3))
    assert delta_rows(team) == 1  # one statement (or one row per team), for three
    for i in range(80):
        db.session.execute(insert(Candidate).values(raw_candidate(team, f"P{i}")))
    db.session.commit()
    if on_postgres():
        assert 1 < delta_rows(team) <= 65  # the trigger folded past 64
        assert candidate_counts.fold() > 1
    else:
        assert delta_rows(team) == 1
        assert candidate_counts.fold() == 0
    db.session.commit()
    assert delta_rows(team) == 1
    assert exact(team) == 83


def test_candidate_count_concurrent_writers_do_not_wait(app, recruiter, make_candidate):
    """PostgreSQL: two transactions add candidates to one team. The first also folds, so it
    holds the team's committed row; the second, under a ``lock_timeout`` that would end any
    wait, inserts, folds (skipping the row the first holds) and commits while the first is
    still open. SQLite (one writer at a time): a reader beside an open write reads the
    committed count without waiting. The count is exact for each, and after both."""
    team = recruiter.team_id
    make_candidate(recruiter)  # a committed row for the first to hold
    first, second = db.engine.connect(), db.engine.connect()
    total = text("SELECT coalesce(sum(candidates), 0) FROM candidate_count WHERE team_id = :t")
    try:
        first.execute(insert(Candidate).values(raw_candidate(team, "First")))
        if on_postgres():
            fold = text("SELECT candidate_count_fold(:t)")
            assert first.scalar(fold, {"t": team}) == 2  # the committed row and its own
            second.execute(text("SET lock_timeout = '200ms'"))
            second.execute(insert(Candidate).values(raw_candidate(team, "Second")))
            assert second.scalar(fold, {"t": team}) == 1  # its own: the first's is skipped
            second.commit()
            assert second.scalar(total, {"t": team}) == 2  # the first is not committed yet
            assert first.scalar(total, {"t": team}) == 3
        else:
            assert second.scalar(total, {"t": team}) == 1
            second.rollback()
            assert first.scalar(total, {"t": team}) == 2
        first.commit()
    except OperationalError as exc:  # pragma: no cover - the failure this test exists for
        pytest.fail(f"a writer waited for the other: {exc}")
    finally:
        first.close()
        second.close()
    db.session.rollback()
    assert exact(team) == (3 if on_postgres() else 2)


# --- the lists read it -------------------------------------------------------------------------


def _count_reads(statements: list[str]) -> tuple[list[str], list[str]]:
    """The statements that count candidates, and those that read the stored count."""
    counting = [s for s in statements if "count(" in s.lower() and "FROM candidate " in s]
    stored = [s for s in statements if "candidate_count" in s]
    return counting, stored


@pytest.mark.parametrize("url", ["/candidates/?sort=-score", "/api/v1/candidates?sort=-score"])
def test_candidate_count_unfiltered_lists_read_the_stored_count(
    app, auth_client, api, recruiter, make_candidate, url
):
    for name in ("Ada", "Bo", "Cy"):
        make_candidate(recruiter, full_name=name)
    client = api if url.startswith("/api") else auth_client
    with counted() as statements:
        response = client.get(url + "&per_page=2")
    assert response.status_code == 200
    counting, stored = _count_reads(statements)
    assert counting == [] and len(stored) == 1
    if url.startswith("/api"):
        assert (response.json["total"], len(response.json["items"])) == (3, 2)
    else:
        assert '<span class="text-secondary fs-6">3</span>' in response.text
        assert "page=2" in response.text  # two pages of two


@pytest.mark.parametrize("url", ["/candidates/", "/api/v1/candidates"])
@pytest.mark.parametrize("filters", ["q=ada", "min_score=0", "connection_status=none"])
def test_candidate_count_filtered_lists_count_their_matches(
    app, auth_client, api, recruiter, make_candidate, url, filters
):
    make_candidate(recruiter, full_name="Ada Lovelace")
    make_candidate(recruiter, full_name="Bo", connection_status="connected")
    client = api if url.startswith("/api") else auth_client
    with counted() as statements:
        response = client.get(f"{url}?{filters}")
    counting, stored = _count_reads(statements)
    assert len(counting) == 1 and stored == []
    expected = {"q=ada": 1, "min_score=0": 0, "connection_status=none": 1}[filters]
    if url.startswith("/api"):
        assert response.json["total"] == expected
    else:
        assert f'<span class="text-secondary fs-6">{expected}</span>' in response.text


def test_candidate_count_bad_filter_lists_nothing(app, auth_client, recruiter, make_candidate):
    make_candidate(recruiter)
    response = auth_client.get("/candidates/?min_score=500")
    assert response.status_code == 422
    assert '<span class="text-secondary fs-6">0</span>' in response.text


@pytest.mark.parametrize("name", sorted(set(CandidateFilter.PARAMS) - {"sort"}))
def test_candidate_filter_every_filter_but_the_sort_narrows(name):
    value = {
        "q": "ada",
        "connection_status": "none",
        "client_id": "1",
        "min_score": "10",
        "max_score": "90",
        "confidence": "low",
        "from": "2026-01-01",
        "to": "2026-01-31",
    }[name]
    assert CandidateFilter.parse({name: value}).narrows
    assert not CandidateFilter.parse({"sort": "-score"}).narrows
    # A lone accent folds to no key at all: the search then filters nothing.
    assert not CandidateFilter.parse({"q": "\u0301"}).narrows


# --- the schema --------------------------------------------------------------------------------


def test_candidate_count_migration_backfills_the_existing_candidates(
    app, schema_change, make_recruiter, make_candidate
):
    mine, theirs = make_recruiter(), make_recruiter()
    for name in ("Ada", "Bo"):
        make_candidate(mine, full_name=name)
    teams = (mine.team_id, theirs.team_id)
    db.session.remove()  # no connection left open across the schema change
    downgrade(revision="c9d0e1f2a3b4")
    db.engine.dispose()
    with db.engine.begin() as conn:
        assert "candidate_count" not in _names(conn)
        conn.execute(insert(Candidate.__table__), [raw_candidate(teams[1], "Old")] * 3)
    upgrade()
    db.engine.dispose()
    assert (exact(teams[0]), exact(teams[1])) == (2, 3)
    make_candidate(db.session.get(Recruiter, mine.id), full_name="After")
    assert exact(teams[0]) == 3  # and the triggers keep it from there


def test_candidate_count_head_schema_has_its_triggers(app):
    with db.engine.connect() as conn:
        if db.engine.dialect.name == "sqlite":
            found = set(conn.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")))
        else:
            found = set(
                conn.scalars(
                    text("SELECT tgname FROM pg_trigger WHERE tgrelid = 'candidate'::regclass")
                )
            )
    assert set(TRIGGERS) <= found


def _names(conn) -> set[str]:  # type: ignore[no-untyped-def]
    if conn.dialect.name == "sqlite":
        return set(conn.scalars(text("SELECT name FROM sqlite_master WHERE type = 'table'")))
    return set(conn.scalars(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")))
