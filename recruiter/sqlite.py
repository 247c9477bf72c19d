"""SQLite connection settings, applied to every new connection."""

import sqlite3
from typing import Any

from flask import current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.engine import Engine

from recruiter.settings import EXTENSION_KEY


@event.listens_for(Engine, "connect")
def set_sqlite_pragmas(dbapi_connection: Any, connection_record: Any) -> None:
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    timeout = 5000
    if has_app_context() and EXTENSION_KEY in current_app.extensions:
        timeout = current_app.extensions[EXTENSION_KEY].sqlite_busy_timeout_ms
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={timeout:d}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
