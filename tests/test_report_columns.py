"""The reports' column tables and the fast paths of CSV writing: the same cells, the same
bytes, the same formula protection as the cell-by-cell code."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recruiter import csvsafe
from recruiter.services import reports
from recruiter.services.reports.columns import TIME_FORMAT, Cells, compile_table, headers

ZONES = ["UTC", "Europe/Paris", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu"]


@given(st.text(max_size=30))
def test_neutralise_text_matches_neutralise(text: str) -> None:
    assert csvsafe.neutralise_text(text) == csvsafe.neutralise(text)


@pytest.mark.parametrize("text", ["=1+1", "+1 555", " =1", "\u200b=1", "\uff1d1", "\u22121", "@x"])
def test_neutralise_text_quotes_formula_starts(text: str) -> None:
    assert csvsafe.neutralise_text(text) == "'" + text


@given(
    st.lists(
        st.lists(
            st.one_of(st.none(), st.integers(), st.floats(allow_nan=False), st.text(max_size=12)),
            min_size=3,
            max_size=3,
        ),
        max_size=8,
    ),
    st.integers(min_value=1, max_value=4),
)
def test_csv_chunks_writes_the_same_text_as_csv_lines(rows: list[list], size: int) -> None:
    header = ["a", "=b", "c"]
    safe = [[csvsafe.neutralise_text(c) if isinstance(c, str) else c for c in row] for row in rows]
    batches = [safe[i : i + size] for i in range(0, len(safe), size)]
    assert "".join(csvsafe.csv_chunks(header, batches)) == "".join(csvsafe.csv_lines(header, rows))


@pytest.mark.parametrize("zone", ZONES)
def test_cells_time_matches_astimezone_across_offset_changes(zone: str) -> None:
    cells = Cells(zone)
    start = datetime(2026, 3, 1, tzinfo=UTC)
    # Every 7 minutes over March and April (spring changes), then around the autumn ones.
    moments = [start + timedelta(minutes=7 * n) for n in range(12_600)]
    autumn = datetime(2026, 9, 25, tzinfo=UTC)
    moments += [autumn + timedelta(minutes=11 * n) for n in range(7_000)]
    for moment in moments:
        assert cells.time(moment) == moment.astimezone(cells.tz).strftime(TIME_FORMAT), moment
    assert cells.time(None) == ""


def test_report_columns_come_from_one_table_per_report() -> None:
    assert set(reports.TABLES) == set(reports.COLUMNS)
    for name, table in reports.TABLES.items():
        assert reports.COLUMNS[name] == headers(table)
        assert len(set(headers(table))) == len(table), name
    assert reports.OUTREACH_COLUMNS[:3] == ("outreach_id", "candidate_id", "candidate")


def test_report_table_compiles_to_safe_cells() -> None:
    names = [
        "id", "candidate_id", "full_name", "channel", "direction",
        "sent_at", "responded_at", "interview_id", "note",
    ]  # fmt: skip
    to_cells = compile_table(reports.TABLES["outreach"], names, Cells("Europe/Paris"))
    sent = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
    row = (
        7,
        3,
        "=cmd|' /C calc'!A0",
        "call",
        "outbound",
        sent,
        sent + timedelta(hours=3),
        None,
        None,
    )
    cells = to_cells([row])[0]
    assert cells == (7, 3, "'=cmd|' /C calc'!A0", "call", "outbound",
                     "2026-03-10 13:00", "2026-03-10 16:00", 3.0, None, None)  # fmt: skip
    text = "".join(csvsafe.csv_chunks(reports.OUTREACH_COLUMNS, [[cells]]))
    back = list(csv.reader(io.StringIO(text.removeprefix(csvsafe.BOM), newline="")))
    assert back[1][2] == "'=cmd|' /C calc'!A0" and back[1][8:] == ["", ""]
    assert back[1][7] == "3.0"
