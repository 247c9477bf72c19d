"""Query plans: statistics for the planner, and what it plans.

Without statistics SQLite guesses, and with one recruiter owning every row it guesses wrong
(``team_id`` looks as selective as ``candidate_id``). :func:`analyze` gathers them: run it
after migrations (``migrations/env.py`` does), after imports and after recomputes.

- PostgreSQL: ``ANALYZE`` (sampled, about a second at 100k candidates).
- SQLite: a full ``ANALYZE`` (a few seconds at 100k candidates), then ``PRAGMA optimize``.
  Not under ``PRAGMA analysis_limit``: sampling the first rows of an index ordered by owner
  made ``team_id`` look as selective as ``candidate_id`` again. A plain ``PRAGMA optimize``
  alone is not enough on a fresh database: it only re-analyses tables the connection has
  queried and whose size changed a lot since the last ``ANALYZE``, so a table that never had
  one may never get one.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import Connection, any_, bindparam, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, scoped_session
from sqlalchemy.sql.expression import ClauseElement, Executable

from recruiter.extensions import db

log = logging.getLogger(__name__)

LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE when lock_timeout ends a wait


def _dialect(bind: Any) -> str:
    """The dialect of a connection, or of a (scoped) session's bind."""
    if isinstance(bind, Connection):
        return bind.dialect.name
    return bind.get_bind().dialect.name


def analyze(
    session: Session | scoped_session | Connection | None = None,
    vacuum: bool = False,
    tables: tuple[str, ...] = (),
) -> None:
    """Refresh the planner's statistics. Given a session (or none: the app's), run it after
    the unit of work has committed: it is not part of it, and it commits (PostgreSQL keeps
    statistics only if the transaction does). Given a connection (a migration), it runs in
    that connection's transaction and leaves the commit to its owner.

    ``vacuum`` (PostgreSQL, with a session: after writing most rows, as ``seed-demo`` and
    ``scores recompute`` do): ``VACUUM (ANALYZE)`` instead, outside any transaction, so the
    rows just written are marked visible at once and counts and index-only scans skip the
    table, rather than waiting for autovacuum. ``tables``: vacuum only these (an import's),
    not every table of every team."""
    bind = session if session is not None else db.session
    dialect = _dialect(bind)
    if dialect == "postgresql" and vacuum and not isinstance(bind, Connection):
        bind.commit()
        engine = bind.get_bind()
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            names = ", ".join(f'"{name}"' for name in tables)
            conn.exec_driver_sql(f"VACUUM (ANALYZE) {names}".rstrip())
        log.info("planner statistics refreshed, tables vacuumed (postgresql)")
        return
    if dialect == "postgresql":
        bind.execute(text("ANALYZE"))
    elif dialect == "sqlite":
        bind.execute(text("ANALYZE"))
        bind.execute(text("PRAGMA optimize"))
    else:
        return
    if not isinstance(bind, Connection):
        bind.commit()
    log.info("planner statistics refreshed (%s)", dialect)


ANALYZE_WAIT_MS = 200


def analyze_table(name: str) -> bool:
    """``ANALYZE`` one table inside the caller's transaction, on PostgreSQL (which counts the
    transaction's own new rows): after a bulk insert into a table whose statistics still say
    it is empty, so the lookups that follow in the same transaction seek its index instead of
    scanning it once per batch of keys. SQLite seeks the index regardless.

    The ANALYZE holds its lock until the caller commits, and a second ANALYZE of the table
    (another team's first import, autovacuum) waits for it: it is tried for at most
    ``ANALYZE_WAIT_MS``, and skipped (False) when another holds the table, so one import never
    waits out another's whole run; its lookups then only read more rows."""
    if db.session.get_bind().dialect.name != "postgresql":
        return False
    done = within_lock_wait(db.session, f'ANALYZE "{name}"', ANALYZE_WAIT_MS)
    if not done:
        log.info("ANALYZE %s skipped: another transaction is analyzing it", name)
    return done


def analyze_tables_now(names: tuple[str, ...]) -> None:
    """Statistics for these tables inside the caller's transaction, on both databases: after a
    bulk insert that filled them, before the same transaction reads them back (the seed's
    settle). SQLite's ``ANALYZE`` of a table sees the transaction's rows and takes no lock
    beyond the write lock already held; on PostgreSQL each is :func:`analyze_table`'s bounded
    wait."""
    dialect = db.session.get_bind().dialect.name
    for name in names:
        if dialect == "sqlite":
            db.session.execute(text(f'ANALYZE "{name}"'))
        else:
            analyze_table(name)


def within_lock_wait(session: Any, statement: str, wait_ms: int) -> bool:
    """Run ``statement`` on PostgreSQL waiting at most ``wait_ms`` for its locks: False when
    the wait ran out (a savepoint undoes the attempt). The server's own ``lock_timeout`` is
    restored for the rest of the transaction either way.

    The savepoint is the connection's, not the session's: releasing a session savepoint fires
    ``before_commit``, which would settle the unit of work half-way (an import's ANALYZE runs
    between its inserts)."""
    conn = session.connection()
    try:
        with conn.begin_nested():
            previous = conn.execute(text("SHOW lock_timeout")).scalar_one()
            conn.execute(text(f"SET LOCAL lock_timeout = {int(wait_ms):d}"))
            conn.execute(text(statement))
            conn.execute(text("SELECT set_config('lock_timeout', :wait, true)"), {"wait": previous})
    except OperationalError as exc:
        if getattr(exc.orig, "sqlstate", None) != LOCK_NOT_AVAILABLE:
            raise
        return False
    return True


def among(column: Any, values: list[Any]) -> Any:
    """``column IN values`` for a long list (thousands of keys): on PostgreSQL ``= ANY`` of one
    array parameter, not one bind parameter per value that SQLAlchemy renders into the SQL and
    psycopg parses again on every statement (half the time of a re-import's key look-up)."""
    if db.session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, values, type_=ARRAY(column.type)))
    return column.in_(values)


class Explain(Executable, ClauseElement):
    """``EXPLAIN`` (SQLite: ``EXPLAIN QUERY PLAN``) of a statement, its parameters bound as
    the statement itself would bind them."""

    inherit_cache = False

    def __init__(self, statement: Any) -> None:
        self.statement = statement


@compiles(Explain)
def _compile_explain(element: Explain, compiler: Any, **kw: Any) -> str:
    prefix = "EXPLAIN QUERY PLAN " if compiler.dialect.name == "sqlite" else "EXPLAIN "
    return prefix + compiler.process(element.statement, **kw)


def explain(statement: Any, session: Session | scoped_session | None = None) -> list[str]:
    """The plan's lines (SQLite: the ``detail`` column of each step)."""
    session = session if session is not None else db.session
    rows = session.execute(Explain(statement)).all()
    if _dialect(session) == "sqlite":
        return [row[-1] for row in rows]
    return [row[0] for row in rows]
