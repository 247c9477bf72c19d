"""The OpenAPI document is generated from the code and covers every API route."""

import re


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
