"""Reading one export CSV into rows by column name: the header (after any notes), the columns
each file needs, and what is wrong with each row."""

import csv
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from .data import CONNECTIONS, INVITATIONS, MESSAGES, Problem
from .urls import normalise_profile_url

_T = TypeVar("_T")

# Required columns first, then the optional ones we read; other columns are ignored.
_COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    CONNECTIONS: (
        ("First Name", "Last Name", "Connected On"),
        ("URL", "Email Address", "Company", "Position"),
    ),
    INVITATIONS: (
        ("From", "To", "Sent At", "Direction"),
        ("Message", "inviterProfileUrl", "inviteeProfileUrl"),
    ),
    MESSAGES: (
        ("CONVERSATION ID", "FROM", "SENDER PROFILE URL", "DATE", "CONTENT"),
        ("TO", "RECIPIENT PROFILE URLS", "IS MESSAGE DRAFT"),
    ),
}


def _records(name: str, text: str, problems: list[Problem]) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    row = 0
    while True:
        row += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.append(Problem(name, row, f"cannot be read as CSV: {exc}"))
            continue
        yield row, cells


def _key(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").split()).casefold()


def _find_header(records: Sequence[tuple[int, list[str]]], required: Sequence[str]) -> int | None:
    wanted = {_key(column) for column in required}
    for index, (_, cells) in enumerate(records):
        if wanted <= {_key(cell) for cell in cells}:
            return index
    return None


def _missing_columns(name: str, records: list[tuple[int, list[str]]], kind: str) -> Problem:
    required, optional = _COLUMNS[kind]
    known = {_key(column) for column in required + optional}
    best = max(records, key=lambda r: len(known & {_key(c) for c in r[1]}), default=(None, []))
    present = {_key(cell) for cell in best[1]}
    missing = ", ".join(f'"{c}"' for c in required if _key(c) not in present)
    if not known & present:
        return Problem(name, None, f"no header row found; expected the columns {missing}")
    return Problem(name, best[0], f"missing required column(s) {missing}")


@dataclass
class _Values:
    """One data row by column name, collecting what is wrong with it."""

    row: int
    cells: dict[str, str]
    errors: list[str] = field(default_factory=list)

    def __getitem__(self, column: str) -> str:
        return self.cells[column]

    def url(self, column: str) -> str | None:
        raw = self.cells[column]
        url = normalise_profile_url(raw)
        if raw and url is None:
            self.errors.append(f'"{column}": "{_clip(raw)}" is not a profile URL')
        return url

    def when(self, column: str, like: str, parse: Callable[[str], _T | None]) -> _T | None:
        """Parse a required date or time cell; "" and bad values become errors."""
        raw = self.cells[column]
        value = parse(raw) if raw else None
        if value is None:
            self.errors.append(f'"{column}" is empty' if not raw else _not_like(column, raw, like))
        return value

    def need(self, *columns: str) -> None:
        for column in columns:  # a loop, not any(): it runs twice on each of 100,000 messages
            if self.cells[column]:
                return
        names = " and ".join(f'"{column}"' for column in columns)
        self.errors.append(f"{names} {'is' if len(columns) == 1 else 'are both'} empty")


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _not_like(column: str, raw: str, like: str) -> str:
    return f'"{column}": "{_clip(raw)}" is not a {like}'


def _positions(header: list[str], columns: Sequence[str]) -> dict[str, int]:
    """Where each known column is; the first of duplicates wins."""
    keys = [_key(cell) for cell in header]
    return {column: keys.index(_key(column)) for column in columns if _key(column) in keys}


def _read_table(name: str, text: str, kind: str, problems: list[Problem]) -> list[_Values]:
    records = list(_records(name, text, problems))
    required, optional = _COLUMNS[kind]
    start = _find_header(records, required)
    if start is None:
        problems.append(_missing_columns(name, records, kind))
        return []
    header = records[start][1]
    while not header[-1].strip():
        header = header[:-1]  # a trailing comma on the header line
    found = _positions(header, required + optional)
    position = list(found.items())
    absent = dict.fromkeys((c for c in required + optional if c not in found), "")
    width = len(header)
    table = []
    for row, cells in records[start + 1 :]:
        if len(cells) > width and not "".join(cells[width:]).strip():
            cells = cells[:width]  # trailing empty cells, as some spreadsheets save them
        # A full row with text in its first cell is not blank: no need to copy its message.
        if (len(cells) != width or not cells[0].strip()) and not "".join(cells).strip():
            continue
        if len(cells) != width:
            message = f"has {len(cells)} fields but the header has {width}"
            problems.append(Problem(name, row, message))
            continue
        values = {column: cells[i].strip() for column, i in position}
        values.update(absent)
        table.append(_Values(row, values))
    return table
