"""Candidate signals: connection requests, new positions, and do-not-reconnect suggestions."""

from __future__ import annotations

import pytest

from recruiter.extensions import db
from recruiter.models import AuditEntry, Candidate, CandidateSignal
from recruiter.services import ServiceError, ghosts, signals
from tests.ghost_story import day, ghost_story, suggestions_of


def test_signals_new_position_from_ghost_opens_do_not_reconnect(
    recruiter, make_candidate, make_interview, make_outreach
):
    candidate, interview = ghost_story(recruiter, make_candidate, make_interview, make_outreach)
    ghosts.sweep(day(8))  # the clock: ghosted since day 7
    db.session.commit()
    result = signals.record_signal(
        recruiter, candidate, "new_position", day(30), "Head of Data at Initech", day(30)
    )
    db.session.commit()
    [opened] = result.suggestions
    assert (opened.kind, opened.status, opened.interview_id) == (
        "do_not_reconnect",
        "open",
        interview.id,
    )
    assert opened.key == f"do_not_reconnect:interview:{interview.id}"
    assert opened.evidence["signal"]["detail"] == "Head of Data at Initech"
    assert opened.evidence["interview"]["id"] == interview.id
    assert "announced a new position (Head of Data at Initech)" in opened.reasons[0]
    assert "after ghosting the interview" in opened.reasons[0]
    # Another signal never opens a second one for the same interview; nor does the sweep.
    again = signals.record_signal(
        recruiter, candidate, "connection_request", day(31), None, day(31)
    )
    assert again.suggestions == []
    ghosts.sweep(day(32))
    db.session.commit()
    kinds = sorted(s.kind for s in suggestions_of(candidate))
    assert kinds == ["do_not_reconnect", "remove_connection"]


def test_signals_from_possible_ghost_open_nothing(
    recruiter, make_candidate, make_interview, make_outreach
):
    candidate, _ = ghost_story(recruiter, make_candidate, make_interview, make_outreach)
    result = signals.record_signal(recruiter, candidate, "new_position", day(3), None, day(3))
    assert result.suggestions == []
    assert suggestions_of(candidate) == []


def test_signals_sweep_opens_do_not_reconnect_for_earlier_signal(
    recruiter, make_candidate, make_interview, make_outreach
):
    """They signalled on day 5 (not yet ghosted); the day-8 sweep sees both."""
    candidate, _ = ghost_story(recruiter, make_candidate, make_interview, make_outreach)
    signals.record_signal(recruiter, candidate, "new_position", day(5), "CTO at Hooli", day(5))
    db.session.commit()
    summary = ghosts.sweep(day(8))
    db.session.commit()
    assert summary.opened["remove_connection"] == 1 and summary.opened["do_not_reconnect"] == 1
    assert sum(ghosts.sweep(day(9)).opened.values()) == 0


def test_signals_before_the_interview_do_not_count(
    recruiter, make_candidate, make_interview, make_outreach
):
    candidate, _ = ghost_story(recruiter, make_candidate, make_interview, make_outreach)
    signals.record_signal(recruiter, candidate, "connection_request", day(-5), None, day(-5))
    db.session.commit()
    summary = ghosts.sweep(day(8))
    assert summary.opened["do_not_reconnect"] == 0 and summary.opened["remove_connection"] == 1


def test_signals_reply_withdraws_do_not_reconnect(
    recruiter, make_candidate, make_interview, make_outreach
):
    from recruiter.services import outreach

    candidate, _ = ghost_story(recruiter, make_candidate, make_interview, make_outreach)
    signals.record_signal(recruiter, candidate, "new_position", day(20), None, day(20))
    ghosts.sweep(day(20))
    outreach.candidate_replied(recruiter, candidate, day(21), day(21))
    db.session.commit()
    assert {s.status for s in suggestions_of(candidate)} == {"withdrawn"}


def test_signals_connection_request_sets_pending_incoming(recruiter, make_candidate):
    candidate = make_candidate(recruiter, full_name="Pat Asker", connection_status="removed")
    signals.record_signal(recruiter, candidate, "connection_request", day(1), None, day(1))
    db.session.commit()
    assert candidate.connection_status == "pending_incoming"
    update = db.session.scalars(
        db.select(AuditEntry)
        .where(AuditEntry.entity_id == candidate.id, AuditEntry.action == "updated")
        .order_by(AuditEntry.id.desc())
    ).first()
    assert update.changes == {"connection_status": ["removed", "pending_incoming"]}
    assert update.reason.startswith("They asked to connect")


@pytest.mark.parametrize(
    ("type_", "at", "detail", "field"),
    [
        ("poke", day(1), None, "type"),
        ("new_position", None, None, "at"),
        ("new_position", day(3), None, "at"),  # in the future of now = day(1)
        ("new_position", day(1), "x" * 2001, "detail"),
    ],
)
def test_signals_refuse_bad_input(recruiter, make_candidate, type_, at, detail, field):
    candidate = make_candidate(recruiter)
    with pytest.raises(ServiceError) as exc:
        signals.record_signal(recruiter, candidate, type_, at, detail, day(1))
    assert field in exc.value.fields


# --- API and form -----------------------------------------------------------------------------


def test_signals_api_creates_and_lists(
    api, recruiter, make_candidate, make_interview, make_outreach
):
    candidate, interview = ghost_story(recruiter, make_candidate, make_interview, make_outreach)
    ghosts.sweep(day(8))  # the clock: ghosted since day 7
    db.session.commit()
    url = f"/api/v1/candidates/{candidate.id}/signals"
    response = api.post(
        url, json={"type": "new_position", "at": "2026-04-01T09:00:00+02:00", "detail": "VP"}
    )
    assert response.status_code == 201, response.json
    body = response.json
    assert body["type"] == "new_position" and body["at"] == "2026-04-01T07:00:00Z"
    assert body["candidate_id"] == candidate.id and body["detail"] == "VP"
    [opened] = body["suggestions"]
    assert opened["kind"] == "do_not_reconnect" and opened["interview_id"] == interview.id
    listed = api.get(url).json
    assert listed["total"] == 1 and listed["items"][0]["id"] == body["id"]
    kinds = {s["kind"] for s in api.get("/api/v1/suggestions?status=open").json["items"]}
    assert kinds == {"remove_connection", "do_not_reconnect"}


def test_signals_api_connection_request(api, recruiter, make_candidate):
    candidate = make_candidate(recruiter)
    response = api.post(
        f"/api/v1/candidates/{candidate.id}/signals",
        json={"type": "connection_request", "at": "2026-03-09T10:00:00Z"},
    )
    assert response.status_code == 201 and response.json["suggestions"] == []
    assert db.session.get(Candidate, candidate.id).connection_status == "pending_incoming"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"type": "new_position"}, "at"),
        ({"type": "new_position", "at": "2026-03-09T10:00:00"}, "at"),  # naive: refused
        ({"type": "hello", "at": "2026-03-09T10:00:00Z"}, "type"),
        ({"at": "2026-03-09T10:00:00Z"}, "type"),
        ({"type": "new_position", "at": "2999-01-01T00:00:00Z"}, "at"),
    ],
)
def test_signals_api_refuses_bad_input(api, recruiter, make_candidate, payload, field):
    candidate = make_candidate(recruiter)
    response = api.post(f"/api/v1/candidates/{candidate.id}/signals", json=payload)
    assert response.status_code == 422
    assert field in response.json["error"]["fields"]
    assert db.session.scalar(db.select(db.func.count(CandidateSignal.id))) == 0


def test_signals_api_other_recruiter_is_404(api, make_recruiter, make_candidate):
    other = make_recruiter()
    theirs = make_candidate(other, full_name="Not Yours")
    url = f"/api/v1/candidates/{theirs.id}/signals"
    payload = {"type": "new_position", "at": "2026-03-09T10:00:00Z"}
    assert api.post(url, json=payload).status_code == 404
    assert api.get(url).status_code == 404
    assert api.get(f"/api/v1/candidates/{theirs.id}/advice").status_code == 404


def test_signals_form_on_candidate_page(auth_client, recruiter, make_candidate):
    candidate = make_candidate(recruiter, full_name="Form Filler")
    response = auth_client.post(
        f"/candidates/{candidate.id}/signals",
        data={"type": "connection_request", "at": "2026-03-09", "at-time": "10:00", "detail": ""},
        follow_redirects=True,
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Logged: asked to connect." in html
    assert db.session.get(Candidate, candidate.id).connection_status == "pending_incoming"
    assert 'id="signals"' in html and "Asked to connect —" in html
    response = auth_client.post(
        f"/candidates/{candidate.id}/signals", data={"type": "nope"}, follow_redirects=True
    )
    assert "Not logged" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(CandidateSignal.id))) == 1
