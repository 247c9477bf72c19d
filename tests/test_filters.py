"""One filter object per list: the candidate web list, the API and the CSV report parse the
same parameters with the same rules and answer the same rows."""

import csv
import io
import re
from datetime import date

import pytest

from recruiter.services import ServiceError
from recruiter.services.filters import CandidateFilter
from recruiter.views.api.schemas import CandidateQuery
from tests.conftest import NOW


def test_candidate_filter_parses_every_parameter():
    f = CandidateFilter.parse(
        {
            "q": "  chloé ",
            "connection_status": "connected",
            "client_id": "7",
            "min_score": "20",
            "max_score": "80.5",
            "confidence": "low",
            "sort": "-score",
            "from": "2026-01-01",
            "to": "2026-02-01",
            "page": "3",  # not a filter: ignored
        }
    )
    assert f == CandidateFilter(
        q="chloé",
        connection_status="connected",
        client_id=7,
        min_score=20.0,
        max_score=80.5,
        confidence="low",
        sort="-score",
        date_from=date(2026, 1, 1),
        date_to=date(2026, 2, 1),
    )


def test_candidate_filter_blank_means_any():
    assert CandidateFilter.parse({"q": " ", "client_id": "", "sort": ""}) == CandidateFilter()


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ({"connection_status": "friends"}, "connection_status"),
        ({"client_id": "abc"}, "client_id"),
        ({"client_id": "99999999999999999999"}, "client_id"),
        ({"client_id": "0"}, "client_id"),
        ({"min_score": "lots"}, "min_score"),
        ({"max_score": "101"}, "max_score"),
        ({"min_score": "60", "max_score": "40"}, "max_score"),
        ({"confidence": "total"}, "confidence"),
        ({"sort": "salary"}, "sort"),
        ({"from": "yesterday"}, "from"),
        ({"from": "2026-02-01", "to": "2026-01-01"}, "to"),
    ],
)
def test_candidate_filter_refuses_bad_values_naming_the_parameter(args, field):
    with pytest.raises(ServiceError) as caught:
        CandidateFilter.parse(args)
    assert list(caught.value.fields) == [field]


def test_candidate_filter_api_documents_exactly_the_parameters_it_reads():
    documented = set(CandidateQuery.model_json_schema()["properties"])
    assert documented == {*CandidateFilter.PARAMS, "page", "per_page"}
    sort = CandidateQuery.model_json_schema()["properties"]["sort"]
    documented_sorts = {v for branch in sort["anyOf"] for v in branch.get("enum", [])}
    assert documented_sorts - {""} == set(CandidateFilter.SORTS)  # "": left empty, the default


@pytest.fixture
def network(recruiter, make_candidate, make_client, make_interview):
    acme = make_client(recruiter, name="Acme")
    for i, (name, status) in enumerate(
        [
            ("Chloé Dubois", "connected"),
            ("Chloe Martin", "none"),
            ("Zoë Chloé", "connected"),
            ("Bob Stone", "connected"),
        ]
    ):
        row = make_candidate(recruiter, full_name=name, connection_status=status, now=NOW)
        if i % 2 == 0:
            make_interview(recruiter, row, client_id=acme.id)
    return acme


def _web_names(auth_client, args) -> list[str]:
    page = auth_client.get("/candidates/", query_string={**args, "per_page": 100})
    assert page.status_code == 200
    found = re.findall(r'href="/candidates/\d+">([^<]+)</a>', page.get_data(as_text=True))
    return list(dict.fromkeys(found))


def _api_names(api, args) -> list[str]:
    body = api.get("/api/v1/candidates", query_string={**args, "per_page": 100}).json
    return [c["full_name"] for c in body["items"]]


def _csv_names(auth_client, args) -> list[str]:
    response = auth_client.get("/reports/candidates.csv", query_string=args)
    assert response.status_code == 200
    rows = csv.DictReader(io.StringIO(response.get_data(as_text=True)))
    return [row["full_name"] for row in rows]


@pytest.mark.parametrize(
    "args",
    [
        {},
        {"q": "chloe"},
        {"q": "CHLOÉ", "connection_status": "connected"},
        {"q": "chloe", "sort": "-name"},
        {"client_id": "ACME"},
        {"from": "2026-03-10", "to": "2026-03-10"},
        {"from": "2026-03-11"},
    ],
)
def test_candidate_filter_web_api_and_csv_answer_the_same_rows(auth_client, api, network, args):
    args = {k: str(network.id) if v == "ACME" else v for k, v in args.items()}
    web = _web_names(auth_client, args)
    assert web == _api_names(api, args) == _csv_names(auth_client, args)


def test_candidate_filter_web_api_and_csv_refuse_the_same_bad_filter(auth_client, api, network):
    args = {"connection_status": "friends", "q": "chloe"}
    page = auth_client.get("/candidates/", query_string=args)
    assert page.status_code == 422
    text = page.get_data(as_text=True)
    assert "Filter connection_status: Must be one of" in text and "Chloé Dubois" not in text
    response = api.get("/api/v1/candidates", query_string=args)
    assert response.status_code == 422
    assert "connection_status" in response.json["error"]["fields"]
    report = auth_client.get("/reports/candidates.csv", query_string=args)
    assert report.status_code == 422 and report.mimetype == "text/html"
    assert "connection_status" in report.get_data(as_text=True)
