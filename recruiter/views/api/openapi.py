"""The OpenAPI 3 document, generated from the route table and the pydantic schemas."""

from __future__ import annotations

import re
from typing import Any

from flask import jsonify
from pydantic.json_schema import models_json_schema

from recruiter.views.api import ROUTES, Route, route

ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "message": {"type": "string"},
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


def _path(rule: str) -> tuple[str, list[dict]]:
    params = []
    for kind, name in re.findall(r"<(?:(\w+):)?(\w+)>", rule):
        schema = {"type": "integer"} if kind == "int" else {"type": "string"}
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
    schema = r.query.model_json_schema()
    return [
        {"name": name, "in": "query", "required": False, "schema": prop}
        for name, prop in schema.get("properties", {}).items()
    ]


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
        operation: dict[str, Any] = {
            "operationId": r.endpoint,
            "summary": r.summary,
            "parameters": params + _query_params(r),
            "responses": {
                str(r.status): _response(r),
                "401": _error("Missing or bad token"),
                "404": _error("Not found (or another recruiter's)"),
                "422": _error("Invalid fields"),
                "429": _error("Too many failed token attempts from this address (Retry-After)"),
            },
            "security": [{"bearer": []}],
        }
        if r.body is not None:
            operation["requestBody"] = {
                "required": True,
                "content": {"application/json": {"schema": _ref(r.body)}},
            }
        paths.setdefault(f"/api/v1{path}", {})[r.method.lower()] = operation
    schemas = dict(defs.get("$defs", {}))
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
