"""Throttling of failed authentication: logins (per account and per address), the first-run
setup, the password form and API tokens; the counts live in the database, so every worker
process shares them."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from recruiter.extensions import db
from recruiter.models import AuthFailure
from recruiter.services import accounts, throttle
from recruiter.services.throttle import ThrottleSettings
from tests.conftest import NOW, PASSWORD, login

ROOT = Path(__file__).resolve().parent.parent
WRONG = "not the password"


@pytest.fixture
def no_hashing(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Fails the test if a password is checked from now on (a throttled attempt costs none)."""

    class Refusing:
        def __getattr__(self, name: str) -> object:
            raise AssertionError(f"a throttled attempt reached the password hasher ({name})")

    def arm() -> None:
        monkeypatch.setattr(accounts, "_hasher", Refusing())

    return arm


def test_throttle_login_answers_429_after_ten_failures_per_account(
    client, recruiter, clock, no_hashing
):
    for _ in range(10):
        assert login(client, recruiter.email, WRONG).status_code == 422
    no_hashing()
    for password in (WRONG, PASSWORD):  # even the right password waits
        response = login(client, recruiter.email.upper(), password)
        assert response.status_code == 429
        assert response.headers["Retry-After"] == "900"
        assert "Try again in 15 minutes." in response.get_data(as_text=True)


def test_throttle_login_opens_again_after_the_window_and_success_clears(
    app, configure, client, recruiter, clock
):
    configure(LOGIN_MAX_FAILURES=3, LOGIN_WINDOW_SECONDS=600)
    for _ in range(3):
        login(client, recruiter.email, WRONG)
        clock.advance(seconds=60)
    response = login(client, recruiter.email, PASSWORD)
    assert response.status_code == 429 and response.headers["Retry-After"] == "420"
    clock.advance(seconds=420)  # the first failure leaves the window
    assert login(client, recruiter.email, PASSWORD).status_code == 302
    assert (
        db.session.scalar(
            db.select(db.func.count(AuthFailure.id)).where(AuthFailure.key.like("login:email:%"))
        )
        == 0
    )


def test_throttle_login_answers_429_after_ten_failures_per_address(
    client, make_recruiter, clock, no_hashing
):
    someone = make_recruiter()
    for n in range(10):
        assert login(client, f"nobody{n}@example.com", WRONG).status_code == 422
    no_hashing()
    assert login(client, someone.email, PASSWORD).status_code == 429


def test_throttle_setup_answers_429_after_ten_refused_attempts(client, clock, no_hashing):
    data = {"name": "M", "email": "m@example.com", "password": "short", "confirm": "short"}
    for _ in range(10):
        assert client.post("/setup", data=data | {"time_zone": "UTC"}).status_code == 422
    no_hashing()
    good = "a long enough secret"
    response = client.post(
        "/setup", data=data | {"password": good, "confirm": good, "time_zone": "UTC"}
    )
    assert response.status_code == 429 and int(response.headers["Retry-After"]) > 0
    assert b"Try again in 15 minutes." in response.data
    assert accounts.count_recruiters() == 0


def test_throttle_password_form_counts_wrong_current_passwords(
    app, configure, auth_client, recruiter, clock, no_hashing
):
    configure(LOGIN_MAX_FAILURES=3)
    data = {"password-new_password": "a brand new secret", "password-confirm": "a brand new secret"}
    for _ in range(3):
        response = auth_client.post(
            "/settings/password", data=data | {"password-current_password": WRONG}
        )
        assert response.status_code == 422
    no_hashing()
    response = auth_client.post(
        "/settings/password", data=data | {"password-current_password": PASSWORD}
    )
    assert response.status_code == 429 and "Retry-After" in response.headers
    assert b"Too many failed attempts" in response.data
    with app.app_context():  # another browser (its own g): the account's budget is the same
        assert login(app.test_client(), recruiter.email, PASSWORD).status_code == 429


def test_throttle_api_token_failures_answer_429_json(app, configure, client, api, clock):
    configure(LOGIN_MAX_FAILURES=3)
    bad = {"Authorization": "Bearer rl_guessed"}
    for _ in range(3):
        assert client.get("/api/v1/candidates", headers=bad).status_code == 401
    response = api.get("/api/v1/candidates")  # a good token from the same address waits too
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "900"
    assert response.json["error"]["message"].startswith("Too many failed token attempts")
    clock.advance(seconds=901)
    assert api.get("/api/v1/candidates").status_code == 200


def test_throttle_retry_after_counts_within_the_window_and_prunes_old_rows(app):
    settings = ThrottleSettings(max_failures=2, window=timedelta(minutes=10))
    keys = [throttle.key("login", "email", " Sam@Example.COM ")]
    assert keys == ["login:email:sam@example.com"]
    throttle.record_failure(keys, NOW - timedelta(minutes=30), settings)  # long gone
    throttle.record_failure(keys, NOW - timedelta(minutes=4), settings)
    assert throttle.retry_after(keys, NOW, settings) is None
    throttle.record_failure(keys, NOW, settings)
    assert throttle.retry_after(keys, NOW, settings) == 6 * 60
    assert throttle.retry_after(["login:ip:10.0.0.1"], NOW, settings) is None
    assert db.session.scalar(db.select(db.func.count(AuthFailure.id))) == 2  # pruned
    assert throttle.retry_after(keys, NOW + timedelta(minutes=6), settings) is None


@pytest.mark.parametrize(("failures", "wait"), [(0, None), (2, None), (3, 4 * 60), (5, 4 * 60)])
def test_throttle_nth_failure_answers_as_retry_after(app, failures, wait):
    """The column the API's token lookup carries says what :func:`retry_after` says."""
    settings = ThrottleSettings(max_failures=3, window=timedelta(minutes=10))
    keys = ["token:ip:10.0.0.9"]
    for n in range(failures):  # 0, 3, 6, 9, 12 minutes ago: the last one is out of the window
        throttle.record_failure(keys, NOW - timedelta(minutes=3 * n), settings)
    values = throttle.nth_failure_values(keys[0], NOW, settings)
    nth = db.session.scalar(db.select(throttle.nth_failure()), values)
    assert throttle.wait_after(nth, NOW, settings) == wait
    assert throttle.retry_after(keys, NOW, settings) == wait


def test_throttle_settings_are_checked_at_start(app):
    from recruiter import create_app
    from tests.conftest import base_config

    with pytest.raises(ValueError, match="LOGIN_MAX_FAILURES"):
        create_app(base_config("sqlite://") | {"LOGIN_MAX_FAILURES": 0})


WORKER = """
import sys
from recruiter import create_app
from tests.conftest import base_config

app = create_app(base_config(sys.argv[1]))
client = app.test_client()
codes = [
    client.post("/login", data={"email": sys.argv[2], "password": "not the password"}).status_code
    for _ in range(int(sys.argv[3]))
]
print(" ".join(map(str, codes)))
"""


def test_throttle_login_limit_holds_across_processes(app, client, recruiter, tmp_path):
    """Two worker processes, each with its own app and connection pool, share one database:
    five failures in each, at the same time, and the eleventh attempt anywhere is refused."""
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    env = os.environ | {"RECRUITER_INSTANCE_PATH": str(tmp_path / "worker")}
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, url, recruiter.email, "5"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
        assert out.split() == ["422"] * 5
    db.session.expire_all()
    response = login(client, recruiter.email, PASSWORD)
    assert response.status_code == 429 and "Retry-After" in response.headers
