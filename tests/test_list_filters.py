"""One filter object per list, beyond candidates: the outreach and interview lists (and the
suggestion and reminder lists) parse the same parameters with the same rules on the web list,
the API and the CSV report, and answer the same rows, in the recruiter's zone, never another
recruiter's."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime, timedelta

import pytest

from recruiter.extensions import db
from recruiter.models import Candidate, Recruiter, Suggestion
from recruiter.services import ServiceError, reminders, reports
from recruiter.services.filters import InterviewFilter, OutreachFilter, SuggestionFilter
from recruiter.views.api.reminders import ReminderQuery
from recruiter.views.api.reports import ReportQuery
from recruiter.views.api.schemas import InterviewQuery, OutreachQuery
from recruiter.views.api.suggestions import SuggestionQuery
from tests.conftest import NOW

DAY = timedelta(days=1)
# Paris is UTC+1 in early March: 23:30 UTC on the 8th is 00:30 on the 9th there.
LATE_ON_THE_8TH = datetime(2026, 3, 8, 22, 30, tzinfo=UTC)  # 23:30 on the 8th in Paris
EARLY_ON_THE_9TH = datetime(2026, 3, 8, 23, 30, tzinfo=UTC)  # 00:30 on the 9th in Paris


# --- parsing ---------------------------------------------------------------------------------


def test_outreach_filter_parses_every_parameter():
    f = OutreachFilter.parse(
        {
            "q": " chloé ",
            "candidate_id": "3",
            "interview_id": "4",
            "channel": "call",
            "direction": "outbound",
            "answered": "false",
            "sent_from": "2026-03-01",
            "sent_to": "2026-03-09",
            "page": "2",  # not a filter: ignored
        }
    )
    assert f == OutreachFilter(
        q="chloé",
        candidate_id=3,
        interview_id=4,
        channel="call",
        direction="outbound",
        answered=False,
        sent_from=date(2026, 3, 1),
        sent_to=date(2026, 3, 9),
    )


def test_interview_filter_parses_every_parameter():
    f = InterviewFilter.parse(
        {
            "q": "bob",
            "candidate_id": "1",
            "client_id": "2",
            "client": "acme",
            "status": "confirmed",
            "scheduled_from": "2026-03-01",
            "scheduled_to": "2026-03-31",
            "upcoming": "true",
        }
    )
    assert f == InterviewFilter(
        q="bob",
        candidate_id=1,
        client_id=2,
        client="acme",
        status="confirmed",
        scheduled_from=date(2026, 3, 1),
        scheduled_to=date(2026, 3, 31),
        upcoming=True,
    )


def test_list_filters_blank_means_any():
    assert OutreachFilter.parse({"channel": "", "answered": " ", "q": ""}) == OutreachFilter()
    assert InterviewFilter.parse({"upcoming": "", "client_id": ""}) == InterviewFilter()
    assert SuggestionFilter.parse({"status": "", "kind": ""}) == SuggestionFilter()


@pytest.mark.parametrize(
    ("kind", "args", "field"),
    [
        (OutreachFilter, {"channel": "fax"}, "channel"),
        (OutreachFilter, {"direction": "sideways"}, "direction"),
        (OutreachFilter, {"answered": "yes"}, "answered"),
        (OutreachFilter, {"candidate_id": "0"}, "candidate_id"),
        (OutreachFilter, {"interview_id": "99999999999"}, "interview_id"),
        (OutreachFilter, {"sent_from": "2026-02-30"}, "sent_from"),
        (OutreachFilter, {"sent_from": "2026-03-02", "sent_to": "2026-03-01"}, "sent_to"),
        (InterviewFilter, {"status": "maybe"}, "status"),
        (InterviewFilter, {"client_id": "acme"}, "client_id"),
        (InterviewFilter, {"upcoming": "soon"}, "upcoming"),
        (InterviewFilter, {"scheduled_to": "1800-01-01"}, "scheduled_to"),
        (
            InterviewFilter,
            {"scheduled_from": "2026-03-02", "scheduled_to": "2026-03-01"},
            "scheduled_to",
        ),
        (SuggestionFilter, {"kind": "other"}, "kind"),
        (SuggestionFilter, {"status": "closed"}, "status"),
        (reminders.ReminderFilter, {"status": "late"}, "status"),
        (reminders.ReminderFilter, {"due_before": "2026-03-10T09:00:00"}, "due_before"),
    ],
)
def test_list_filter_refuses_bad_values_naming_the_parameter(kind, args, field):
    with pytest.raises(ServiceError) as caught:
        kind.parse(args)
    assert list(caught.value.fields) == [field]


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        (OutreachQuery, OutreachFilter),
        (InterviewQuery, InterviewFilter),
        (SuggestionQuery, SuggestionFilter),
        (ReminderQuery, reminders.ReminderFilter),
    ],
)
def test_list_filter_api_documents_exactly_the_parameters_it_reads(query, kind):
    documented = set(query.model_json_schema()["properties"])
    assert documented == {*kind.PARAMS, "page", "per_page"}


def test_report_api_documents_every_reports_filters():
    documented = set(ReportQuery.model_json_schema()["properties"])
    assert documented == {name for params in reports.FILTERS.values() for name in params}


@pytest.mark.parametrize("text", ["2026-03-10T10:00:00+01:00", "2026-03-10T09:00:00z"])
def test_reminder_filter_reads_due_before_as_utc(text):
    f = reminders.ReminderFilter.parse({"due_before": text})
    assert f.due_before == datetime(2026, 3, 10, 9, 0, tzinfo=UTC) and f.status == "due"


# --- the same rows on every surface -----------------------------------------------------------


@pytest.fixture
def network(recruiter, make_recruiter, make_candidate, make_client, make_interview, make_outreach):
    recruiter.time_zone = "Europe/Paris"
    db.session.commit()
    chloe = make_candidate(recruiter, full_name="Chloé Dubois")
    bob = make_candidate(recruiter, full_name="Bob Stone")
    acme = make_client(recruiter, name="Acme Fintech")
    globex = make_client(recruiter, name="Globex")
    rows = {
        "o_late": make_outreach(
            recruiter,
            chloe,
            now=NOW,
            sent_at=LATE_ON_THE_8TH,
            responded_at=LATE_ON_THE_8TH + timedelta(hours=1),
        ),
        "o_early": make_outreach(
            recruiter, chloe, now=NOW, channel="email", sent_at=EARLY_ON_THE_9TH
        ),
        "o_inbound": make_outreach(
            recruiter, bob, now=NOW, channel="message", direction="inbound", sent_at=NOW - DAY
        ),
        "o_old": make_outreach(recruiter, bob, now=NOW, channel="text", sent_at=NOW - 5 * DAY),
        "i_early": make_interview(
            recruiter, chloe, now=NOW - 5 * DAY, client_id=acme.id, scheduled_at=EARLY_ON_THE_9TH
        ),
        "i_old": make_interview(
            recruiter,
            bob,
            now=NOW - 10 * DAY,
            scheduled_at=NOW - 5 * DAY,
            events=(("attended", NOW - 5 * DAY + timedelta(hours=1)),),
        ),
        "i_soon": make_interview(
            recruiter,
            bob,
            now=NOW - DAY,
            client_id=globex.id,
            scheduled_at=NOW + DAY,
            events=(("confirmed", NOW - DAY),),
        ),
        "i_later": make_interview(
            recruiter, chloe, now=NOW - DAY, client_id=acme.id, scheduled_at=NOW + 3 * DAY
        ),
    }
    # Another recruiter with look-alike rows: never listed for ours.
    riley = make_recruiter(email="riley@example.com", time_zone="Europe/Paris")
    twin = make_candidate(riley, full_name="Chloé Twin")
    their_acme = make_client(riley, name="Acme Fintech")
    make_outreach(riley, twin, now=NOW, sent_at=EARLY_ON_THE_9TH)
    make_outreach(riley, twin, now=NOW, channel="message", direction="inbound", sent_at=NOW)
    make_interview(riley, twin, now=NOW - DAY, client_id=their_acme.id, scheduled_at=NOW + DAY)
    ids = {name: row.id for name, row in rows.items()}
    return {**ids, "chloe": chloe.id, "bob": bob.id, "acme": acme.id, "globex": globex.id}


ENDPOINTS = {
    "outreach": ("/outreach/", "/api/v1/outreach", r'<tr id="outreach-(\d+)"', "outreach_id"),
    "interviews": (
        "/interviews/",
        "/api/v1/interviews",
        r'href="/interviews/(\d+)"',
        "interview_id",
    ),
}


def _resolve(args, network):  # type: ignore[no-untyped-def]
    return {k: str(network[v]) if v in network else v for k, v in args.items()}


def _web(auth_client, name, args) -> list[int]:
    page = auth_client.get(ENDPOINTS[name][0], query_string={**args, "per_page": 100})
    assert page.status_code == 200, page.get_data(as_text=True)
    found = re.findall(ENDPOINTS[name][2], page.get_data(as_text=True))
    return [int(i) for i in dict.fromkeys(found)]


def _api(api, name, args) -> list[int]:
    response = api.get(ENDPOINTS[name][1], query_string={**args, "per_page": 100})
    assert response.status_code == 200, response.json
    return [item["id"] for item in response.json["items"]]


def _csv(client, name, args, prefix="") -> list[int]:
    response = client.get(f"{prefix}/reports/{name}.csv", query_string=args)
    assert response.status_code == 200, response.get_data(as_text=True)
    rows = csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")))
    return [int(row[ENDPOINTS[name][3]]) for row in rows]


def _everywhere(auth_client, api, name, args) -> list[int]:
    web = _web(auth_client, name, args)
    assert _api(api, name, args) == web
    assert _csv(auth_client, name, args) == web
    assert _csv(api, name, args, prefix="/api/v1") == web
    return web


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ({}, ["o_inbound", "o_early", "o_late", "o_old"]),
        ({"channel": "call"}, ["o_late"]),
        ({"direction": "inbound"}, ["o_inbound"]),
        ({"answered": "true"}, ["o_late"]),
        ({"answered": "false"}, ["o_early", "o_old"]),  # inbound waits for no reply
        ({"q": "CHLOE"}, ["o_early", "o_late"]),
        ({"q": "stone", "direction": "outbound"}, ["o_old"]),
        ({"candidate_id": "bob"}, ["o_inbound", "o_old"]),
        # Days in the recruiter's zone, both ends included.
        ({"sent_from": "2026-03-09", "sent_to": "2026-03-09"}, ["o_inbound", "o_early"]),
        ({"sent_to": "2026-03-08"}, ["o_late", "o_old"]),
        ({"sent_from": "2026-03-08", "sent_to": "2026-03-08"}, ["o_late"]),
        ({"sent_from": "2026-03-10"}, []),
    ],
)
def test_outreach_filter_web_api_and_csv_answer_the_same_rows(
    auth_client, api, network, clock, args, expected
):
    found = _everywhere(auth_client, api, "outreach", _resolve(args, network))
    assert found == [network[name] for name in expected]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ({}, ["i_later", "i_soon", "i_early", "i_old"]),
        ({"upcoming": "true"}, ["i_soon", "i_later"]),  # from now on, soonest first
        ({"upcoming": "true", "client_id": "acme"}, ["i_later"]),
        ({"upcoming": "false"}, ["i_later", "i_soon", "i_early", "i_old"]),
        ({"status": "confirmed"}, ["i_soon"]),
        ({"client_id": "acme"}, ["i_later", "i_early"]),
        ({"client": "GLOB"}, ["i_soon"]),
        ({"q": "chloé"}, ["i_later", "i_early"]),
        ({"candidate_id": "bob"}, ["i_soon", "i_old"]),
        ({"scheduled_from": "2026-03-09", "scheduled_to": "2026-03-09"}, ["i_early"]),
        ({"scheduled_from": "2026-03-08", "scheduled_to": "2026-03-08"}, []),
        ({"scheduled_to": "2026-03-08"}, ["i_old"]),
    ],
)
def test_interview_filter_web_api_and_csv_answer_the_same_rows(
    auth_client, api, network, clock, args, expected
):
    found = _everywhere(auth_client, api, "interviews", _resolve(args, network))
    assert found == [network[name] for name in expected]


def test_upcoming_interviews_follow_the_clock(auth_client, api, network, clock):
    clock.advance(days=2)  # the soonest has started: it is no longer upcoming
    assert _everywhere(auth_client, api, "interviews", {"upcoming": "true"}) == [network["i_later"]]


@pytest.mark.parametrize(
    ("name", "args", "field"),
    [
        ("outreach", {"answered": "maybe"}, "answered"),
        ("outreach", {"channel": "fax"}, "channel"),
        ("outreach", {"sent_from": "2026-02-30"}, "sent_from"),
        ("outreach", {"sent_from": "2026-03-09", "sent_to": "2026-03-01"}, "sent_to"),
        ("interviews", {"upcoming": "soon"}, "upcoming"),
        ("interviews", {"status": "maybe"}, "status"),
        ("interviews", {"client_id": "x"}, "client_id"),
        ("interviews", {"scheduled_to": "tomorrow"}, "scheduled_to"),
    ],
)
def test_list_filter_web_api_and_csv_refuse_the_same_bad_filter(
    auth_client, api, network, name, args, field
):
    web, api_url, _, _ = ENDPOINTS[name]
    page = auth_client.get(web, query_string={**args, "q": "chloe"})
    assert page.status_code == 422
    text = page.get_data(as_text=True)
    assert f"Filter {field}:" in text and "Chloé Dubois" not in text  # lists nothing
    response = api.get(api_url, query_string=args)
    assert response.status_code == 422
    assert list(response.json["error"]["fields"]) == [field]
    report = auth_client.get(f"/reports/{name}.csv", query_string=args)
    assert report.status_code == 422 and report.mimetype == "text/html"
    assert f"<code>{field}</code>" in report.get_data(as_text=True)
    api_report = api.get(f"/api/v1/reports/{name}.csv", query_string=args)
    assert api_report.status_code == 422
    assert list(api_report.json["error"]["fields"]) == [field]


def test_list_filters_never_show_another_recruiters_rows(auth_client, api, network, clock):
    for name in ENDPOINTS:
        mine = set(_everywhere(auth_client, api, name, {}))
        assert mine == {v for k, v in network.items() if k.startswith(name[0] + "_")}
        assert _everywhere(auth_client, api, name, {"q": "twin"}) == []


def test_interviews_page_has_an_upcoming_tab_keeping_the_filters(auth_client, network, clock):
    page = auth_client.get("/interviews/", query_string={"status": "confirmed"})
    text = page.get_data(as_text=True)
    assert re.search(r'href="/interviews/\?[^"]*upcoming=true', text)
    assert re.search(r'href="/interviews/\?status=confirmed&amp;upcoming=true"', text)
    upcoming = auth_client.get("/interviews/?upcoming=true").get_data(as_text=True)
    assert 'aria-current="page"\n    href="/interviews/?upcoming=true">Upcoming' in upcoming
    assert 'name="upcoming" value="true"' in upcoming  # the filter form stays on the tab


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("/outreach/?direction=outbound&answered=false&per_page=1", "answered=false"),
        ("/interviews/?client_id=ACME&per_page=1", "client_id=ACME"),
        ("/interviews/?upcoming=true&per_page=1", "upcoming=true"),
    ],
)
def test_list_pagination_and_csv_links_keep_the_filters(auth_client, network, clock, url, kept):
    if "ACME" in url:
        url, kept = (s.replace("ACME", str(network["acme"])) for s in (url, kept))
    text = auth_client.get(url).get_data(as_text=True)
    pages = re.findall(r'class="page-link" href="([^"]+)"', text)
    assert pages and all(kept in link for link in pages), pages
    csv_link = re.search(r'href="(/reports/[a-z]+\.csv[^"]*)"', text)
    assert csv_link and kept in csv_link.group(1)


def test_outreach_page_filter_form_shows_the_filters(auth_client, network):
    text = auth_client.get(
        "/outreach/", query_string={"channel": "email", "answered": "false", "q": "chlo"}
    ).get_data(as_text=True)
    assert '<option value="email" selected>' in text
    assert '<option value="false" selected>' in text
    assert 'name="q" value="chlo"' in text


def test_suggestion_inbox_refuses_a_bad_filter_on_every_surface(auth_client, api, network):
    page = auth_client.get("/suggestions/?kind=other")
    assert page.status_code == 422 and "Filter kind:" in page.get_data(as_text=True)
    assert api.get("/api/v1/suggestions?kind=other").status_code == 422
    assert auth_client.get("/reports/suggestions.csv?kind=other").status_code == 422


def test_reminder_list_refuses_a_bad_filter(api):
    response = api.get("/api/v1/reminders?due_before=tomorrow")
    assert response.status_code == 422
    assert list(response.json["error"]["fields"]) == ["due_before"]
    assert api.get("/api/v1/reminders?status=").status_code == 200  # blank: due now


# --- the command line --------------------------------------------------------------------------


def _exported(runner, *args: str) -> list[int]:  # type: ignore[no-untyped-def]
    result = runner.invoke(args=["export", *args, "--owner", "morgan@example.com"])
    assert result.exit_code == 0, result.output
    text = result.stdout_bytes.decode("utf-8-sig")
    return [int(row[0]) for row in list(csv.reader(io.StringIO(text)))[1:]]


def test_export_reads_the_lists_filters_and_their_own_days(runner, network):
    nine = ("--from", "2026-03-09", "--to", "2026-03-09")
    assert _exported(runner, "outreach", *nine) == [network["o_inbound"], network["o_early"]]
    assert _exported(runner, "outreach", "--answered", "false", "--q", "chloe") == [
        network["o_early"]
    ]
    assert _exported(runner, "interviews", *nine) == [network["i_early"]]
    assert _exported(runner, "interviews", "--client", "glob") == [network["i_soon"]]


def test_export_refuses_a_bad_list_filter(runner, network):
    owner = ["--owner", "morgan@example.com"]
    result = runner.invoke(args=["export", "interviews", *owner, "--upcoming", "soon"])
    assert result.exit_code == 1 and "upcoming: Must be true or false." in result.output
    result = runner.invoke(args=["export", "suggestions", *owner, "--answered", "true"])
    assert result.exit_code == 2 and "--answered does not apply" in result.output


# --- suggestions -------------------------------------------------------------------------------


@pytest.fixture
def inbox(network, recruiter):  # type: ignore[no-untyped-def]
    def add(team_id, candidate_id, kind, status, created_at):  # type: ignore[no-untyped-def]
        row = Suggestion(
            team_id=team_id,
            candidate_id=candidate_id,
            kind=kind,
            status=status,
            key=f"test:{candidate_id}:{kind}:{status}",
            reasons=["test"],
            evidence={},
            created_at=created_at,
        )
        db.session.add(row)
        db.session.commit()
        return row.id

    riley = db.session.scalar(db.select(Recruiter).where(Recruiter.email == "riley@example.com"))
    return {
        "s_open": add(
            recruiter.team_id, network["chloe"], "remove_connection", "open", LATE_ON_THE_8TH
        ),
        "s_fake": add(
            recruiter.team_id,
            network["bob"],
            "possible_fake_profile",
            "dismissed",
            EARLY_ON_THE_9TH,
        ),
        "s_theirs": add(riley.team_id, _their_candidate(riley), "remove_connection", "open", NOW),
    }


def _their_candidate(riley) -> int:  # type: ignore[no-untyped-def]
    return db.session.scalar(db.select(Candidate.id).where(Candidate.team_id == riley.team_id))


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ({}, ["s_open", "s_fake"]),  # open first
        ({"status": "dismissed"}, ["s_fake"]),
        ({"kind": "remove_connection"}, ["s_open"]),
        ({"from": "2026-03-09", "to": "2026-03-09"}, ["s_fake"]),  # Paris days
        ({"to": "2026-03-08"}, ["s_open"]),
    ],
)
def test_suggestion_filter_web_api_and_csv_answer_the_same_rows(
    auth_client, api, inbox, args, expected
):
    page = auth_client.get("/suggestions/", query_string=args)
    assert page.status_code == 200
    web = [int(i) for i in re.findall(r'action="/suggestions/(\d+)/', page.get_data(as_text=True))]
    web = list(dict.fromkeys(web))
    listed = api.get("/api/v1/suggestions", query_string=args).json["items"]
    report = auth_client.get("/reports/suggestions.csv", query_string=args)
    rows = csv.DictReader(io.StringIO(report.get_data(as_text=True).lstrip("\ufeff")))
    exported = [int(row["suggestion_id"]) for row in rows]
    assert web == [item["id"] for item in listed] == exported == [inbox[n] for n in expected]
