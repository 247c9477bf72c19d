"""The command line: ``export <report>`` and ``import linkedin|candidates PATH``."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from recruiter.extensions import db
from recruiter.models import Candidate, Outreach
from recruiter.services import reports
from tests.conftest import NOW
from tests.linkedin_export import (
    BAD_CONNECTIONS,
    IMPORT_NOW,
    OWNER_URL,
    connections_csv,
    export_zip,
    invitations_csv,
    messages_csv,
)

NOW_ARG = IMPORT_NOW.isoformat()


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def count(team_id: int, model=Candidate) -> int:  # type: ignore[no-untyped-def]
    return db.session.scalar(select(func.count(model.team_id)).where(model.team_id == team_id))


@pytest.fixture
def two(recruiter, make_recruiter, make_candidate, make_outreach):  # type: ignore[no-untyped-def]
    ada = make_candidate(recruiter, full_name="Ada Lovelace", phone="+44 20 7946 0000")
    make_outreach(recruiter, ada, sent_at=NOW - timedelta(hours=2), responded_at=NOW)
    other = make_recruiter(email="riley@example.com")
    make_candidate(other, full_name="Secret Sam")
    return recruiter, other


# --- export ------------------------------------------------------------------------------------


def test_export_to_a_file(runner, two, tmp_path):
    owner, _ = two
    out = tmp_path / "candidates.csv"

    result = runner.invoke(args=["export", "candidates", "--owner", owner.email, "--out", out])

    assert result.exit_code == 0, result.output
    assert "Wrote 1 candidates rows" in result.stderr
    rows = read_csv(out.read_bytes())
    assert rows[0] == list(reports.CANDIDATE_COLUMNS)
    assert [(r[1], r[3]) for r in rows[1:]] == [("Ada Lovelace", "'+44 20 7946 0000")]
    assert b"\r\n" in out.read_bytes()


def test_export_to_standard_output(runner, two):
    owner, _ = two

    result = runner.invoke(args=["export", "outreach", "--owner", owner.email])

    assert result.exit_code == 0, result.output
    rows = read_csv(result.stdout_bytes)
    assert rows[0] == list(reports.OUTREACH_COLUMNS)
    assert [(r[2], r[7]) for r in rows[1:]] == [("Ada Lovelace", "2.0")]


def test_export_only_the_owners_rows(runner, two, tmp_path):
    _, other = two
    for name in reports.COLUMNS:
        out = tmp_path / f"{name}.csv"
        result = runner.invoke(args=["export", name, "--owner", other.email, "--out", out])
        assert result.exit_code == 0, result.output
        assert "Ada" not in out.read_text(encoding="utf-8-sig")
    assert "Secret Sam" in (tmp_path / "candidates.csv").read_text(encoding="utf-8-sig")


def test_export_needs_owner_when_several_recruiters(runner, two):
    result = runner.invoke(args=["export", "candidates"])
    assert result.exit_code == 2
    assert "several recruiters: say whose data with --owner EMAIL" in result.output


def test_export_owner_optional_with_one_recruiter(runner, recruiter, make_candidate):
    make_candidate(recruiter, full_name="Only One")
    result = runner.invoke(args=["export", "candidates"])
    assert result.exit_code == 0, result.output
    assert [r[1] for r in read_csv(result.stdout_bytes)[1:]] == ["Only One"]


def test_export_unknown_owner(runner, two):
    result = runner.invoke(args=["export", "candidates", "--owner", "nobody@example.com"])
    assert result.exit_code == 1
    assert "No account for nobody@example.com" in result.output


def test_export_filters(runner, two):
    owner, _ = two
    args = ["export", "candidates", "--owner", owner.email]
    assert (
        read_csv(runner.invoke(args=[*args, "--connection-status", "connected"]).stdout_bytes)[1:]
        == []
    )
    dated = runner.invoke(args=[*args, "--from", "2026-03-10", "--to", "2026-03-10"])
    assert [r[1] for r in read_csv(dated.stdout_bytes)[1:]] == ["Ada Lovelace"]


@pytest.mark.parametrize(
    ("extra", "code", "message"),
    [
        (["--min-score", "abc"], 1, "min_score: Must be a number from 0 to 100."),
        (["--from", "10/03/2026"], 1, "is not a date: use YYYY-MM-DD"),
        (["--status", "attended"], 2, "--status does not apply to the candidates report"),
    ],
)
def test_export_bad_filters(runner, two, extra, code, message):
    owner, _ = two
    result = runner.invoke(args=["export", "candidates", "--owner", owner.email, *extra])
    assert result.exit_code == code
    assert message in result.output


def test_export_unknown_report(runner, two):
    result = runner.invoke(args=["export", "salaries"])
    assert result.exit_code == 2
    assert "'salaries' is not one of" in result.output


# --- import ------------------------------------------------------------------------------------


def import_args(path, owner, *extra):  # type: ignore[no-untyped-def]
    return ["import", "linkedin", str(path), "--owner", owner.email, "--now", NOW_ARG, *extra]


def test_import_linkedin_zip(runner, recruiter, tmp_path):
    path = tmp_path / "Basic_LinkedInDataExport_01-15-2026.zip"
    path.write_bytes(export_zip())

    result = runner.invoke(args=import_args(path, recruiter))

    assert result.exit_code == 0, result.output
    assert "Candidates: 10 created, 0 updated, 0 skipped" in result.output
    assert "Messages: 6 created, 0 updated, 0 skipped" in result.output
    assert "Connection requests: 2 created" in result.output
    assert result.output.strip().endswith("Imported.")
    assert count(recruiter.team_id) == 10
    again = runner.invoke(args=import_args(path, recruiter))
    assert "Candidates: 0 created, 0 updated, 10 skipped" in again.output
    assert count(recruiter.team_id, Outreach) == 6


def test_import_linkedin_folder_and_one_csv(runner, recruiter, tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Connections.csv").write_bytes(connections_csv())
    (folder / "Invitations.csv").write_bytes(invitations_csv())
    single = tmp_path / "messages.csv"
    single.write_bytes(messages_csv())

    first = runner.invoke(args=import_args(folder, recruiter))
    second = runner.invoke(args=import_args(single, recruiter, "--owner-profile", OWNER_URL))

    assert first.exit_code == 0, first.output
    assert "Candidates: 7 created" in first.output
    assert second.exit_code == 0, second.output
    assert "Messages: 6 created" in second.output
    assert count(recruiter.team_id) == 10


def test_import_linkedin_dry_run_writes_nothing(runner, recruiter, tmp_path):
    path = tmp_path / "export.zip"
    path.write_bytes(export_zip())

    result = runner.invoke(args=import_args(path, recruiter, "--dry-run"))

    assert result.exit_code == 0, result.output
    assert "Candidates: 10 created" in result.output
    assert "Dry run: nothing was written." in result.output
    assert count(recruiter.team_id) == 0


def test_import_linkedin_refused_exits_non_zero_and_names_the_row(runner, recruiter, tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_bytes(
        connections_csv(dates=["07 Dec 2023", "31 Feb 2024", "23 Jul 2024", "06 Nov 2021"])
    )

    result = runner.invoke(args=import_args(path, recruiter))

    assert result.exit_code == 1
    assert 'Connections.csv, row 6: "Connected On": "31 Feb 2024" is not a date' in result.output
    assert "Import refused (1 problem): nothing was written" in result.output
    assert count(recruiter.team_id) == 0

    skipped = runner.invoke(args=import_args(path, recruiter, "--skip-bad-rows"))

    assert skipped.exit_code == 0, skipped.output
    assert "Problems (left out): 1" in skipped.output
    assert count(recruiter.team_id) == 3


@pytest.mark.parametrize(
    ("data", "row", "reason"),
    [case[1:] for case in BAD_CONNECTIONS],
    ids=[case[0] for case in BAD_CONNECTIONS],
)
def test_import_linkedin_bad_file_is_refused(runner, recruiter, tmp_path, data, row, reason):
    path = tmp_path / "export.zip"
    path.write_bytes(export_zip(connections=data))

    result = runner.invoke(args=import_args(path, recruiter))

    assert result.exit_code == 1
    assert f"Connections.csv, row {row}: " in result.output
    assert reason in result.output
    assert count(recruiter.team_id) == 0


def test_import_needs_owner_when_several_recruiters(runner, two, tmp_path):
    path = tmp_path / "export.zip"
    path.write_bytes(export_zip())
    result = runner.invoke(args=["import", "linkedin", str(path)])
    assert result.exit_code == 2
    assert "--owner EMAIL" in result.output


def test_import_only_touches_the_owners_candidates(runner, two, tmp_path):
    owner, other = two
    path = tmp_path / "export.zip"
    path.write_bytes(export_zip())

    result = runner.invoke(args=import_args(path, other))

    assert result.exit_code == 0, result.output
    assert (count(owner.team_id), count(other.team_id)) == (1, 11)


def test_import_candidates_csv_round_trip(runner, two, tmp_path):
    owner, _ = two
    out = tmp_path / "candidates.csv"
    runner.invoke(args=["export", "candidates", "--owner", owner.email, "--out", out])

    result = runner.invoke(args=["import", "candidates", str(out), "--owner", owner.email])

    assert result.exit_code == 0, result.output
    assert "Candidates: 0 created, 0 updated, 1 skipped" in result.output
    phone = db.session.scalar(select(Candidate.phone).where(Candidate.team_id == owner.team_id))
    assert phone == "+44 20 7946 0000"
