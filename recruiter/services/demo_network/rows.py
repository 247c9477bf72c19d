"""The demo network's rows: ids taken ahead, and one bulk insert per table and chunk.

The rows go to the driver as plain tuples (``executemany``; ``COPY`` on PostgreSQL), each
column converted once by its own type's bind processor, so they are stored exactly as the ORM
would store them without the ORM's per-row parameter handling. :func:`bulk_inserts` sets the
connection up for it (a larger SQLite page cache for the run, and the candidates' search index
filled once at the end rather than by its trigger a row at a time)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy import Connection, Dialect, Table, func, select, text

from recruiter import search_index
from recruiter.extensions import db
from recruiter.models import (
    Candidate,
    CandidateSignal,
    Interview,
    InterviewEvent,
    Outreach,
)
from recruiter.models.base import UTCDateTime

# --- ids and rows ------------------------------------------------------------------------------


TABLES = (Candidate, Interview, InterviewEvent, Outreach, CandidateSignal)
SQLITE_CACHE_KIB = 256 * 1024  # the page cache while seeding: 2 MB made every index page spill


class Owner(NamedTuple):
    """What a demo row takes from its recruiter."""

    id: int
    team_id: int


class _NextIds:
    """Ids handed out here, so events can name their interview without a round trip."""

    def __init__(self, start: dict[str, int]) -> None:
        self.next = start
        self.first_candidate = start[Candidate.__tablename__]

    @classmethod
    def read(cls) -> _NextIds:
        start = {}
        for model in TABLES:
            start[model.__tablename__] = (db.session.scalar(select(func.max(model.id))) or 0) + 1
        return cls(start)

    def take(self, model: type) -> int:
        name = model.__tablename__  # type: ignore[attr-defined]
        value = self.next[name]
        self.next[name] = value + 1
        return value

    def sync_sequences(self) -> None:
        """PostgreSQL's id sequences move past the ids given here (SQLite needs nothing)."""
        if db.session.get_bind().dialect.name != "postgresql":
            return
        for model in TABLES:
            name = model.__tablename__
            db.session.execute(
                text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), :last)"),
                {"last": max(self.next[name] - 1, 1)},
            )


@dataclass
class _Rows:
    candidates: list[dict[str, Any]] = field(default_factory=list)
    interviews: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    outreach: list[dict[str, Any]] = field(default_factory=list)
    signals: list[dict[str, Any]] = field(default_factory=list)
    to_review: list[int] = field(default_factory=list)  # candidates with a no-show: ghost review

    def prepared(self, dialect: Dialect) -> Prepared:
        """The chunk as ``dialect`` stores it: per table, column names and plain tuples."""
        tables = []
        for model, rows in (
            (Candidate, self.candidates),
            (Interview, self.interviews),
            (InterviewEvent, self.events),
            (Outreach, self.outreach),
            (CandidateSignal, self.signals),
        ):
            if rows:
                table = model.__table__  # type: ignore[attr-defined]
                tables.append((table.name, *plain_values(table, rows, dialect)))
        return Prepared(tables, self.to_review)


@dataclass
class Prepared:
    """A chunk ready for the driver: every value already converted by its column type (on
    SQLite strings, numbers and ``None`` only), so it crosses from the process that made it
    to the one that writes it cheaply and the writer converts nothing."""

    tables: list[tuple[str, tuple[str, ...], list[tuple[Any, ...]]]]
    to_review: list[int]

    @property
    def counts(self) -> dict[str, int]:
        """Rows per table, under the summary's names (``candidates``, ``events``...)."""
        return {SUMMARY_NAMES[name]: len(values) for name, _, values in self.tables}

    def insert(self, conn: Connection) -> None:
        for name, names, values in self.tables:
            write_plain(conn, TABLE_BY_NAME[name], names, values)


SUMMARY_NAMES = {
    "candidate": "candidates",
    "interview": "interviews",
    "interview_event": "events",
    "outreach": "outreach",
    "candidate_signal": "signals",
}
TABLE_BY_NAME = {model.__tablename__: model.__table__ for model in TABLES}  # type: ignore[attr-defined]


def plain_values(
    table: Table, rows: list[dict[str, Any]], dialect: Dialect
) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
    """``rows`` (dicts with the same keys, in the same order) as the driver takes them for
    ``table``: the column names, and one tuple per row with each value converted by its
    column type's bind processor."""
    names = tuple(rows[0])
    _, processors = _statement(table, names, dialect)
    columns = list(zip(*map(itemgetter(*names), rows), strict=True))
    for i, process in processors:
        columns[i] = tuple(map(process, columns[i]))
    return names, list(zip(*columns, strict=True))


def write_plain(
    conn: Connection, table: Table, names: tuple[str, ...], values: list[tuple[Any, ...]]
) -> None:
    """Plain ``values`` (from :func:`plain_values`) into ``table``: by one driver
    ``executemany`` on SQLite, by one ``COPY ... FROM STDIN`` on PostgreSQL.

    ``COPY`` inserts like ``INSERT`` (defaults, constraints, row and statement triggers with
    their transition tables all apply) in one statement, where psycopg's ``executemany`` binds
    and runs the statement once per row: two thirds of the PostgreSQL seed's time went there."""
    if conn.dialect.name != "postgresql":
        sql, _ = _statement(table, names, conn.dialect)
        conn.exec_driver_sql(sql, values)
        return
    copy_sql = _copy_statement(table, names, conn.dialect)
    with conn.connection.cursor() as cursor, cursor.copy(copy_sql) as copy:
        for row in values:
            copy.write_row(row)


@cache
def _copy_statement(table: Table, names: tuple[str, ...], dialect: Dialect) -> str:
    quote = dialect.identifier_preparer.quote
    return f"COPY {quote(table.name)} ({', '.join(quote(n) for n in names)}) FROM STDIN"


@cache
def _statement(table: Table, names: tuple[str, ...], dialect: Dialect) -> tuple[str, list]:
    marker = "?" if dialect.paramstyle == "qmark" else "%s"
    quote = dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "  # noqa: S608
        f"VALUES ({', '.join([marker] * len(names))})"
    )
    processors = [
        (i, process)
        for i, name in enumerate(names)
        if (process := _bind_processor(table.c[name].type, dialect)) is not None
    ]
    return sql, processors


def _bind_processor(column_type: Any, dialect: Dialect) -> Any:
    """The column type's own bind processor; on SQLite, for a :class:`UTCDateTime`, the
    type's own rule (UTC, naive refused) then ``DATETIME``'s stored text by one C call (a
    tenth of the SQLite seed went to the generic chain around them). A test holds the two
    equal."""
    if dialect.name != "sqlite" or not isinstance(column_type, UTCDateTime):
        return column_type._cached_bind_processor(dialect)
    to_utc = column_type.process_bind_param

    def utc_text(value: datetime | None) -> str | None:
        naive = to_utc(value, dialect)
        return None if naive is None else naive.isoformat(" ", "microseconds")

    return utc_text


@contextmanager
def bulk_inserts(first_candidate_id: int) -> Iterator[None]:
    """The connection set up for the seed's inserts, inside the caller's transaction.

    SQLite: a 256 MB page cache for the run (the server's own restored after), and the FTS5
    search table's insert trigger dropped for the inserts, then the new candidates' keys copied
    in by one ``INSERT ... SELECT`` and the trigger made again from its own stored SQL. All in
    the one transaction, which holds SQLite's write lock throughout: no other writer can add a
    candidate while the trigger is away, and a rollback brings it back. PostgreSQL: nothing
    (its trigram index is a GIN index the inserts keep)."""
    conn = db.session.connection()
    if conn.dialect.name != "sqlite":
        yield
        return
    previous = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB:d}")
    try:
        with search_index.filled_once(conn, first_candidate_id):
            yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(previous):d}")
