"""The reports' columns: for each report one table of ``(header, value)`` pairs, in order.

The headers are a public contract (the README documents them): add columns at the end; never
rename or reorder them. A value says how the cell comes out of the report query's row (a
plain tuple, its fields named by the query's labels): as it is (ids, counts, vocabulary
words), as text from a user (neutralised against spreadsheet formulas,
:mod:`recruiter.csvsafe`), as a time in the recruiter's zone, a rounded number, or a small
function of the row. :func:`compile_table` turns a table into one function per export that
maps a row to its cells.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from functools import partial
from operator import itemgetter
from typing import Any

from recruiter.csvsafe import neutralise, neutralise_texts
from recruiter.localtime import zone
from recruiter.models import CANDIDATE_FIELDS
from recruiter.scoring import COMPONENTS
from recruiter.services import NotFound

TIME_FORMAT = "%Y-%m-%d %H:%M"
HOUR = timedelta(hours=1)
OUTCOMES = ("attended", "no_show", "cancelled", "declined")

Row = Sequence[Any]


class _Memo(dict):  # type: ignore[type-arg]
    """A dict that fills a missing key with ``make(key)``: the lookup of a key met before is
    one C-level step, in a comprehension too."""

    def __init__(self, make: Callable[[Any], Any]) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self._make(key)
        return value


# The hour of a UTC time's stored text ("YYYY-MM-DD HH:MM:SS.ffffff", as SQLite holds it and
# the reports read it on both databases), to its colon.
STORED_HOUR = re.compile(r"\d{4}-\d\d-\d\d[ T]\d\d:")


class Cells:
    """Formatting in the recruiter's zone, the same for every cell of one export.

    Times are UTC: aware, naive, or stored text (the form SQLAlchemy writes to SQLite, read
    without conversion). Per UTC hour the zone is looked up once: in an hour whose start and
    end share an offset of whole hours, the local time is that hour's local ``YYYY-MM-DD HH:``
    and the same minutes; the other hours (around a change, or in a zone offset by 30 or 45
    minutes) are converted value by value."""

    def __init__(self, tz_name: str | None) -> None:
        self.tz = zone(tz_name)
        self._hours: dict[tuple[int, int, int, int], str] = {}
        self._stored_hours = _Memo(self._stored_prefix)

    def _prefix(self, key: tuple[int, int, int, int]) -> str:
        hour = datetime(*key, tzinfo=UTC)
        start = hour.astimezone(self.tz).utcoffset()
        end = (hour + HOUR - timedelta(microseconds=1)).astimezone(self.tz).utcoffset()
        whole = start is not None and start == end and start % HOUR == timedelta(0)
        prefix = (hour + start).strftime("%Y-%m-%d %H:") if whole else ""  # type: ignore[operator]
        self._hours[key] = prefix
        return prefix

    def _stored_prefix(self, hour: str) -> str:
        """The prefix for a stored text's first 14 characters; "" (convert it) for another
        form."""
        if not STORED_HOUR.fullmatch(hour):
            return ""
        key = (int(hour[:4]), int(hour[5:7]), int(hour[8:10]), int(hour[11:13]))
        prefix = self._hours.get(key)
        return self._prefix(key) if prefix is None else prefix

    def time(self, value: datetime | str | None) -> str:
        """``YYYY-MM-DD HH:MM`` in the zone; "" for no time."""
        if value is None:
            return ""
        if isinstance(value, str):
            value = datetime.fromisoformat(value)  # as SQLAlchemy reads the stored text
        key = (value.year, value.month, value.day, value.hour)
        prefix = self._hours.get(key)
        if prefix is None:
            prefix = self._prefix(key)
        if prefix:
            return f"{prefix}{value.minute:02d}"
        aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        return aware.astimezone(self.tz).strftime(TIME_FORMAT)

    def times(self, values: Iterable[datetime | str | None]) -> list[str]:
        """:meth:`time` of each; a stored text in an hour with a prefix is that prefix and the
        text's minutes, without parsing it."""
        stored, time = self._stored_hours, self.time
        return [
            prefix + value[14:16]
            if type(value) is str and (prefix := stored[value[:14]])
            else time(value)
            for value in values
        ]


# A value: given the query's field positions and the export's cells, a function from a batch's
# fields (one sequence per field, the rows transposed) to the column's cells. Working a column
# at a time, a stored value costs nothing and a formatted one one call.
Fields = Sequence[Sequence[Any]]
ColumnCells = Callable[[Fields], Iterable[Any]]
Value = Callable[[Mapping[str, int], Cells], ColumnCells]
Table = tuple[tuple[str, Value], ...]


def plain(name: str) -> Value:
    """As stored: ids, counts, numbers (the CSV writer spells None as an empty cell)."""
    return lambda fields, cells: itemgetter(fields[name])


def word(name: str) -> Value:
    """A word of one of the vocabularies (:mod:`recruiter.vocab`: channel, direction,
    statuses), which a CHECK constraint holds the column to: none can start a formula, so it
    is written as stored."""
    return plain(name)


def text(name: str) -> Value:
    """Text someone typed or imported: neutralised, so no cell starts a formula (text columns
    hold str or None)."""

    def make(fields: Mapping[str, int], cells: Cells) -> ColumnCells:
        i = fields[name]
        return lambda columns: neutralise_texts(columns[i])

    return make


def time(name: str) -> Value:
    """A stored UTC time as ``YYYY-MM-DD HH:MM`` in the recruiter's zone."""

    def make(fields: Mapping[str, int], cells: Cells) -> ColumnCells:
        i = fields[name]
        return lambda columns: cells.times(columns[i])

    return make


def number(name: str, digits: int) -> Value:
    return derived(lambda value: None if value is None else round(value, digits), name)


def _hours(starts: Sequence[Any], ends: Sequence[Any]) -> list[float | None]:
    """Hours from each start to its end, to two decimals; None when either is missing. Times
    are datetimes or stored text, read as SQLAlchemy reads it."""
    read = datetime.fromisoformat
    return [
        None
        if start is None or end is None
        else round(
            (
                (read(end) if type(end) is str else end)
                - (read(start) if type(start) is str else start)
            ).total_seconds()
            / 3600,
            2,
        )
        for start, end in zip(starts, ends, strict=True)
    ]


def hours(start: str, end: str) -> Value:
    """Hours from one time to another, to two decimals; empty when either is missing."""

    def make(fields: Mapping[str, int], cells: Cells) -> ColumnCells:
        i, j = fields[start], fields[end]
        return lambda columns: _hours(columns[i], columns[j])

    return make


def derived(fn: Callable[..., Any], *names: str, is_text: bool = False) -> Value:
    """``fn`` of these fields, row by row (the export's :class:`Cells` first when marked
    :func:`with_cells`); ``is_text`` neutralises what it returns."""

    def make(fields: Mapping[str, int], cells: Cells) -> ColumnCells:
        call = partial(fn, cells) if getattr(fn, "takes_cells", False) else fn
        positions = [fields[name] for name in names]

        def column(columns: Fields) -> Iterable[Any]:
            values = map(call, *(columns[p] for p in positions))
            return map(neutralise, values) if is_text else values

        return column

    return make


def with_cells(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a :func:`derived` function as taking the export's :class:`Cells` first."""
    fn.takes_cells = True  # type: ignore[attr-defined]
    return fn


def compile_table(
    table: Table, names: Sequence[str], cells: Cells
) -> Callable[[Sequence[Row]], list[tuple[Any, ...]]]:
    """One function from a batch of query rows (fields ``names``) to the report's rows of
    cells, in the table's order."""
    fields = {name: i for i, name in enumerate(names)}
    makers = [value(fields, cells) for _, value in table]

    def to_cells(rows: Sequence[Row]) -> list[tuple[Any, ...]]:
        if not rows:
            return []
        columns = list(zip(*rows, strict=True))
        return list(zip(*(make(columns) for make in makers), strict=True))

    return to_cells


def headers(table: Table) -> tuple[str, ...]:
    return tuple(header for header, _ in table)


# --- the tables ---------------------------------------------------------------------------------

# The candidate's own fields up to the connection status, in the model's order.
CONTACT_FIELDS = CANDIDATE_FIELDS[: CANDIDATE_FIELDS.index("connection_status") + 1]


def _component(name: str) -> Callable[[Any], float | None]:
    def get(reliability: Any) -> float | None:
        value = ((reliability or {}).get("components") or {}).get(name)
        return None if value is None else round(value, 3)

    return get


def _median_response(reliability: Any) -> float | None:
    value = (reliability or {}).get("median_response_hours")
    return None if value is None else round(value, 1)


@with_cells
def _last_contact(cells: Cells, sent: datetime | None, reply: datetime | None) -> str:
    contacts = [t for t in (sent, reply) if t is not None]
    return cells.time(max(contacts) if contacts else None)


def _count(value: int | None) -> int:
    return value or 0


CANDIDATES: Table = (
    ("candidate_id", plain("id")),
    *((name, text(name)) for name in CONTACT_FIELDS),
    ("connected_on", derived(lambda d: d.isoformat() if d else None, "connected_on")),
    ("mutual_connections", plain("mutual_connections")),
    ("notes", text("notes")),
    ("score", number("score", 1)),
    ("score_low", number("score_low", 1)),
    ("score_high", number("score_high", 1)),
    ("confidence", text("confidence")),
    *((name, derived(_component(name), "reliability")) for name in COMPONENTS),
    ("no_show_probability", number("no_show_probability", 3)),
    ("median_response_hours", derived(_median_response, "reliability")),
    ("interviews", derived(_count, "interviews")),
    ("attended", derived(_count, "attended")),
    ("no_shows", derived(_count, "no_shows")),
    ("ghosted", derived(_count, "ghosted")),
    ("last_contact", derived(_last_contact, "last_sent", "last_reply")),
)
INTERVIEWS: Table = (
    ("interview_id", plain("id")),
    ("candidate_id", plain("candidate_id")),
    ("candidate", text("full_name")),
    ("client", text("client_name")),
    ("role", text("role")),
    ("start", time("scheduled_at")),
    ("first_scheduled", time("original_scheduled_at")),
    ("duration_minutes", plain("duration_minutes")),
    ("status", word("status")),
    ("confirmed_at", time("confirmed_at")),
    ("outcome", derived(lambda s: s if s in OUTCOMES else None, "status", is_text=True)),
    ("changed_by", text("changed_by")),
    ("notice_hours", plain("notice_hours")),
    ("reschedules", plain("reschedules")),
    ("explained", derived(lambda e: "yes" if e else "no", "explained")),
)
OUTREACH: Table = (
    ("outreach_id", plain("id")),
    ("candidate_id", plain("candidate_id")),
    ("candidate", text("full_name")),
    ("channel", word("channel")),
    ("direction", word("direction")),
    ("sent", time("sent_at")),
    ("responded", time("responded_at")),
    ("response_hours", hours("sent_at", "responded_at")),
    ("interview_id", plain("interview_id")),
    ("note", text("note")),
)


def _reasons(reasons: Any) -> str:
    return "; ".join(str(reason) for reason in reasons) if isinstance(reasons, list) else ""


SUGGESTIONS: Table = (
    ("suggestion_id", plain("id")),
    ("candidate_id", plain("candidate_id")),
    ("candidate", text("full_name")),
    ("interview_id", plain("interview_id")),
    ("kind", word("kind")),
    ("status", word("status")),
    ("reasons", derived(_reasons, "reasons", is_text=True)),
    ("created", time("created_at")),
    ("resolved", time("resolved_at")),
    ("resolution_reason", text("resolution_reason")),
)
TABLES: dict[str, Table] = {
    "candidates": CANDIDATES,
    "interviews": INTERVIEWS,
    "outreach": OUTREACH,
    "suggestions": SUGGESTIONS,
}
COLUMNS: dict[str, tuple[str, ...]] = {name: headers(table) for name, table in TABLES.items()}
CANDIDATE_COLUMNS = COLUMNS["candidates"]
INTERVIEW_COLUMNS = COLUMNS["interviews"]
OUTREACH_COLUMNS = COLUMNS["outreach"]
SUGGESTION_COLUMNS = COLUMNS["suggestions"]


def check_name(name: str) -> str:
    """The report's name, or :class:`NotFound` (a 404) for any other."""
    if name not in COLUMNS:
        raise NotFound("report")
    return name
