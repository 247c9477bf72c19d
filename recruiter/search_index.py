"""The trigram index that lets a substring search of ``candidate.search_key`` seek instead of
reading every key of the team.

- PostgreSQL (migration ``a7b8c9d0e1f2``): a ``pg_trgm`` GIN index, used by the planner for
  ``LIKE '%q%'`` on its own.
- SQLite (migration ``b8c9d0e1f2a3``): the FTS5 table :data:`FTS_TABLE` (trigram tokenizer,
  each key under its candidate's id, kept by :data:`FTS_TRIGGERS`). A query narrows the rows
  with :func:`fts_match` and keeps its ``LIKE``, so the index only ever saves work, never
  changes an answer.

Neither object is in the models (SQLAlchemy cannot describe them): :func:`include_object`
keeps Alembic's comparison of models and schema from reading them as strays.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import ColumnElement, Connection, Integer, column, text
from sqlalchemy.engine import Engine

FTS_TABLE = "candidate_search"
FTS_TRIGGERS = ("candidate_search_insert", "candidate_search_delete", "candidate_search_update")
PG_INDEX = "ix_candidate_search_key_trgm"
# A trigram query needs three characters; a shorter key matches nothing through the index.
MIN_TRIGRAM = 3

_ready: WeakKeyDictionary[Engine, bool] = WeakKeyDictionary()


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Alembic's filter: leave out the search index's own table, its FTS5 shadow tables and the
    PostgreSQL index, which the migration makes by hand."""
    if not reflected or name is None:
        return True
    if type_ == "table" and (name == FTS_TABLE or name.startswith(FTS_TABLE + "_")):
        return False
    return not (type_ == "index" and name == PG_INDEX)


def fts_ready(engine: Engine) -> bool:
    """Whether this SQLite database has the FTS5 search table (the migration leaves it out
    where the library has no FTS5). Read once per engine."""
    ready = _ready.get(engine)
    if ready is None:
        with engine.connect() as conn:
            ready = bool(
                conn.exec_driver_sql(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (FTS_TABLE,)
                ).scalar()
            )
        _ready[engine] = ready
    return ready


def fts_phrase(key: str) -> str:
    """``key`` as one FTS5 phrase: with the trigram tokenizer, the rows holding it as a
    substring (every character literal, ``%`` and ``_`` included)."""
    return '"' + key.replace('"', '""') + '"'


def fts_match(id_column: Any, key: str) -> ColumnElement[bool] | None:
    """``id_column IN (rows of the FTS index holding key)``, or None for a key too short for
    trigrams. The search then costs in proportion to its matches, not to the network: its
    count reads the index's matches, and its page sorts only them."""
    if len(key) < MIN_TRIGRAM:
        return None
    fts = FTS_TABLE
    sql = f"SELECT rowid FROM {fts} WHERE {fts} MATCH :phrase"  # noqa: S608 (constant names)
    rows = text(sql).bindparams(phrase=fts_phrase(key))
    return id_column.in_(rows.columns(column("rowid", Integer)))


INSERT_TRIGGER = FTS_TRIGGERS[0]


@contextmanager
def filled_once(conn: Connection, first_id: int) -> Iterator[None]:
    """SQLite: the candidates inserted inside this block (ids from ``first_id`` on) go into the
    FTS5 table by one ``INSERT ... SELECT`` at its end, not by the insert trigger one row at a
    time (0.5 ms a row against 10 µs). The trigger is dropped for the block and made again from
    its own stored SQL, in the caller's transaction (even when the block fails); the caller
    holds the write lock throughout, so no other writer inserts a candidate meanwhile. Without
    the FTS5 table (or on PostgreSQL) it changes nothing."""
    if conn.dialect.name != "sqlite":
        yield
        return
    found = conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (INSERT_TRIGGER,)
    ).scalar()
    if found is None:
        yield
        return
    if not conn.connection.dbapi_connection.in_transaction:  # type: ignore[union-attr]
        raise RuntimeError("filled_once needs an open transaction (DDL would commit alone)")
    conn.exec_driver_sql(f"DROP TRIGGER {INSERT_TRIGGER}")
    try:
        yield
        conn.exec_driver_sql(
            f"INSERT INTO {FTS_TABLE}(rowid, search_key) "  # noqa: S608 (constant names)
            "SELECT id, search_key FROM candidate WHERE id >= ?",
            (first_id,),
        )
    finally:
        conn.exec_driver_sql(found)  # even on failure: a caller that commits keeps its trigger
