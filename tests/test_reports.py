"""CSV reports: header and rows for a known data set, filters, the recruiter's zone, safe cells,
the download headers, and never another recruiter's rows (web page and API)."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from recruiter import csvsafe
from recruiter.extensions import db
from recruiter.models import Candidate, Outreach, Suggestion
from recruiter.services import (
    ServiceError,
    accounts,
    candidates,
    clients,
    interviews,
    outreach,
    reports,
)
from recruiter.services.filters import window
from recruiter.services.interviews import EventData
from tests.conftest import NOW

PARIS = "Europe/Paris"  # UTC+1 in March 2026 (summer time starts on the 29th)
DAY = timedelta(days=1)


def parse(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), data[:20]
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def rows_of(report: reports.Report) -> list[list[str]]:
    text = "".join(csvsafe.csv_lines(report.header, report.rows))
    return list(csv.reader(io.StringIO(text.removeprefix(csvsafe.BOM), newline="")))[1:]


def add_suggestion(owner, candidate, interview=None, **kw):  # type: ignore[no-untyped-def]
    values = {
        "kind": "remove_connection",
        "status": "open",
        "reasons": ["Confirmed, then did not show up", "No answer to 2 follow-ups"],
        "evidence": {},
        "created_at": NOW - timedelta(hours=2),
    }
    values.update(kw)
    row = Suggestion(
        team_id=owner.team_id,
        candidate_id=candidate.id,
        interview_id=interview.id if interview else None,
        key=f"test:{candidate.id}:{values['kind']}:{interview.id if interview else 0}",
        **values,
    )
    db.session.add(row)
    db.session.commit()
    return row


@pytest.fixture
def data(app, recruiter, make_recruiter, make_candidate, make_client, make_interview):  # type: ignore[no-untyped-def]
    """Morgan (Paris time) with two candidates and their history; Riley with a secret one."""
    accounts.update_settings(recruiter, recruiter.name, PARIS)
    db.session.commit()
    acme = make_client(recruiter, name="Acme Fintech")
    zoe = make_candidate(
        recruiter,
        now=NOW - 20 * DAY,
        full_name="Zoë Łukasiewicz",
        email="zoe@example.org",
        phone="+1 555 0100",
        profile_url="https://www.linkedin.com/in/zoe/",
        company="Acme",
        title="Engineer",
        location="Kraków",
        connection_status="connected",
        connected_on=date(2024, 3, 15),
        mutual_connections=3,
        notes='=HYPERLINK("http://evil.example","click")',
    )
    bob = make_candidate(recruiter, full_name="Bob Builder")
    attended = make_interview(
        recruiter,
        zoe,
        now=NOW - 10 * DAY,
        scheduled_at=NOW - 3 * DAY,
        client_id=acme.id,
        role="Data engineer",
        events=(("confirmed", NOW - 5 * DAY), ("attended", NOW - 3 * DAY + timedelta(hours=1))),
    )
    no_show = make_interview(
        recruiter,
        zoe,
        now=NOW - 10 * DAY,
        scheduled_at=NOW - 2 * DAY,
        client_id=acme.id,
        role="-2+3",
        events=(("confirmed", NOW - 6 * DAY), ("no_show", NOW - 2 * DAY + timedelta(hours=1))),
    )
    cancelled = make_interview(
        recruiter,
        bob,
        now=NOW - 2 * DAY,
        scheduled_at=NOW + DAY,
        events=(
            EventData("rescheduled", NOW - DAY, by="candidate", new_scheduled_at=NOW + 2 * DAY),
            EventData("cancelled", NOW, by="client", reason="Role filled"),
        ),
    )
    outreach.create_outreach(
        recruiter,
        {
            "candidate_id": zoe.id,
            "channel": "call",
            "sent_at": NOW - DAY,
            "responded_at": NOW - DAY + timedelta(hours=3),
            "note": "@mention her",
        },
        NOW,
    )
    outreach.create_outreach(
        recruiter,
        {"candidate_id": bob.id, "channel": "email", "direction": "inbound", "sent_at": NOW},
        NOW,
    )
    db.session.commit()
    add_suggestion(recruiter, zoe, no_show)
    riley = make_recruiter(email="riley@example.com")
    sam = make_candidate(riley, full_name="Secret Sam", company="Hidden Co")
    secret_interview = make_interview(riley, sam, role="Secret role", client_id=None)
    outreach.create_outreach(
        riley, {"candidate_id": sam.id, "channel": "text", "sent_at": NOW, "note": "Secret"}, NOW
    )
    db.session.commit()
    add_suggestion(riley, sam, secret_interview)
    for row in (zoe, bob):
        db.session.refresh(row)
    return {
        "owner": recruiter,
        "other": riley,
        "zoe": zoe,
        "bob": bob,
        "acme": acme,
        "attended": attended,
        "no_show": no_show,
        "cancelled": cancelled,
    }


def build(owner, name, **args):  # type: ignore[no-untyped-def]
    return reports.build(owner, name, reports.parse_filters(name, args), NOW)


def score_cells(candidate: Candidate) -> list[str]:
    reliability = candidate.reliability or {}
    components = reliability.get("components") or {}

    def fmt(value, digits):  # type: ignore[no-untyped-def]
        return "" if value is None else str(round(value, digits))

    return [
        fmt(candidate.score, 1),
        fmt(candidate.score_low, 1),
        fmt(candidate.score_high, 1),
        candidate.confidence,
        *(fmt(components.get(name), 3) for name in reports.COMPONENTS),
        fmt(candidate.no_show_probability, 3),
        fmt(reliability.get("median_response_hours"), 1),
    ]


# --- rows for a known data set -----------------------------------------------------------------


def test_report_candidates_header_and_rows(data):
    zoe, bob = data["zoe"], data["bob"]

    report = build(data["owner"], "candidates")

    assert report.header == reports.CANDIDATE_COLUMNS
    assert report.header[:3] == ("candidate_id", "full_name", "email")
    assert report.header[-5:] == ("interviews", "attended", "no_shows", "ghosted", "last_contact")
    assert rows_of(report) == [
        [str(bob.id), "Bob Builder", "", "", "", "", "", "", "none", "", "", "", *score_cells(bob)]
        + ["1", "0", "0", "0", "2026-03-10 13:00"],
        [
            str(zoe.id),
            "Zoë Łukasiewicz",
            "zoe@example.org",
            "'+1 555 0100",
            "https://linkedin.com/in/zoe",
            "Acme",
            "Engineer",
            "Kraków",
            "connected",
            "2024-03-15",
            "3",
            '\'=HYPERLINK("http://evil.example","click")',
            *score_cells(zoe),
            "2",
            "1",
            "1",
            "1",
            "2026-03-09 16:00",  # the reply, 15:00 UTC, in Paris
        ],
    ]
    assert zoe.score is not None


def test_report_interviews_header_and_rows(data):
    zoe, bob = data["zoe"], data["bob"]

    report = build(data["owner"], "interviews")

    assert report.header == reports.INTERVIEW_COLUMNS
    assert rows_of(report) == [
        [
            str(data["cancelled"].id),
            str(bob.id),
            "Bob Builder",
            "",
            "",
            "2026-03-12 13:00",
            "2026-03-11 13:00",
            "60",
            "cancelled",
            "",
            "cancelled",
            "client",
            "48.0",
            "1",
            "no",
        ],
        [
            str(data["no_show"].id),
            str(zoe.id),
            "Zoë Łukasiewicz",
            "Acme Fintech",
            "'-2+3",
            "2026-03-08 13:00",
            "2026-03-08 13:00",
            "60",
            "no_show",
            "2026-03-04 13:00",
            "no_show",
            "",
            "",
            "0",
            "no",
        ],
        [
            str(data["attended"].id),
            str(zoe.id),
            "Zoë Łukasiewicz",
            "Acme Fintech",
            "Data engineer",
            "2026-03-07 13:00",
            "2026-03-07 13:00",
            "60",
            "attended",
            "2026-03-05 13:00",
            "attended",
            "",
            "",
            "0",
            "no",
        ],
    ]


def test_report_outreach_header_and_rows(data):
    zoe, bob = data["zoe"], data["bob"]

    report = build(data["owner"], "outreach")

    assert report.header == reports.OUTREACH_COLUMNS
    rows = rows_of(report)
    assert [row[1:] for row in rows] == [
        [str(bob.id), "Bob Builder", "email", "inbound", "2026-03-10 13:00", "", "", "", ""],
        [
            str(zoe.id),
            "Zoë Łukasiewicz",
            "call",
            "outbound",
            "2026-03-09 13:00",
            "2026-03-09 16:00",
            "3.0",
            "",
            "'@mention her",
        ],
    ]


def test_report_suggestions_header_and_rows(data):
    zoe = data["zoe"]

    report = build(data["owner"], "suggestions")

    assert report.header == reports.SUGGESTION_COLUMNS
    [row] = rows_of(report)
    assert row[1:] == [
        str(zoe.id),
        "Zoë Łukasiewicz",
        str(data["no_show"].id),
        "remove_connection",
        "open",
        "Confirmed, then did not show up; No answer to 2 follow-ups",
        "2026-03-10 11:00",
        "",
        "",
    ]


# --- filters -----------------------------------------------------------------------------------


def names(report: reports.Report, column: str = "full_name") -> list[str]:
    index = report.header.index(column)
    return [row[index] for row in rows_of(report)]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ({}, ["Bob Builder", "Zoë Łukasiewicz"]),
        ({"connection_status": "connected"}, ["Zoë Łukasiewicz"]),
        ({"q": "ZOE@"}, ["Zoë Łukasiewicz"]),
        ({"from": "2026-03-10"}, ["Bob Builder"]),
        ({"to": "2026-02-28"}, ["Zoë Łukasiewicz"]),
        ({"sort": "-name"}, ["Zoë Łukasiewicz", "Bob Builder"]),
        ({"page": "3", "unknown": "x"}, ["Bob Builder", "Zoë Łukasiewicz"]),
    ],
)
def test_report_candidates_filters(data, args, expected):
    assert names(build(data["owner"], "candidates", **args)) == expected


def test_report_candidates_client_and_score_filters(data):
    owner, zoe = data["owner"], data["zoe"]
    assert names(build(owner, "candidates", client_id=str(data["acme"].id))) == [zoe.full_name]
    scored = sorted(c.full_name for c in (data["zoe"], data["bob"]) if c.score is not None)
    assert sorted(names(build(owner, "candidates", min_score="0", max_score="100"))) == scored
    above = build(owner, "candidates", min_score=str(zoe.score), max_score=str(zoe.score))
    assert names(above) == [zoe.full_name]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ({"status": "no_show"}, ["no_show"]),
        ({"client_id": "CLIENT"}, ["no_show", "attended"]),
        ({"scheduled_from": "2026-03-08", "scheduled_to": "2026-03-08"}, ["no_show"]),
        ({"scheduled_from": "2026-03-11"}, ["cancelled"]),
    ],
)
def test_report_interviews_filters(data, args, expected):
    args = {k: str(data["acme"].id) if v == "CLIENT" else v for k, v in args.items()}
    assert names(build(data["owner"], "interviews", **args), "status") == expected


def test_report_date_range_is_in_the_recruiters_zone(data, make_interview):
    """23:30 UTC on the 8th is 00:30 on the 9th in Paris."""
    owner = data["owner"]
    late = datetime(2026, 3, 8, 23, 30, tzinfo=UTC)
    row = make_interview(owner, data["bob"], now=late - DAY, scheduled_at=late)

    ninth = build(owner, "interviews", scheduled_from="2026-03-09", scheduled_to="2026-03-09")
    eighth = build(owner, "interviews", scheduled_from="2026-03-08", scheduled_to="2026-03-08")

    [cells] = rows_of(ninth)
    assert (cells[0], cells[5]) == (str(row.id), "2026-03-09 00:30")
    assert str(row.id) not in names(eighth, "interview_id")


def test_report_outreach_and_suggestion_filters(data):
    owner, zoe = data["owner"], data["zoe"]
    assert names(build(owner, "outreach", candidate_id=str(zoe.id)), "candidate") == [zoe.full_name]
    assert names(build(owner, "outreach", direction="inbound"), "candidate") == ["Bob Builder"]
    assert names(build(owner, "outreach", sent_to="2026-03-09"), "candidate") == [zoe.full_name]
    assert names(build(owner, "suggestions", status="dismissed"), "kind") == []
    open_ones = build(owner, "suggestions", status="open", kind="remove_connection")
    assert names(open_ones, "candidate") == [zoe.full_name]


@pytest.mark.parametrize(
    ("name", "args", "field"),
    [
        ("candidates", {"min_score": "abc"}, "min_score"),
        ("candidates", {"max_score": "101"}, "max_score"),
        ("candidates", {"min_score": "80", "max_score": "20"}, "max_score"),
        ("candidates", {"connection_status": "friends"}, "connection_status"),
        ("candidates", {"client_id": "x"}, "client_id"),
        ("candidates", {"sort": "age"}, "sort"),
        ("interviews", {"status": "maybe"}, "status"),
        ("interviews", {"scheduled_from": "2026-13-01"}, "scheduled_from"),
        (
            "interviews",
            {"scheduled_from": "2026-03-02", "scheduled_to": "2026-03-01"},
            "scheduled_to",
        ),
        ("interviews", {"upcoming": "yes"}, "upcoming"),
        ("outreach", {"answered": "maybe"}, "answered"),
        ("outreach", {"sent_to": "tomorrow"}, "sent_to"),
        ("suggestions", {"from": "2026-03-02", "to": "2026-03-01"}, "to"),
        ("outreach", {"channel": "fax"}, "channel"),
        ("suggestions", {"kind": "other"}, "kind"),
    ],
)
def test_report_parse_filters_refuses_bad_values(name, args, field):
    with pytest.raises(ServiceError) as caught:
        reports.parse_filters(name, args)
    assert list(caught.value.fields) == [field]


def test_report_window_uses_local_midnights():
    start, end = window(date(2026, 3, 29), date(2026, 3, 29), PARIS)
    assert start == datetime(2026, 3, 28, 23, 0, tzinfo=UTC)
    assert end == datetime(2026, 3, 29, 22, 0, tzinfo=UTC)  # a 23-hour day: summer time


# --- the download: headers, BOM, errors, isolation ---------------------------------------------


@pytest.fixture
def owner_client(client, data):  # type: ignore[no-untyped-def]
    from tests.conftest import login

    login(client, data["owner"].email)
    return client


@pytest.mark.parametrize("name", list(reports.COLUMNS))
def test_report_download_headers_bom_and_rows(owner_client, data, name):
    before = datetime.now(ZoneInfo(PARIS)).date()
    response = owner_client.get(f"/reports/{name}.csv")
    after = datetime.now(ZoneInfo(PARIS)).date()

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response.headers["Content-Disposition"]
    pattern = rf'attachment; filename="reliant-{name}-(\d{{4}}-\d\d-\d\d)\.csv"'
    match = re.fullmatch(pattern, disposition)
    assert match, disposition
    assert match.group(1) in {before.isoformat(), after.isoformat()}
    assert response.data.startswith(b'\xef\xbb\xbf"')
    assert response.data.split(b"\r\n")[0].decode("utf-8-sig") == ",".join(
        f'"{column}"' for column in reports.COLUMNS[name]
    )
    assert parse(response.data)[1:] == rows_of(build(data["owner"], name))


def test_report_download_passes_list_filters(owner_client, data):
    response = owner_client.get("/reports/candidates.csv?connection_status=connected&page=2")
    assert [row[1] for row in parse(response.data)[1:]] == ["Zoë Łukasiewicz"]


def test_report_download_streams(owner_client):
    response = owner_client.get("/reports/outreach.csv", buffered=False)
    assert response.is_streamed
    first = next(iter(response.response))
    assert first.startswith((csvsafe.BOM + '"outreach_id"').encode())
    response.close()


def test_report_download_unknown_is_404(owner_client):
    assert owner_client.get("/reports/salaries.csv").status_code == 404
    assert owner_client.get("/reports/candidates.txt").status_code == 404


def test_report_download_bad_filter_is_a_clear_422(owner_client):
    response = owner_client.get("/reports/interviews.csv?scheduled_from=yesterday&status=maybe")
    assert response.status_code == 422
    assert "text/html" in response.headers["Content-Type"]
    assert "The interviews report was not made" in response.text
    assert "&#34;yesterday&#34; is not a date: use YYYY-MM-DD" in response.text
    assert "Must be one of: scheduled" in response.text


def test_report_download_requires_login(client, recruiter):
    response = client.get("/reports/candidates.csv")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


@pytest.mark.parametrize("name", list(reports.COLUMNS))
def test_report_never_shows_another_recruiters_rows(owner_client, make_api, data, name):
    # Read each streamed response before the next request (the test client runs them in one
    # thread, so an unfinished stream would still hold its request context).
    page = owner_client.get(f"/reports/{name}.csv").data.decode("utf-8-sig")
    api = make_api(data["owner"]).get(f"/api/v1/reports/{name}.csv").data.decode("utf-8-sig")
    other = make_api(data["other"]).get(f"/api/v1/reports/{name}.csv").data.decode("utf-8-sig")
    for text in (page, api):
        assert text.startswith('"')
        assert "Secret" not in text
        assert "Hidden Co" not in text
    assert "Zoë" not in other
    assert "Secret Sam" in other


def test_report_foreign_client_filter_shows_nothing(owner_client, make_client, data):
    foreign = make_client(data["other"], name="Their client")
    response = owner_client.get(f"/reports/interviews.csv?client_id={foreign.id}")
    assert response.status_code == 200
    assert parse(response.data)[1:] == []


def test_reports_page_lists_reports_and_columns(owner_client):
    response = owner_client.get("/reports/")
    assert response.status_code == 200
    for name in reports.COLUMNS:
        assert f'action="/reports/{name}.csv"' in response.text
    assert "last_contact" in response.text
    assert 'href="/imports/linkedin"' in response.text


def test_list_pages_link_to_the_filtered_download(owner_client, data):
    page = owner_client.get("/candidates/?connection_status=connected&page=1")
    assert 'href="/reports/candidates.csv?connection_status=connected"' in page.text
    page = owner_client.get("/interviews/?status=no_show")
    assert 'href="/reports/interviews.csv?status=no_show"' in page.text


# --- the API -----------------------------------------------------------------------------------


def test_api_report_download(make_api, data):
    api = make_api(data["owner"])
    response = api.get(f"/api/v1/reports/interviews.csv?client_id={data['acme'].id}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response.headers["Content-Disposition"]
    assert [row[8] for row in parse(response.data)[1:]] == ["no_show", "attended"]


def test_api_report_errors_are_json(make_api, data):
    api = make_api(data["owner"])
    unknown = api.get("/api/v1/reports/salaries.csv")
    assert unknown.status_code == 404
    assert unknown.json["error"]["message"]
    bad = api.get("/api/v1/reports/candidates.csv?min_score=high")
    assert bad.status_code == 422
    assert bad.json["error"]["fields"] == {"min_score": ["Must be a number from 0 to 100."]}


def test_api_report_needs_a_token(client):
    assert client.get("/api/v1/reports/candidates.csv").status_code == 401


def test_api_report_is_in_openapi(client):
    document = client.get("/api/v1/openapi.json").json
    operation = document["paths"]["/api/v1/reports/{name}.csv"]["get"]
    assert "from" in {p["name"] for p in operation["parameters"]}
    assert "post" in document["paths"]["/api/v1/imports/linkedin"]


# --- every text column is neutralised ----------------------------------------------------------

PAYLOADS = [
    "=cmd|' /C calc'!A0",
    "+1 555 0100",
    "-2+3",
    "@SUM(1+1)",
    "\t=1",
    "\r=1",
    "\n=1",
    "＝1+1",
    "＋1",
    "－1",
    "＠x",
    " =1",
    "\u200b=1",
    "−1",
]
texts = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(min_size=1, max_size=40),
    st.tuples(st.sampled_from(PAYLOADS), st.text(max_size=20)).map("".join),
).filter(lambda s: "\x00" not in s)


def first_visible(text: str) -> str:
    return next((c for c in text if not csvsafe._is_invisible(c)), "")


def check_cell(cell: str, stored: object) -> None:
    assert cell == csvsafe.neutralise(stored)
    if not isinstance(stored, str) or not stored:
        return
    if csvsafe._is_dangerous(stored[0]) or csvsafe._is_dangerous(first_visible(stored)):
        assert cell.startswith("'"), (cell, stored)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(values=st.lists(texts, min_size=10, max_size=10))
def test_report_text_columns_are_always_neutralised(auth_client, recruiter, values):
    name, phone, company, title, location, notes, client_name, role, note, reason = values
    assume(name.strip() and client_name.strip())
    candidate = candidates.create_candidate(
        recruiter,
        {
            "full_name": name[:200],
            "phone": phone[:50],
            "company": company[:200],
            "title": title[:200],
            "location": location[:200],
            "notes": notes,
        },
        NOW,
    )
    client_row = clients.create_client(recruiter, {"name": client_name[:200]}, NOW)
    interview = interviews.create_interview(
        recruiter,
        {
            "candidate_id": candidate.id,
            "client_id": client_row.id,
            "scheduled_at": NOW,
            "role": role[:200],
        },
        NOW,
    )
    outreach.create_outreach(
        recruiter,
        {"candidate_id": candidate.id, "channel": "call", "sent_at": NOW, "note": note},
        NOW,
    )
    db.session.commit()
    add_suggestion(
        recruiter,
        candidate,
        interview,
        status="dismissed",
        reasons=[reason],
        resolution_reason=reason,
    )
    try:
        db.session.refresh(candidate)
        stored = db.session.get(type(candidate), candidate.id)
        got = {}
        for report in reports.COLUMNS:
            [row] = parse(auth_client.get(f"/reports/{report}.csv").data)[1:]
            got[report] = dict(zip(reports.COLUMNS[report], row, strict=True))
        for column in ("full_name", "phone", "company", "title", "location", "notes"):
            check_cell(got["candidates"][column], getattr(stored, column))
        check_cell(got["interviews"]["candidate"], stored.full_name)
        check_cell(got["interviews"]["client"], client_row.name)
        check_cell(got["interviews"]["role"], interview.role)
        check_cell(got["outreach"]["candidate"], stored.full_name)
        note_stored = db.session.scalar(
            select(Outreach.note).where(Outreach.candidate_id == candidate.id)
        )
        check_cell(got["outreach"]["note"], note_stored)
        check_cell(got["suggestions"]["candidate"], stored.full_name)
        check_cell(got["suggestions"]["reasons"], reason)
        check_cell(got["suggestions"]["resolution_reason"], reason)
    finally:
        db.session.rollback()
        db.session.delete(db.session.get(type(candidate), candidate.id))
        db.session.delete(db.session.get(type(client_row), client_row.id))
        db.session.commit()


@pytest.mark.parametrize("name", list(reports.COLUMNS))
def test_report_streams_under_a_real_server(app, data, name):
    """Served as in production: the rows stream after the view returned, with no app context
    of the test's around them (the test client keeps one open, a server does not). Every
    report, by API token and by a logged-in browser, answers the same rows as built here."""
    import threading
    import urllib.request
    from http.cookiejar import CookieJar

    from werkzeug.serving import make_server

    from tests.conftest import PASSWORD

    owner = data["owner"]
    _, token = accounts.create_token(owner, "live")
    db.session.commit()
    expected = rows_of(build(owner, name))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        answer = urllib.request.build_opener().open(
            urllib.request.Request(
                f"http://127.0.0.1:{server.server_port}/api/v1/reports/{name}.csv",
                headers={"Authorization": f"Bearer {token}"},
            ),
            timeout=30,
        )
        with answer:
            by_token = answer.read()
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        login_page = browser.open(f"{base}/login", timeout=30).read().decode()
        csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_page)
        form = {"email": owner.email, "password": PASSWORD}
        if csrf:
            form["csrf_token"] = csrf.group(1)
        browser.open(f"{base}/login", data=urllib.parse.urlencode(form).encode(), timeout=30)
        by_browser = browser.open(f"{base}/reports/{name}.csv", timeout=30).read()
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
    assert parse(by_token)[1:] == expected
    assert parse(by_browser)[1:] == expected
