"""What every benchmark does first: a scratch instance folder and an empty database."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from sqlalchemy import create_engine, text


def scratch_database(database_url: str | None) -> tuple[Path, str]:
    """A new instance folder (``RECRUITER_INSTANCE_PATH``) and the URL to use: an SQLite file
    in it, or ``database_url`` (a PostgreSQL database, emptied first)."""
    workdir = Path(tempfile.mkdtemp(prefix="reliant-bench-"))
    os.environ["RECRUITER_INSTANCE_PATH"] = str(workdir)
    if not database_url:
        return workdir, f"sqlite:///{workdir / 'bench.db'}"
    engine = create_engine(database_url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    return workdir, database_url
