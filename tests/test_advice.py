"""Connection-request advice: the verdict and its reasons, the page, the API."""

from __future__ import annotations

import pytest

from recruiter.extensions import db
from recruiter.models import Interview, Recommendation
from recruiter.services import advice, candidates, ghosts, interviews, signals, suggestions
from tests.conftest import NOW
from tests.ghost_story import day, ghost_story, suggestions_of


def _texts(result: advice.Advice) -> str:
    return " | ".join(r.text for r in result.reasons)


@pytest.mark.parametrize(
    ("role", "relationship", "strong"),
    [
        ("Director of Engineering", None, True),
        ("VP Sales", None, True),
        ("Head of Data", None, True),
        ("CTO", None, True),
        ("Chief People Officer", None, True),
        ("Co-founder", None, True),
        ("Executive coach", None, True),
        ("Senior engineer", "former manager", True),
        (None, "Former Manager", True),
        ("Senior engineer", "colleague", False),
        ("Recruiter", None, False),
        (None, None, False),
    ],
)
def test_advice_strong_recommenders(role, relationship, strong):
    rec = Recommendation(recommender_name="X", recommender_role=role, relationship_=relationship)
    assert advice.is_strong(rec) is strong


def test_advice_vouched_client_employee_with_mutuals_accept(recruiter, make_candidate, make_client):
    make_client(recruiter, name="Acme Fintech")
    candidate = make_candidate(
        recruiter,
        full_name="Vera Vouched",
        company="ACME  fintech",
        mutual_connections=14,
        connection_status="pending_incoming",
    )
    candidates.add_recommendation(
        recruiter, candidate, "Dana", "Director of Platform", "former manager", NOW
    )
    db.session.commit()
    result = advice.advise(recruiter, candidate, NOW)
    assert result.verdict == "accept" and not result.ghosted and not result.fake_profile
    text = _texts(result)
    assert "14 mutual connections" in text
    assert "Vouched for by Dana (Director of Platform, former manager)" in text
    assert "Works at Acme Fintech, one of your clients" in text
    assert "No history with you yet" in text


def test_advice_stranger_declined_unknowns_caution(recruiter, make_candidate):
    stranger = make_candidate(recruiter, full_name="No One", mutual_connections=0)
    unknown = make_candidate(recruiter, full_name="Un Known")
    assert advice.advise(recruiter, stranger, NOW).verdict == "decline"
    result = advice.advise(recruiter, unknown, NOW)
    assert result.verdict == "caution"
    assert "Mutual connections: unknown" in _texts(result)
    assert "Nobody has vouched for them" in _texts(result)


def test_advice_ghost_is_a_strong_decline(recruiter, make_candidate, make_interview, make_outreach):
    candidate, _ = ghost_story(
        recruiter,
        make_candidate,
        make_interview,
        make_outreach,
        candidate_values={"mutual_connections": 50, "company": "Initech"},
    )
    candidates.add_recommendation(recruiter, candidate, "Chris", "CEO", None, NOW)
    signals.record_signal(recruiter, candidate, "connection_request", day(40), None, day(40))
    db.session.commit()
    result = advice.advise(recruiter, candidate, day(40))
    assert result.verdict == "decline" and result.ghosted
    assert result.summary == "Decline: they ghosted you before."
    assert "Ghosted the interview" in result.reasons[0].text
    assert "answered none of 2 follow-ups" in result.reasons[0].text
    # A possible ghost (one follow-up so far) counts against them without deciding alone.
    maybe, _ = ghost_story(
        recruiter,
        make_candidate,
        make_interview,
        make_outreach,
        name="Maybe Later",
        follow_ups=(("call", day(0, 2)),),
    )
    early = advice.advise(recruiter, maybe, day(40))
    assert not early.ghosted and "possible ghost: 1 more follow-up" in _texts(early)


@pytest.mark.parametrize(
    ("when", "words"),
    [
        (day(3), "nothing heard since a missed interview"),
        (day(40), "ghosted a confirmed interview"),
    ],
)
def test_advice_score_words_name_the_silence(
    recruiter, make_candidate, make_interview, make_outreach, when, words
):
    candidate, _ = ghost_story(recruiter, make_candidate, make_interview, make_outreach)
    ghosts.sweep(when)  # the clock has run up to `when`
    db.session.commit()
    [line] = [r for r in advice.advise(recruiter, candidate, when).reasons if "score" in r.text]
    assert words in line.text
    assert "reliable so far" not in line.text and "mixed record" not in line.text
    assert line.points <= 0
    assert candidate.score is not None and candidate.score < 50  # the story's silent no-show


def test_advice_removed_before_declines(recruiter, make_candidate, make_interview, make_outreach):
    candidate, _ = ghost_story(recruiter, make_candidate, make_interview, make_outreach)
    ghosts.sweep(day(8))
    [row] = suggestions_of(candidate)
    suggestions.accept(recruiter, row, day(8))
    db.session.commit()
    # Even once the ghosting is gone from the record (the no-show retracted), the decision
    # you took weighs.
    interview = db.session.get(Interview, row.interview_id)
    no_show = next(e for e in interview.events if e.type == "no_show")
    interviews.retract_event(recruiter, interview, no_show.id, "Wrong interview", day(9))
    db.session.commit()
    result = advice.advise(recruiter, candidate, day(9))
    assert result.verdict == "decline"
    assert "You accepted a suggestion to remove them before" in _texts(result)


def test_advice_reliable_history_counts(recruiter, make_candidate, make_interview):
    candidate = make_candidate(recruiter, full_name="Rita Reliable", mutual_connections=3)
    for n in range(4):
        start = day(-200 + 30 * n)
        make_interview(
            recruiter,
            candidate,
            now=start - ghosts.DAY * 5,
            scheduled_at=start,
            events=(("confirmed", start - ghosts.DAY), ("attended", start + ghosts.DAY / 24)),
        )
    result = advice.advise(recruiter, candidate, NOW)
    assert "Reliability score" in _texts(result) and "reliable so far" in _texts(result)
    assert result.points >= 2


def test_advice_requests_page_and_api(
    auth_client, api, recruiter, make_recruiter, make_candidate, make_interview, make_outreach
):
    asker = make_candidate(
        recruiter,
        full_name="Ann Asker",
        connection_status="pending_incoming",
        mutual_connections=12,
    )
    make_candidate(recruiter, full_name="Con Nected", connection_status="connected")
    ghost, _ = ghost_story(
        recruiter, make_candidate, make_interview, make_outreach, name="Gus Ghost"
    )
    signals.record_signal(recruiter, ghost, "connection_request", day(30), None, day(30))
    make_candidate(make_recruiter(), full_name="Not Yours", connection_status="pending_incoming")
    db.session.commit()
    html = auth_client.get("/suggestions/requests").get_data(as_text=True)
    assert "Ann Asker" in html and "Gus Ghost" in html
    assert "Con Nected" not in html and "Not Yours" not in html
    assert 'data-verdict="decline"' in html and "they ghosted you before" in html
    page = auth_client.get(f"/candidates/{asker.id}").get_data(as_text=True)
    assert "They asked to connect: advice" in page and "12 mutual connections" in page
    body = api.get(f"/api/v1/candidates/{ghost.id}/advice").json
    assert body["verdict"] == "decline" and body["ghosted"] is True
    assert body["reasons"][0]["points"] < 0
