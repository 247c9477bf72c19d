"""The LinkedIn import reports possible duplicates (same name at the same company, or matched by
e-mail to a candidate with another profile URL) in its result: counts and rows, on the import
page and in ``GET /api/v1/imports/<id>``, read set-based, and never refusing the import."""

from __future__ import annotations

import re

from sqlalchemy import event, func, select

from recruiter.extensions import db
from recruiter.models import Candidate, CandidateAlias
from recruiter.services import merging
from tests.linkedin_export import IMPORT_NOW, connections_csv, normal, url
from tests.test_imports import api_run, confirmed, previewed, run

ROWS = [
    # Like "Chloé Durand" at "Société Générale" below, with another profile: created, flagged.
    ["chloe", "DURAND", url("chloe-durand-2"), "", "societe generale", "Dev"],
    # The same e-mail as Signe, another profile: matched by e-mail (updated), flagged.
    ["Signe", "Larsen", url("signe-larsen-new"), "signe@example.org", "Summit", "QA"],
    # Nobody like them.
    ["Mateo", "Okafor", url("mateo-okafor"), "", "Northwind", "Analyst"],
]
DATES = ["07 Dec 2023", "02 Apr 2023", "23 Jul 2024"]


def existing(recruiter, make_candidate):  # type: ignore[no-untyped-def]
    chloe = make_candidate(
        recruiter,
        full_name="Chloé Durand",
        company="Société Générale",
        profile_url=normal("chloe-durand"),
    )
    signe = make_candidate(
        recruiter,
        full_name="Signe L.",
        email="signe@example.org",
        profile_url=normal("signe-larsen-old"),
    )
    return chloe, signe


def test_import_reports_possible_duplicates_in_its_result(app, recruiter, make_candidate):
    chloe, signe = existing(recruiter, make_candidate)

    result = run(recruiter, connections_csv(ROWS, DATES), filename="Connections.csv")

    assert not result.refused
    assert (result.candidates.created, result.candidates.updated) == (2, 1)
    assert result.candidates.possible_duplicates == 2
    flagged = {d.full_name: d for d in result.possible_duplicates}
    assert set(flagged) == {"chloe DURAND", "Signe Larsen"}
    created = flagged["chloe DURAND"]
    assert (created.action, created.reasons, created.existing_ids) == (
        "created",
        ["name_company"],
        [chloe.id],
    )
    assert created.existing_names == ["Chloé Durand"]
    assert created.row is not None and created.file == "Connections.csv"
    matched = flagged["Signe Larsen"]
    assert (matched.action, matched.reasons, matched.existing_ids) == (
        "matched",
        ["email"],
        [signe.id],
    )
    db.session.refresh(signe)
    assert signe.profile_url == normal("signe-larsen-old")  # kept, not overwritten
    assert db.session.scalar(select(func.count(Candidate.id))) == 4


def test_import_reads_possible_duplicates_set_based(app, recruiter, make_candidate):
    """However many rows, the duplicate look-up is a couple of statements, not one per row."""
    existing(recruiter, make_candidate)
    many = [
        [f"Person{i}", "Test", url(f"person-{i}"), f"p{i}@example.org", "Acme", "Dev"]
        for i in range(60)
    ]
    statements: list[str] = []

    def count(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        # IN on SQLite, = ANY of one array on PostgreSQL (``planner.among``)
        if re.search(r"name_company_key (IN|= ANY)", statement, re.IGNORECASE):
            statements.append(statement)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        result = run(
            recruiter, connections_csv(many, ["07 Dec 2023"] * 60), filename="Connections.csv"
        )
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert result.candidates.created == 60
    assert result.possible_duplicates == []
    assert len(statements) == 1


def test_import_possible_duplicates_do_not_refuse_and_are_on_the_preview_and_result_pages(
    app, auth_client, recruiter, make_candidate
):
    chloe, _ = existing(recruiter, make_candidate)
    job_id, preview = previewed(auth_client, connections_csv(ROWS, DATES), "Connections.csv")
    page = preview.get_data(as_text=True)
    assert 'id="import-duplicates"' in page
    assert "2 possible duplicates" in page
    assert f'href="/candidates/{chloe.id}"' in page
    assert "would be created" in page

    done = confirmed(auth_client, job_id).get_data(as_text=True)
    assert 'id="import-done"' in done
    assert 'id="import-duplicates"' in done
    assert "same name at the same company" in done


def test_api_import_lists_possible_duplicates(app, api, recruiter, make_candidate):
    chloe, signe = existing(recruiter, make_candidate)
    response = api_run(api, connections_csv(ROWS, DATES), "Connections.csv")
    assert response.status_code == 200, response.json
    body = response.json
    assert body["status"] == "done"
    assert body["candidates"]["possible_duplicates"] == 2
    rows = {r["full_name"]: r for r in body["possible_duplicates"]}
    assert rows["chloe DURAND"]["existing_ids"] == [chloe.id]
    assert rows["chloe DURAND"]["action"] == "created"
    assert rows["Signe Larsen"]["existing_ids"] == [signe.id]
    assert rows["Signe Larsen"]["reasons"] == ["email"]


def test_import_after_a_merge_finds_the_candidate_kept(app, recruiter, make_candidate):
    """The duplicate's profile URL stays with the candidate it was merged into: importing it
    again updates that candidate instead of making the duplicate again."""
    chloe, _ = existing(recruiter, make_candidate)
    run(recruiter, connections_csv(ROWS, DATES), filename="Connections.csv")
    twin = db.session.scalar(
        select(Candidate).where(Candidate.profile_url == normal("chloe-durand-2"))
    )
    merging.merge_candidates(recruiter, twin, chloe, IMPORT_NOW)
    db.session.commit()

    again = run(recruiter, connections_csv(ROWS, DATES), filename="Connections.csv")

    assert again.candidates.created == 0
    assert [d.full_name for d in again.possible_duplicates] == ["Signe Larsen"]
    assert db.session.scalar(select(func.count(Candidate.id))) == 3


def test_import_compares_each_person_with_what_earlier_rows_wrote(app, recruiter, make_candidate):
    """The import reads matched candidates as plain rows and loads the ones it writes to: a
    later row about the same candidate (by an alias URL, or by the e-mail an earlier row gave
    them) is compared with what the earlier row wrote, not with the row as first read."""
    ada = make_candidate(
        recruiter, full_name="Ada L.", company="Old Co", profile_url=normal("ada-now")
    )
    db.session.add(
        CandidateAlias(team_id=ada.team_id, candidate_id=ada.id, profile_url=normal("ada-was"))
    )
    db.session.commit()
    rows = [
        ["Ada", "Lovelace", url("ada-now"), "ada@example.org", "New Co", "Engineer"],
        ["Ada", "Lovelace", url("ada-was"), "", "Old Co", "Engineer"],
    ]

    result = run(recruiter, connections_csv(rows, DATES[:2]), filename="Connections.csv")

    assert result.problems == []
    assert (result.candidates.created, result.candidates.updated) == (0, 2)
    db.session.expire_all()
    assert (ada.company, ada.email, ada.title) == ("Old Co", "ada@example.org", "Engineer")
    again = run(recruiter, connections_csv(rows, DATES[:2]), filename="Connections.csv")
    assert (again.candidates.updated, again.candidates.skipped) == (2, 0)
