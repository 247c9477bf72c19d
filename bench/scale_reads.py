"""``bench/scale.py``'s read rows: the dashboard, the score distribution, a candidate's page
and the lists, each as (app, bare SQL).

The lists' bare SQL reads the page and the team's stored count (``candidate_count``), as the
app does; ``list_total`` shows that read beside the ``count(*)`` it replaced, in one run."""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.scale_setting import Bench, Figure, fetch
from recruiter.services import accounts, candidate_counts, charts

# --- the rows: (name, app, bare SQL) ---------------------------------------------------------


def dashboard_app(b: Bench) -> Figure:
    """Warm: the chart months are in the rollup (the first request stored them)."""
    b.get("/")
    return b.best(lambda: b.get("/"))


def dashboard_cold_app(b: Bench) -> Figure:
    """Cold: the team's rollup emptied before each request (as after a write to every month),
    so the page counts its twelve months and stores them."""
    best: Figure | None = None
    for _ in range(b.repeat):
        conn = b.raw()
        conn.cursor().execute(b.q("DELETE FROM chart_month WHERE team_id = ?"), (b.team_id,))
        conn.commit()
        conn.close()
        figure = b.once(lambda: b.get("/"))
        best = figure if best is None or figure.seconds < best.seconds else best
    assert best is not None
    return best


def scores_app(b: Bench) -> Figure:
    with b.app.app_context():
        owner = accounts.find_recruiter(b.email)
        return b.best(lambda: charts.score_distribution(owner))


def scores_sql(b: Bench) -> Figure:
    return b.sql(lambda conn: _scores(b, conn))


def _scores(b: Bench, conn: Any) -> None:
    bands = ["score IS NULL", "score < 10"]
    bands += [f"score >= {i * 10} AND score < {i * 10 + 10}" for i in range(1, 9)]
    bands.append("score >= 90")
    counts = ", ".join(
        f"(SELECT count(*) FROM candidate WHERE team_id = ? AND {band})"  # noqa: S608
        for band in bands
    )
    fetch(conn, b.q(f"SELECT {counts}"), (b.team_id,) * len(bands))


def dashboard_rollup_sql(b: Bench) -> Figure:
    """The page's answer with the months read from the rollup: one read of twelve rows, the
    score distribution, the lists."""
    with b.app.app_context():
        owner = accounts.find_recruiter(b.email)
        assert owner is not None
        zone = owner.time_zone or "UTC"
        keys = [key for key, _ in charts.month_starts(b.now, owner.time_zone, 12)[:-1]]

    def run(conn: Any) -> None:
        marks = ", ".join("?" * len(keys))
        fetch(
            conn,
            b.q(
                "SELECT * FROM chart_month WHERE team_id = ? AND time_zone = ? "  # noqa: S608
                f"AND month IN ({marks}) AND valid_from <= ? "
                "AND (valid_until IS NULL OR valid_until > ?)"
            ),
            (b.team_id, zone, *keys, b.ts(b.now), b.ts(b.now)),
        )
        _scores(b, conn)
        _lists(b, conn)

    return b.sql(run)


def dashboard_sql(b: Bench) -> Figure:
    since = b.ts(b.now - timedelta(days=31 * 12))
    now, o = b.ts(b.now), b.team_id

    def run(conn: Any) -> None:
        m = b.month("i.scheduled_at")
        fetch(  # the attendance chart: outcomes per month
            conn,
            b.q(
                f"SELECT {m}, i.status, i.explained, count(*) FROM interview i "  # noqa: S608
                "WHERE i.team_id = ? AND i.scheduled_at >= ? AND i.scheduled_at <= ? "
                "GROUP BY 1, 2, 3"
            ),
            (o, since, now),
        )
        fetch(
            conn,
            b.q(
                "SELECT CAST(score / 10 AS INTEGER), count(*) FROM candidate "
                "WHERE team_id = ? GROUP BY 1"
            ),
            (o,),
        )
        m = b.month("sent_at")
        fetch(  # response times per month (the app shows medians of these)
            conn,
            b.q(
                f"SELECT {m}, responded_at IS NULL, count(*) FROM outreach WHERE team_id = ? "  # noqa: S608
                "AND direction = 'outbound' AND sent_at >= ? GROUP BY 1, 2"
            ),
            (o, since),
        )
        _lists(b, conn)

    return b.sql(run)


def _lists(b: Bench, conn: Any) -> None:
    """The dashboard's lists and counts (the upcoming week, the latest unanswered, open
    suggestions, possible ghosts, due reminders)."""
    now, week, o = b.ts(b.now), b.ts(b.now + timedelta(days=7)), b.team_id
    fetch(
        conn,
        b.q(
            "SELECT i.*, c.full_name FROM interview i JOIN candidate c ON c.id = i.candidate_id"
            " WHERE i.team_id = ? AND i.scheduled_at >= ? AND i.scheduled_at < ? "
            "AND i.status NOT IN ('cancelled', 'declined') ORDER BY i.scheduled_at, i.id LIMIT 26"
        ),
        (o, now, week),
    )
    fetch(
        conn,
        b.q(
            "SELECT * FROM outreach WHERE team_id = ? AND direction = 'outbound' "
            "AND responded_at IS NULL ORDER BY sent_at DESC LIMIT 10"
        ),
        (o,),
    )
    fetch(conn, b.q("SELECT id FROM candidate WHERE team_id = ? LIMIT 1"), (o,))
    fetch(
        conn,
        b.q("SELECT count(*) FROM suggestion WHERE team_id = ? AND status = 'open'"),
        (o,),
    )
    fetch(
        conn,
        b.q(
            "SELECT * FROM interview WHERE team_id = ? AND ghost_state = 'possible' "
            "ORDER BY scheduled_at DESC LIMIT 10"
        ),
        (o,),
    )
    fetch(
        conn,
        b.q(
            "SELECT * FROM reminder WHERE team_id = ? AND status = 'due' AND due_at <= ? "
            "ORDER BY due_at LIMIT 100"
        ),
        (o, now),
    )


def candidate_app(b: Bench) -> Figure:
    return b.best(lambda: b.get(f"/candidates/{b.heavy_id}"))


def candidate_sql(b: Bench) -> Figure:
    c = b.heavy_id

    def run(conn: Any) -> None:
        fetch(conn, b.q("SELECT * FROM candidate WHERE id = ?"), (c,))
        fetch(
            conn,
            b.q("SELECT * FROM interview WHERE candidate_id = ? ORDER BY scheduled_at DESC"),
            (c,),
        )
        fetch(
            conn,
            b.q(
                "SELECT e.* FROM interview_event e JOIN interview i ON i.id = e.interview_id "
                "WHERE i.candidate_id = ? ORDER BY e.id"
            ),
            (c,),
        )
        fetch(
            conn, b.q("SELECT * FROM outreach WHERE candidate_id = ? ORDER BY sent_at DESC"), (c,)
        )
        fetch(conn, b.q("SELECT * FROM suggestion WHERE candidate_id = ?"), (c,))

    return b.sql(run)


def api_list_app(b: Bench) -> Figure:
    headers = {"Authorization": f"Bearer {b.token}"}
    return b.best(lambda: b.get("/api/v1/candidates?per_page=100&sort=-score", headers=headers))


def api_list_sql(b: Bench) -> Figure:
    order = "score DESC NULLS LAST"  # as the app sorts (SQLite 3.30+ reads NULLS LAST)

    def run(conn: Any) -> None:
        rows = fetch(
            conn,
            b.q(
                f"SELECT * FROM candidate WHERE team_id = ? ORDER BY {order}, full_name, id "  # noqa: S608
                "LIMIT 100"
            ),
            (b.team_id,),
        )
        _total(b, conn)
        ids = ",".join(str(r[0]) for r in rows) or "0"
        fetch(conn, f"SELECT * FROM recommendation WHERE candidate_id IN ({ids})")  # noqa: S608

    return b.sql(run)


def web_list_app(b: Bench) -> Figure:
    return b.best(lambda: b.get("/candidates/?sort=-score"))


def web_list_sql(b: Bench) -> Figure:
    per_page = b.app.config.get("PER_PAGE") or 20

    def run(conn: Any) -> None:
        fetch(
            conn,
            b.q(
                "SELECT * FROM candidate WHERE team_id = ? "
                "ORDER BY score DESC NULLS LAST, full_name, id LIMIT ?"
            ),
            (b.team_id, per_page),
        )
        _total(b, conn)
        fetch(conn, b.q("SELECT id, name FROM client WHERE team_id = ?"), (b.team_id,))

    return b.sql(run)


def _total(b: Bench, conn: Any) -> None:
    """An unfiltered list's total: the team's stored count."""
    sql = "SELECT coalesce(sum(candidates), 0) FROM candidate_count WHERE team_id = ?"
    fetch(conn, b.q(sql), (b.team_id,))


def list_total_app(b: Bench) -> Figure:
    """The lists' total as the app reads it (``candidate_counts.team_total``), in-process."""
    with b.app.app_context():
        owner = accounts.find_recruiter(b.email)
        assert owner is not None

        def read() -> None:
            candidate_counts.team_total(owner)

        return b.best(read)


def list_total_sql(b: Bench) -> Figure:
    """What the lists' total cost before: ``count(*)`` over the team's narrowest index."""
    return b.sql(
        lambda conn: fetch(
            conn, b.q("SELECT count(*) FROM candidate WHERE team_id = ?"), (b.team_id,)
        )
    )
