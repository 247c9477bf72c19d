"""The OpenAPI 3 document, generated from the route table and the pydantic schemas.

It declares what the API really refuses, so that a client (or schemathesis, in
``tests/test_api_fuzz.py``) can tell a valid request from an invalid one by the document alone:
control characters in any text, timestamps outside the years the app stores, empty names, ids
beyond the id columns, and every error status an operation can answer.
"""

from __future__ import annotations

import re
from typing import Any

from flask import jsonify
from pydantic.json_schema import models_json_schema

from recruiter.localtime import MAX_YEAR, MIN_YEAR
from recruiter.models import MAX_ID
from recruiter.security import CONTROL_CHARACTERS
from recruiter.services.reports import COLUMNS as REPORT_COLUMNS
from recruiter.views.api import ROUTES, Route, route

ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "message": {"type": "string"},
                "existing_id": {
                    "type": "integer",
                    "description": "On a 409: the row that already exists",
                },
                "fields": {
                    "type": "object",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
            },
            "required": ["message"],
        }
    },
    "required": ["error"],
}


# Text without the control characters every request is refused for (security.py): tab and
# line breaks are fine. JSON Schema patterns are searched, hence the anchors.
NO_CONTROL = f"^[^{CONTROL_CHARACTERS.pattern[1:-1]}]*$"


def _year_pattern(low: int, high: int) -> str:
    """A regex for the four-digit years ``low``..``high`` (centuries 19..22 here)."""
    assert low % 100 == 0 and high % 100 == 0, (low, high)
    centuries = "|".join(str(c) for c in range(low // 100, high // 100))
    return f"(?:(?:{centuries})[0-9]{{2}}|{high})"


# An ISO 8601 timestamp or day in a year the app stores; ``format`` says the rest (an offset).
YEARS = _year_pattern(MIN_YEAR, MAX_YEAR)
DATE_TIME_PATTERN = f"^{YEARS}-"
DATE_PATTERN = f"^{YEARS}-[0-9]{{2}}-[0-9]{{2}}$"
YEARS_NOTE = f"Years {MIN_YEAR} to {MAX_YEAR}."


def _declare_refusals(node: Any) -> None:
    """Add to every string in a request schema what the app refuses beyond pydantic's own rules:
    control characters anywhere, and years outside MIN_YEAR..MAX_YEAR in dates and times."""
    if isinstance(node, list):
        for item in node:
            _declare_refusals(item)
        return
    if not isinstance(node, dict):
        return
    if node.get("type") == "string" and "enum" not in node and "const" not in node:
        fmt = node.get("format")
        if fmt in ("date-time", "date"):
            node["pattern"] = DATE_TIME_PATTERN if fmt == "date-time" else DATE_PATTERN
            node["description"] = " ".join(filter(None, [node.get("description"), YEARS_NOTE]))
        elif "pattern" in node:
            node["allOf"] = [{"pattern": NO_CONTROL}]
        else:
            node["pattern"] = NO_CONTROL
    for value in node.values():
        _declare_refusals(value)


def _path(rule: str) -> tuple[str, list[dict]]:
    params = []
    for kind, name in re.findall(r"<(?:(\w+):)?(\w+)>", rule):
        if kind == "int":
            schema: dict[str, Any] = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
        elif name == "name" and rule.startswith("/reports/"):
            schema = {"type": "string", "enum": list(REPORT_COLUMNS)}
        else:
            schema = {"type": "string", "pattern": NO_CONTROL}
        params.append({"name": name, "in": "path", "required": True, "schema": schema})
    return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule), params


def _ref(model: Any) -> dict:
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def _response(r: Route) -> dict:
    if r.status == 204 or r.response is None:
        return {"description": "Done"}
    schema = _ref(r.response)
    if r.list_response:
        schema = {
            "type": "object",
            "properties": {
                "items": {"type": "array", "items": schema},
                "page": {"type": "integer"},
                "per_page": {"type": "integer"},
                "total": {"type": "integer"},
            },
            "required": ["items", "page", "per_page", "total"],
        }
    return {"description": "OK", "content": {"application/json": {"schema": schema}}}


def _query_params(r: Route) -> list[dict]:
    if r.query is None:
        return []
    schema = r.query.model_json_schema(by_alias=True)
    defs = schema.get("$defs", {})
    params = []
    for name, prop in schema.get("properties", {}).items():
        prop = _not_null(_inline(prop, defs))
        _declare_refusals(prop)
        params.append({"name": name, "in": "query", "required": False, "schema": prop})
    return params


def _inline(node: Any, defs: dict) -> Any:
    """A parameter's schema with its ``$ref``s (vocabularies) written out in place."""
    if isinstance(node, list):
        return [_inline(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target = defs[node["$ref"].rsplit("/", 1)[-1]]
        rest = {k: v for k, v in node.items() if k != "$ref"}
        return {**_inline(target, defs), **rest}
    return {key: _inline(value, defs) for key, value in node.items()}


def _not_null(prop: dict) -> dict:
    """A query argument is text or absent, never JSON null: drop pydantic's ``null`` branch."""
    branches = [b for b in prop.get("anyOf", []) if b.get("type") != "null"]
    if len(branches) != 1:
        return prop
    rest = {k: v for k, v in prop.items() if k != "anyOf" and (k, v) != ("default", None)}
    return {**branches[0], **rest}


# The multipart upload of POST /imports/linkedin (a form, not a pydantic model).
IMPORT_BODY = {
    "type": "object",
    "properties": {
        "file": {"type": "string", "format": "binary", "description": "A zip or CSV file"},
        "dry_run": {"type": "string", "enum": ["true", "false"]},
        "skip_bad_rows": {"type": "string", "enum": ["true", "false"]},
        "owner_profile_url": {"type": "string", "pattern": NO_CONTROL},
    },
    "required": ["file"],
}


# Operations that can meet a row already there (the error carries its ``existing_id``).
CONFLICTS = {
    "create_candidate": "Another candidate has this LinkedIn profile URL (existing_id)",
    "update_candidate": "Another candidate has this LinkedIn profile URL (existing_id)",
}


def _responses(r: Route, has_path_params: bool) -> dict[str, Any]:
    """The answers an operation can give: its success, and each error it can really meet."""
    takes_body = r.body is not None or r.endpoint == "import_linkedin"
    responses: dict[str, Any] = {str(r.status): _response(r)}
    if r.endpoint == "import_linkedin":
        responses["200"] = {"description": "The preview of a dry run (nothing written)"}
    if r.body is not None:
        responses["400"] = _error("The body is not a JSON object")
    responses["401"] = _error("Missing or bad token")
    if has_path_params:
        responses["404"] = _error("Not found (or another recruiter's)")
    if takes_body:
        responses["413"] = _error("The body is larger than MAX_CONTENT_LENGTH")
    responses["414"] = {
        "description": "The URL is longer than the server's request line limit (gunicorn, "
        "before the app: not JSON)"
    }
    if r.endpoint in CONFLICTS:
        responses["409"] = _error(CONFLICTS[r.endpoint])
    responses["422"] = _error("Invalid fields, or a change the candidate's history refuses")
    responses["429"] = _error("Too many failed token attempts from this address (Retry-After)")
    responses["503"] = _error("The database cannot write now (read-only or full; Retry-After)")
    return responses


def build_document() -> dict[str, Any]:
    bodies = {r.body for r in ROUTES if r.body is not None}
    responses = {r.response for r in ROUTES if r.response is not None}
    _, defs = models_json_schema(
        [(m, "validation") for m in sorted(bodies, key=str)]
        + [(m, "serialization") for m in sorted(responses, key=str)],
        ref_template="#/components/schemas/{model}",
    )
    paths: dict[str, dict] = {}
    for r in ROUTES:
        if r.endpoint == "openapi_document":
            continue
        path, params = _path(r.rule)
        has_path_params = bool(params)
        operation: dict[str, Any] = {
            "operationId": r.endpoint,
            "summary": r.summary,
            "parameters": params + _query_params(r),
            "responses": _responses(r, has_path_params),
            "security": [{"bearer": []}],
        }
        if r.body is not None:
            operation["requestBody"] = {
                "required": True,
                "content": {"application/json": {"schema": _ref(r.body)}},
            }
        if r.endpoint == "import_linkedin":
            operation["requestBody"] = {
                "required": True,
                "content": {"multipart/form-data": {"schema": IMPORT_BODY}},
            }
        paths.setdefault(f"/api/v1{path}", {})[r.method.lower()] = operation
    schemas = dict(defs.get("$defs", {}))
    for model in bodies:
        _declare_refusals(schemas[model.__name__])
    schemas["Error"] = ERROR_SCHEMA
    return {
        "openapi": "3.1.0",
        "info": {"title": "Reliant API", "version": "1"},
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }


def _error(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


@route("/openapi.json", "GET", "This document", public=True)
def openapi_document():  # type: ignore[no-untyped-def]
    return jsonify(build_document())
