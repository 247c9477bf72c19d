"""Is the app healthy and is the scheduler running: /healthz, /api/v1/status and the banner."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from recruiter import create_app
from recruiter.extensions import db
from recruiter.services import scheduler_status
from tests.conftest import NOW, base_config

BANNER = "Reminders and suggestions are paused: the scheduler is not running"


def beat(at: datetime, pid: int = 4242) -> None:
    scheduler_status.beat(at, pid, "web1", starting=True)
    db.session.commit()


def page_text(response) -> str:  # type: ignore[no-untyped-def]
    html = response.get_data(as_text=True)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


# --- the rule -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "running"),
    [
        (timedelta(0), True),
        (timedelta(minutes=3), True),
        (timedelta(minutes=3, seconds=1), False),
        (timedelta(hours=5), False),
    ],
)
def test_scheduler_status_is_running_until_the_beat_is_three_minutes_old(age, running):
    assert scheduler_status.is_running(NOW - age, NOW) is running


def test_scheduler_status_is_not_running_without_a_beat():
    assert scheduler_status.is_running(None, NOW) is False


def test_scheduler_status_last_beat_is_none_after_a_clean_stop(app):
    beat(NOW, pid=7)
    assert scheduler_status.last_beat() == NOW
    scheduler_status.record_stop(NOW + timedelta(seconds=5), pid=8)  # not the beating process
    assert scheduler_status.last_beat() == NOW
    scheduler_status.record_stop(NOW + timedelta(seconds=5), pid=7)
    db.session.commit()
    assert scheduler_status.last_beat() is None
    beat(NOW + timedelta(seconds=10), pid=9)  # the next start clears it
    assert scheduler_status.last_beat() == NOW + timedelta(seconds=10)


# --- /healthz -------------------------------------------------------------------------------


def test_healthz_answers_ok_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "ok\n"
    assert response.mimetype == "text/plain"


def test_healthz_answers_ok_with_a_heartbeat_row(client, app):
    beat(NOW)
    assert client.get("/healthz").status_code == 200
    assert scheduler_status.last_beat() == NOW  # the probe wrote nothing that matters


def _other_app(url: str):  # type: ignore[no-untyped-def]
    return create_app(base_config(url))


@pytest.fixture
def sqlite_file(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """A migrated SQLite file of its own (a read-only file is an SQLite set-up, so these
    tests are not parametrised over the backends), with one recruiter and their API token."""
    from flask_migrate import upgrade

    from recruiter.services import accounts
    from tests.conftest import PASSWORD

    monkeypatch.setenv("RECRUITER_INSTANCE_PATH", str(tmp_path / "instance"))
    path = tmp_path / "readonly.db"
    writable = _other_app(f"sqlite:///{path}")
    with writable.app_context():
        upgrade()
        recruiter = accounts.create_recruiter("ro@example.com", PASSWORD, "Ro", "UTC")
        _, token = accounts.create_token(recruiter, "t")
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return {"path": path, "token": token, "email": "ro@example.com"}


def _read_only(path):  # type: ignore[no-untyped-def]
    return _other_app(f"sqlite:///file:{path}?mode=ro&uri=true")


def test_healthz_answers_503_when_the_database_is_read_only(sqlite_file):
    readonly = _read_only(sqlite_file["path"])
    with readonly.app_context():
        response = readonly.test_client().get("/healthz")
        db.engine.dispose()
    assert response.status_code == 503
    body = response.get_data(as_text=True)
    assert body.startswith("database unavailable: OperationalError")
    assert "readonly" in body
    assert body.count("\n") == 1


def test_healthz_answers_503_when_the_database_is_unreachable(app, tmp_path):
    missing = _other_app(f"sqlite:///{tmp_path / 'no' / 'such' / 'dir' / 'x.db'}")
    with missing.app_context():
        response = missing.test_client().get("/healthz")
        db.engine.dispose()
    assert response.status_code == 503
    assert response.get_data(as_text=True).startswith("database unavailable: ")


# --- /api/v1/status -------------------------------------------------------------------------


def test_status_requires_a_token(client):
    response = client.get("/api/v1/status")
    assert response.status_code == 401
    assert "error" in response.json


def test_status_without_a_scheduler_says_not_running(api, app):
    data = api.get("/api/v1/status").json
    assert set(data) == {"version", "database", "scheduler"}
    assert data["database"] == app.config["DATABASE_BACKEND"]
    assert data["version"] and data["version"] != "unknown"
    assert data["scheduler"] == {"running": False, "last_beat_at": None, "jobs": []}


def test_status_shows_the_heartbeat_and_every_job(api, app):
    now = datetime.now(UTC).replace(microsecond=0)
    beat(now)
    scheduler_status.declare_jobs(["reminder_sweep", "ghost_sweep"])
    scheduler_status.record_run(
        "reminder_sweep", now, True, "2 made, 0 closed", now + timedelta(minutes=1)
    )
    db.session.commit()
    data = api.get("/api/v1/status").json["scheduler"]
    assert data["running"] is True
    assert data["last_beat_at"] == now.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert data["jobs"] == [
        {"id": "ghost_sweep", "last_run_at": None, "next_run_at": None, "last_result": None},
        {
            "id": "reminder_sweep",
            "last_run_at": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "next_run_at": (now + timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "last_result": "2 made, 0 closed",
        },
    ]


def test_status_reports_a_stale_heartbeat_as_not_running(api):
    stale = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=4)
    beat(stale)
    data = api.get("/api/v1/status").json["scheduler"]
    assert data["running"] is False
    assert data["last_beat_at"] == stale.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_status_declare_jobs_forgets_removed_ones(app):
    scheduler_status.declare_jobs(["a", "b"])
    scheduler_status.record_run("b", NOW, True, "ok", None)
    scheduler_status.declare_jobs(["b", "c"])
    db.session.commit()
    jobs = scheduler_status.status(NOW).jobs
    assert [(j.id, j.last_result) for j in jobs] == [("b", "ok"), ("c", None)]


# --- the banner -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/candidates/", "/settings"])
def test_banner_shows_on_every_page_without_a_heartbeat(auth_client, path):
    response = auth_client.get(path)
    assert response.status_code == 200
    text = page_text(response)
    assert BANNER in text
    assert "start flask --app app serve" in text


def test_banner_shows_when_the_heartbeat_is_stale(auth_client):
    beat(datetime.now(UTC) - timedelta(minutes=3, seconds=30))
    assert BANNER in page_text(auth_client.get("/"))


def test_banner_hidden_when_the_heartbeat_is_fresh(auth_client):
    beat(datetime.now(UTC))
    response = auth_client.get("/")
    assert BANNER not in page_text(response)
    assert 'id="scheduler-paused"' not in response.get_data(as_text=True)


def test_banner_shows_after_a_clean_stop(auth_client):
    beat(datetime.now(UTC), pid=11)
    scheduler_status.record_stop(datetime.now(UTC), pid=11)
    db.session.commit()
    assert BANNER in page_text(auth_client.get("/"))


def test_banner_not_shown_to_visitors(client, recruiter):
    assert BANNER not in page_text(client.get("/login"))


def _two_writes(app, sqlite_file):  # type: ignore[no-untyped-def]
    """An API write and a failed login (which records the failure for the throttle: a write
    too), through ``app``: the API's answer and the page."""
    headers = {"Authorization": f"Bearer {sqlite_file['token']}"}
    with app.app_context():
        client = app.test_client()
        answer = client.post("/api/v1/candidates", json={"full_name": "Ada"}, headers=headers)
        page = client.post(
            "/login", data={"email": sqlite_file["email"], "password": "not-it-at-all"}
        )
        db.session.remove()
        db.engine.dispose()
    return answer, page


def test_read_only_database_answers_503_not_500(sqlite_file):
    """A write refused by a read-only (or full) database is a 503 with a clear message, as JSON
    for the API and as a page for people; nothing half-saved. (PostgreSQL's words for the same,
    "cannot execute ... in a read-only transaction", are read by the same check: below.)"""
    answer, page = _two_writes(_read_only(sqlite_file["path"]), sqlite_file)
    assert answer.status_code == 503, answer.get_data(as_text=True)[:300]
    assert "read-only or its disk is full" in answer.json["error"]["message"]
    assert answer.headers["Retry-After"] == "60"
    assert page.status_code == 503
    assert "nothing was saved" in page.get_data(as_text=True)
    import sqlite3

    with sqlite3.connect(sqlite_file["path"]) as conn:
        assert conn.execute("SELECT count(*) FROM candidate").fetchone() == (0,)


def test_a_write_held_up_by_another_answers_503_busy_and_saves_nothing(sqlite_file):
    """SQLite has one write lock, which an import holds for its whole run: a write that waited
    out the busy timeout is a 503 saying the database is busy, with a short Retry-After, as
    JSON for the API and as a page for people; not a 500, and nothing half-saved."""
    import sqlite3

    config = base_config(f"sqlite:///{sqlite_file['path']}")
    config["SQLITE_BUSY_TIMEOUT_MS"] = 50
    busy = create_app(config)
    holder = sqlite3.connect(sqlite_file["path"], isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process's write under way
    try:
        answer, page = _two_writes(busy, sqlite_file)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert answer.status_code == 503, answer.get_data(as_text=True)[:300]
    assert "busy with another write" in answer.json["error"]["message"]
    assert answer.headers["Retry-After"] == "5"
    assert page.status_code == 503
    assert "nothing was saved" in page.get_data(as_text=True)
    with sqlite3.connect(sqlite_file["path"]) as conn:
        assert conn.execute("SELECT count(*) FROM candidate").fetchone() == (0,)


def test_database_busy_reads_both_databases_words():
    from sqlalchemy.exc import IntegrityError, OperationalError

    from recruiter.errors import database_busy

    class PostgresError(Exception):
        def __init__(self, sqlstate: str) -> None:
            super().__init__("ERROR")
            self.sqlstate = sqlstate

    def error(kind, orig):  # type: ignore[no-untyped-def]
        return kind("UPDATE x", {}, orig)

    assert database_busy(error(OperationalError, Exception("database is locked")))
    for deadlock_or_lock_timeout in ("40P01", "55P03", "40001"):
        assert database_busy(error(OperationalError, PostgresError(deadlock_or_lock_timeout)))
    assert not database_busy(error(OperationalError, PostgresError("08006")))
    assert not database_busy(error(OperationalError, Exception("readonly database")))
    assert not database_busy(error(IntegrityError, Exception("duplicate key value")))
    assert not database_busy(ValueError("database is locked"))


def test_storage_unavailable_reads_both_databases_words():
    from sqlalchemy.exc import IntegrityError, InternalError, OperationalError

    from recruiter.errors import storage_unavailable

    def error(kind, text):  # type: ignore[no-untyped-def]
        return kind("UPDATE x", {}, Exception(text))

    assert storage_unavailable(error(OperationalError, "attempt to write a readonly database"))
    assert storage_unavailable(error(OperationalError, "database or disk is full"))
    assert storage_unavailable(
        error(InternalError, "cannot execute UPDATE in a read-only transaction")
    )
    assert storage_unavailable(error(OperationalError, "could not extend file: No space left"))
    assert not storage_unavailable(error(OperationalError, "server closed the connection"))
    assert not storage_unavailable(error(IntegrityError, "duplicate key value"))
    assert not storage_unavailable(ValueError("read-only"))
