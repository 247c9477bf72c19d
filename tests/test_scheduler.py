"""The scheduler runs in its own process, one per database; the web app never starts one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from recruiter import jobs, scheduler_lock
from recruiter.extensions import db
from recruiter.jobs import JOBS, JobResult

ROOT = Path(__file__).resolve().parent.parent
FLASK = str(Path(sys.executable).parent / "flask")
READY = "scheduler started"
SECRET = "test-secret-key-that-is-long-enough-0123456789"


def scheduler_env(app, instance: Path) -> dict[str, str]:  # type: ignore[no-untyped-def]
    env = dict(os.environ)
    env.update(
        DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
        RECRUITER_INSTANCE_PATH=str(instance),
        SECRET_KEY=SECRET,
        PYTHONUNBUFFERED="1",
    )
    return env


class Scheduler:
    """``flask --app app scheduler`` as a child process, its log in a file."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.log = log
        self.handle = log.open("w")
        self.proc = subprocess.Popen(
            [FLASK, "--app", "app", "scheduler"],
            cwd=ROOT,
            env=env,
            stdout=self.handle,
            stderr=subprocess.STDOUT,
        )

    def output(self) -> str:
        return self.log.read_text()

    def wait_ready(self, timeout: float = 60) -> None:
        """Bounded polling for the readiness line (the only waiting these tests do)."""
        deadline = time.monotonic() + timeout
        while READY not in self.output():
            assert self.proc.poll() is None, f"scheduler exited early:\n{self.output()}"
            assert time.monotonic() < deadline, f"scheduler not ready:\n{self.output()}"
            time.sleep(0.1)

    def stop(self, sig: int = signal.SIGKILL) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        code = self.proc.wait(timeout=60)
        self.handle.close()
        return code


@pytest.fixture
def schedulers():  # type: ignore[no-untyped-def]
    started: list[Scheduler] = []
    yield started
    for proc in started:
        proc.stop()


def test_scheduler_second_process_refuses_and_a_crash_does_not_block_restart(
    app, tmp_path, schedulers
):
    backend = app.config["DATABASE_BACKEND"]
    first_instance = tmp_path / "instance"
    # On PostgreSQL the lock is in the database, so a second host (another instance folder)
    # is refused too; on SQLite both share the instance folder that holds the database.
    second_instance = tmp_path / "elsewhere" if backend == "postgresql" else first_instance
    first = Scheduler(scheduler_env(app, first_instance), tmp_path / "first.log")
    schedulers.append(first)
    first.wait_ready()
    assert "catching up: running every job once" in first.output()
    assert "reminder_sweep: " in first.output()

    second = subprocess.run(
        [FLASK, "--app", "app", "scheduler"],
        cwd=ROOT,
        env=scheduler_env(app, second_instance),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert second.returncode == 1
    assert "Another scheduler is already running" in second.stderr
    assert f"pid {first.proc.pid}" in second.stderr  # says who holds it
    assert READY not in second.stderr + second.stdout

    assert first.stop(signal.SIGKILL) == -signal.SIGKILL  # a crash: no clean-up ran
    third = Scheduler(scheduler_env(app, second_instance), tmp_path / "third.log")
    schedulers.append(third)
    third.wait_ready()
    assert third.stop(signal.SIGTERM) == 0  # and a clean stop exits 0
    assert "scheduler stopping" in third.output()


def test_scheduler_lock_is_exclusive_in_process(app):
    lock = scheduler_lock.acquire(app)
    try:
        with pytest.raises(scheduler_lock.LockHeld, match="Another scheduler is already running"):
            scheduler_lock.acquire(app)
        assert lock.alive()
    finally:
        lock.release()
    again = scheduler_lock.acquire(app)  # released: free again
    again.release()


def test_scheduler_lock_kind_follows_the_database(app):
    lock = scheduler_lock.acquire(app)
    try:
        if app.config["DATABASE_BACKEND"] == "postgresql":
            assert isinstance(lock, scheduler_lock.PostgresLock)
        else:
            assert isinstance(lock, scheduler_lock.FileLock)
            assert lock.path == Path(app.instance_path) / "scheduler.lock"
    finally:
        lock.release()


class FakeScheduler:
    """Stands in for BlockingScheduler: records the jobs instead of blocking."""

    instances: list[FakeScheduler] = []

    def __init__(self, **options) -> None:  # type: ignore[no-untyped-def]
        self.options = options
        self.jobs: list[dict] = []
        self.running = False
        FakeScheduler.instances.append(self)

    def add_job(self, func, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self.jobs.append({"func": func, **kwargs})

    def get_job(self, job_id: str) -> None:
        return None

    def start(self) -> None:
        self.started = True

    def shutdown(self, wait: bool = True) -> None:  # pragma: no cover - not reached
        self.running = False


class Lock(scheduler_lock.SchedulerLock):
    description = "test lock"

    def __init__(self, alive: bool = True) -> None:
        self._alive = alive

    def alive(self) -> bool:
        return self._alive


@pytest.fixture
def fake_scheduler(monkeypatch):  # type: ignore[no-untyped-def]
    import apscheduler.schedulers.blocking

    FakeScheduler.instances = []
    monkeypatch.setattr(apscheduler.schedulers.blocking, "BlockingScheduler", FakeScheduler)
    monkeypatch.setattr(signal, "signal", lambda *args: None)
    ran: list[str] = []
    monkeypatch.setattr(
        jobs, "run_job", lambda job, now: ran.append(job.id) or JobResult(job.id, True, "ok")
    )
    return ran


def test_scheduler_runs_every_job_on_its_trigger_with_coalesce_and_one_instance(
    app, fake_scheduler
):
    assert jobs.run_scheduler(app, Lock()) == 0
    (scheduler,) = FakeScheduler.instances
    assert scheduler.started
    assert scheduler.options["job_defaults"] == {
        "coalesce": True,
        "max_instances": 1,
        "misfire_grace_time": jobs.MISFIRE_GRACE_SECONDS,
    }
    assert [j["id"] for j in scheduler.jobs] == [job.id for job in JOBS]
    for scheduled, job in zip(scheduler.jobs, JOBS, strict=True):
        assert {k: scheduled[k] for k in job.trigger} == job.trigger
    by_id = {j["id"]: j for j in scheduler.jobs}
    assert by_id["reminder_sweep"]["trigger"] == "interval"
    assert by_id["reminder_sweep"]["minutes"] == 1
    assert {"recompute_scores", "email_digests", "reminder_sweep"} <= set(by_id)
    # The catch-up: every job ran once at start, before the timers.
    assert fake_scheduler == [job.id for job in JOBS]


def test_scheduler_stops_when_it_lost_its_lock(app, fake_scheduler):
    assert jobs.run_scheduler(app, Lock(alive=False)) == 1
    assert fake_scheduler == []  # no job ran without the lock
    assert not getattr(FakeScheduler.instances[0], "started", False)


def test_create_app_starts_no_scheduler(tmp_path):
    """Building the app and serving a request starts no thread and loads no APScheduler."""
    script = textwrap.dedent(
        f"""
        import sys, threading
        from recruiter import create_app
        app = create_app({{"TESTING": True, "SECRET_KEY": {SECRET!r},
                          "SQLALCHEMY_DATABASE_URI": "sqlite:///{tmp_path / "x.db"}"}})
        app.test_client().get("/login")
        print(threading.active_count(), "apscheduler" in sys.modules)
        """
    )
    env = dict(os.environ, RECRUITER_INSTANCE_PATH=str(tmp_path / "instance"))
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1", "False"]


def test_create_app_in_process_adds_no_thread(app):
    import threading

    from recruiter import create_app

    before = set(threading.enumerate())
    other = create_app({"TESTING": True, "SECRET_KEY": SECRET, **_db(app)})
    other.test_client().get("/login")
    with other.app_context():
        db.engine.dispose()
    assert set(threading.enumerate()) == before


def _db(app) -> dict:  # type: ignore[no-untyped-def]
    return {"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]}


def test_scheduler_records_heartbeat_and_every_run(app, fake_scheduler):
    from recruiter.models import SchedulerHeartbeat, SchedulerJob

    assert jobs.run_scheduler(app, Lock()) == 0
    beat = db.session.get(SchedulerHeartbeat, 1)
    assert beat is not None and beat.pid == os.getpid()
    assert beat.stopped_at is not None  # a clean stop says so at once
    rows = {row.id: row for row in db.session.scalars(db.select(SchedulerJob))}
    assert set(rows) == {job.id for job in JOBS}
    assert all(row.last_ok and row.last_result == "ok" for row in rows.values())
    assert all(row.last_run_at is not None for row in rows.values())


def test_scheduler_next_run_follows_the_trigger():
    from datetime import UTC, datetime, timedelta

    from apscheduler.schedulers.blocking import BlockingScheduler

    scheduler = BlockingScheduler(timezone=UTC)
    scheduler.add_job(lambda: None, id="every_minute", trigger="interval", minutes=1)
    scheduler.add_job(lambda: None, id="nightly", trigger="cron", hour=2, minute=30)
    now = datetime.now(UTC)
    every_minute = jobs._next_run(scheduler, "every_minute")
    nightly = jobs._next_run(scheduler, "nightly")
    assert every_minute is not None and now < every_minute <= now + timedelta(minutes=1, seconds=1)
    assert nightly is not None and (nightly.hour, nightly.minute) == (2, 30)
    assert jobs._next_run(scheduler, "missing") is None


def test_scheduler_wait_stands_by_until_the_lock_is_free(app, tmp_path):

    instance = Path(app.instance_path)
    held = scheduler_lock.acquire(app)  # another scheduler, in this process
    log = tmp_path / "standby.log"
    handle = log.open("w")
    proc = subprocess.Popen(
        [FLASK, "--app", "app", "scheduler", "--wait"],
        cwd=ROOT,
        env={**scheduler_env(app, instance), "RECRUITER_SCHEDULER_STANDBY_SECONDS": "0.5"},
        stdout=handle,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while "Standing by" not in log.read_text():
            assert proc.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        assert READY not in log.read_text()
        held.release()  # the other scheduler goes: this one takes over
        deadline = time.monotonic() + 60
        while READY not in log.read_text():
            assert proc.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
    finally:
        held.release()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        handle.close()


def test_scheduler_sigterm_during_catch_up_stops_cleanly(app, tmp_path, schedulers):
    """A stop that arrives while the first runs catch up ends the process cleanly (exit 0,
    the stop recorded), not by the default handler's kill."""
    from recruiter.models import SchedulerHeartbeat

    proc = Scheduler(scheduler_env(app, Path(app.instance_path)), tmp_path / "catch-up.log")
    schedulers.append(proc)
    deadline = time.monotonic() + 60
    while "catching up" not in proc.output():
        assert proc.proc.poll() is None, proc.output()
        assert time.monotonic() < deadline, proc.output()
        time.sleep(0.05)
    assert proc.stop(signal.SIGTERM) == 0, proc.output()
    db.session.expire_all()
    beat = db.session.scalars(db.select(SchedulerHeartbeat)).one()
    assert beat.stopped_at is not None
