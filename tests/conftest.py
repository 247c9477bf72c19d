"""Fixtures: ``app``, ``client``, ``runner``, a logged-in client, an API client, and factories
that return callables. Every test that takes ``app`` runs on SQLite and, when
``TEST_DATABASE_URL`` is set, on PostgreSQL too; the schema always comes from the migrations."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from recruiter import create_app
from recruiter.extensions import db
from recruiter.models import Candidate, Client, Interview, Outreach, Recruiter
from recruiter.services import accounts, candidates, clients, interviews, outreach
from recruiter.services.interviews import EventData

PASSWORD = "correct horse battery"
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def _require_postgres() -> bool:
    return os.environ.get("RELIANT_REQUIRE_POSTGRES") == "1"


def base_config(url: str) -> dict[str, Any]:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
        "SQLALCHEMY_DATABASE_URI": url,
        "WTF_CSRF_ENABLED": False,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    }


def _migrate(url: str, instance: Path) -> None:
    os.environ["RECRUITER_INSTANCE_PATH"] = str(instance)
    app = create_app(base_config(url))
    with app.app_context():
        upgrade()
        db.engine.dispose()


def _reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A migrated database per backend, made once per session."""
    instance = tmp_path_factory.mktemp("instance-template")
    if request.param == "sqlite":
        template = tmp_path_factory.mktemp("sqlite") / "template.db"
        _migrate(f"sqlite:///{template}", instance)
        return {"backend": "sqlite", "template": template}
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        if _require_postgres():
            pytest.fail("RELIANT_REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set")
        pytest.skip("PostgreSQL half skipped: TEST_DATABASE_URL is not set")
    url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    try:
        _reset_postgres(url)
    except Exception as exc:
        if _require_postgres():
            pytest.fail(f"PostgreSQL at {make_url(url).render_as_string()} unreachable: {exc}")
        pytest.skip(f"PostgreSQL half skipped: cannot connect ({exc.__class__.__name__})")
    _migrate(url, instance)
    return {"backend": "postgresql", "url": url}


def _truncate_postgres(app: Flask) -> None:
    tables = ", ".join(t.name for t in db.metadata.sorted_tables)
    with db.engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture
def app(database: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    instance = tmp_path / "instance"
    monkeypatch.setenv("RECRUITER_INSTANCE_PATH", str(instance))
    for name in ("DATABASE_URL", "SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    if database["backend"] == "sqlite":
        path = tmp_path / "reliant.db"
        shutil.copy(database["template"], path)
        url = f"sqlite:///{path}"
    else:
        url = database["url"]
    app = create_app(base_config(url))
    app.config["DATABASE_BACKEND"] = database["backend"]
    with app.app_context():
        if database["backend"] == "postgresql":
            _truncate_postgres(app)
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):  # type: ignore[no-untyped-def]
    return app.test_cli_runner()


# --- factories ------------------------------------------------------------------------------


@pytest.fixture
def make_recruiter(app: Flask) -> Callable[..., Recruiter]:
    counter = iter(range(1, 10_000))

    def make(**overrides: Any) -> Recruiter:
        n = next(counter)
        values = {
            "email": f"recruiter{n}@example.com",
            "password": PASSWORD,
            "name": f"Recruiter {n}",
            "time_zone": "UTC",
        }
        values.update(overrides)
        recruiter = accounts.create_recruiter(**values)
        db.session.commit()
        return recruiter

    return make


@pytest.fixture
def recruiter(make_recruiter: Callable[..., Recruiter]) -> Recruiter:
    return make_recruiter(email="morgan@example.com", name="Morgan Avery")


@pytest.fixture
def make_candidate(app: Flask) -> Callable[..., Candidate]:
    def make(owner: Recruiter, now: datetime = NOW, **overrides: Any) -> Candidate:
        values = {"full_name": "Ada Lovelace"}
        values.update(overrides)
        row = candidates.create_candidate(owner, values, now)
        db.session.commit()
        return row

    return make


@pytest.fixture
def make_client(app: Flask) -> Callable[..., Client]:
    def make(owner: Recruiter, now: datetime = NOW, **overrides: Any) -> Client:
        values = {"name": "Acme Fintech"}
        values.update(overrides)
        row = clients.create_client(owner, values, now)
        db.session.commit()
        return row

    return make


@pytest.fixture
def make_interview(
    app: Flask, make_candidate: Callable[..., Candidate]
) -> Callable[..., Interview]:
    def make(
        owner: Recruiter,
        candidate: Candidate | None = None,
        now: datetime = NOW,
        events: tuple[tuple[str, datetime] | EventData, ...] = (),
        **overrides: Any,
    ) -> Interview:
        candidate = candidate or make_candidate(owner)
        values = {"candidate_id": candidate.id, "scheduled_at": now + timedelta(days=2)}
        values.update(overrides)
        row = interviews.create_interview(owner, values, now)
        for event in events:
            data = event if isinstance(event, EventData) else EventData(event[0], event[1])
            interviews.add_event(owner, row, data, max(now, data.at))
        db.session.commit()
        return row

    return make


@pytest.fixture
def make_outreach(app: Flask) -> Callable[..., Outreach]:
    def make(
        owner: Recruiter, candidate: Candidate, now: datetime = NOW, **overrides: Any
    ) -> Outreach:
        values = {"candidate_id": candidate.id, "channel": "call", "sent_at": now}
        values.update(overrides)
        row = outreach.create_outreach(owner, values, max(now, values["sent_at"]))
        db.session.commit()
        return row

    return make


# --- clients that act as a recruiter --------------------------------------------------------


def login(client: FlaskClient, email: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return client.post("/login", data={"email": email, "password": password})


@pytest.fixture
def auth_client(client: FlaskClient, recruiter: Recruiter) -> FlaskClient:
    response = login(client, recruiter.email)
    assert response.status_code == 302, response.data
    return client


class ApiClient:
    """The test client with a bearer token, speaking JSON."""

    def __init__(self, client: FlaskClient, token: str) -> None:
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}"}

    def get(self, url: str, **kw: Any):  # type: ignore[no-untyped-def]
        return self.client.get(url, headers=self.headers, **kw)

    def post(self, url: str, json: Any = None, **kw: Any):  # type: ignore[no-untyped-def]
        return self.client.post(url, json=json, headers=self.headers, **kw)

    def patch(self, url: str, json: Any = None, **kw: Any):  # type: ignore[no-untyped-def]
        return self.client.patch(url, json=json, headers=self.headers, **kw)

    def delete(self, url: str, **kw: Any):  # type: ignore[no-untyped-def]
        return self.client.delete(url, headers=self.headers, **kw)


@pytest.fixture
def make_api(app: Flask) -> Callable[[Recruiter], ApiClient]:
    def make(owner: Recruiter) -> ApiClient:
        _, token = accounts.create_token(owner, "test")
        db.session.commit()
        return ApiClient(app.test_client(), token)

    return make


@pytest.fixture
def api(make_api: Callable[[Recruiter], ApiClient], recruiter: Recruiter) -> ApiClient:
    return make_api(recruiter)


@pytest.fixture
def configure(app: Flask) -> Callable[..., None]:
    """``configure(NAME=value, ...)``: change settings of a running test app, as a restart with
    that configuration would (the settings object is built once, when the app is created)."""
    from recruiter import settings

    def apply(**changes: Any) -> None:
        app.config.update(changes)
        settings.install(app, settings.build(app.config))

    return apply
