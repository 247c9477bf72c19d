"""CSV downloads that are safe to open in a spreadsheet (OWASP "CSV injection").

A text cell that a spreadsheet could take for a formula gets a leading single quote, which
spreadsheets show as text and hide. Numbers, dates and times are written as they are. Output is
UTF-8 with a BOM (so Excel reads it as UTF-8), every field quoted, CRLF line ends.

Stdlib only.
"""

import csv
import io
import numbers
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, time
from typing import Any, TextIO

BOM = "\ufeff"
# What a spreadsheet may read as the start of a formula, with the full-width forms and the
# minus sign; NFKC folding below also catches the small and superscript/subscript forms.
DANGEROUS_FIRST = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20\u2212")
_PLAIN_TYPES = (numbers.Number, date, time)  # datetime is a date


def _is_dangerous(char: str) -> bool:
    return char in DANGEROUS_FIRST or unicodedata.normalize("NFKC", char)[:1] in DANGEROUS_FIRST


def _is_invisible(char: str) -> bool:
    """Characters a spreadsheet may trim or not show: spaces, control and format characters."""
    return char.isspace() or unicodedata.category(char) in {"Cc", "Cf", "Zs", "Zl", "Zp"}


def neutralise(value: object) -> str:
    """The cell text for `value`: None -> "", numbers and dates as `str()`, and a quote before
    text whose first character, or first after leading spaces and invisible characters, could
    start a formula ("+1 555 0100" -> "'+1 555 0100")."""
    if value is None:
        return ""
    text = str(value)
    if isinstance(value, _PLAIN_TYPES) and not isinstance(value, bool):
        return text
    first_visible = next((char for char in text if not _is_invisible(char)), "")
    if text and (_is_dangerous(text[0]) or _is_dangerous(first_visible)):
        return "'" + text
    return text


# What the first character of a text decides: nothing to do (visible, cannot start a formula,
# so it is also the first visible one), a quote (it can start a formula), or a closer look
# (invisible: the first visible character decides). Most text begins with a letter or digit.
_SAFE, _QUOTE, _LOOK = 0, 1, 2
_FIRST: dict[str, int] = {}
_FIRST_MAX = 10_000


def _first_kind(char: str) -> int:
    kind = _QUOTE if _is_dangerous(char) else _LOOK if _is_invisible(char) else _SAFE
    if len(_FIRST) < _FIRST_MAX:
        _FIRST[char] = kind
    return kind


def neutralise_text(text: str | None) -> str | None:
    """:func:`neutralise` for a ``str``, exactly, decided by one lookup of its first character
    unless that one is invisible. None and "" stay as they are (the CSV writer spells both as
    an empty cell)."""
    if not text:
        return text
    kind = _FIRST.get(text[0])
    if kind is None:
        kind = _first_kind(text[0])
    if kind == _SAFE:
        return text
    if kind == _QUOTE:
        return "'" + text
    return neutralise(text)


def neutralise_texts(texts: Iterable[str | None]) -> list[str | None]:
    """:func:`neutralise_text` of each, for a column of a report: a text whose first character
    is known to be safe (most of them) is taken as it is without a call."""
    first = _FIRST
    return [
        text if text and first.get(text[0]) == _SAFE else neutralise_text(text) for text in texts
    ]


def _writer(buffer: io.StringIO) -> Any:  # a csv writer (its type has no public name)
    return csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")


def _quoted(column: Iterable[object]) -> list[str]:
    """Each cell as the writer puts it between its quotes: text (a ``str`` subclass too, by its
    characters) with every quote doubled, None as nothing, anything else as ``str()``."""
    replace = str.replace
    return [
        replace(cell, '"', '""') if isinstance(cell, str) else "" if cell is None else str(cell)
        for cell in column
    ]


def _rows_text(rows: Sequence[Sequence[object]], writer: Any, buffer: io.StringIO) -> str:
    """The rows as the writer writes them (every field quoted, quotes doubled, CRLF), made a
    column at a time and joined in one go: a third of the writer's time. Rows of different
    widths, or of none, go through the writer itself."""
    try:
        columns = list(zip(*rows, strict=True))
    except ValueError:
        columns = []
    if not columns:
        buffer.seek(0)
        buffer.truncate()
        writer.writerows(rows)
        return buffer.getvalue()
    lines = map('","'.join, zip(*map(_quoted, columns), strict=True))
    return '"' + '"\r\n"'.join(lines) + '"\r\n'


def csv_chunks(
    header: Sequence[str], batches: Iterable[Sequence[Sequence[object]]]
) -> Iterator[str]:
    """The same CSV as :func:`csv_lines`, one chunk per batch of rows, for rows whose cells are
    already safe: text through :func:`neutralise` or :func:`neutralise_text`, other cells
    None, numbers or formatted dates (written as ``str()`` would, None as empty)."""
    buffer = io.StringIO()
    writer = _writer(buffer)
    writer.writerow([neutralise(cell) for cell in header])
    yield BOM + buffer.getvalue()
    for batch in batches:
        text = _rows_text(batch, writer, buffer)
        if text:
            yield text


def csv_lines(header: Sequence[str], rows: Iterable[Sequence[object]]) -> Iterator[str]:
    """Yield the CSV one line at a time, BOM and header first; rows are read only as needed,
    so a streamed response or a file never holds the whole table."""
    buffer = io.StringIO()
    writer = _writer(buffer)

    def line(cells: Iterable[object]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([neutralise(cell) for cell in cells])
        return buffer.getvalue()

    yield BOM + line(header)
    for row in rows:
        yield line(row)


def write_csv(fileobj: TextIO, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Write the CSV to a text file opened with `encoding="utf-8", newline=""` (the BOM and CRLF
    are already in the lines). Returns the number of rows written, header not counted."""
    lines = csv_lines(header, rows)
    fileobj.write(next(lines))
    count = 0
    for text in lines:
        fileobj.write(text)
        count += 1
    return count
