"""Dashboard charts: the numbers behind them, and the SVG geometry."""

from datetime import timedelta

from recruiter.services import charts
from recruiter.services.interviews import EventData
from recruiter.views import charts as svg
from tests.conftest import NOW


def test_charts_attendance_by_month_counts_outcomes(recruiter, make_interview):
    start = NOW - timedelta(days=3)
    make_interview(
        recruiter, scheduled_at=start, events=(("attended", start + timedelta(hours=1)),)
    )
    make_interview(recruiter, scheduled_at=start, events=(("no_show", start + timedelta(hours=1)),))
    make_interview(
        recruiter,
        scheduled_at=start,
        events=(("no_show", start + timedelta(hours=1)), ("explained", start + timedelta(hours=3))),
    )
    make_interview(
        recruiter,
        scheduled_at=start,
        now=start - timedelta(days=5),
        events=(EventData("cancelled", start - timedelta(days=2), by="candidate"),),
    )
    data = charts.attendance_by_month(recruiter, NOW)
    assert data["months"][-1] == "2026-03" and len(data["months"]) == 12
    assert {k: v[-1] for k, v in data["series"].items()} == {
        "attended": 1,
        "cancelled_with_notice": 1,
        "explained_no_show": 1,
        "silent_no_show": 1,
    }


def test_charts_score_distribution_buckets(recruiter, make_candidate):
    from recruiter.extensions import db

    for score in (5, 55, 59, 100, None):
        c = make_candidate(recruiter, full_name=f"S{score}")
        c.score = score
    db.session.commit()
    data = charts.score_distribution(recruiter)
    assert data["counts"][0] == 1 and data["counts"][5] == 2 and data["counts"][9] == 1
    assert data["unscored"] == 1


def test_charts_response_median_per_month(recruiter, make_candidate, make_outreach):
    c = make_candidate(recruiter)
    for hours in (1, 3, 10):
        sent = NOW - timedelta(days=2, hours=hours)
        make_outreach(recruiter, c, sent_at=sent, responded_at=sent + timedelta(hours=hours))
    make_outreach(recruiter, c, sent_at=NOW - timedelta(days=1))
    data = charts.response_time_by_month(recruiter, NOW)
    assert data["median_hours"][-1] == 3.0
    assert (data["answered"][-1], data["unanswered"][-1]) == (3, 1)


def test_charts_svg_geometry_stacks_and_scales():
    chart = svg.stacked_bars(["a", "b"], [[2, 0], [3, 5]])
    assert chart["max"] == 5
    bars = {(b["label"], b["series"]): b for b in chart["bars"]}
    assert ("b", 0) not in bars  # zero values draw nothing
    a0, a1 = bars[("a", 0)], bars[("a", 1)]
    assert abs(a1["y"] + a1["h"] - a0["y"]) < 1e-9  # stacked on top
    assert abs(a0["h"] + a1["h"] - chart["inner_h"]) < 1e-9  # the tallest fills the plot
    assert [t["value"] for t in chart["ticks"]] == [0, 1, 2, 3, 4, 5]
    line = svg.line(["x", "y", "z"], [None, 2.0, 4.0])
    assert line["path"].startswith("M") and line["path"].count("L") == 1


def test_charts_render_on_dashboard_with_tables(auth_client, recruiter, make_interview):
    make_interview(
        recruiter,
        scheduled_at=NOW - timedelta(days=1),
        events=(("attended", NOW - timedelta(hours=20)),),
    )
    html = auth_client.get("/").get_data(as_text=True)
    assert html.count('role="img"') == 3
    assert 'id="chart-att-table"' in html and "Silent no-show" in html
    # The score chart's bars do not borrow an outcome's pattern (its legend would mislead).
    score_chart = html.split('id="chart-score-h"', 1)[1].split("</svg>", 1)[0]
    assert "url(#p-score)" in score_chart
    assert not any(f"url(#p-{p})" in score_chart for p in ("solid", "diag", "dots", "cross"))


def test_charts_outcomes_follow_the_scores_notice_setting(recruiter, make_interview, monkeypatch):
    """The chart's "cancelled with notice" is the score's own: the same threshold, read from
    the scoring settings, not a number of its own; client changes count for nobody. The
    outcome is stored with the score, so a new threshold shows once the scores are recomputed,
    as the score itself does."""
    from recruiter import scoring
    from recruiter.extensions import db
    from recruiter.services import consequences

    start = NOW - timedelta(days=3)

    def cancelled(hours_ahead: float, by: str = "candidate") -> None:
        at = start - timedelta(hours=hours_ahead)
        make_interview(
            recruiter,
            scheduled_at=start,
            now=at - timedelta(days=1),
            events=(EventData("cancelled", at, by=by),),
        )

    cancelled(30)
    cancelled(10)
    cancelled(30, by="client")

    def with_notice() -> int:
        return charts.attendance_by_month(recruiter, NOW)["series"]["cancelled_with_notice"][-1]

    assert with_notice() == 1
    stricter = scoring.ScoringSettings(notice_hours=48)
    monkeypatch.setattr(scoring, "DEFAULT_SETTINGS", stricter)
    monkeypatch.setattr(scoring.classify_interview, "__defaults__", (stricter,))
    consequences.recompute(NOW)
    db.session.commit()
    assert with_notice() == 0
