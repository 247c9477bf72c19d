"""A recruiter never reaches another recruiter's rows: every route that takes an id answers 404.

The routes are read from the app's URL map, so a new route with an id is covered (or this test
fails until its id kind is added below)."""

import re

import pytest

from recruiter.extensions import db
from recruiter.models import Reminder, Suggestion
from tests.conftest import NOW, login


@pytest.fixture
def foreign_ids(make_recruiter, make_candidate, make_client, make_interview, make_outreach):
    """Rows of every kind, owned by someone else."""
    other = make_recruiter(email="rival@example.com")
    candidate = make_candidate(other, full_name="Not Yours")
    client = make_client(other, name="Their Client")
    interview = make_interview(
        other, candidate, client_id=client.id, events=(("confirmation_requested", NOW),)
    )
    outreach = make_outreach(other, candidate)
    from recruiter.services import accounts

    token, _ = accounts.create_token(other, "theirs")
    suggestion = Suggestion(
        owner_id=other.id,
        candidate_id=candidate.id,
        interview_id=interview.id,
        kind="remove_connection",
        key=f"remove_connection:interview:{interview.id}",
        reasons=["x"],
        evidence={},
    )
    reminder = Reminder(
        owner_id=other.id,
        candidate_id=candidate.id,
        interview_id=interview.id,
        kind="request_confirmation",
        key=f"test:{interview.id}",
        due_at=NOW,
        message="x",
    )
    db.session.add_all([suggestion, reminder])
    db.session.commit()
    from recruiter.services.imports import background

    job = background.queue_import(other, b"x", "Connections.csv", NOW, dry_run=True)
    db.session.commit()
    return {
        "job_id": job.id,
        "candidate_id": candidate.id,
        "client_id": client.id,
        "interview_id": interview.id,
        "outreach_id": outreach.id,
        "token_id": token.id,
        "suggestion_id": suggestion.id,
        "reminder_id": reminder.id,
        "event_id": interview.events[0].id,
    }


def _id_routes(app, prefix_api: bool):
    for rule in app.url_map.iter_rules():
        if not rule.arguments or rule.endpoint == "static" or "bootstrap" in rule.endpoint:
            continue
        if rule.rule.startswith("/api/") != prefix_api:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method


def _url(rule, ids):
    def sub(match):
        name = match.group(2)
        assert name in ids, f"route {rule.rule} takes an id kind this test does not know: {name}"
        return str(ids[name])

    return re.sub(r"<(?:(\w+):)?(\w+)>", sub, rule.rule)


def test_isolation_every_page_with_an_id_answers_404(app, auth_client, foreign_ids):
    checked = 0
    for rule, method in _id_routes(app, prefix_api=False):
        if "name" in rule.arguments:
            continue  # named resources (reports) are not owned rows
        if rule.endpoint == "calendar.feed":
            continue  # no login: its secret token is the key (tests/test_calendar.py)
        url = _url(rule, foreign_ids)
        response = auth_client.open(url, method=method, data={"reason": "x", "type": "confirmed"})
        assert response.status_code == 404, (method, url, response.status_code)
        checked += 1
    assert checked >= 10


def test_isolation_every_api_route_with_an_id_answers_404(app, api, foreign_ids):
    checked = 0
    for rule, method in _id_routes(app, prefix_api=True):
        if "name" in rule.arguments:
            continue
        url = _url(rule, foreign_ids)
        response = api.client.open(url, method=method, headers=api.headers, json={})
        assert response.status_code == 404, (method, url, response.status_code, response.json)
        assert response.json["error"]["message"]
        checked += 1
    assert checked >= 6


def test_isolation_lists_show_only_own_rows(
    app, auth_client, api, recruiter, foreign_ids, make_candidate
):
    make_candidate(recruiter, full_name="Mine Only")
    for url in ("/candidates/", "/interviews/", "/outreach/", "/clients/", "/"):
        html = auth_client.get(url).get_data(as_text=True)
        assert "Not Yours" not in html and "Their Client" not in html, url
    names = [c["full_name"] for c in api.get("/api/v1/candidates").json["items"]]
    assert names == ["Mine Only"]
    assert api.get("/api/v1/interviews").json["total"] == 0
    assert api.get("/api/v1/outreach").json["total"] == 0
    assert api.get("/api/v1/clients").json["total"] == 0


def test_isolation_cannot_attach_outreach_to_foreign_interview(
    api, recruiter, make_candidate, foreign_ids
):
    mine = make_candidate(recruiter)
    response = api.post(
        "/api/v1/outreach",
        json={
            "candidate_id": mine.id,
            "channel": "call",
            "sent_at": "2026-03-01T10:00:00Z",
            "interview_id": foreign_ids["interview_id"],
        },
    )
    assert response.status_code == 422
    assert "interview_id" in response.json["error"]["fields"]


def test_isolation_logged_out_user_is_sent_to_login(client, foreign_ids, recruiter):
    for url in ("/", "/candidates/", f"/candidates/{foreign_ids['candidate_id']}", "/settings"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url
    login(client, recruiter.email)
    assert client.get("/candidates/").status_code == 200
