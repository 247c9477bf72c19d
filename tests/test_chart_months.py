"""The dashboard's month rollup (``chart_month``): after every kind of write, the cached months
equal the months counted afresh, in two time zones, and across the moment a month's figures
change with time alone; a warm dashboard's statements do not grow with the network; one
team's writes never touch another team's months."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import delete, func, select, text
from sqlalchemy.exc import OperationalError

from recruiter import scoring
from recruiter.extensions import db
from recruiter.models import ChartMonth, Recruiter
from recruiter.services import (
    candidates,
    chart_months,
    charts,
    consequences,
    imports,
    interviews,
    merging,
    outreach,
)
from recruiter.services.interviews import EventData
from tests.conftest import NOW
from tests.linkedin_export import export_zip
from tests.test_read_paths import counted, grow

FIGURES = (*charts.OUTCOMES, "answered", "unanswered", "median_hours")
# Instants a few hours from a month's start: in UTC and in Los Angeles they fall in different
# months, so a write there must drop the right month of each time zone.
FEB_1_UTC = datetime(2026, 2, 1, 4, 0, tzinfo=UTC)  # 31 January in Los Angeles
MAR_1_UTC = datetime(2026, 3, 1, 3, 0, tzinfo=UTC)  # 28 February in Los Angeles


def at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(tzinfo=UTC)


def fresh(owner: Recruiter, now: datetime) -> list[dict[str, Any]]:
    starts = charts.month_starts(now, owner.time_zone, 12)
    return [
        {k: f[k] for k in ("month", *FIGURES)}
        for f in charts.count_months(owner.team_id, starts, now)
    ]


def cached(owner: Recruiter, now: datetime) -> list[dict[str, Any]]:
    got = [{k: f[k] for k in ("month", *FIGURES)} for f in chart_months.months(owner, now)]
    db.session.commit()
    return got


@pytest.fixture
def colleague(make_recruiter, recruiter) -> Recruiter:  # type: ignore[no-untyped-def]
    return make_recruiter(
        email="pat@example.com", team=recruiter.team, role="member", time_zone="America/Los_Angeles"
    )


@pytest.fixture
def history(recruiter, make_candidate, make_interview, make_outreach) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Interviews and outreach over three months, some a few hours from a month's start."""
    ada, bo = make_candidate(recruiter, full_name="Ada"), make_candidate(recruiter, full_name="Bo")
    made = {"ada": ada, "bo": bo}
    made["attended"] = make_interview(
        recruiter, ada, scheduled_at=at("2026-01-15 10:00"), now=at("2026-01-10 10:00"),
        events=(("attended", at("2026-01-15 11:00")),),
    )  # fmt: skip
    made["no_show"] = make_interview(
        recruiter, ada, scheduled_at=FEB_1_UTC, now=at("2026-01-20 10:00"),
        events=(("no_show", FEB_1_UTC + timedelta(hours=1)),),
    )  # fmt: skip
    made["open"] = make_interview(
        recruiter, bo, scheduled_at=at("2026-03-05 10:00"), now=at("2026-03-01 10:00")
    )
    made["moved"] = make_interview(
        recruiter, bo, scheduled_at=at("2026-03-04 10:00"), now=at("2026-02-20 10:00"),
        events=(
            EventData(
                "rescheduled", at("2026-03-01 10:00"), by="candidate",
                new_scheduled_at=at("2026-03-06 10:00"),
            ),
        ),
    )  # fmt: skip
    made["answered"] = make_outreach(
        recruiter, ada, sent_at=MAR_1_UTC, responded_at=MAR_1_UTC + timedelta(hours=5)
    )
    made["waiting"] = make_outreach(recruiter, bo, sent_at=at("2026-02-10 09:00"))
    return made


def _merge(owner: Recruiter, h: dict[str, Any]) -> None:
    merging.merge_candidates(owner, h["bo"], h["ada"], NOW)


def _import(owner: Recruiter, h: dict[str, Any]) -> None:
    result = imports.run_import(owner, export_zip(), NOW, filename="export.zip")
    assert result.accepted


WRITES: dict[str, Callable[[Recruiter, dict[str, Any]], Any]] = {
    "create": lambda o, h: interviews.add_event(
        o,
        interviews.create_interview(
            o, {"candidate_id": h["bo"].id, "scheduled_at": MAR_1_UTC}, at("2026-02-20 09:00")
        ),
        EventData("attended", MAR_1_UTC + timedelta(hours=1)),
        NOW,
    ),
    "log_outreach": lambda o, h: outreach.create_outreach(
        o,
        {"candidate_id": h["bo"].id, "channel": "call", "sent_at": FEB_1_UTC, "responded_at": NOW},
        NOW,
    ),
    "reply": lambda o, h: outreach.record_response(o, h["waiting"], at("2026-02-11 09:00"), NOW),
    "candidate_replied": lambda o, h: outreach.candidate_replied(
        o, h["bo"], at("2026-02-11 09:00"), NOW
    ),
    # Explained the week after: the no-show of 1 February changes outcome, a month away.
    "explained": lambda o, h: interviews.add_event(
        o, h["no_show"], EventData("explained", at("2026-02-08 09:00")), NOW
    ),
    "attendance": lambda o, h: interviews.add_event(
        o, h["open"], EventData("attended", at("2026-03-05 11:00")), NOW
    ),
    "reschedule_across_months": lambda o, h: interviews.add_event(
        o,
        h["moved"],  # its outcome stays (the candidate's notice), its month changes
        EventData(
            "rescheduled",
            at("2026-03-02 09:00"),
            by="client",
            new_scheduled_at=at("2026-04-02 10:00"),
        ),
        NOW,
    ),
    "delete": lambda o, h: candidates.delete_candidate(o, h["ada"], NOW),
    "merge": _merge,
    "import": _import,
}


@pytest.mark.parametrize("write", [*WRITES, "recompute"])
def test_chart_months_cached_equal_counted_after_each_write(
    recruiter, colleague, history, make_interview, monkeypatch, write
):  # type: ignore[no-untyped-def]
    if write == "recompute":
        # A cancellation 30 hours ahead, with notice today; a stricter notice threshold makes
        # it a late one once the scores are recomputed (as test_charts shows).
        start = at("2026-02-27 10:00")
        make_interview(
            recruiter, history["bo"], scheduled_at=start, now=start - timedelta(days=3),
            events=(EventData("cancelled", start - timedelta(hours=30), by="candidate"),),
        )  # fmt: skip
    before = {o.id: fresh(o, NOW) for o in (recruiter, colleague)}
    for owner in (recruiter, colleague):
        assert cached(owner, NOW) == before[owner.id]  # counted, then stored
        assert cached(owner, NOW) == before[owner.id]  # read back
    assert db.session.scalar(select(func.count()).select_from(ChartMonth)) == 24
    if write == "recompute":
        stricter = scoring.ScoringSettings(notice_hours=48)
        monkeypatch.setattr(scoring.classify_interview, "__defaults__", (stricter,))
        consequences.recompute(NOW)
    else:
        WRITES[write](recruiter, history)
    db.session.commit()
    for owner in (recruiter, colleague):
        after = fresh(owner, NOW)
        if write != "merge":  # a merge moves rows between two candidates of the team
            assert after != before[owner.id], "the write changes what the charts show"
        assert cached(owner, NOW) == after


def test_chart_months_follow_time_alone(recruiter, colleague, make_candidate, make_interview):
    """A month holding an interview with an outcome that has not started yet is recounted
    once it starts (its cancellation with notice is known before)."""
    start = NOW + timedelta(days=3)
    make_interview(
        recruiter, make_candidate(recruiter), scheduled_at=start, now=NOW - timedelta(days=2),
        events=(EventData("cancelled", NOW - timedelta(days=1), by="candidate"),),
    )  # fmt: skip
    for owner in (recruiter, colleague):
        assert cached(owner, NOW) == fresh(owner, NOW)
        later = start + timedelta(minutes=1)
        assert fresh(owner, later) != fresh(owner, NOW)
        assert cached(owner, later) == fresh(owner, later)
        assert cached(owner, start - timedelta(minutes=1)) == fresh(owner, NOW)


def test_chart_months_across_a_month_boundary_by_now(recruiter, colleague, history):
    april = at("2026-04-02 12:00")
    for owner in (recruiter, colleague):
        assert cached(owner, NOW) == fresh(owner, NOW)
        got = cached(owner, april)
        assert got == fresh(owner, april)
        assert got[-1]["month"] == "2026-04" and got[-2] == cached(owner, NOW)[-1]


def test_chart_months_never_touch_another_teams_months(
    recruiter, make_recruiter, make_candidate, make_outreach
):  # type: ignore[no-untyped-def]
    rival = make_recruiter(email="rival@example.com")
    for owner in (recruiter, rival):
        make_outreach(owner, make_candidate(owner), sent_at=at("2026-03-02 09:00"))
        cached(owner, NOW)
    theirs = set(
        db.session.scalars(select(ChartMonth.id).where(ChartMonth.team_id == rival.team_id))
    )
    make_outreach(recruiter, make_candidate(recruiter), sent_at=at("2026-03-03 09:00"))
    left = select(ChartMonth.id).where(ChartMonth.team_id == recruiter.team_id)
    assert len(set(db.session.scalars(left))) == 11  # March dropped
    assert (
        set(db.session.scalars(select(ChartMonth.id).where(ChartMonth.team_id == rival.team_id)))
        == theirs
    )
    assert cached(rival, NOW) == fresh(rival, NOW)


def test_chart_months_forget_drops_only_the_months_holding_the_instants(recruiter, colleague):
    for owner in (recruiter, colleague):
        cached(owner, NOW)
    chart_months.forget({recruiter.team_id: [FEB_1_UTC, FEB_1_UTC + timedelta(days=3)]})
    months = db.session.execute(select(ChartMonth.time_zone, ChartMonth.month)).all()
    gone = {
        ("UTC", "2026-02"),
        ("America/Los_Angeles", "2026-01"),
        ("America/Los_Angeles", "2026-02"),
    }
    assert len(months) == 24 - len(gone) and not gone & set(months)


def test_chart_months_warm_dashboard_statements_do_not_grow_with_the_network(
    auth_client, recruiter
):  # type: ignore[no-untyped-def]
    def warm() -> tuple[int, int]:
        db.session.execute(delete(ChartMonth))  # ``grow`` inserts rows as no write does
        db.session.commit()
        with counted() as cold:
            assert auth_client.get("/").status_code == 200
        with counted() as hot:
            assert auth_client.get("/").status_code == 200
        return len(cold), len(hot)

    grow(recruiter, 12)
    auth_client.get("/")  # the first request also loads the logged-in user
    cold_small, small = warm()
    grow(recruiter, 108, start=12)
    cold_large, large = warm()
    assert large == small < cold_small == cold_large


def test_dashboard_upcoming_shows_the_soonest_and_links_to_the_rest(
    auth_client, recruiter, make_candidate, make_interview, monkeypatch
):  # type: ignore[no-untyped-def]
    from recruiter.services.dashboard import UPCOMING_SHOWN

    monkeypatch.setattr("recruiter.views.dashboard.utcnow", lambda: NOW)

    candidate = make_candidate(recruiter)
    for hours in range(UPCOMING_SHOWN + 1):
        make_interview(recruiter, candidate, scheduled_at=NOW + timedelta(hours=2 + hours))
    html = auth_client.get("/").get_data(as_text=True)
    section = html.split('id="upcoming-h"', 1)[1].split("</section>", 1)[0]
    assert section.count("list-group-item") == UPCOMING_SHOWN
    assert "All upcoming interviews" in section


def test_chart_months_count_only_once_writers_are_held_back(app, recruiter, history):
    """A month counted while a write is under way could miss it and be stored after the
    write's DELETE: the fill takes the write lock (SQLite) or holds interview and outreach
    writers back (PostgreSQL) before its first count."""
    with counted() as statements:
        chart_months.months(recruiter, NOW)
    db.session.commit()
    first_count = next(i for i, s in enumerate(statements) if "FROM interview" in s)
    guard = "LOCK TABLE" if app.config["DATABASE_BACKEND"] == "postgresql" else "DELETE FROM"
    assert any(guard in s for s in statements[:first_count])


def test_chart_months_forget_binds_its_instants_as_the_columns_do():
    """Every instant of the DELETE goes through the column's UTC type (stored form, UTC), never
    the driver's own datetime adapter."""
    from sqlalchemy.sql.sqltypes import NullType

    from recruiter.models.base import UTCDateTime

    compiled = chart_months._forget_statement(2).compile()
    types = {name: type(bind.type) for name, bind in compiled.binds.items()}
    assert NullType not in types.values(), types
    assert all(types[f"{end}_{n}"] is UTCDateTime for end in ("first", "last") for n in (0, 1))


def test_chart_months_writers_wait_while_the_months_are_counted_and_stored(
    app, recruiter, history, monkeypatch
):
    """While a cold fill counts, a write from another connection cannot commit: it would be
    missed by the count, and its settle DELETE would find nothing to drop. The fill holds the
    writers back until it commits (a write tried meanwhile, with no patience, is refused)."""
    postgres = app.config["DATABASE_BACKEND"] == "postgresql"
    refused: list[bool] = []
    count_months = charts.count_months

    def count_with_a_writer(*args, **kwargs):  # type: ignore[no-untyped-def]
        writer = db.engine.connect()
        try:
            if postgres:
                writer.execute(text("SET lock_timeout = 100"))
            else:
                writer.connection.dbapi_connection.execute("PRAGMA busy_timeout = 0")
            writer.execute(text("UPDATE interview SET role = role"))
            writer.commit()
            refused.append(False)
        except OperationalError:
            refused.append(True)
        finally:
            writer.rollback()
            writer.close()
        return count_months(*args, **kwargs)

    monkeypatch.setattr(charts, "count_months", count_with_a_writer)
    chart_months.months(recruiter, NOW)
    db.session.commit()
    assert refused == [True]
    assert db.session.scalar(select(func.count()).select_from(ChartMonth)) == 12


def test_chart_months_never_wait_long_for_a_write_under_way(app, recruiter, history):
    """While another transaction holds its write lock (an import on SQLite; on PostgreSQL a
    write that would deadlock with the fill), a cold dashboard counts its months, shows them,
    stores none and leaves at once: it never becomes the lock a writer waits for."""
    postgres = app.config["DATABASE_BACKEND"] == "postgresql"
    if postgres:  # without the bound wait, LOCK TABLE would hang: fail instead
        db.session.execute(text("SET LOCAL statement_timeout = 5000"))
    else:
        before = db.session.execute(text("PRAGMA busy_timeout")).scalar_one()
    writer = db.engine.connect()
    try:
        writer.execute(text("UPDATE interview SET role = role"))  # holds the write lock
        shown = [
            {k: f[k] for k in ("month", *FIGURES)} for f in chart_months.months(recruiter, NOW)
        ]
        assert shown == fresh(recruiter, NOW)
        assert db.session.scalar(select(func.count()).select_from(ChartMonth)) == 0
        if not postgres:
            assert db.session.execute(text("PRAGMA busy_timeout")).scalar_one() == before
        db.session.commit()
    finally:
        writer.rollback()
        writer.close()
    wait = db.session.execute(text("SHOW lock_timeout")).scalar_one() if postgres else None
    chart_months.months(recruiter, NOW)  # the writer gone: counted and stored
    if postgres:  # the bound applied to the lock only, not to storing
        assert db.session.execute(text("SHOW lock_timeout")).scalar_one() == wait
    db.session.commit()
    assert cached(recruiter, NOW) == fresh(recruiter, NOW)
    assert db.session.scalar(select(func.count()).select_from(ChartMonth)) == 12


def test_score_distribution_bands_at_their_edges(recruiter, make_candidate):
    scores = (0.0, 9.99, 10.0, 49.5, 89.99, 90.0, 100.0, None)
    for i, score in enumerate(scores):
        make_candidate(recruiter, full_name=f"Edge {i}").score = score
    db.session.commit()
    data = charts.score_distribution(recruiter)
    expected = [0] * 10
    for score in scores:
        if score is not None:
            expected[min(int(score // 10), 9)] += 1
    assert data["counts"] == expected and data["unscored"] == 1
