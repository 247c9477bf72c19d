"""Candidates through the forms and the API: create, show, edit, list, refuse bad input."""

import pytest

from recruiter.extensions import db
from recruiter.models import AuditEntry, Candidate
from tests.ghost_story import ghost_story


def test_candidate_form_creates_shows_and_edits(auth_client, recruiter):
    response = auth_client.post(
        "/candidates/new",
        data={
            "full_name": "Zoë Łukasiewicz",
            "email": "zoe@example.com",
            "phone": "+44 7700 900123",
            "profile_url": "https://www.LinkedIn.com/in/zoe-l/",
            "company": "Helix Health",
            "connection_status": "connected",
            "mutual_connections": "12",
        },
    )
    assert response.status_code == 302
    candidate = db.session.scalar(db.select(Candidate))
    assert candidate.profile_url == "https://linkedin.com/in/zoe-l"
    assert candidate.connected_on is not None  # connected without a date: today
    page = auth_client.get(f"/candidates/{candidate.id}").get_data(as_text=True)
    assert "Zoë Łukasiewicz" in page and "new, no history yet" in page
    response = auth_client.post(
        f"/candidates/{candidate.id}/edit",
        data={
            "full_name": "Zoë Łukasiewicz",
            "company": "Quarry Games",
            "connection_status": "connected",
        },
    )
    assert response.status_code == 302
    db.session.refresh(candidate)
    assert candidate.company == "Quarry Games"
    audit = db.session.scalars(db.select(AuditEntry).where(AuditEntry.action == "updated")).one()
    assert audit.changes["company"] == ["Helix Health", "Quarry Games"]
    assert audit.actor_id == recruiter.id


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("full_name", "", "This field is required."),
        ("email", "not-an-email", "Invalid email address."),
        ("mutual_connections", "-3", "Number must be between 0 and 1000000."),
        ("connected_on", "31/31/2024", "Not a valid date value."),
        ("profile_url", "ftp://x", "Use a web address"),
    ],
)
def test_candidate_form_refuses_bad_field(auth_client, field, value, message):
    data = {"full_name": "Ada Lovelace", "connection_status": "none", field: value}
    response = auth_client.post("/candidates/new", data=data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Candidate.id))) == 0


def test_candidate_form_refuses_duplicate_profile_url(auth_client, recruiter, make_candidate):
    make_candidate(recruiter, full_name="Ada", profile_url="https://linkedin.com/in/ada")
    response = auth_client.post(
        "/candidates/new",
        data={
            "full_name": "Other",
            "connection_status": "none",
            "profile_url": "http://www.linkedin.com/in/ADA/",
        },
    )
    assert response.status_code == 422
    assert "Already used by Ada" in response.get_data(as_text=True)


def test_candidate_list_searches_filters_sorts_and_paginates(
    auth_client, recruiter, make_candidate
):
    for i in range(30):
        make_candidate(
            recruiter,
            full_name=f"Person {i:02d}",
            company="Acme" if i % 2 else "Globex",
            connection_status="connected" if i < 5 else "none",
        )
    page = auth_client.get("/candidates/?q=globex&per_page=100").get_data(as_text=True)
    assert page.count("Person ") == 15
    page = auth_client.get("/candidates/?connection_status=connected").get_data(as_text=True)
    assert page.count("Person ") == 5
    page = auth_client.get("/candidates/?sort=-name").get_data(as_text=True)
    assert page.index("Person 29") < page.index("Person 28")
    assert "Person 00" not in page  # 25 per page
    assert "Person 00" in auth_client.get("/candidates/?sort=-name&page=2").get_data(as_text=True)


# --- API --------------------------------------------------------------------------------------


def test_candidate_api_crud(api):
    response = api.post(
        "/api/v1/candidates",
        json={
            "full_name": "Grace Hopper",
            "email": "Grace@Example.com",
            "connection_status": "connected",
            "connected_on": "2024-03-15",
            "mutual_connections": 4,
            "profile_url": "https://linkedin.com/in/grace",
        },
    )
    assert response.status_code == 201, response.json
    body = response.json
    assert body["email"] == "grace@example.com"
    assert body["reliability"]["confidence"] == "none" and body["reliability"]["score"] is None
    assert body["created_at"].endswith("Z")
    cid = body["id"]
    assert api.get(f"/api/v1/candidates/{cid}").json["full_name"] == "Grace Hopper"
    response = api.patch(f"/api/v1/candidates/{cid}", json={"title": "Rear Admiral"})
    assert response.status_code == 200 and response.json["title"] == "Rear Admiral"
    assert response.json["full_name"] == "Grace Hopper"  # untouched by PATCH
    listed = api.get("/api/v1/candidates?q=grace").json
    assert listed["total"] == 1 and listed["page"] == 1 and listed["per_page"] == 25
    assert api.delete(f"/api/v1/candidates/{cid}").status_code == 204
    assert api.get(f"/api/v1/candidates/{cid}").status_code == 404


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "full_name"),
        ({"full_name": "A", "email": "nope"}, "email"),
        ({"full_name": "A", "connection_status": "married"}, "connection_status"),
        ({"full_name": "A", "mutual_connections": -1}, "mutual_connections"),
        ({"full_name": "A", "connected_on": "yesterday"}, "connected_on"),
        ({"full_name": "A", "shoe_size": 44}, "shoe_size"),
    ],
)
def test_candidate_api_refuses_bad_input(api, payload, field):
    response = api.post("/api/v1/candidates", json=payload)
    assert response.status_code == 422
    assert field in response.json["error"]["fields"], response.json
    assert api.get("/api/v1/candidates").json["total"] == 0


def test_candidate_api_pagination_limits(api, recruiter, make_candidate):
    for i in range(3):
        make_candidate(recruiter, full_name=f"P{i}")
    body = api.get("/api/v1/candidates?per_page=2&page=2").json
    assert (body["total"], body["page"], body["per_page"], len(body["items"])) == (3, 2, 2, 1)
    response = api.get("/api/v1/candidates?per_page=101")
    assert response.status_code == 422 and "per_page" in response.json["error"]["fields"]


def test_candidate_api_requires_valid_token(client, api, recruiter):
    assert client.get("/api/v1/candidates").status_code == 401
    response = client.get("/api/v1/candidates", headers={"Authorization": "Bearer rl_nope"})
    assert response.status_code == 401 and "error" in response.json
    from recruiter.models import ApiToken
    from recruiter.services import accounts
    from tests.conftest import NOW

    token = db.session.scalars(db.select(ApiToken)).one()
    accounts.revoke_token(recruiter, token.id, NOW)
    db.session.commit()
    assert api.get("/api/v1/candidates").status_code == 401


def test_candidate_page_puts_the_evidence_first_and_names_the_silence(
    auth_client, recruiter, make_candidate, make_interview, make_outreach
):
    candidate, _ = ghost_story(recruiter, make_candidate, make_interview, make_outreach)
    page = auth_client.get(f"/candidates/{candidate.id}").get_data(as_text=True)
    assert "Unreliable: a silent no-show on" in page
    assert "reliable so far" not in page and "mixed record" not in page
    attendance = page.split('id="component-attendance">', 1)[1].split("</dd>", 1)[0]
    assert attendance.index("0 of 1 attended") < attendance.index("(estimate ")
    assert "little evidence" in attendance


def test_candidates_connection_badge_uses_the_forms_words(auth_client, recruiter, make_candidate):
    candidate = make_candidate(recruiter, connection_status="none")
    page = auth_client.get(f"/candidates/{candidate.id}").get_data(as_text=True)
    assert ">Not connected</span>" in page
    listing = auth_client.get("/candidates/").get_data(as_text=True)
    assert ">Not connected</span>" in listing and ">None</span>" not in listing


def test_candidates_profile_url_must_be_a_linkedin_profile(api, auth_client):
    answer = api.post(
        "/api/v1/candidates", {"full_name": "Ada", "profile_url": "https://example.com/ada"}
    )
    assert answer.status_code == 422
    assert "profile_url" in answer.get_json()["error"]["fields"]
    page = auth_client.post(
        "/candidates/new", data={"full_name": "Ada", "profile_url": "https://example.com/ada"}
    )
    assert page.status_code == 422 and "Not a LinkedIn profile address" in page.get_data(
        as_text=True
    )
