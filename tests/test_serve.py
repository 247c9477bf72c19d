"""``flask --app app serve``: gunicorn and the scheduler under one parent, which restarts a
crashed child, gives up loudly on one that keeps crashing, and stops both on SIGTERM."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from recruiter.supervisor import RestartPolicy, Supervisor, describe_exit

ROOT = Path(__file__).resolve().parent.parent
FLASK = str(Path(sys.executable).parent / "flask")
SECRET = "test-secret-key-that-is-long-enough-0123456789"
TIMEOUT = 60  # generous bounds for a busy machine; the tests take a few seconds when idle


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def children_of(pid: int) -> set[int]:
    """Every live descendant of ``pid`` (Linux /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if fields[0] != "Z":
            parents[int(entry.name)] = int(fields[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(predicate, what: str, proc: subprocess.Popen, log: Path):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + TIMEOUT
    while True:
        value = predicate()
        if value:
            return value
        assert proc.poll() is None, f"serve exited ({proc.returncode}):\n{log.read_text()}"
        assert time.monotonic() < deadline, f"timed out waiting for {what}:\n{log.read_text()}"
        time.sleep(0.2)


def healthz(port: int) -> int | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
            return answer.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return None


class Serve:
    """``flask --app app serve`` against a temporary SQLite instance."""

    def __init__(self, instance: Path, log: Path) -> None:
        self.instance, self.log, self.port = instance, log, free_port()
        self.db = instance / "reliant.db"
        env = dict(os.environ)
        env.pop("TEST_DATABASE_URL", None)
        env.update(
            RECRUITER_INSTANCE_PATH=str(instance),
            DATABASE_URL=f"sqlite:///{self.db}",
            SECRET_KEY=SECRET,
            PYTHONUNBUFFERED="1",
        )
        self.env = env
        self.handle = log.open("w")
        self.proc = subprocess.Popen(
            [FLASK, "--app", "app", "serve", "--port", str(self.port)]
            + ["--workers", "1", "--threads", "2"],
            cwd=ROOT,
            env=env,
            stdout=self.handle,
            stderr=subprocess.STDOUT,
        )

    def output(self) -> str:
        return self.log.read_text()

    def wait_for(self, predicate, what: str):  # type: ignore[no-untyped-def]
        return wait_for(predicate, what, self.proc, self.log)

    def heartbeat_pid(self) -> int | None:
        try:
            with sqlite3.connect(self.db) as conn:
                row = conn.execute("SELECT pid FROM scheduler_heartbeat WHERE id = 1").fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row else None

    def child(self, word: str) -> int | None:
        for pid in children_of(self.proc.pid):
            try:
                parent = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
            except OSError:
                continue
            if parent == self.proc.pid and word.encode() in cmdline:
                return pid
        return None

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=TIMEOUT)
        finally:
            self.handle.close()


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file, copied for each test (``db upgrade`` runs once)."""
    instance = tmp_path_factory.mktemp("serve-template")
    env = dict(
        os.environ,
        RECRUITER_INSTANCE_PATH=str(instance),
        DATABASE_URL=f"sqlite:///{instance / 'reliant.db'}",
        SECRET_KEY=SECRET,
    )
    result = subprocess.run(
        [FLASK, "--app", "app", "db", "upgrade"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert result.returncode == 0, result.stderr
    return instance / "reliant.db"


@pytest.fixture
def served(migrated: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    instance = tmp_path / "instance"
    instance.mkdir()
    shutil.copy(migrated, instance / "reliant.db")
    started = Serve(instance, tmp_path / "serve.log")
    yield started
    if started.proc.poll() is None:
        started.proc.kill()
        started.proc.wait()
    started.handle.close()


def test_serve_runs_web_and_scheduler_and_sigterm_stops_both(served):
    assert served.wait_for(lambda: healthz(served.port) == 200, "/healthz to answer 200")
    scheduler = served.wait_for(lambda: served.child("scheduler"), "the scheduler child")
    web = served.wait_for(lambda: served.child("gunicorn"), "the gunicorn child")
    served.wait_for(lambda: served.heartbeat_pid() == scheduler, "the scheduler's heartbeat")
    # The heartbeat starts before the catch-up run, and the scheduler takes SIGTERM gracefully
    # only once it says it started: on a busy machine (or beside other xdist workers) the
    # catch-up can take seconds, so wait for the line rather than race it.
    served.wait_for(lambda: "scheduler started" in served.output(), "the scheduler to start")
    family = children_of(served.proc.pid)
    assert {web, scheduler} <= family and len(family) >= 3  # gunicorn master + a worker

    assert served.stop() == 0
    assert not [pid for pid in family if alive(pid)], served.output()
    assert healthz(served.port) is None
    assert "stopping (SIGTERM)" in served.output()
    assert "the scheduler exited with status 0" in served.output()


def test_serve_restarts_a_crashed_scheduler(served):
    first = served.wait_for(lambda: served.child("scheduler"), "the scheduler child")
    served.wait_for(lambda: served.heartbeat_pid() == first, "the first heartbeat")
    os.kill(first, signal.SIGKILL)
    second = served.wait_for(
        lambda: (pid := served.child("scheduler")) and pid != first and pid, "a new scheduler"
    )
    served.wait_for(lambda: served.heartbeat_pid() == second, "the new scheduler's heartbeat")
    assert "the scheduler was killed by SIGKILL; restarting it in 1 s" in served.output()
    assert healthz(served.port) == 200  # the web server never went away
    assert served.stop() == 0


# --- the supervisor alone (no app: fast) ----------------------------------------------------


def test_supervisor_gives_up_on_a_child_that_keeps_crashing(caplog):
    sleeper = [sys.executable, "-c", "import time; time.sleep(60)"]
    crasher = [sys.executable, "-c", "import sys; sys.exit(3)"]
    supervisor = Supervisor(
        [("web server", sleeper), ("scheduler", crasher)],
        policy=RestartPolicy(max_restarts=2, window=60, backoff=0.01, max_backoff=0.01),
        poll_interval=0.02,
    )
    with caplog.at_level(logging.INFO, logger="recruiter.supervisor"):
        assert supervisor.run() == 1
    web = supervisor.children[0].proc
    assert web is not None and web.returncode == -signal.SIGTERM  # taken down with it
    assert "the scheduler exited with status 3; restarting it" in caplog.text
    assert "the scheduler exited with status 3 and has crashed 3 times in 60 s" in caplog.text
    assert "giving up and stopping everything" in caplog.text


def test_supervisor_stops_every_child_on_sigterm():
    sleeper = [sys.executable, "-c", "import time; time.sleep(60)"]
    supervisor = Supervisor([("a", sleeper), ("b", sleeper)], poll_interval=0.02)
    signal.signal(signal.SIGALRM, lambda *_: os.kill(os.getpid(), signal.SIGTERM))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        assert supervisor.run() == 0
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
    assert [c.proc.returncode for c in supervisor.children] == [-signal.SIGTERM] * 2
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # handlers put back


def test_supervisor_backoff_doubles_up_to_a_ceiling():
    policy = RestartPolicy(backoff=1, max_backoff=30)
    assert [policy.delay(n) for n in (1, 2, 3, 4, 5, 6, 7)] == [1, 2, 4, 8, 16, 30, 30]


def test_supervisor_describe_exit_names_the_signal():
    assert describe_exit(0) == "exited with status 0"
    assert describe_exit(-signal.SIGKILL) == "was killed by SIGKILL"
