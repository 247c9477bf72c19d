"""The reports' column tables and the fast paths of CSV writing: the same cells, the same
bytes, the same formula protection as the cell-by-cell code."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recruiter import csvsafe
from recruiter.extensions import db
from recruiter.models import (
    CHANNELS,
    DIRECTIONS,
    INTERVIEW_STATUSES,
    SUGGESTION_KINDS,
    SUGGESTION_STATUSES,
    Outreach,
    Recruiter,
    Suggestion,
)
from recruiter.services import accounts, reports
from recruiter.services.filters import OutreachFilter, SuggestionFilter
from recruiter.services.reports.columns import HOUR, TIME_FORMAT, Cells, compile_table, headers
from recruiter.services.scoping import owned

ZONES = ["UTC", "Europe/Paris", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu"]
MICRO = timedelta(microseconds=1)


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


class _Word(StrEnum):
    QUOTE = 'say "hi"'


CELLS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(alphabet=st.sampled_from("ab\"'\r\n,\x00\t =Łł日 "), max_size=8),
    st.text(max_size=8),
    st.just(_Word.QUOTE),
)


@given(
    st.lists(st.lists(CELLS, min_size=4, max_size=4), max_size=8),
    st.lists(st.lists(CELLS, max_size=3), max_size=3),
    st.integers(min_value=1, max_value=4),
)
def test_csv_chunks_writes_each_batch_as_the_csv_writer_does(
    rows: list[list], ragged: list[list], size: int
) -> None:
    # Rows of one width are joined a column at a time; ragged or empty ones go to the writer.
    batches = [rows[i : i + size] for i in range(0, len(rows), size)] + [ragged]
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(["h"])
    chunks = list(csvsafe.csv_chunks(["h"], batches))
    expected = [csvsafe.BOM + buffer.getvalue()]
    for batch in batches:
        buffer.seek(0)
        buffer.truncate()
        writer.writerows(batch)
        expected += [buffer.getvalue()] if batch else []
    assert chunks == [chunk for chunk in expected if chunk]


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


@pytest.mark.parametrize(
    "words", [CHANNELS, DIRECTIONS, INTERVIEW_STATUSES, SUGGESTION_KINDS, SUGGESTION_STATUSES]
)
def test_report_word_columns_hold_only_safe_words(words: tuple[str, ...]) -> None:
    # The columns written as stored (columns.word): a CHECK constraint holds each to these.
    assert [csvsafe.neutralise(word) for word in words] == list(words)


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


# --- whole exports against a straightforward reference ------------------------------------------

TRICKY_NAMES = [
    "=cmd|' /C calc'!A0",
    "+1 555 0100",
    "-2+3",
    "@SUM(1+1)",
    " =1",
    "\u200b=1",
    "\uff1d1+1",
    "\u22121",
    "Zoë Łukasiewicz",
    "日本語の名前",
    '"Quoted", with a comma',
    "O'Brien",
]
TRICKY_NOTES = [None, "", "@mention her", "\t=1", "\r=1", "line one\r\nline two", "ok", "\uff20x"]


def _changes(tz: ZoneInfo, year: int = 2026) -> list[datetime]:
    """The UTC hours in which the zone's offset changes during the year."""
    hours = [datetime(year, 1, 1, tzinfo=UTC) + timedelta(hours=n) for n in range(24 * 365)]
    return [
        h for h in hours if h.astimezone(tz).utcoffset() != (h + HOUR).astimezone(tz).utcoffset()
    ]


def _moments(tz: ZoneInfo) -> list[datetime]:
    """Every 7 minutes from two hours before each offset change to three after, and the
    microseconds either side of each change's hour."""
    moments = []
    for hour in _changes(tz) or [datetime(2026, 3, 29, tzinfo=UTC)]:
        moments += [hour - 2 * HOUR + timedelta(minutes=7 * n, seconds=n % 60) for n in range(43)]
        moments += [
            hour + d for d in (-MICRO, timedelta(0), MICRO, HOUR - MICRO, HOUR, HOUR + MICRO)
        ]
    return moments


def _local(value: datetime | None, tz: ZoneInfo) -> str | None:
    return None if value is None else value.astimezone(tz).strftime(TIME_FORMAT)


def _export(owner: Recruiter, name: str) -> str:
    filters = reports.parse_filters(name, {})
    return "".join(reports.build(owner, name, filters, datetime.now(UTC)).csv())


@pytest.mark.parametrize("zone", ZONES)
def test_report_outreach_and_suggestions_match_a_plain_reference(
    app, recruiter, make_candidate, zone: str
) -> None:
    accounts.update_settings(recruiter, recruiter.name, zone)
    tz = ZoneInfo(zone)
    people = [make_candidate(recruiter, full_name=name) for name in TRICKY_NAMES]
    for n, sent in enumerate(_moments(tz)):
        answered = None if n % 5 == 0 else sent + timedelta(minutes=13 * n, microseconds=n)
        person = people[n % len(people)]
        db.session.add(
            Outreach(
                team_id=recruiter.team_id,
                candidate_id=person.id,
                channel=CHANNELS[n % len(CHANNELS)],
                direction=DIRECTIONS[n % len(DIRECTIONS)],
                sent_at=sent,
                responded_at=answered,
                note=TRICKY_NOTES[n % len(TRICKY_NOTES)],
            )
        )
        if n % 3 == 0:
            db.session.add(
                Suggestion(
                    team_id=recruiter.team_id,
                    candidate_id=person.id,
                    kind=SUGGESTION_KINDS[n % len(SUGGESTION_KINDS)],
                    key=f"test:{n}",
                    status="dismissed" if answered else "open",
                    reasons=[TRICKY_NAMES[n % len(TRICKY_NAMES)], "No answer"] if n % 2 else [],
                    created_at=sent,
                    resolved_at=answered,
                    resolution_reason=TRICKY_NOTES[n % len(TRICKY_NOTES)] if answered else None,
                )
            )
    db.session.commit()

    outreach_rows = [
        (
            o.id,
            o.candidate_id,
            o.candidate.full_name,
            o.channel,
            o.direction,
            _local(o.sent_at, tz),
            _local(o.responded_at, tz),
            None
            if o.responded_at is None
            else round((o.responded_at - o.sent_at).total_seconds() / 3600, 2),
            o.interview_id,
            o.note,
        )
        for o in db.session.scalars(OutreachFilter().apply(owned(Outreach, recruiter), recruiter))
    ]
    suggestion_rows = [
        (
            s.id,
            s.candidate_id,
            s.candidate.full_name,
            s.interview_id,
            s.kind,
            s.status,
            "; ".join(s.reasons),
            _local(s.created_at, tz),
            _local(s.resolved_at, tz),
            s.resolution_reason,
        )
        for s in db.session.scalars(
            SuggestionFilter().apply(owned(Suggestion, recruiter), recruiter)
        )
    ]
    assert len(outreach_rows) >= 49 and len(suggestion_rows) >= 17
    for name, rows in (("outreach", outreach_rows), ("suggestions", suggestion_rows)):
        reference = "".join(csvsafe.csv_lines(reports.COLUMNS[name], rows))
        assert _export(recruiter, name) == reference, name
