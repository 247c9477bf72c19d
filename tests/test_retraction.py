"""A mistake can be taken back: an event is retracted, not deleted; the interview, the score,
the ghost verdict, its suggestion and the reminders replay without it in the same request."""

from __future__ import annotations

from datetime import timedelta

from recruiter.extensions import db
from recruiter.models import AuditEntry, Interview, Suggestion
from recruiter.services import ghosts
from tests.conftest import NOW
from tests.ghost_story import day, ghost_story


def _no_show_interview(recruiter, make_interview):  # type: ignore[no-untyped-def]
    start = NOW - timedelta(days=3)
    return make_interview(
        recruiter,
        now=start - timedelta(days=2),
        scheduled_at=start,
        events=(("confirmed", start - timedelta(days=1)), ("no_show", start + timedelta(hours=1))),
    )


def _event(interview, kind):  # type: ignore[no-untyped-def]
    return next(e for e in interview.events if e.type == kind)


def test_retraction_misclicked_no_show_fixed_by_logging_attended(api, recruiter, make_interview):
    interview = _no_show_interview(recruiter, make_interview)
    no_show = _event(interview, "no_show")
    score_as_no_show = interview.candidate.score
    response = api.post(
        f"/api/v1/interviews/{interview.id}/events/{no_show.id}/retract",
        json={"reason": "Clicked the wrong button"},
    )
    assert response.status_code == 201, response.json
    body = response.json
    assert body["status"] == "confirmed"
    [kept] = [e for e in body["events"] if e["id"] == no_show.id]
    assert kept["type"] == "no_show"  # still in the log...
    assert kept["retracted_at"] is not None  # ...marked retracted, with the reason
    assert kept["retraction_reason"] == "Clicked the wrong button"
    assert body["ghost"] == {"state": "no", "missing": []}
    db.session.expire_all()
    assert interview.candidate.score != score_as_no_show  # the score replayed without it
    audit = db.session.scalars(
        db.select(AuditEntry).where(
            AuditEntry.entity == "interview", AuditEntry.entity_id == interview.id
        )
    ).all()
    assert [a.reason for a in audit if a.action == "retracted:no_show"] == [
        "Clicked the wrong button"
    ]

    start = interview.scheduled_at
    response = api.post(
        f"/api/v1/interviews/{interview.id}/events",
        json={"type": "attended", "at": (start + timedelta(minutes=5)).isoformat()},
    )
    assert response.status_code == 201, response.json
    assert response.json["status"] == "attended"
    db.session.expire_all()
    assert interview.candidate.score > score_as_no_show


def test_retraction_twice_is_refused(api, recruiter, make_interview):
    interview = _no_show_interview(recruiter, make_interview)
    url = f"/api/v1/interviews/{interview.id}/events/{_event(interview, 'no_show').id}/retract"
    assert api.post(url, json={"reason": "mistake"}).status_code == 201
    again = api.post(url, json={"reason": "mistake"})
    assert again.status_code == 422
    assert "already retracted" in again.json["error"]["message"]


def test_retraction_needs_a_reason_and_an_event_of_this_interview(api, recruiter, make_interview):
    interview = _no_show_interview(recruiter, make_interview)
    other = _no_show_interview(recruiter, make_interview)
    event_id = _event(interview, "no_show").id
    assert (
        api.post(
            f"/api/v1/interviews/{interview.id}/events/{event_id}/retract", json={"reason": ""}
        ).status_code
        == 422
    )
    assert (
        api.post(
            f"/api/v1/interviews/{other.id}/events/{event_id}/retract", json={"reason": "x"}
        ).status_code
        == 404
    )
    db.session.expire_all()
    assert interview.status == "no_show"


def test_retraction_refused_when_the_history_left_is_impossible(api, recruiter, make_interview):
    interview = _no_show_interview(recruiter, make_interview)
    start = interview.scheduled_at
    api.post(
        f"/api/v1/interviews/{interview.id}/events",
        json={"type": "explained", "at": (start + timedelta(hours=3)).isoformat()},
    )
    url = f"/api/v1/interviews/{interview.id}/events/{_event(interview, 'no_show').id}/retract"
    response = api.post(url, json={"reason": "mistake"})
    assert response.status_code == 422
    assert "Retract the later events first" in response.json["error"]["message"]
    db.session.expire_all()
    assert interview.status == "no_show" and interview.explained
    assert all(e.retraction is None for e in interview.events)


def test_retraction_of_a_ghosts_no_show_withdraws_its_suggestion(
    recruiter, make_candidate, make_interview, make_outreach, auth_client
):
    _, interview = ghost_story(recruiter, make_candidate, make_interview, make_outreach)
    ghosts.sweep(day(8))
    db.session.commit()
    [suggestion] = db.session.scalars(
        db.select(Suggestion).where(Suggestion.interview_id == interview.id)
    ).all()
    assert suggestion.status == "open"
    no_show = _event(interview, "no_show")
    response = auth_client.post(
        f"/interviews/{interview.id}/events/{no_show.id}/retract",
        data={"reason": "Wrong candidate"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Interview, interview.id).ghost_state == "no"
    assert db.session.get(Suggestion, suggestion.id).status == "withdrawn"
    html = auth_client.get(f"/interviews/{interview.id}").get_data(as_text=True)
    assert f'data-retracted="{no_show.id}"' in html and "Wrong candidate" in html
    assert "Undone: the event stays in the log" in html
