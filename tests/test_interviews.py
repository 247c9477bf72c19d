"""Interviews: the event log, the derived status, impossible sequences, forms and API."""

from datetime import UTC, datetime, timedelta

import pytest

from recruiter.extensions import db
from recruiter.models import InterviewEvent
from recruiter.services import ServiceError, interviews
from recruiter.services.interviews import EventData
from tests.conftest import NOW

START = NOW + timedelta(days=2)


def log(owner, interview, kind, at, **kw):
    row = interviews.add_event(owner, interview, EventData(kind, at, **kw), max(at, NOW))
    db.session.commit()
    return row


@pytest.mark.parametrize(
    ("events", "status"),
    [
        ([], "scheduled"),
        ([("confirmation_requested", -48)], "confirmation_requested"),
        ([("confirmation_requested", -48), ("confirmed", -40)], "confirmed"),
        ([("confirmed", -40), ("attended", 1)], "attended"),
        ([("confirmed", -40), ("no_show", 1)], "no_show"),
        ([("declined", -40)], "declined"),
    ],
)
def test_interview_status_derives_from_log(recruiter, make_interview, events, status):
    interview = make_interview(recruiter, scheduled_at=START)
    for kind, hours in events:
        log(recruiter, interview, kind, START + timedelta(hours=hours))
    assert interview.status == status
    assert interviews.replay(interview).status == status


@pytest.mark.parametrize(
    ("events", "bad", "message"),
    [
        ([], ("attended", -1), "before the start time"),
        ([], ("no_show", -1), "before the start time"),
        ([("no_show", 1)], ("attended", 2), "already marked a no-show"),
        ([("attended", 1)], ("no_show", 2), "already marked attended"),
        ([("cancelled", -30)], ("confirmed", -20), "was cancelled"),
        ([("confirmed", -30)], ("confirmed", -20), "already confirmed"),
        ([("confirmed", -30)], ("declined", -20), "log a cancellation"),
        ([], ("explained", 3), "follows a no-show"),
        ([("no_show", 1), ("explained", 2)], ("explained", 3), "already explained"),
        ([("declined", -30)], ("attended", 1), "declined"),
    ],
)
def test_interview_impossible_sequences_refused(recruiter, make_interview, events, bad, message):
    interview = make_interview(recruiter, scheduled_at=START)
    for kind, hours in events:
        by = "candidate" if kind == "cancelled" else None
        log(recruiter, interview, kind, START + timedelta(hours=hours), by=by)
    before = db.session.query(InterviewEvent).count()
    kind, hours = bad
    with pytest.raises(ServiceError, match=message):
        interviews.add_event(
            recruiter,
            interview,
            EventData(kind, START + timedelta(hours=hours)),
            START + timedelta(days=1),
        )
    db.session.rollback()
    assert db.session.query(InterviewEvent).count() == before


def test_interview_event_in_future_refused(recruiter, make_interview):
    interview = make_interview(recruiter, scheduled_at=NOW - timedelta(days=1))
    with pytest.raises(ServiceError, match="future") as exc:
        interviews.add_event(
            recruiter, interview, EventData("attended", NOW + timedelta(hours=2)), NOW
        )
    assert "at" in exc.value.fields


def test_interview_reschedule_moves_start_and_needs_new_time(recruiter, make_interview):
    interview = make_interview(recruiter, scheduled_at=START)
    with pytest.raises(ServiceError) as exc:
        interviews.add_event(
            recruiter, interview, EventData("rescheduled", NOW, by="candidate"), NOW
        )
    assert "new_scheduled_at" in exc.value.fields
    db.session.rollback()
    new_start = START + timedelta(days=3)
    log(recruiter, interview, "rescheduled", NOW, by="candidate", new_scheduled_at=new_start)
    assert interview.status == "rescheduled"
    assert interview.scheduled_at == new_start
    assert interview.original_scheduled_at == START
    # an outcome before the NEW start is refused
    with pytest.raises(ServiceError, match="before the start"):
        interviews.add_event(
            recruiter,
            interview,
            EventData("attended", START + timedelta(hours=1)),
            START + timedelta(hours=2),
        )


def test_interview_cancel_without_who_is_the_candidates(recruiter, make_interview):
    interview = make_interview(recruiter, scheduled_at=START)
    row = interviews.add_event(recruiter, interview, EventData("cancelled", NOW), NOW)
    assert row.by == "candidate"
    with pytest.raises(ServiceError) as exc:
        interviews.add_event(
            recruiter, make_interview(recruiter), EventData("cancelled", NOW, by="nobody"), NOW
        )
    assert "by" in exc.value.fields


def test_interview_candidate_cannot_cancel_after_start(recruiter, make_interview):
    interview = make_interview(recruiter, scheduled_at=NOW - timedelta(hours=3))
    with pytest.raises(ServiceError, match="no-show"):
        interviews.add_event(recruiter, interview, EventData("cancelled", NOW, by="candidate"), NOW)


# --- forms ------------------------------------------------------------------------------------


def test_interview_form_creates_and_shows(auth_client, recruiter, make_candidate, make_client):
    candidate = make_candidate(recruiter)
    client_row = make_client(recruiter)
    response = auth_client.post(
        "/interviews/new",
        data={
            "candidate_id": candidate.id,
            "client_id": client_row.id,
            "role": "Data Engineer",
            "scheduled_at": "2030-05-04",
            "scheduled_at-time": "10:30",
            "duration_minutes": "45",
        },
    )
    assert response.status_code == 302
    page = auth_client.get(response.headers["Location"])
    assert b"Data Engineer" in page.data and b"Acme Fintech" in page.data
    assert b"Sat 04 May 2030, 10:30" in page.data


def test_interview_form_refuses_bad_input_per_field(auth_client, recruiter, make_candidate):
    make_candidate(recruiter)
    response = auth_client.post(
        "/interviews/new",
        data={
            "candidate_id": "0",
            "scheduled_at": "not a date",
            "scheduled_at-time": "10:00",
            "duration_minutes": "0",
        },
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Starts at: &#39;not a date&#39; is not a date (YYYY-MM-DD)." in html
    assert "Number must be between 1 and 1440" in html


def test_interview_form_edit_changes_role(auth_client, recruiter, make_interview):
    interview = make_interview(recruiter, scheduled_at=START)
    response = auth_client.post(
        f"/interviews/{interview.id}/edit",
        data={
            "candidate_id": interview.candidate_id,
            "client_id": "0",
            "role": "Staff Engineer",
            "scheduled_at": "2030-05-04",
            "scheduled_at-time": "10:30",
            "duration_minutes": "60",
        },
    )
    assert response.status_code == 302
    db.session.refresh(interview)
    assert interview.role == "Staff Engineer"


def test_interview_quick_buttons_log_events(auth_client, recruiter, make_interview):
    interview = make_interview(recruiter, scheduled_at=NOW - timedelta(days=1))
    url = f"/interviews/{interview.id}/events"
    assert auth_client.post(url, data={"type": "confirmed", "at": ""}).status_code == 302
    response = auth_client.post(url, data={"type": "no_show"}, follow_redirects=True)
    assert b"Logged: no-show." in response.data
    response = auth_client.post(url, data={"type": "attended"}, follow_redirects=True)
    assert b"already marked a no-show" in response.data
    db.session.refresh(interview)
    assert [e.type for e in interview.events] == ["confirmed", "no_show"]


# --- API --------------------------------------------------------------------------------------


def test_interview_api_create_event_and_show(api, recruiter, make_candidate):
    candidate = make_candidate(recruiter)
    response = api.post(
        "/api/v1/interviews",
        json={"candidate_id": candidate.id, "scheduled_at": "2026-01-05T09:00:00+01:00"},
    )
    assert response.status_code == 201, response.json
    body = response.json
    assert body["scheduled_at"] == "2026-01-05T08:00:00Z"
    assert body["duration_minutes"] == 60 and body["status"] == "scheduled"
    iid = body["id"]
    response = api.post(
        f"/api/v1/interviews/{iid}/events", json={"type": "attended", "at": "2026-01-05T08:30:00Z"}
    )
    assert response.status_code == 201, response.json
    shown = api.get(f"/api/v1/interviews/{iid}").json
    assert shown["status"] == "attended"
    assert [e["type"] for e in shown["events"]] == ["attended"]
    listed = api.get(f"/api/v1/interviews?candidate_id={candidate.id}&status=attended").json
    assert listed["total"] == 1 and listed["items"][0]["id"] == iid


def test_interview_api_refuses_naive_time_and_bad_sequence(api, recruiter, make_candidate):
    candidate = make_candidate(recruiter)
    response = api.post(
        "/api/v1/interviews",
        json={"candidate_id": candidate.id, "scheduled_at": "2026-01-05T09:00:00"},
    )
    assert response.status_code == 422
    assert "scheduled_at" in response.json["error"]["fields"]
    iid = api.post(
        "/api/v1/interviews",
        json={"candidate_id": candidate.id, "scheduled_at": "2026-01-05T09:00:00Z"},
    ).json["id"]
    response = api.post(
        f"/api/v1/interviews/{iid}/events", json={"type": "attended", "at": "2026-01-05T08:00:00Z"}
    )
    assert response.status_code == 422
    assert "before the start time" in response.json["error"]["message"]
    response = api.post(
        f"/api/v1/interviews/{iid}/events",
        json={"type": "teleported", "at": "2026-01-05T10:00:00Z"},
    )
    assert response.status_code == 422 and "type" in response.json["error"]["fields"]


def test_interview_api_foreign_candidate_is_field_error(api, make_recruiter, make_candidate):
    other = make_recruiter()
    theirs = make_candidate(other)
    response = api.post(
        "/api/v1/interviews",
        json={"candidate_id": theirs.id, "scheduled_at": "2026-01-05T09:00:00Z"},
    )
    assert response.status_code == 422
    assert response.json["error"]["fields"]["candidate_id"] == ["Choose one of your candidates."]


def test_interview_edit_form_keeps_an_unchanged_start(auth_client, api, recruiter, make_candidate):
    candidate = make_candidate(recruiter)
    iid = api.post(
        "/api/v1/interviews",
        json={"candidate_id": candidate.id, "scheduled_at": "2020-02-01T10:00:30Z"},
    ).json["id"]
    api.post(
        f"/api/v1/interviews/{iid}/events", json={"type": "confirmed", "at": "2020-01-31T10:00:00Z"}
    )
    form = auth_client.get(f"/interviews/{iid}/edit").get_data(as_text=True)
    assert 'value="2020-02-01"' in form and 'value="10:00"' in form
    response = auth_client.post(
        f"/interviews/{iid}/edit",
        data={
            "client_id": "0",
            "role": "Analyst",
            "scheduled_at": "2020-02-01",
            "scheduled_at-time": "10:00",
            "duration_minutes": "60",
        },
    )
    assert response.status_code == 302
    shown = api.get(f"/api/v1/interviews/{iid}").json
    assert shown["role"] == "Analyst" and shown["scheduled_at"] == "2020-02-01T10:00:30Z"


def test_interviews_cancel_without_actor_defaults_to_candidate_everywhere(
    api, auth_client, recruiter, make_interview
):
    """The form, the API and the service share one default: a change nobody attributed was
    the candidate's (the API used to refuse it while the form assumed it)."""
    by_api = make_interview(recruiter)
    response = api.post(
        f"/api/v1/interviews/{by_api.id}/events",
        json={"type": "cancelled", "at": "2026-03-10T13:00:00Z"},
    )
    assert response.status_code == 201, response.json
    assert response.json["events"][-1]["by"] == "candidate"
    soon = datetime.now(UTC)  # the form's blank time means now
    by_form = make_interview(recruiter, now=soon, scheduled_at=soon + timedelta(days=3))
    response = auth_client.post(
        f"/interviews/{by_form.id}/events",
        data={"type": "cancelled", "at": "", "by": ""},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert by_form.events[-1].by == "candidate"


def test_interviews_page_lists_the_follow_ups_logged_from_it(
    auth_client, recruiter, make_candidate, make_interview
):
    candidate = make_candidate(recruiter)
    interview = make_interview(recruiter, candidate)
    other = make_interview(recruiter, candidate)
    url = f"/interviews/{interview.id}"
    assert "No follow-ups logged from this interview yet." in auth_client.get(url).text
    quick = f"/candidates/{candidate.id}/quick"
    auth_client.post(quick, data={"action": "texted", "interview_id": interview.id})
    auth_client.post(quick, data={"action": "called", "interview_id": other.id})
    page = auth_client.get(url).text
    follow_ups = page.split('id="follow-ups"')[1].split("</ul>")[0]
    assert "Text" in follow_ups and "no answer yet" in follow_ups
    assert "Call" not in follow_ups
