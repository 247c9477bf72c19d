"""The "Load demo data" button on an empty dashboard: the demo, in that account only, once."""

from __future__ import annotations

import re

from recruiter.extensions import db
from recruiter.models import AuditEntry, Candidate, Client, Suggestion
from tests.conftest import PASSWORD


def _count(model, owner) -> int:  # type: ignore[no-untyped-def]
    return db.session.scalar(
        db.select(db.func.count(model.id)).where(model.team_id == owner.team_id)
    )


def test_demo_button_loads_the_demo_into_this_account_only(auth_client, recruiter, make_recruiter):
    other = make_recruiter(email="rival@example.com")
    page = auth_client.get("/").get_data(as_text=True)
    assert 'id="load-demo"' in page and "Load demo data" in page
    answer = auth_client.post("/demo", follow_redirects=True)
    assert answer.status_code == 200
    assert "Demo data loaded: 36 candidates" in answer.get_data(as_text=True)
    assert _count(Candidate, recruiter) == 36 and _count(Client, recruiter) == 4
    assert _count(Candidate, other) == 0
    assert _count(Suggestion, recruiter) > 0  # the demo's ghosts: something to look at
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "demo_loaded"))
    assert entry.team_id == recruiter.team_id and entry.changes["candidates"] == [0, 36]
    assert 'id="load-demo"' not in auth_client.get("/").get_data(as_text=True)


def test_demo_button_refused_once_the_account_has_a_candidate(
    auth_client, recruiter, make_candidate
):
    make_candidate(recruiter, full_name="Real Person")
    assert 'id="load-demo"' not in auth_client.get("/").get_data(as_text=True)
    answer = auth_client.post("/demo", follow_redirects=True)
    assert "Nothing loaded: Your account already has candidates" in answer.get_data(as_text=True)
    assert _count(Candidate, recruiter) == 1 and _count(Client, recruiter) == 0
    assert (
        db.session.scalar(
            db.select(db.func.count(AuditEntry.id)).where(AuditEntry.action == "demo_loaded")
        )
        == 0
    )


def test_demo_button_refused_twice(auth_client, recruiter):
    auth_client.post("/demo")
    answer = auth_client.post("/demo", follow_redirects=True)
    assert "Nothing loaded" in answer.get_data(as_text=True)
    assert _count(Candidate, recruiter) == 36


def test_demo_button_needs_a_login_and_a_csrf_token(app, client, recruiter):
    assert client.post("/demo").status_code == 302  # to the login page
    assert _count(Candidate, recruiter) == 0
    app.config["WTF_CSRF_ENABLED"] = True
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    client.post(
        "/login", data={"email": recruiter.email, "password": PASSWORD, "csrf_token": token}
    )
    assert client.post("/demo").status_code == 400
    assert _count(Candidate, recruiter) == 0
    token = re.search(
        r'name="csrf_token" type="hidden" value="([^"]+)"', client.get("/").get_data(as_text=True)
    ).group(1)
    client.post("/demo", data={"csrf_token": token})
    assert _count(Candidate, recruiter) == 36
