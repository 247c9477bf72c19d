"""Query-planner statistics: refreshed after bulk changes so the planner picks the right index.

SQLite never gathers statistics on its own (without them it may pick the owner index over the
candidate index for one candidate's history); PostgreSQL's autovacuum does, but only some time
after a bulk load.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session


def analyze(session: Session) -> None:
    """Refresh the planner's statistics (``PRAGMA optimize`` on SQLite, ``ANALYZE`` on
    PostgreSQL). Run it after a commit: it is not part of the unit of work."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("PRAGMA optimize=0x10002"))  # analyze every table that needs it
    else:
        session.execute(text("ANALYZE"))
    session.commit()
