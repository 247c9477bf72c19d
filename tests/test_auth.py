"""Logging in and out, the first-run account, settings and API tokens in the UI."""

from recruiter.extensions import db
from recruiter.models import ApiToken, Recruiter
from tests.conftest import PASSWORD, login


def test_auth_first_run_offers_setup_then_closes_it(client):
    response = client.get("/login")
    assert response.status_code == 302 and response.headers["Location"].endswith("/setup")
    page = client.get("/setup").get_data(as_text=True)
    assert "seed-demo" in page
    response = client.post(
        "/setup",
        data={
            "name": "Morgan",
            "email": "m@example.com",
            "password": "long enough pw",
            "confirm": "nope",
            "time_zone": "Europe/London",
        },
    )
    assert response.status_code == 200 and "Does not match." in response.get_data(as_text=True)
    response = client.post(
        "/setup",
        data={
            "name": "Morgan",
            "email": "m@example.com",
            "password": "long enough pw",
            "confirm": "long enough pw",
            "time_zone": "Europe/London",
        },
    )
    assert response.status_code == 302
    assert db.session.scalar(db.select(Recruiter)).time_zone == "Europe/London"
    assert client.get("/").status_code == 200  # logged in
    assert client.get("/setup").status_code == 404  # never again


def test_auth_login_logout(client, recruiter):
    response = login(client, recruiter.email, "wrong password")
    assert response.status_code == 422 and b"Wrong email or password." in response.data
    response = client.post(
        "/login?next=/clients/", data={"email": recruiter.email, "password": PASSWORD}
    )
    assert response.headers["Location"] == "/clients/"
    assert client.post("/logout").status_code == 302
    assert client.get("/").status_code == 302


def test_auth_login_ignores_offsite_next(client, recruiter):
    response = client.post(
        "/login?next=https://evil.example.com/x",
        data={"email": recruiter.email, "password": PASSWORD},
    )
    assert response.headers["Location"] == "/"


def test_auth_settings_time_zone_and_tokens(auth_client, recruiter):
    response = auth_client.post("/settings", data={"name": "M. Avery", "time_zone": "Asia/Tokyo"})
    assert response.status_code == 302
    db.session.refresh(recruiter)
    assert recruiter.time_zone == "Asia/Tokyo"
    response = auth_client.post("/settings", data={"name": "M", "time_zone": "Mars/Olympus"})
    assert b"Not a valid choice" in response.data
    response = auth_client.post("/settings/tokens", data={"token-name": "zapier"})
    html = response.get_data(as_text=True)
    assert "shown only once" in html and 'value="rl_' in html
    token = db.session.scalar(db.select(ApiToken))
    assert token.name == "zapier" and not token.token_hash.startswith("rl_")
    auth_client.post(f"/settings/tokens/{token.id}/revoke")
    db.session.refresh(token)
    assert token.revoked_at is not None


def test_auth_password_hash_is_argon2id(recruiter):
    assert recruiter.password_hash.startswith("$argon2id$")
    assert "m=65536,t=3,p=4" in recruiter.password_hash
