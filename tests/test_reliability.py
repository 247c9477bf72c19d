"""The cached reliability: kept in step with every write, shown in the API and the pages,
and sorted or filtered in one query without recomputing."""

from datetime import timedelta

import pytest

from recruiter import scoring
from recruiter.extensions import db
from recruiter.services import consequences, interviews
from recruiter.services.interviews import EventData
from tests.conftest import NOW


def _past_interview(owner, make_interview, candidate, outcome, days_ago=10):
    start = NOW - timedelta(days=days_ago)
    return make_interview(
        owner,
        candidate,
        now=start - timedelta(days=3),
        scheduled_at=start,
        events=(("confirmed", start - timedelta(days=1)), (outcome, start + timedelta(hours=1))),
    )


def test_reliability_updates_in_the_same_transaction(recruiter, make_candidate, make_interview):
    candidate = make_candidate(recruiter)
    assert candidate.confidence == "none" and candidate.score is None
    interview = _past_interview(recruiter, make_interview, candidate, "attended")
    assert candidate.score is not None
    second = make_interview(
        recruiter, candidate, now=NOW - timedelta(days=6), scheduled_at=NOW - timedelta(days=5)
    )
    good = candidate.score
    interviews.add_event(
        recruiter, second, EventData("no_show", NOW - timedelta(days=5) + timedelta(hours=1)), NOW
    )
    consequences.settle()  # what commit runs first; here without committing
    assert candidate.score < good  # flushed, not yet committed: same transaction
    db.session.rollback()
    db.session.refresh(candidate)
    assert candidate.score == good
    assert interview.status == "attended"


def test_reliability_api_shape(api, recruiter, make_candidate, make_interview, make_outreach):
    candidate = make_candidate(recruiter)
    _past_interview(recruiter, make_interview, candidate, "attended", days_ago=40)
    _past_interview(recruiter, make_interview, candidate, "no_show", days_ago=20)
    sent = NOW - timedelta(days=3)
    make_outreach(recruiter, candidate, sent_at=sent, responded_at=sent + timedelta(hours=4))
    body = api.get(f"/api/v1/candidates/{candidate.id}").json["reliability"]
    assert set(body) >= {
        "score",
        "band",
        "confidence",
        "components",
        "no_show_probability",
        "median_response_hours",
        "evidence",
        "reasons",
    }
    assert set(body["components"]) == {"attendance", "follow_through", "responsiveness"}
    assert body["band"][0] <= body["score"] <= body["band"][1]
    assert body["evidence"] == {"interviews": 2, "outreach": 1}
    assert body["median_response_hours"] == pytest.approx(4, abs=0.1)
    assert any("no-show" in r.lower() for r in body["reasons"])


def test_reliability_sort_and_filter_never_recompute(
    api, recruiter, make_candidate, make_interview, monkeypatch
):
    good, bad, _new = (make_candidate(recruiter, full_name=n) for n in ("Good", "Bad", "New"))
    _past_interview(recruiter, make_interview, good, "attended")
    _past_interview(recruiter, make_interview, bad, "no_show")

    def boom(*args, **kwargs):
        raise AssertionError("a list must not recompute scores")

    monkeypatch.setattr(scoring, "score_candidate", boom)
    names = [c["full_name"] for c in api.get("/api/v1/candidates?sort=-score").json["items"]]
    assert names == ["Good", "Bad", "New"]  # no score sorts last
    names = [c["full_name"] for c in api.get("/api/v1/candidates?sort=score").json["items"]]
    assert names == ["Bad", "Good", "New"]
    cut = (good.score + bad.score) / 2
    names = [c["full_name"] for c in api.get(f"/api/v1/candidates?min_score={cut}").json["items"]]
    assert names == ["Good"]
    names = [c["full_name"] for c in api.get(f"/api/v1/candidates?max_score={cut}").json["items"]]
    assert names == ["Bad"]
    assert api.get("/api/v1/candidates?min_score=101").status_code == 422


def test_reliability_recompute_moves_with_time(recruiter, make_candidate, make_interview):
    candidate = make_candidate(recruiter)
    _past_interview(recruiter, make_interview, candidate, "no_show")
    fresh = candidate.score
    consequences.recompute(NOW + timedelta(days=720))
    assert candidate.score > fresh  # an old no-show hurts less
    assert candidate.score_computed_at == NOW + timedelta(days=720)


def test_reliability_shown_on_list_and_page(auth_client, recruiter, make_candidate, make_interview):
    candidate = make_candidate(recruiter)
    _past_interview(recruiter, make_interview, candidate, "no_show")
    listing = auth_client.get("/candidates/?sort=-score").get_data(as_text=True)
    assert f"{candidate.score:.0f}" in listing and "confidence" in listing
    page = auth_client.get(f"/candidates/{candidate.id}").get_data(as_text=True)
    assert "No-show risk" in page and 'id="reliability-reasons"' in page


def test_reliability_score_history_chart_on_candidate_page(
    auth_client, recruiter, make_candidate, make_interview
):
    from recruiter.services import timeline

    candidate = make_candidate(recruiter)
    _past_interview(recruiter, make_interview, candidate, "attended", days_ago=60)
    _past_interview(recruiter, make_interview, candidate, "no_show", days_ago=5)
    history = timeline.score_history(candidate, NOW)
    scores = [p["score"] for p in history if p["score"] is not None]
    assert len(scores) >= 2 and scores[-1] < max(scores)  # the recent no-show pulled it down
    page = auth_client.get(f"/candidates/{candidate.id}").get_data(as_text=True)
    assert 'id="score-history-table"' in page
