"""Importing a LinkedIn export (and the generic candidates CSV): counts, statuses, dates,
response times, idempotence, all-or-nothing, and the upload flow in the UI and the API."""

from __future__ import annotations

import io
import re
import time
from datetime import UTC, date, datetime, timedelta

import pytest
from markupsafe import escape
from sqlalchemy import func, select, text

from recruiter import import_worker, jobs
from recruiter.extensions import db
from recruiter.models import AuditEntry, Candidate, CandidateSignal, ImportJob, Outreach
from recruiter.services import candidates, imports
from tests.conftest import PASSWORD, login
from tests.linkedin_export import (
    BAD_CONNECTIONS,
    EXPECTED_STATUSES,
    IMPORT_NOW,
    OWNER_URL,
    connections_csv,
    export_zip,
    invitations_csv,
    message,
    messages_csv,
    normal,
)


def snapshot(team_id: int) -> dict:
    """Everything an import could change for this recruiter."""
    people = db.session.scalars(
        select(Candidate).where(Candidate.team_id == team_id).order_by(Candidate.id)
    )
    rows = db.session.scalars(
        select(Outreach).where(Outreach.team_id == team_id).order_by(Outreach.id)
    )
    signals = db.session.scalars(select(CandidateSignal).where(CandidateSignal.team_id == team_id))
    audit = db.session.scalar(
        select(func.count(AuditEntry.id)).where(AuditEntry.team_id == team_id)
    )
    return {
        "candidates": [
            (
                c.id,
                c.full_name,
                c.email,
                c.profile_url,
                c.company,
                c.title,
                c.connection_status,
                c.connected_on,
                c.score,
                c.updated_at,
            )
            for c in people
        ],
        "outreach": [
            (o.id, o.candidate_id, o.direction, o.sent_at, o.responded_at, o.source_key)
            for o in rows
        ],
        "signals": [(s.candidate_id, s.type, s.at) for s in signals],
        "audit": audit,
    }


def by_url(team_id: int) -> dict[str, Candidate]:
    rows = db.session.scalars(select(Candidate).where(Candidate.team_id == team_id))
    return {c.profile_url: c for c in rows}


def run(owner, source, **kw):  # type: ignore[no-untyped-def]
    result = imports.run_import(owner, source, kw.pop("now", IMPORT_NOW), **kw)
    if result.accepted and not result.dry_run:
        db.session.commit()
    else:
        db.session.rollback()
    return result


# --- the service -------------------------------------------------------------------------------


def test_import_linkedin_sample_counts_statuses_dates(app, recruiter):
    result = run(recruiter, export_zip(), filename="export.zip")

    assert result.problems == []
    assert result.owner_profile_url == normal("morgan-avery-b")
    assert (result.candidates.created, result.candidates.updated) == (10, 0)
    assert (result.messages.created, result.messages.updated, result.messages.skipped) == (6, 0, 0)
    assert result.connection_requests.created == 2
    people = by_url(recruiter.team_id)
    assert {u: c.connection_status for u, c in people.items()} == EXPECTED_STATUSES
    elena = people[normal("elena-ahmed-2af8")]
    assert (elena.full_name, elena.company, elena.title) == (
        "Elena Ahmed",
        "Cobalt Retail Group",
        "ML Engineer",
    )
    assert elena.connected_on == date(2023, 12, 7)
    assert people[normal("signe-larsen-2af9")].email == "signe.larsen@example.org"
    assert people[normal("zoe-lukasiewicz")].full_name == "Zoë Łukasiewicz"
    assert people[normal("sofia-costa-2b09")].full_name == "Sofia Costa"
    signals = db.session.scalars(select(CandidateSignal).order_by(CandidateSignal.at)).all()
    assert [(s.candidate_id, s.at) for s in signals] == [
        (people[normal("priya-byrneson-12cc9")].id, datetime(2025, 10, 2, 6, 11, tzinfo=UTC)),
        (people[normal("lucas-patelez-12cca")].id, datetime(2025, 10, 10, 15, 56, tzinfo=UTC)),
    ]


def test_import_linkedin_messages_become_outreach_with_response_times(app, recruiter):
    run(recruiter, export_zip())
    people = by_url(recruiter.team_id)

    def hours(slug: str) -> list[tuple[str, float | None]]:
        rows = db.session.scalars(
            select(Outreach)
            .where(Outreach.candidate_id == people[normal(slug)].id)
            .order_by(Outreach.sent_at)
        )
        return [
            (
                o.direction,
                None
                if o.responded_at is None
                else (o.responded_at - o.sent_at).total_seconds() / 3600,
            )
            for o in rows
        ]

    assert hours("mateo-okafor-2b02") == [("outbound", 40.0)]
    assert hours("sofia-costa-2b09") == [("outbound", 9.0), ("outbound", 5.0)]
    assert hours("signe-brennan-2b03") == [("outbound", None)]
    assert hours("kofi-novak-2b08") == [("inbound", None), ("outbound", None)]
    mateo = people[normal("mateo-okafor-2b02")]
    assert mateo.reliability["median_response_hours"] == pytest.approx(40.0)
    assert mateo.score is not None
    channels = db.session.scalars(select(Outreach.channel).distinct()).all()
    assert channels == ["message"]


def test_import_linkedin_twice_changes_nothing(app, recruiter):
    run(recruiter, export_zip())
    before = snapshot(recruiter.team_id)

    again = run(recruiter, export_zip(), now=IMPORT_NOW + timedelta(days=1))

    assert again.problems == []
    assert (again.candidates.created, again.candidates.updated) == (0, 0)
    assert again.candidates.skipped == 10
    assert (again.messages.created, again.messages.updated, again.messages.skipped) == (0, 0, 6)
    assert again.connection_requests.created == 0
    assert snapshot(recruiter.team_id) == before


def test_import_linkedin_later_reply_updates_the_outreach(app, recruiter):
    unanswered = [r for r in messages_csv().decode().splitlines()[1:] if "Thanks, yes" not in r]
    first = "\n".join([messages_csv().decode().splitlines()[0], *unanswered]) + "\n"
    run(recruiter, export_zip(messages=first.encode()))

    result = run(recruiter, export_zip())

    # Mateo's reply is new; Sofia's first message already had an answer (her later one).
    assert (result.messages.created, result.messages.updated) == (0, 1)
    mateo = by_url(recruiter.team_id)[normal("mateo-okafor-2b02")]
    row = db.session.scalar(select(Outreach).where(Outreach.candidate_id == mateo.id))
    assert row.responded_at == datetime(2025, 9, 29, 3, 0, tzinfo=UTC)


def test_import_linkedin_removed_stays_removed_and_connected_not_downgraded(
    app, recruiter, make_candidate
):
    removed = make_candidate(
        recruiter,
        full_name="Elena A.",
        profile_url="http://www.linkedin.com/in/Elena-Ahmed-2af8/",
        connection_status="removed",
    )
    connected = make_candidate(
        recruiter,
        full_name="Lena Costaez",
        profile_url=normal("lena-costaez-12cc8"),
        connection_status="connected",
        connected_on=date(2024, 1, 2),
    )

    result = run(recruiter, export_zip())

    assert result.candidates.created == 8
    db.session.refresh(removed)
    db.session.refresh(connected)
    assert removed.connection_status == "removed"
    assert removed.full_name == "Elena A."  # a recruiter's name is kept
    assert removed.company == "Cobalt Retail Group"
    assert (connected.connection_status, connected.connected_on) == ("connected", date(2024, 1, 2))


def test_import_linkedin_matches_by_email_and_keeps_manual_values(app, recruiter, make_candidate):
    signe = make_candidate(
        recruiter,
        full_name="Signe Larsen",
        email="Signe.Larsen@example.org",
        phone="+45 1234",
        notes="Met at PyData",
    )

    result = run(recruiter, connections_csv(), filename="Connections.csv")

    assert (result.candidates.created, result.candidates.updated) == (3, 1)
    db.session.refresh(signe)
    assert signe.profile_url == normal("signe-larsen-2af9")
    assert (signe.phone, signe.notes) == ("+45 1234", "Met at PyData")
    assert signe.connection_status == "connected"
    assert db.session.scalar(select(func.count(Candidate.id))) == 4


def test_import_linkedin_owner_profile_given_once(app, recruiter):
    """Messages alone, with two people in one conversation each: the owner cannot be told."""
    only = messages_csv(
        [
            message(
                "c1",
                ("Ann", "https://www.linkedin.com/in/ann"),
                ("Me", OWNER_URL),
                "2025-01-01 10:00:00 UTC",
                "hi",
            ),
        ]
    )
    refused = run(recruiter, only, filename="messages.csv")
    assert refused.refused
    assert "give the owner's LinkedIn profile URL" in refused.problems[0].message

    result = run(recruiter, only, filename="messages.csv", owner_profile_url=OWNER_URL)

    assert result.problems == []
    assert (result.candidates.created, result.messages.created) == (1, 1)


@pytest.mark.parametrize(
    ("data", "row", "reason"),
    [case[1:] for case in BAD_CONNECTIONS],
    ids=[case[0] for case in BAD_CONNECTIONS],
)
def test_import_bad_file_writes_nothing_and_names_the_row(app, recruiter, data, row, reason):
    result = run(recruiter, export_zip(connections=data))

    assert result.refused
    assert any(
        p.file == "Connections.csv" and p.row == row and reason in p.message
        for p in result.problems
    ), result.problems
    assert snapshot(recruiter.team_id) == {
        "candidates": [],
        "outreach": [],
        "signals": [],
        "audit": 0,
    }


def test_import_skip_bad_rows_imports_the_good_rows(app, recruiter):
    data = connections_csv(dates=["07 Dec 2023", "31 Feb 2024", "23 Jul 2024", "06 Nov 2021"])

    result = run(recruiter, data, filename="Connections.csv", skip_bad_rows=True)

    assert result.accepted
    assert [(p.row, p.file) for p in result.problems] == [(6, "Connections.csv")]
    assert result.candidates.created == 3
    assert normal("signe-larsen-2af9") not in by_url(recruiter.team_id)


def test_import_service_refusal_names_the_row(app, recruiter):
    """A value the candidate rules refuse (a bad email) is a problem on its row too."""
    rows = [["Bad", "Email", "https://www.linkedin.com/in/bad", "not-an-email", "Co", "Dev"]]

    result = run(recruiter, connections_csv(rows=rows, dates=["01 Jan 2024"]))

    assert result.refused
    assert result.problems[0].row == 5
    assert result.problems[0].message.startswith("email: Not a valid email address")
    assert snapshot(recruiter.team_id)["candidates"] == []


def test_import_message_in_the_future_is_a_problem(app, recruiter):
    rows = [
        message(
            "c9",
            ("Morgan Avery", OWNER_URL),
            ("Ann", "https://www.linkedin.com/in/ann"),
            "2026-02-01 10:00:00 UTC",
            "hi",
        ),
        message(
            "c9",
            ("Morgan Avery", OWNER_URL),
            ("Ann", "https://www.linkedin.com/in/ann"),
            "2025-02-01 10:00:00 UTC",
            "hi",
        ),
    ]
    data = export_zip(messages=messages_csv(rows))

    result = run(recruiter, data)

    assert result.refused
    assert [(p.file, p.row) for p in result.problems] == [("messages.csv", 2)]
    assert "future" in result.problems[0].message


def test_import_folder_and_single_files(app, recruiter, tmp_path):
    folder = tmp_path / "Basic_LinkedInDataExport"
    folder.mkdir()
    (folder / "Connections.csv").write_bytes(connections_csv())
    (folder / "Invitations.csv").write_bytes(invitations_csv())

    result = run(recruiter, folder)

    assert result.problems == []
    assert result.candidates.created == 7
    one = run(recruiter, messages_csv(), filename="messages.csv", owner_profile_url=OWNER_URL)
    assert (one.candidates.created, one.candidates.skipped, one.messages.created) == (3, 1, 6)


def test_import_dry_run_is_rolled_back(app, recruiter):
    result = imports.run_import(recruiter, export_zip(), IMPORT_NOW, dry_run=True)
    db.session.rollback()

    assert result.candidates.created == 10
    assert snapshot(recruiter.team_id)["candidates"] == []


def test_import_never_touches_another_recruiters_candidates(app, recruiter, make_recruiter):
    other = make_recruiter()
    candidates.create_candidate(
        other, {"full_name": "Elena", "profile_url": normal("elena-ahmed-2af8")}, IMPORT_NOW
    )
    db.session.commit()
    before = snapshot(other.team_id)

    result = run(recruiter, export_zip())

    assert result.candidates.created == 10
    assert snapshot(other.team_id) == before


def test_unneutralise_inverts_neutralise():
    assert imports.unneutralise("'+1 555 0100") == "+1 555 0100"
    assert imports.unneutralise("'=SUM(A1)") == "=SUM(A1)"
    assert imports.unneutralise("'quoted") == "'quoted"
    assert imports.unneutralise("plain") == "plain"


@pytest.mark.parametrize(
    ("current", "wanted", "expected"),
    [
        ("none", "connected", "connected"),
        ("pending_incoming", "connected", "connected"),
        ("removed", "connected", "removed"),
        ("connected", "pending_incoming", "connected"),
        ("none", "pending_outgoing", "pending_outgoing"),
        ("connected", "none", "connected"),
        ("connected", None, "connected"),
        ("connected", "removed", "removed"),
    ],
)
def test_next_status_only_moves_forward(current, wanted, expected):
    assert imports.next_status(current, wanted) == expected


# --- the generic candidates CSV ----------------------------------------------------------------


def test_import_candidates_report_reimports_without_duplicates(
    app, auth_client, recruiter, make_candidate
):
    make_candidate(recruiter, full_name="Ann Phone", phone="+1 555 0100", company="=Corp")
    make_candidate(recruiter, full_name="Bo Mail", email="bo@example.org", notes="line1\nline2")
    make_candidate(
        recruiter,
        full_name="Cy Url",
        profile_url=normal("cy"),
        connection_status="connected",
        connected_on=date(2024, 5, 6),
        mutual_connections=4,
    )
    exported = auth_client.get("/reports/candidates.csv").data
    before = snapshot(recruiter.team_id)

    result = run(recruiter, exported, filename="reliant-candidates-2026-03-10.csv")

    assert result.kind == "candidates"
    assert result.problems == []
    assert (result.candidates.created, result.candidates.updated) == (0, 0)
    assert result.candidates.skipped == 3
    assert snapshot(recruiter.team_id) == before


def test_import_candidates_csv_creates_and_updates(app, recruiter, make_candidate):
    ann = make_candidate(recruiter, full_name="Ann", email="ann@example.org", company="Old")
    data = (
        b"full_name,email,phone,company,connection_status,connected_on,score\n"
        b"Ann Lee,ann@example.org,,New Co,connected,2024-01-02,99\n"
        b"Ben,,'+44 20 7946 0000,,,,\n"
    )

    result = run(recruiter, data, filename="mine.csv")

    assert (result.candidates.created, result.candidates.updated) == (1, 1)
    db.session.refresh(ann)
    assert (ann.full_name, ann.company, ann.connection_status, ann.connected_on) == (
        "Ann Lee",
        "New Co",
        "connected",
        date(2024, 1, 2),
    )
    ben = db.session.scalar(select(Candidate).where(Candidate.full_name == "Ben"))
    assert ben.phone == "+44 20 7946 0000"


def test_import_candidates_csv_bad_rows_are_named(app, recruiter):
    data = (
        b"full_name,connected_on,mutual_connections,connection_status\n"
        b",2024-01-01,,\n"
        b"Ann,01/02/2024,,\n"
        b"Ben,,many,\n"
        b"Cy,,,friends\n"
    )

    result = run(recruiter, data, filename="mine.csv")

    assert [(p.row, p.message.split(":")[0]) for p in result.problems] == [
        (2, '"full_name" is empty'),
        (3, '"connected_on"'),
        (4, '"mutual_connections"'),
        (5, '"connection_status"'),
    ]
    assert snapshot(recruiter.team_id)["candidates"] == []


# --- the web upload: queued, run in the background ---------------------------------------------


@pytest.fixture(autouse=True)
def _no_web_thread(app, configure):  # type: ignore[no-untyped-def]
    """The tests run the worker themselves, synchronously (``work``), never a thread."""
    configure(IMPORTS_RUN_IN_WEB=False)


def upload(client, data: bytes, filename: str = "export.zip", **fields):  # type: ignore[no-untyped-def]
    form = {"file": (io.BytesIO(data), filename), **fields}
    return client.post("/imports/linkedin", data=form, content_type="multipart/form-data")


def job_of(response) -> int:  # type: ignore[no-untyped-def]
    assert response.status_code == 303, response.text[:2000]
    match = re.fullmatch(r"/imports/linkedin/(\d+)", response.headers["Location"])
    assert match, response.headers["Location"]
    return int(match.group(1))


def work(now: datetime = IMPORT_NOW) -> int | None:
    """What the background worker does with the next queued import."""
    ran = import_worker.run_next(now)
    db.session.expire_all()
    return ran


def previewed(client, data: bytes, filename: str = "export.zip", **fields):  # type: ignore[no-untyped-def]
    """Upload, let the worker run the preview, and show the import's page."""
    job_id = job_of(upload(client, data, filename, **fields))
    assert work() == job_id
    return job_id, client.get(f"/imports/linkedin/{job_id}")


def confirmed(client, job_id: int, **form):  # type: ignore[no-untyped-def]
    """Confirm the preview, let the worker run the import, and show its page."""
    response = client.post(f"/imports/linkedin/{job_id}", data=form)
    if response.status_code != 303:
        return response
    applied = job_of(response)
    assert work() == applied
    return client.get(f"/imports/linkedin/{applied}")


def job_row(job_id: int) -> ImportJob:
    job = db.session.get(ImportJob, job_id)
    assert job is not None
    return job


def test_import_page_renders(auth_client):
    response = auth_client.get("/imports/linkedin")
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.text
    assert "Skip bad rows" in response.text


def test_import_upload_returns_without_running_the_import(app, auth_client, recruiter):
    data = export_zip()

    response = upload(auth_client, data)

    job = job_row(job_of(response))
    assert (job.status, job.phase, job.dry_run, job.data) == ("queued", "queued", True, data)
    assert snapshot(recruiter.team_id)["candidates"] == []
    page = auth_client.get(response.headers["Location"])
    assert page.status_code == 200
    assert "Waiting for a worker" in page.text
    assert 'id="import-progress"' in page.text
    assert f'data-import-status-url="/imports/linkedin/{job.id}/status"' in page.text
    assert "imports.js" in page.text
    assert f'href="/imports/linkedin/{job.id}" id="import-refresh"' in page.text  # no JS


def test_import_upload_previews_then_confirms(app, auth_client, recruiter):
    job_id, preview = previewed(auth_client, export_zip())

    assert preview.status_code == 200, preview.text[:1000]
    assert "Nothing has been written yet" in preview.text
    assert "<td>10</td>" in preview.text  # candidates that would be created
    assert snapshot(recruiter.team_id)["candidates"] == []
    assert job_row(job_id).status == "done"

    done = confirmed(auth_client, job_id)

    assert done.status_code == 200, done.text[:1000]
    assert "The import was saved" in done.text
    assert len(snapshot(recruiter.team_id)["candidates"]) == 10
    assert job_row(job_id).data is None  # the preview gave its file to the import
    again = auth_client.post(f"/imports/linkedin/{job_id}", data={})
    assert again.status_code == 404
    assert "expired or was already imported" in again.text


def test_import_worker_counts_progress_and_records_the_result(app, auth_client, recruiter):
    job_id = job_of(upload(auth_client, export_zip()))
    early = auth_client.post(f"/imports/linkedin/{job_id}", data={})
    # A preview not yet run cannot be confirmed: back to its progress, saying why.
    assert (early.status_code, early.headers["Location"]) == (303, f"/imports/linkedin/{job_id}")
    assert "still being read" in auth_client.get(early.headers["Location"]).text
    assert db.session.scalar(select(func.count()).select_from(ImportJob)) == 1  # none queued

    assert work() == job_id

    assert job_row(job_id).status == "done"
    confirm = job_of(auth_client.post(f"/imports/linkedin/{job_id}", data={}))
    assert work() == confirm
    job = job_row(confirm)
    assert (job.status, job.phase, job.dry_run) == ("done", "finished", False)
    assert job.rows_total == job.rows_read == job.rows_applied == 10 + 6
    assert job.started_at == job.finished_at == IMPORT_NOW
    assert job.result["candidates"]["created"] == 10
    assert work() is None  # nothing left queued


def test_import_worker_leaves_fresh_statistics_and_on_postgresql_vacuums(app, auth_client):
    """After an applied import the planner knows the new rows (SQLite: ANALYZE's statistics;
    PostgreSQL: VACUUM (ANALYZE), so counts read the index alone without autovacuum)."""
    postgres = db.session.get_bind().dialect.name == "postgresql"
    if postgres:
        db.session.execute(text("SELECT pg_stat_clear_snapshot()"))
        before = db.session.scalar(text(VACUUMED))
        db.session.commit()
    else:
        db.session.execute(text("DELETE FROM sqlite_stat1"))
        db.session.commit()
    job_id, _ = previewed(auth_client, export_zip())
    confirmed(auth_client, job_id)
    if postgres:
        db.session.execute(text("SELECT pg_stat_clear_snapshot()"))
        after = db.session.scalar(text(VACUUMED))
        assert after is not None and (before is None or after > before), (before, after)
    else:
        tables = set(db.session.scalars(text("SELECT tbl FROM sqlite_stat1")))
        assert {"candidate", "outreach"} <= tables


VACUUMED = "SELECT last_vacuum FROM pg_stat_user_tables WHERE relname = 'candidate'"


def test_import_progress_is_reported_by_phase(app, recruiter):
    seen: list[tuple[str, int, int, int | None]] = []

    imports.run_import(
        recruiter, export_zip(), IMPORT_NOW, progress=lambda *step: seen.append(step)
    )
    db.session.rollback()

    phases = [step[0] for step in seen]
    assert phases[:3] == ["reading", "matching", "applying"]
    assert seen[1] == ("matching", 16, 0, 16)
    assert seen[-1] == ("applying", 16, 16, 16)


def test_import_status_json_follows_the_job(app, auth_client, recruiter):
    job_id = job_of(upload(auth_client, export_zip()))

    queued = auth_client.get(f"/imports/linkedin/{job_id}/status")
    work()
    done = auth_client.get(f"/imports/linkedin/{job_id}/status")

    assert queued.json["status"] == "queued"
    assert queued.json["percent"] is None
    assert done.json["status"] == "done"
    assert done.json["percent"] == 100
    assert done.json["candidates"] == {
        "created": 10,
        "updated": 0,
        "skipped": 0,
        "possible_duplicates": 0,
    }


@pytest.mark.parametrize(
    ("data", "row", "reason"),
    [case[1:] for case in BAD_CONNECTIONS],
    ids=[case[0] for case in BAD_CONNECTIONS],
)
def test_import_upload_bad_file_is_refused_naming_the_row(
    app, auth_client, recruiter, data, row, reason
):
    job_id, preview = previewed(auth_client, export_zip(connections=data))

    assert job_row(job_id).status == "failed"
    assert "would be refused" in preview.text
    assert f"<td>Connections.csv</td><td>{row}</td>" in preview.text
    assert str(escape(reason)) in preview.text
    refused = confirmed(auth_client, job_id)
    assert "refused" in refused.text
    assert snapshot(recruiter.team_id)["candidates"] == []


def test_import_failed_import_changes_nothing_and_shows_its_errors(
    app, auth_client, recruiter, make_candidate
):
    make_candidate(recruiter, full_name="Kept")
    db.session.commit()
    before = snapshot(recruiter.team_id)
    data = connections_csv(dates=["07 Dec 2023", "31 Feb 2024", "23 Jul 2024", "06 Nov 2021"])
    job_id, _ = previewed(auth_client, data, "Connections.csv")

    page = confirmed(auth_client, job_id)  # without skipping the bad row

    assert page.status_code == 200
    assert "Import refused: 1 problem; nothing was written." in page.text
    assert "<td>Connections.csv</td><td>6</td>" in page.text
    assert snapshot(recruiter.team_id) == before
    applied = db.session.scalar(select(ImportJob).where(ImportJob.preview_id == job_id))
    assert (applied.status, applied.error) == (
        "failed",
        "Import refused: 1 problem; nothing was written.",
    )


def test_import_crash_is_failed_and_rolled_back(app, auth_client, recruiter, monkeypatch):
    job_id, _ = previewed(auth_client, export_zip())
    applied = job_of(auth_client.post(f"/imports/linkedin/{job_id}", data={}))

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("recruiter.services.outreach.create_outreach_many", broken)
    assert work() == applied

    job = job_row(applied)
    assert job.status == "failed"
    assert "nothing was written: RuntimeError: disk on fire" in job.error
    assert snapshot(recruiter.team_id)["candidates"] == []
    page = auth_client.get(f"/imports/linkedin/{applied}")
    assert "disk on fire" in page.text


def test_import_stale_running_import_becomes_failed(app, recruiter):
    job = imports.background.queue_import(
        recruiter, export_zip(), "export.zip", IMPORT_NOW, dry_run=False
    )
    db.session.commit()
    claimed = imports.background.claim(IMPORT_NOW)
    db.session.commit()
    assert claimed is not None and claimed.status == "running"

    assert work(IMPORT_NOW + timedelta(minutes=5)) is None  # still beating recently enough
    assert job_row(job.id).status == "running"
    work(IMPORT_NOW + imports.background.STALE_AFTER + timedelta(seconds=1))

    stale = job_row(job.id)
    assert stale.status == "failed"
    assert stale.error == imports.background.STALE_MESSAGE
    assert snapshot(recruiter.team_id)["candidates"] == []


def test_import_claim_takes_a_queued_import_once(app, recruiter):
    job = imports.background.queue_import(
        recruiter, export_zip(), "export.zip", IMPORT_NOW, dry_run=True
    )
    db.session.commit()

    first = imports.background.claim(IMPORT_NOW)
    second = imports.background.claim(IMPORT_NOW)

    assert first is not None and first.id == job.id
    assert second is None
    assert db.session.scalar(select(ImportJob.status).where(ImportJob.id == job.id)) == "running"


def test_import_upload_refused_then_skip_bad_rows(app, auth_client, recruiter):
    data = connections_csv(dates=["07 Dec 2023", "31 Feb 2024", "23 Jul 2024", "06 Nov 2021"])

    job_id, preview = previewed(auth_client, data, "Connections.csv")

    assert "would be refused" in preview.text
    assert "<td>Connections.csv</td><td>6</td>" in preview.text
    assert "31 Feb 2024" in preview.text

    done = confirmed(auth_client, job_id, skip_bad_rows="y")

    assert done.status_code == 200
    assert "left out" in done.text
    assert len(snapshot(recruiter.team_id)["candidates"]) == 3


def test_import_upload_is_the_owners_only(app, client, recruiter, make_recruiter):
    other = make_recruiter(email="other@example.com")
    login(client, recruiter.email)
    job_id, _ = previewed(client, export_zip())
    client.post("/logout")
    login(client, other.email, PASSWORD)

    assert client.get(f"/imports/linkedin/{job_id}").status_code == 404
    assert client.get(f"/imports/linkedin/{job_id}/status").status_code == 404
    assert client.post(f"/imports/linkedin/{job_id}/discard", data={}).status_code == 404
    response = client.post(f"/imports/linkedin/{job_id}", data={})

    assert response.status_code == 404
    assert work() is None
    assert snapshot(other.team_id)["candidates"] == []
    assert snapshot(recruiter.team_id)["candidates"] == []


@pytest.mark.parametrize("job_id", ["../../secret_key", "short", "a" * 100, "99999999999"])
def test_import_confirm_refuses_odd_ids(auth_client, job_id):
    response = auth_client.post(f"/imports/linkedin/{job_id}", data={})
    assert response.status_code == 404


def test_import_upload_past_the_size_limit_gets_a_clear_message(
    app, configure, auth_client, recruiter
):
    configure(MAX_CONTENT_LENGTH=4096)

    response = upload(auth_client, b"x" * 10_000, "Connections.csv")

    assert response.status_code == 413
    assert "larger than the 4 KB upload limit" in response.text
    assert db.session.scalar(select(func.count(ImportJob.id))) == 0


def test_import_upload_needs_a_file(auth_client):
    response = auth_client.post("/imports/linkedin", data={}, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Choose a file to import." in response.text


def test_import_preview_files_expire(app, auth_client, recruiter):
    job_id, _ = previewed(auth_client, export_zip())
    created = job_row(job_id).created_at

    assert imports.background.purge_expired(created + timedelta(minutes=59)) == 0
    assert imports.background.purge_expired(created + timedelta(hours=1, seconds=1)) == 1

    db.session.commit()
    assert job_row(job_id).data is None
    assert (
        "already imported, deleted or has expired"
        in auth_client.get(f"/imports/linkedin/{job_id}").text
    )


def test_import_page_requires_login(client, recruiter):
    response = client.get("/imports/linkedin")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_import_scheduler_job_runs_queued_imports(app, recruiter):
    imports.background.queue_import(
        recruiter, export_zip(), "export.zip", IMPORT_NOW, dry_run=False
    )
    db.session.commit()

    (result,) = jobs.run_all(IMPORT_NOW, {"imports"})

    assert (result.ok, result.summary) == (True, "1 import run")
    assert len(snapshot(recruiter.team_id)["candidates"]) == 10


# --- the API -----------------------------------------------------------------------------------


def api_upload(api, data: bytes, filename: str = "export.zip", **fields):  # type: ignore[no-untyped-def]
    form = {"file": (io.BytesIO(data), filename), **fields}
    return api.client.post(
        "/api/v1/imports/linkedin",
        data=form,
        headers=api.headers,
        content_type="multipart/form-data",
    )


def api_run(api, data: bytes, filename: str = "export.zip", **fields):  # type: ignore[no-untyped-def]
    """Queue over the API, let the worker run it, answer the import's status."""
    queued = api_upload(api, data, filename, **fields)
    assert queued.status_code == 202, queued.json
    assert queued.json["status"] == "queued"
    assert queued.headers["Location"] == f"/api/v1/imports/{queued.json['id']}"
    assert work() == queued.json["id"]
    return api.client.get(queued.headers["Location"], headers=api.headers)


def test_api_import_dry_run_then_apply(app, api, recruiter):
    dry = api_run(api, export_zip(), dry_run="true")

    assert dry.status_code == 200, dry.json
    assert dry.json["status"] == "done"
    assert dry.json["candidates"] == {
        "created": 10,
        "updated": 0,
        "skipped": 0,
        "possible_duplicates": 0,
    }
    assert dry.json["messages"]["created"] == 6
    assert dry.json["applied"] is False
    assert snapshot(recruiter.team_id)["candidates"] == []

    applied = api_run(api, export_zip())

    assert applied.json["status"] == "done"
    assert applied.json["applied"] is True
    assert (applied.json["rows_read"], applied.json["rows_applied"]) == (16, 16)
    assert len(snapshot(recruiter.team_id)["candidates"]) == 10
    again = api_run(api, export_zip())
    assert again.json["applied"] is True
    assert again.json["candidates"] == {
        "created": 0,
        "updated": 0,
        "skipped": 10,
        "possible_duplicates": 0,
    }


def test_api_import_status_while_queued(app, api):
    queued = api_upload(api, export_zip())

    status = api.client.get(queued.headers["Location"], headers=api.headers)

    assert status.status_code == 200
    assert {k: status.json[k] for k in ("status", "phase", "rows_read", "applied")} == {
        "status": "queued",
        "phase": "queued",
        "rows_read": 0,
        "applied": False,
    }


def test_api_import_of_another_recruiter_is_404(app, api, make_api, make_recruiter):
    queued = api_upload(api, export_zip())
    other = make_api(make_recruiter(email="other@example.com"))

    response = other.client.get(queued.headers["Location"], headers=other.headers)

    assert response.status_code == 404
    assert "error" in response.json


@pytest.mark.parametrize(
    ("data", "row", "reason"),
    [case[1:] for case in BAD_CONNECTIONS],
    ids=[case[0] for case in BAD_CONNECTIONS],
)
def test_api_import_refused_lists_problems_and_writes_nothing(
    app, api, recruiter, data, row, reason
):
    response = api_run(api, data, "Connections.csv")

    assert response.json["status"] == "failed"
    assert response.json["errors"] == ["Import refused: 1 problem; nothing was written."]
    problems = response.json["problems"]
    assert {"file": "Connections.csv", "row": row} == {k: problems[0][k] for k in ("file", "row")}
    assert reason in problems[0]["message"]
    assert snapshot(recruiter.team_id)["candidates"] == []


def test_api_import_skip_bad_rows(app, api, recruiter):
    data = connections_csv(dates=["07 Dec 2023", "31 Feb 2024", "23 Jul 2024", "06 Nov 2021"])

    response = api_run(api, data, "Connections.csv", skip_bad_rows="true")

    assert response.json["status"] == "done"
    assert response.json["candidates"]["created"] == 3
    assert response.json["problems"][0]["row"] == 6


def test_api_import_checks_fields(api):
    missing = api.client.post(
        "/api/v1/imports/linkedin",
        data={},
        headers=api.headers,
        content_type="multipart/form-data",
    )
    assert missing.status_code == 422
    assert "file" in missing.json["error"]["fields"]
    bad_flag = api_upload(api, export_zip(), dry_run="maybe")
    assert bad_flag.status_code == 422
    assert bad_flag.json["error"]["fields"] == {"dry_run": ["Use true or false."]}
    assert db.session.scalar(select(func.count(ImportJob.id))) == 0


def test_api_import_past_the_size_limit(app, configure, api):
    configure(MAX_CONTENT_LENGTH=4096)
    response = api_upload(api, b"x" * 10_000, "Connections.csv")
    assert response.status_code == 413
    assert "larger than" in response.json["error"]["message"]


def test_api_import_needs_a_token(client):
    response = client.post("/api/v1/imports/linkedin", data={})
    assert response.status_code == 401
    assert client.get("/api/v1/imports/1").status_code == 401


def test_import_upload_discard_deletes_the_file(app, auth_client, recruiter):
    job_id, _ = previewed(auth_client, export_zip())
    assert job_row(job_id).data is not None

    response = auth_client.post(f"/imports/linkedin/{job_id}/discard", data={})

    assert response.status_code == 302
    assert job_row(job_id).data is None
    assert auth_client.post(f"/imports/linkedin/{job_id}", data={}).status_code == 404
    assert snapshot(recruiter.team_id)["candidates"] == []


def test_import_upload_with_the_owners_profile(app, auth_client, recruiter):
    only = messages_csv(
        [
            message(
                "c1",
                ("Ann", "https://www.linkedin.com/in/ann"),
                ("Me", OWNER_URL),
                "2025-01-01 10:00:00 UTC",
                "hi",
            )
        ]
    )
    _, refused = previewed(auth_client, only, "messages.csv")
    assert "give the owner&#39;s LinkedIn profile URL" in refused.text

    job_id, preview = previewed(auth_client, only, "messages.csv", owner_profile_url=OWNER_URL)

    assert "Nothing has been written yet" in preview.text, preview.text[:1000]
    done = confirmed(auth_client, job_id)
    assert "The import was saved" in done.text
    assert db.session.scalar(select(func.count(Outreach.id))) == 1


@pytest.mark.parametrize(
    ("data", "filename", "says"),
    [
        (b"", "export.zip", "is empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(40), "export.csv", "is a PNG image"),
        (b"PK\x03\x04garbage", "export.zip", "is not a readable zip file"),
    ],
)
def test_imports_wrong_file_says_what_it_is_and_what_was_expected(
    auth_client, data, filename, says
):
    _, response = previewed(auth_client, data, filename)
    text = response.get_data(as_text=True)
    assert says in text
    assert "Get a copy of your data" in text or "LinkedIn export" in text
    assert "Fix the rows listed below" not in text  # there are no rows to fix


def test_import_web_thread_runs_an_upload_by_itself(app, configure, auth_client, recruiter):
    """With IMPORTS_RUN_IN_WEB (the default), the web process's thread runs the queued
    import: nobody calls the worker here."""
    configure(IMPORTS_RUN_IN_WEB=True)
    job_id = job_of(upload(auth_client, export_zip()))
    try:
        deadline = time.monotonic() + 60
        while True:
            db.session.expire_all()
            status = db.session.get(ImportJob, job_id).status
            if status in ("done", "failed") or time.monotonic() > deadline:
                break
            time.sleep(0.05)
    finally:
        import_worker.wait_idle()
    assert status == "done"
    assert "Import preview" in auth_client.get(f"/imports/linkedin/{job_id}").text
