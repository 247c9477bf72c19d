"""Logging in and out, the first-run account, settings, passwords and API tokens in the UI."""

import logging
import re
from pathlib import Path

import pytest

from recruiter.cli.users import DEMO_PASSWORD
from recruiter.extensions import db
from recruiter.models import ApiToken, Recruiter
from recruiter.services import accounts
from recruiter.views.helpers import utcnow
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
    assert response.status_code == 422 and "Does not match." in response.get_data(as_text=True)
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
    assert response.status_code == 302
    html = auth_client.get("/settings").get_data(as_text=True)
    assert "shown only once" in html and 'value="rl_' in html
    token = db.session.scalar(db.select(ApiToken))
    assert token.name == "zapier" and not token.token_hash.startswith("rl_")
    auth_client.post(f"/settings/tokens/{token.id}/revoke")
    db.session.refresh(token)
    assert token.revoked_at is not None


def test_auth_password_hash_is_argon2id(production_password_hashing, make_recruiter, client):
    """The production parameters (the other tests hash cheaply: see conftest), and a login
    against such a hash works and keeps it."""
    recruiter = make_recruiter()
    assert recruiter.password_hash.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    stored = recruiter.password_hash
    assert login(client, recruiter.email).status_code == 302
    db.session.refresh(recruiter)
    assert recruiter.password_hash == stored  # no rehash: already at the production cost


def test_auth_tests_hash_cheaply_but_still_with_argon2id(recruiter):
    assert recruiter.password_hash.startswith("$argon2id$v=19$m=8,t=1,p=1$")


def test_auth_token_creation_redirects_and_shows_the_token_once(auth_client, caplog):
    caplog.set_level(logging.DEBUG)
    response = auth_client.post("/settings/tokens", data={"token-name": "zapier"})
    assert response.status_code == 302 and response.headers["Location"] == "/settings"
    page = auth_client.get("/settings").get_data(as_text=True)
    plain = re.search(r'value="(rl_[^"]+)"', page).group(1)
    assert accounts.recruiter_for_token(plain, utcnow()) is not None
    again = auth_client.get("/settings").get_data(as_text=True)
    assert plain not in again and "shown once" not in again  # a refresh shows it no more
    assert db.session.scalar(db.select(db.func.count(ApiToken.id))) == 1  # and makes none
    assert plain not in caplog.text


def _setup_data(password: str, email: str = "jordan.smith@example.com") -> dict:
    return {
        "name": "Jordan",
        "email": email,
        "password": password,
        "confirm": password,
        "time_zone": "UTC",
    }


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("eleven char", "Use at least 12 characters."),
        ("Password1234", "list of common passwords"),
        ("QWERTYUIOP12", "list of common passwords"),
        ("my Jordan.Smith pw", "e-mail&#39;s name"),
    ],
)
def test_auth_setup_refuses_weak_passwords(client, password, reason):
    response = client.post("/setup", data=_setup_data(password))
    assert response.status_code == 422
    assert reason in response.get_data(as_text=True)
    assert accounts.count_recruiters() == 0


def test_accounts_password_rule_accepts_the_fixture_and_demo_passwords():
    accounts.check_password(PASSWORD, "morgan@example.com")
    accounts.check_password(DEMO_PASSWORD, "demo@example.com")
    accounts.check_password("long enough pw", "m@example.com")  # a 1-letter name is not looked for
    assert len(accounts.common_passwords()) > 5000
    assert "password1234" in accounts.common_passwords()


def _change(client, current: str, new: str, repeat: str | None = None):  # type: ignore[no-untyped-def]
    return client.post(
        "/settings/password",
        data={
            "password-current_password": current,
            "password-new_password": new,
            "password-confirm": new if repeat is None else repeat,
        },
    )


def test_auth_change_password_refuses_wrong_current_and_weak_new(auth_client, recruiter):
    response = _change(auth_client, "not my password", "a brand new secret")
    assert response.status_code == 422 and b"not your current password" in response.data
    response = _change(auth_client, PASSWORD, "password1234")
    assert response.status_code == 422 and b"common passwords" in response.data
    response = _change(auth_client, PASSWORD, "a brand new secret", "a brand new secreT")
    assert response.status_code == 422 and b"Does not match." in response.data
    response = _change(auth_client, PASSWORD, "Morgan is my name")
    assert response.status_code == 422 and b"e-mail&#39;s name" in response.data
    assert accounts.authenticate(recruiter.email, PASSWORD) is not None


class Browser:
    """A test client whose every request has its own app context (so its own ``g``: the
    ``app`` fixture's context would otherwise hand one browser's user to the next)."""

    def __init__(self, app, remember_cookie: str | None = None) -> None:  # type: ignore[no-untyped-def]
        self.app, self.client = app, app.test_client()
        if remember_cookie:
            self.client.set_cookie("remember_token", remember_cookie)

    def get(self, url: str):  # type: ignore[no-untyped-def]
        with self.app.app_context():
            return self.client.get(url)

    def post(self, url: str, data: dict):  # type: ignore[no-untyped-def]
        with self.app.app_context():
            return self.client.post(url, data=data)

    def log_in(self, email: str, remember: bool = False) -> int:
        data = {"email": email, "password": PASSWORD} | ({"remember": "y"} if remember else {})
        return self.post("/login", data=data).status_code

    def remember_cookie(self) -> str:
        return self.client.get_cookie("remember_token").value


def test_auth_change_password_ends_other_sessions_and_remember_cookies(app, recruiter):
    here, other, remembered = Browser(app), Browser(app), Browser(app)
    assert here.log_in(recruiter.email) == other.log_in(recruiter.email) == 302
    assert remembered.log_in(recruiter.email, remember=True) == 302
    cookie = remembered.remember_cookie()
    assert Browser(app, cookie).get("/").status_code == 200  # the cookie alone logs in

    response = _change(here, PASSWORD, "a brand new secret")
    assert response.status_code == 302, response.data

    assert here.get("/").status_code == 200  # this session stays logged in
    assert other.get("/").status_code == 302  # the other one is logged out
    assert remembered.get("/").status_code == 302
    assert Browser(app, cookie).get("/").status_code == 302  # the old cookie is refused
    db.session.expire_all()
    assert accounts.authenticate(recruiter.email, PASSWORD) is None
    assert accounts.authenticate(recruiter.email, "a brand new secret") is not None


def test_auth_change_password_keeps_this_browsers_remember_cookie(app, recruiter):
    browser = Browser(app)
    assert browser.log_in(recruiter.email, remember=True) == 302
    old = browser.remember_cookie()
    assert _change(browser, PASSWORD, "a brand new secret").status_code == 302
    new = browser.remember_cookie()
    assert new != old
    assert Browser(app, new).get("/").status_code == 200  # the same browser after a restart


def test_auth_session_without_token_is_refused(app, recruiter):
    browser = Browser(app)
    with browser.client.session_transaction() as sess:  # from before the upgrade: a bare id
        sess["_user_id"] = str(recruiter.id)
        sess["_fresh"] = True
    assert browser.get("/").status_code == 302


def test_accounts_common_passwords_ship_as_package_data():
    import tomllib
    from pathlib import Path

    pyproject = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    assert "data/*.txt" in pyproject["tool"]["setuptools"]["package-data"]["recruiter"]


def test_auth_session_of_a_deactivated_account_is_refused(app, recruiter):
    browser = Browser(app)
    assert browser.log_in(recruiter.email) == 302
    recruiter.active = False
    db.session.commit()
    assert browser.get("/").status_code == 302


def test_auth_first_visit_goes_to_setup_without_a_login_nag(client):
    """An empty installation has nobody to log in: no "Please log in" on the way to /setup."""
    response = client.get("/", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.request.path == "/setup"
    assert "Please log in" not in page
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    command = ".venv/bin/flask --app app seed-demo"
    assert f"<code>{command}</code>" in page and f"`{command}`" in readme
    assert 'data-browser-zone=""' in page


def test_auth_logged_out_visit_still_asks_to_log_in(client, recruiter):
    response = client.get("/candidates/", follow_redirects=True)
    assert response.request.path == "/login"
    assert "Please log in to access this page." in response.get_data(as_text=True)
    first = client.get("/candidates/")
    assert "next=" in first.headers["Location"]


def test_auth_settings_is_in_the_navigation(auth_client):
    page = auth_client.get("/").get_data(as_text=True)
    assert re.search(r'href="/settings"[^>]*>Settings</a>', page)
