"""Query-planner statistics: refreshed after bulk changes so the planner picks the right index.

SQLite never gathers statistics on its own (without them it may pick the owner index over the
candidate index for one candidate's history); PostgreSQL's autovacuum does, but only some time
after a bulk load.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session


def analyze(session: Session) -> None:
    """Refresh the planner's statistics with ``ANALYZE`` (on SQLite too: ``PRAGMA optimize``
    before 3.46 only looks at tables this connection has queried). Run it after a commit: it
    is not part of the unit of work, and it commits."""
    session.execute(text("ANALYZE"))
    session.commit()
