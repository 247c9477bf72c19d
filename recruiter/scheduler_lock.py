"""One scheduler per database: a lock held for the scheduler process's whole life.

- PostgreSQL: a session advisory lock (``pg_try_advisory_lock``) on a dedicated connection.
  It lives exactly as long as that connection: when the process dies, however it dies, the
  server drops the connection and the lock with it.
- SQLite: ``flock`` on ``instance/scheduler.lock``. The kernel releases it when the process
  exits or crashes, so a stale file never blocks a restart; only a live holder does.

Neither asks the holder to still be healthy; the scheduler checks :meth:`SchedulerLock.alive`
before each run and stops (for its supervisor to restart it) if its lock went away.
"""

from __future__ import annotations

import fcntl
import os
import socket
from pathlib import Path

from flask import Flask
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import NullPool

from recruiter.extensions import db

# pg_try_advisory_lock(int, int): "RELI" and 1 (the scheduler), easy to find in pg_locks.
LOCK_CLASS = 0x52454C49
LOCK_ID = 1


class LockHeld(Exception):
    """Another scheduler holds the lock."""


class SchedulerLock:
    description = ""

    def alive(self) -> bool:
        return True

    def release(self) -> None:  # pragma: no cover - overridden
        pass


class FileLock(SchedulerLock):
    def __init__(self, path: Path) -> None:
        self.path = path
        self.description = f"file lock {path}"
        self._fd: int | None = None

    def acquire(self) -> FileLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 200).decode(errors="replace").strip() or "another process"
            os.close(fd)
            raise LockHeld(
                f"Another scheduler is already running ({holder}; it holds {self.path}). "
                "Only one scheduler may run per database: stop it first, or leave it be."
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()} on {socket.gethostname()}\n".encode())
        os.fsync(fd)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the file releases the lock
            self._fd = None


class PostgresLock(SchedulerLock):
    def __init__(self, engine: Engine) -> None:
        # A connection of its own, outside the pool: nothing may recycle or reuse it.
        self.engine = create_engine(engine.url, poolclass=NullPool)
        self.description = f"PostgreSQL advisory lock ({LOCK_CLASS}, {LOCK_ID})"
        self._conn: Connection | None = None

    def acquire(self) -> PostgresLock:
        conn = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        got = conn.execute(
            text("SELECT pg_try_advisory_lock(:c, :i)"), {"c": LOCK_CLASS, "i": LOCK_ID}
        ).scalar()
        if not got:
            holder = self._holder(conn)
            conn.close()
            self.engine.dispose()
            raise LockHeld(
                f"Another scheduler is already running ({holder}; it holds the "
                f"{self.description} on this database). Only one scheduler may run per "
                "database: stop it first, or leave it be."
            )
        name = f"reliant-scheduler pid {os.getpid()} on {socket.gethostname()}"
        conn.execute(text("SELECT set_config('application_name', :n, false)"), {"n": name[:63]})
        self._conn = conn
        return self

    @staticmethod
    def _holder(conn: Connection) -> str:
        row = conn.execute(
            text(
                "SELECT a.application_name, a.client_addr, l.pid FROM pg_locks l "
                "LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
                "WHERE l.locktype = 'advisory' AND l.granted "
                "AND l.classid = :c AND l.objid = :i AND l.objsubid = 2"
            ),
            {"c": LOCK_CLASS, "i": LOCK_ID},
        ).first()
        if row is None:
            return "another process"
        return f"{row.application_name or 'server pid ' + str(row.pid)}"

    def alive(self) -> bool:
        if self._conn is None:
            return False
        try:
            self._conn.execute(text("SELECT 1"))
        except Exception:
            return False
        return True

    def release(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()  # the session ends: the advisory lock goes with it
            finally:
                self._conn = None
                self.engine.dispose()


def acquire(app: Flask) -> SchedulerLock:
    """The lock for this app's database, or :class:`LockHeld` saying who has it."""
    engine = db.engine
    if engine.dialect.name == "postgresql":
        return PostgresLock(engine).acquire()
    return FileLock(Path(app.instance_path) / "scheduler.lock").acquire()
