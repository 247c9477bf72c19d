"""A team never reaches another team's rows: every route that takes an id answers 404.

Two teams of two: the rows are made by the other team's *member* (not its owner), and each
member of ours is refused them. The routes are read from the app's URL map, so a new route with
an id is covered (or this test fails until its id kind is added below)."""

import re

import pytest

from recruiter.extensions import db
from recruiter.models import Reminder, Suggestion
from tests.conftest import NOW, login


@pytest.fixture
def colleague(recruiter, make_recruiter):
    """A member of our team (the ``recruiter`` fixture owns it)."""
    return make_recruiter(email="colleague@example.com", team=recruiter.team, role="member")


@pytest.fixture
def foreign_ids(
    make_recruiter, make_candidate, make_client, make_interview, make_outreach, colleague
):
    """Rows of every kind, made by a member of another team of two."""
    rival_owner = make_recruiter(email="rival-owner@example.com")
    other = make_recruiter(email="rival@example.com", team=rival_owner.team, role="member")
    candidate = make_candidate(other, full_name="Not Yours")
    client = make_client(other, name="Their Client")
    interview = make_interview(
        other, candidate, client_id=client.id, events=(("confirmation_requested", NOW),)
    )
    outreach = make_outreach(other, candidate)
    from recruiter.services import accounts

    token, _ = accounts.create_token(other, "theirs")
    suggestion = Suggestion(
        team_id=other.team_id,
        candidate_id=candidate.id,
        interview_id=interview.id,
        kind="remove_connection",
        key=f"remove_connection:interview:{interview.id}",
        reasons=["x"],
        evidence={},
    )
    reminder = Reminder(
        team_id=other.team_id,
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
    from recruiter.services import teams

    invitation, _ = teams.create_invitation(rival_owner, NOW)
    db.session.commit()
    return {
        "member_id": other.id,
        "invitation_id": invitation.id,
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


def test_isolation_every_page_with_an_id_answers_404(
    app, auth_client, recruiter, colleague, foreign_ids
):
    checked = 0
    for rule, method in _id_routes(app, prefix_api=False):
        if "name" in rule.arguments:
            continue  # named resources (reports) are not owned rows
        if rule.endpoint in ("calendar.feed", "team.join"):
            continue  # no login: the secret token is the key (test_calendar.py, test_teams.py)
        url = _url(rule, foreign_ids)
        for email in (recruiter.email, colleague.email):
            auth_client.post("/logout")
            login(auth_client, email)
            data = {"reason": "x", "type": "confirmed", "role": "owner"}
            response = auth_client.open(url, method=method, data=data)
            assert response.status_code == 404, (email, method, url, response.status_code)
        checked += 1
    assert checked >= 10


def test_isolation_every_api_route_with_an_id_answers_404(
    app, api, make_api, colleague, foreign_ids
):
    checked = 0
    for rule, method in _id_routes(app, prefix_api=True):
        if "name" in rule.arguments:
            continue
        url = _url(rule, foreign_ids)
        for client in (api, make_api(colleague)):
            response = client.client.open(url, method=method, headers=client.headers, json={})
            assert response.status_code == 404, (method, url, response.status_code, response.json)
            assert response.json["error"]["message"]
        checked += 1
    assert checked >= 6


LISTS = (
    "/candidates/",
    "/interviews/",
    "/outreach/",
    "/clients/",
    "/",
    "/suggestions/",
    "/settings/team",
)
API_LISTS = ("interviews", "outreach", "clients", "suggestions", "reminders")


def test_isolation_lists_show_only_own_teams_rows(
    app, auth_client, api, make_api, recruiter, colleague, foreign_ids, make_candidate
):
    make_candidate(colleague, full_name="Ours Only")
    for email in (recruiter.email, colleague.email):
        auth_client.post("/logout")
        login(auth_client, email)
        for url in LISTS:
            response = auth_client.get(url)
            html = response.get_data(as_text=True)
            assert response.status_code == 200, url
            assert "Not Yours" not in html and "Their Client" not in html, url
            assert "rival@example.com" not in html, url
    for client in (api, make_api(colleague)):
        names = [c["full_name"] for c in client.get("/api/v1/candidates").json["items"]]
        assert names == ["Ours Only"]
        for name in API_LISTS:
            assert client.get(f"/api/v1/{name}").json["total"] == 0, name
        members = {m["email"] for m in client.get("/api/v1/team").json["members"]}
        assert members == {recruiter.email, colleague.email}


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


def test_isolation_reports_and_exports_hold_only_the_teams_rows(
    app, auth_client, runner, recruiter, colleague, foreign_ids, make_candidate
):
    """The CSV reports (web and `export --owner`) of either member hold the team's rows, the
    colleague's included, and none of the other team's."""
    make_candidate(colleague, full_name="Ours Only")
    for email in (recruiter.email, colleague.email):
        auth_client.post("/logout")
        login(auth_client, email)
        for name in ("candidates", "interviews", "outreach", "suggestions"):
            text = auth_client.get(f"/reports/{name}.csv").get_data(as_text=True)
            assert "Not Yours" not in text and "Their Client" not in text, (email, name)
        people = auth_client.get("/reports/candidates.csv").get_data(as_text=True)
        assert "Ours Only" in people
        exported = runner.invoke(args=["export", "candidates", "--owner", email])
        assert exported.exit_code == 0, exported.output
        assert "Ours Only" in exported.output and "Not Yours" not in exported.output
