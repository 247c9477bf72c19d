"""CSRF is on in the real app: a form POST without the token is refused and changes nothing."""

import re

import pytest

from recruiter.extensions import db
from recruiter.models import Candidate
from tests.conftest import PASSWORD


@pytest.fixture
def csrf_client(app, recruiter):
    app.config["WTF_CSRF_ENABLED"] = True
    return app.test_client()


def _token(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def test_csrf_login_without_token_refused(csrf_client, recruiter):
    response = csrf_client.post("/login", data={"email": recruiter.email, "password": PASSWORD})
    assert response.status_code != 302
    assert csrf_client.get("/candidates/").status_code == 302  # still logged out


def test_csrf_form_post_without_token_refused(csrf_client, recruiter):
    token = _token(csrf_client.get("/login").get_data(as_text=True))
    response = csrf_client.post(
        "/login", data={"email": recruiter.email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302
    response = csrf_client.post(
        "/candidates/new", data={"full_name": "Eve", "connection_status": "none"}
    )
    assert response.status_code in (400, 422)
    response = csrf_client.post("/logout")
    assert response.status_code == 400
    assert db.session.scalar(db.select(db.func.count(Candidate.id))) == 0
    page = csrf_client.get("/candidates/new").get_data(as_text=True)
    response = csrf_client.post(
        "/candidates/new",
        data={"full_name": "Eve", "connection_status": "none", "csrf_token": _token(page)},
    )
    assert response.status_code == 302
    assert db.session.scalar(db.select(db.func.count(Candidate.id))) == 1


def test_csrf_api_uses_tokens_not_cookies(app, api):
    app.config["WTF_CSRF_ENABLED"] = True
    response = api.post("/api/v1/clients", json={"name": "Initech"})
    assert response.status_code == 201
