"""Tests for recruiter.csvsafe: spreadsheet-safe CSV output."""

import csv
import io
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recruiter.csvsafe import BOM, DANGEROUS_FIRST, csv_lines, neutralise, write_csv


def read_back(text: str) -> list[list[str]]:
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text.removeprefix(BOM), newline="")))


@pytest.mark.parametrize(
    "payload",
    [
        "=1+1",
        "+1",
        "-1",
        "@SUM(A1:A2)",
        "\t=1",
        "\r=1",
        "\n=1",
        "\tplain",
        "\uff1d1+1",  # full-width equals
        "\uff0b1",  # full-width plus
        "\uff0d1",  # full-width minus
        "\uff20SUM(A1)",  # full-width commercial at
        "=cmd|' /C calc'!A0",
        "+1 555 0100",
    ],
)
def test_neutralise_prefixes_formula_payloads(payload: str) -> None:
    assert neutralise(payload) == "'" + payload


@pytest.mark.parametrize(
    "payload",
    [
        " =1+1",  # leading space
        "\u00a0=1+1",  # no-break space
        "\u200b=1+1",  # zero-width space
        "\ufeff@SUM(A1)",  # byte order mark
        "\x00=1",  # control character
        "\u2212" + "1",  # minus sign
        "\ufe62" + "1",  # small plus sign (NFKC folds it to "+")
        "\u207c" + "1",  # superscript equals
    ],
)
def test_neutralise_prefixes_payloads_hidden_behind_invisible_characters(payload: str) -> None:
    assert neutralise(payload) == "'" + payload


@pytest.mark.parametrize(
    "text",
    ["", "Ada Lovelace", "O'Brien", "a=b", "1+1", "'=already quoted", "ada@example.org", "  x"],
)
def test_neutralise_leaves_harmless_text_alone(text: str) -> None:
    assert neutralise(text) == text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        (-3, "-3"),
        (-2.5, "-2.5"),
        (Decimal("-1.50"), "-1.50"),
        (0, "0"),
        (True, "True"),
        (date(2026, 1, 2), "2026-01-02"),
        (datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC), "2026-01-02 03:04:05+00:00"),
    ],
)
def test_neutralise_writes_non_text_values_as_they_are(value: object, expected: str) -> None:
    assert neutralise(value) == expected


def test_neutralise_prefixes_negative_number_passed_as_text() -> None:
    assert neutralise("-3") == "'-3"


def test_csv_lines_starts_with_bom_and_quotes_every_field() -> None:
    lines = list(csv_lines(["Name", "Phone", "Score"], [["Ada", "+1 555 0100", 7], [None, "", -3]]))
    assert lines == [
        '\ufeff"Name","Phone","Score"\r\n',
        '"Ada","\'+1 555 0100","7"\r\n',
        '"","","-3"\r\n',
    ]


def test_csv_lines_neutralises_header_too() -> None:
    first = next(csv_lines(["=HYPERLINK()"], []))
    assert first == '\ufeff"\'=HYPERLINK()"\r\n'


def test_csv_lines_round_trips_quotes_commas_and_newlines() -> None:
    row = ['say "hi"', "a,b", "line one\nline two", "x\r\ny"]
    assert read_back("".join(csv_lines(["a", "b", "c", "d"], [row]))) == [["a", "b", "c", "d"], row]


def test_csv_lines_is_lazy() -> None:
    consumed: list[int] = []

    def rows() -> Iterator[list[object]]:
        for number in range(3):
            consumed.append(number)
            yield [number]
        raise AssertionError("read past the rows the consumer asked for")

    lines = csv_lines(["n"], rows())
    assert consumed == []
    assert next(lines) == '\ufeff"n"\r\n'
    assert consumed == []
    assert next(lines) == '"0"\r\n'
    assert consumed == [0]


def test_write_csv_returns_rows_written_and_matches_csv_lines(tmp_path: Path) -> None:
    rows = [["Ada", "=1+1"], ["Grace", date(2026, 3, 1)]]
    path = tmp_path / "out.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        assert write_csv(handle, ["name", "value"], rows) == 2
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == 3
    assert data.decode("utf-8") == "".join(csv_lines(["name", "value"], rows))
    assert read_back(data.decode("utf-8"))[1] == ["Ada", "'=1+1"]


def test_write_csv_with_no_rows_writes_header_only() -> None:
    buffer = io.StringIO(newline="")
    assert write_csv(buffer, ["a"], iter([])) == 0
    assert buffer.getvalue() == '\ufeff"a"\r\n'


@settings(deadline=None, database=None)
@given(st.lists(st.text(), min_size=1, max_size=5))
def test_csv_lines_property_cells_come_back_safe_and_unchanged_but_for_the_quote(
    row: list[str],
) -> None:
    header = [f"c{i}" for i in range(len(row))]
    back = read_back("".join(csv_lines(header, [row])))
    assert back[0] == header
    for original, cell in zip(row, back[1], strict=True):
        assert cell in (original, "'" + original)
        assert cell[:1] not in DANGEROUS_FIRST


@settings(deadline=None, database=None)
@given(st.text())
def test_neutralise_property_unprefixed_text_has_no_dangerous_first_visible_character(
    text: str,
) -> None:
    result = neutralise(text)
    if result == text:
        visible = text.lstrip()
        assert text[:1] not in DANGEROUS_FIRST
        assert visible[:1] not in DANGEROUS_FIRST
    else:
        assert result == "'" + text


def test_csvsafe_imports_nothing_from_flask_or_the_app() -> None:
    path = Path(__file__).resolve().parents[1] / "recruiter" / "csvsafe.py"
    code = (
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('csvsafe', {str(path)!r})\n"
        "spec.loader.exec_module(importlib.util.module_from_spec(spec))\n"
        "bad = {'flask', 'sqlalchemy', 'recruiter'} & {m.split('.')[0] for m in sys.modules}\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
