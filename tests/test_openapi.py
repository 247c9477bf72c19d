"""The OpenAPI document is generated from the code and covers every API route."""

import json
import re

from recruiter.vocab import Channel, ConnectionStatus, EventType, InterviewStatus, values


def test_openapi_documents_every_api_route(app, client):
    doc = client.get("/api/v1/openapi.json").json
    assert doc["openapi"].startswith("3.")
    documented = {(path, method) for path, ops in doc["paths"].items() for method in ops}
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or rule.rule.endswith("openapi.json"):
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert (path, method.lower()) in documented, (path, method)


def test_openapi_schemas_name_the_fields(client):
    doc = client.get("/api/v1/openapi.json").json
    schemas = doc["components"]["schemas"]
    create = schemas["CandidateCreate"]
    assert create["required"] == ["full_name"]
    assert "connection_status" in create["properties"]
    event = schemas["EventCreate"]
    assert set(event["required"]) == {"type", "at"}
    post = doc["paths"]["/api/v1/interviews/{interview_id}/events"]["post"]
    assert post["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "EventCreate"
    )


def test_openapi_documents_status(client):
    doc = client.get("/api/v1/openapi.json").json
    get = doc["paths"]["/api/v1/status"]["get"]
    assert get["security"] == [{"bearer": []}]
    schema = get["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema["$ref"].endswith("/StatusOut")
    schemas = doc["components"]["schemas"]
    assert set(schemas["StatusOut"]["required"]) == {"version", "database", "scheduler"}
    assert set(schemas["SchedulerStatusOut"]["properties"]) == {"running", "last_beat_at", "jobs"}
    assert set(schemas["JobStatusOut"]["properties"]) == {
        "id",
        "last_run_at",
        "next_run_at",
        "last_result",
    }


def test_openapi_documents_the_token_throttle(client):
    doc = client.get("/api/v1/openapi.json").json
    for ops in doc["paths"].values():
        for operation in ops.values():
            assert "429" in operation["responses"]


# --- what the document declares, and the bugs schemathesis found (tests/test_api_fuzz.py) -----


def test_openapi_served_document_is_the_built_one(client):
    """The fuzz test loads build_document(); the app serves the very same document."""
    from recruiter.views.api.openapi import build_document

    assert client.get("/api/v1/openapi.json").json == json.loads(json.dumps(build_document()))


def test_openapi_vocabularies_are_enums(client):
    doc = client.get("/api/v1/openapi.json").json
    schemas = doc["components"]["schemas"]
    assert schemas["ConnectionStatus"]["enum"] == list(values(ConnectionStatus))
    assert schemas["EventType"]["enum"] == list(values(EventType))
    assert schemas["Channel"]["enum"] == list(values(Channel))
    params = doc["paths"]["/api/v1/interviews"]["get"]["parameters"]
    status = next(p for p in params if p["name"] == "status")
    enums = [branch["enum"] for branch in status["schema"]["anyOf"] if "enum" in branch]
    assert enums == [list(values(InterviewStatus))]  # or "" (left blank: any)


def test_openapi_declares_years_names_ids_and_control_characters(client):
    doc = client.get("/api/v1/openapi.json").json
    schemas = doc["components"]["schemas"]
    at = schemas["InterviewCreate"]["properties"]["scheduled_at"]
    assert at["format"] == "date-time"
    pattern = re.compile(at["pattern"])
    assert pattern.search("1900-01-01T00:00:00Z") and pattern.search("2200-12-31T00:00:00Z")
    assert not pattern.search("1899-12-31T00:00:00Z") and not pattern.search("2201-01-01T00:00Z")
    name = schemas["CandidateCreate"]["properties"]["full_name"]
    assert name["minLength"] == 1 and name["maxLength"] == 200
    assert re.search(name["pattern"], "Ada") and not re.search(name["pattern"], "   ")
    note = schemas["OutreachCreate"]["properties"]["note"]["anyOf"][0]
    assert not re.search(note["pattern"], "a\x00b") and re.search(note["pattern"], "a\tb\nc")
    path = doc["paths"]["/api/v1/candidates/{candidate_id}"]["get"]["parameters"][0]
    assert (path["schema"]["minimum"], path["schema"]["maximum"]) == (1, 2**31 - 1)


def test_openapi_declares_the_errors_each_operation_can_answer(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    create = paths["/api/v1/candidates"]["post"]["responses"]
    assert {"400", "401", "413", "414", "422", "429", "503"} <= set(create)
    assert "404" not in create  # no path id: an unknown id in a body is a 422
    show = paths["/api/v1/candidates/{candidate_id}"]["get"]["responses"]
    assert "404" in show and "413" not in show
    assert show["404"]["content"]["application/json"]["schema"]["$ref"].endswith("/Error")
    upload = paths["/api/v1/imports/linkedin"]["post"]
    assert "multipart/form-data" in upload["requestBody"]["content"]
    assert "413" in upload["responses"]


def test_api_refuses_numeric_text_as_a_timestamp(api):
    """Found by schemathesis: ?due_before=0.5 was read as 1970-01-01."""
    response = api.get("/api/v1/reminders?due_before=0.5")
    assert response.status_code == 422 and "due_before" in response.json["error"]["fields"]
    response = api.post(
        "/api/v1/outreach", json={"candidate_id": 1, "channel": "call", "sent_at": "0"}
    )
    assert response.status_code == 422 and "sent_at" in response.json["error"]["fields"]


def test_api_refuses_booleans_and_text_as_numbers(api, recruiter, make_candidate):
    """Found by schemathesis: "mutual_connections": false was stored as 0."""
    response = api.post(
        "/api/v1/candidates", json={"full_name": "Ada", "mutual_connections": False}
    )
    assert response.status_code == 422 and "mutual_connections" in response.json["error"]["fields"]
    candidate = make_candidate(recruiter)
    body = {"candidate_id": str(candidate.id), "scheduled_at": "2026-03-12T10:00:00Z"}
    response = api.post("/api/v1/interviews", json=body)
    assert response.status_code == 422 and "candidate_id" in response.json["error"]["fields"]
    body = {"candidate_id": float(candidate.id), "scheduled_at": "2026-03-12T10:00:00Z"}
    assert api.post("/api/v1/interviews", json=body).status_code == 201  # 7.0 is the number 7


def test_api_refuses_a_number_as_a_day(api):
    response = api.post("/api/v1/candidates", json={"full_name": "Ada", "connected_on": 0})
    assert response.status_code == 422 and "connected_on" in response.json["error"]["fields"]


def test_api_patch_refuses_a_null_name(api, client, recruiter, make_candidate):
    """Found by schemathesis: the document allowed null, the service refuses it."""
    patch = client.get("/api/v1/openapi.json").json["components"]["schemas"]["CandidatePatch"]
    assert patch["properties"]["full_name"]["type"] == "string"
    candidate = make_candidate(recruiter)
    response = api.patch(f"/api/v1/candidates/{candidate.id}", json={"full_name": None})
    assert response.status_code == 422 and "full_name" in response.json["error"]["fields"]


def test_api_client_name_repeated_in_another_case_is_a_422(api):
    """Found by schemathesis: SQLite's ASCII-only lower() let a repeat reach the UNIQUE
    constraint (500)."""
    assert api.post("/api/v1/clients", json={"name": "Émile Conseil"}).status_code == 201
    response = api.post("/api/v1/clients", json={"name": "émile conseil"})
    assert response.status_code == 422 and "name" in response.json["error"]["fields"]
    response = api.post("/api/v1/clients", json={"name": "Émile Conseil"})
    assert response.status_code == 422
