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
from argon2 import PasswordHasher
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import NullPool

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
        # Tests run queued imports themselves (import_worker.run_next); a web thread left
        # running past a test would hold a connection of an engine the test has disposed.
        "IMPORTS_RUN_IN_WEB": False,
    }


# --- speed: cheap password hashing -----------------------------------------------------------
# argon2id at the production cost (64 MiB, 3 passes) takes ~0.2 s per hash and per login, and
# most tests make a recruiter and many log in: that was minutes of every run. Tests hash at
# argon2's cheapest instead; test_auth proves the production parameters with
# ``production_password_hashing``. Subprocesses the tests start keep the production hasher.
PRODUCTION_HASHER = accounts._hasher
TEST_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashing() -> Iterator[None]:
    patch = pytest.MonkeyPatch()
    patch.setattr(accounts, "_hasher", TEST_HASHER)
    yield
    patch.undo()


@pytest.fixture
def production_password_hashing(monkeypatch: pytest.MonkeyPatch) -> PasswordHasher:
    """The real hasher, for a test that proves the production parameters."""
    monkeypatch.setattr(accounts, "_hasher", PRODUCTION_HASHER)
    return PRODUCTION_HASHER


# --- databases: made once per session (per xdist worker), emptied between tests ------------
# Each backend's database is migrated once per session; each test then gets a fresh copy of
# the SQLite file, or the PostgreSQL tables emptied. Under pytest-xdist (``-n``, see
# pyproject's addopts) every worker has a database of its own: ``<db>_gw0``, ``<db>_gw1``...
# made from TEST_DATABASE_URL (trust auth may CREATE DATABASE), claimed for the session and
# reused by the next run.


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


def _claim_database(url: str) -> tuple[str, Connection]:
    """The URL of a database this test process alone uses (created when missing), and the
    connection that holds its claim until the session ends.

    Under xdist every worker has its own (``<db>_gw0``...), but two runs on one machine (a
    CI clone beside a developer's run) would share them, and one run's ``DROP SCHEMA`` then
    pulls tables and indexes from under the other's tests. So each database is claimed with
    an advisory lock, taken on a connection to ``url``'s own database, and a run that finds
    it claimed takes the next name (``<db>_gw0_2``...)."""
    base = make_url(url)
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    stem = f"{base.database}_{worker}" if worker else base.database
    engine = create_engine(base, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    claim = engine.connect()
    for attempt in range(1, 33):
        name = stem if attempt == 1 else f"{stem}_{attempt}"
        key = {"k": f"reliant-tests:{name}"}
        if not claim.scalar(text("SELECT pg_try_advisory_lock(hashtext(:k))"), key):
            continue
        if name != base.database and not claim.scalar(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
        ):
            claim.execute(text(f'CREATE DATABASE "{name}"'))
        return base.set(database=name).render_as_string(hide_password=False), claim
    claim.close()
    raise RuntimeError(f"every test database {stem}, {stem}_2... is in use by another run")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test."""
    instance = tmp_path_factory.mktemp("instance-template")
    template = tmp_path_factory.mktemp("sqlite") / "template.db"
    _migrate(f"sqlite:///{template}", instance)
    return template


@pytest.fixture(scope="session")
def postgres_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """This session's (this worker's) migrated PostgreSQL database. Skips without
    TEST_DATABASE_URL or a server; fails instead under RELIANT_REQUIRE_POSTGRES=1."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        if _require_postgres():
            pytest.fail("RELIANT_REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set")
        pytest.skip("PostgreSQL half skipped: TEST_DATABASE_URL is not set")
    url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    try:
        url, claim = _claim_database(url)
        request.addfinalizer(claim.close)
        _reset_postgres(url)
    except Exception as exc:
        if _require_postgres():
            pytest.fail(f"PostgreSQL at {make_url(url).render_as_string()} unreachable: {exc}")
        pytest.skip(f"PostgreSQL half skipped: cannot connect ({exc.__class__.__name__})")
    _migrate(url, tmp_path_factory.mktemp("instance-template"))
    return url


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest) -> dict:
    """A migrated database per backend. The backends' own session fixtures above do the work,
    so they are made once even when a worker's tests switch back and forth between the two."""
    if request.param == "sqlite":
        return {"backend": "sqlite", "template": request.getfixturevalue("sqlite_template")}
    return {"backend": "postgresql", "url": request.getfixturevalue("postgres_url")}


def _empty_postgres(app: Flask) -> None:
    """Delete every row and restart the ids. DELETE on a few small tables takes a millisecond
    where TRUNCATE takes ~0.4 s (it makes new files for every table); TRUNCATE stays the
    fallback should a future foreign key make the DELETE order fail."""
    tables = list(reversed(db.metadata.sorted_tables))  # children before parents
    try:
        with db.engine.begin() as conn:
            conn.exec_driver_sql("; ".join(f'DELETE FROM "{t.name}"' for t in tables))
            conn.exec_driver_sql(
                "SELECT setval(c.oid, 1, false) FROM pg_class c"
                " JOIN pg_namespace n ON n.oid = c.relnamespace"
                " WHERE c.relkind = 'S' AND n.nspname = current_schema()"
            )
    except IntegrityError:
        names = ", ".join(f'"{t.name}"' for t in tables)
        with db.engine.begin() as conn:
            conn.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")


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
            _empty_postgres(app)
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def schema_change(app: Flask) -> Iterator[None]:
    """For a test that downgrades and upgrades its database with rows in it. On PostgreSQL an
    index the upgrade builds over rows updated in place (a backfill) is marked
    ``indcheckxmin``: no transaction whose snapshot is older than the index may use it. While
    any transaction on the server stays open (another run's long import, a seed), later tests'
    plans then cannot use those indexes at all. Afterwards the tables are emptied by TRUNCATE
    (new, empty files) and the indexes rebuilt, which clears the mark."""
    yield
    if app.config["DATABASE_BACKEND"] != "postgresql":
        return  # every SQLite test copies the template afresh
    db.session.remove()
    names = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
        schema = conn.exec_driver_sql("SELECT current_schema()").scalar()
        conn.exec_driver_sql(f'REINDEX SCHEMA "{schema}"')
        marked = conn.exec_driver_sql(
            "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
            " WHERE i.indcheckxmin AND c.relnamespace = current_schema()::regnamespace"
        ).scalar()
    assert marked == 0, f"{marked} indexes still unusable by older snapshots after REINDEX"


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


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The views' clock (``utcnow`` where the views read it), moved by hand: ``clock.now``,
    ``clock.advance(minutes=1)``."""

    class Clock:
        now = NOW

        def advance(self, **delta: float) -> None:
            self.now += timedelta(**delta)

    clock = Clock()
    for module in (
        "recruiter.views.auth",
        "recruiter.views.api",
        "recruiter.views.api.outreach",
        "recruiter.views.api.interviews",
        "recruiter.views.api.reports",
        "recruiter.views.interviews",
        "recruiter.views.reports",
    ):
        monkeypatch.setattr(f"{module}.utcnow", lambda: clock.now)
    return clock
