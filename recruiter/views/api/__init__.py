"""The JSON API under /api/v1: bearer-token auth, JSON errors, and a route table that the
OpenAPI document is generated from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, g, jsonify, request
from pydantic import BaseModel, ValidationError
from werkzeug.exceptions import HTTPException

from recruiter.extensions import csrf, db
from recruiter.services import Conflict, Forbidden, NotFound, ServiceError, accounts, throttle
from recruiter.settings import current as current_settings
from recruiter.views.helpers import utcnow, with_total

bp = Blueprint("api", __name__)
csrf.exempt(bp)  # token auth, no cookies: CSRF does not apply


@dataclass(frozen=True)
class Route:
    rule: str
    method: str
    endpoint: str
    summary: str
    body: type[BaseModel] | None
    response: type[BaseModel] | None
    query: type[BaseModel] | None
    status: int
    list_response: bool


ROUTES: list[Route] = []


def route(
    rule: str,
    method: str,
    summary: str,
    body: type[BaseModel] | None = None,
    response: type[BaseModel] | None = None,
    query: type[BaseModel] | None = None,
    status: int = 200,
    list_response: bool = False,
    public: bool = False,
) -> Callable:
    """Register an API view and describe it for the OpenAPI document in one place."""

    def decorator(fn: Callable) -> Callable:
        ROUTES.append(
            Route(rule, method, fn.__name__, summary, body, response, query, status, list_response)
        )
        if public:
            PUBLIC_ENDPOINTS.add(f"api.{fn.__name__}")
        bp.add_url_rule(rule, endpoint=fn.__name__, view_func=fn, methods=[method])
        return fn

    return decorator


PUBLIC_ENDPOINTS: set[str] = set()
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class ApiError(Exception):
    def __init__(self, status: int, message: str, fields: dict | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.fields = status, message, fields


def error(status: int, message: str, fields: dict | None = None, **extra: Any):  # type: ignore[no-untyped-def]
    body: dict[str, Any] = {"error": {"message": message, **extra}}
    if fields:
        body["error"]["fields"] = fields
    response = jsonify(body)
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="reliant"'
    return response


@bp.before_request
def authenticate():  # type: ignore[no-untyped-def]
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return error(401, "Send an API token: Authorization: Bearer <token>.")
    # Unknown tokens are throttled per client address: a throttled address is refused, even
    # with a good token (the check rides along with the token's lookup).
    now = utcnow()
    settings = current_settings().throttle
    keys = [throttle.key("token", "ip", request.remote_addr or "unknown")]
    check = accounts.check_token(token.strip(), now, keys[0], settings)
    if check.retry_after:
        wait = check.retry_after
        response = error(429, f"Too many failed token attempts. Retry in {wait} seconds.")
        response.headers["Retry-After"] = str(wait)
        return response
    recruiter = check.recruiter
    if recruiter is None:
        throttle.record_failure(keys, now, settings)
        db.session.commit()
        return error(401, "That API token is unknown or revoked.")
    if db.session.dirty and request.method in SAFE_METHODS:
        db.session.commit()  # the token's last use, at most once a minute
    # A write carries the token's last use in its own commit (a refused one drops it).
    g.recruiter = recruiter
    # The answer to a write is built from the rows its unit of work just flushed and settled:
    # reloading them after the commit would cost a query per row for nothing.
    db.session().expire_on_commit = False
    return None


@bp.teardown_request
def restore_expiry(exc: BaseException | None = None) -> None:
    session = db.session()
    if not session.expire_on_commit:
        session.expire_on_commit = True
        session.expire_all()  # what the request committed is read afresh by whoever comes next


def pydantic_fields(exc: ValidationError) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for item in exc.errors():
        name = ".".join(str(p) for p in item["loc"]) or "body"
        message = item["msg"]
        if item["type"] == "timezone_aware":
            message = "A timestamp needs an offset or Z, e.g. 2026-03-29T09:00:00+02:00."
        fields.setdefault(name, []).append(message)
    return fields


@bp.errorhandler(ValidationError)
def on_validation_error(exc: ValidationError):  # type: ignore[no-untyped-def]
    db.session.rollback()
    return error(422, "The request has invalid fields.", pydantic_fields(exc))


@bp.errorhandler(ServiceError)
def on_service_error(exc: ServiceError):  # type: ignore[no-untyped-def]
    db.session.rollback()
    return error(422, exc.message, exc.fields or None)


@bp.errorhandler(Conflict)
def on_conflict(exc: Conflict):  # type: ignore[no-untyped-def]
    """A second copy of an existing row: 409, naming the row that exists."""
    db.session.rollback()
    return error(409, exc.message, exc.fields or None, existing_id=exc.existing_id)


@bp.errorhandler(NotFound)
def on_not_found(exc: NotFound):  # type: ignore[no-untyped-def]
    db.session.rollback()
    return error(404, "Not found.")


@bp.errorhandler(Forbidden)
def on_forbidden(exc: Forbidden):  # type: ignore[no-untyped-def]
    db.session.rollback()
    return error(403, exc.message)


@bp.errorhandler(ApiError)
def on_api_error(exc: ApiError):  # type: ignore[no-untyped-def]
    db.session.rollback()
    return error(exc.status, exc.message, exc.fields)


@bp.errorhandler(HTTPException)
def on_http_error(exc: HTTPException):  # type: ignore[no-untyped-def]
    return error(exc.code or 500, exc.description or exc.name)


def body(model: type[BaseModel]) -> BaseModel:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ApiError(400, "Send a JSON object with Content-Type: application/json.")
    return model.model_validate(data)


def query(model: type[BaseModel]) -> BaseModel:
    return model.model_validate(request.args.to_dict())


def paginated(
    select_query: Any,
    page: int,
    per_page: int,
    dump: Callable[[Any], dict],
    total: int | None = None,
) -> Any:
    """A page as JSON; ``total`` when known without counting (see ``helpers.with_total``)."""
    result = with_total(select_query, total, page=page, per_page=per_page, error_out=False)
    return jsonify(
        {
            "items": [dump(row) for row in result.items],
            "page": page,
            "per_page": per_page,
            "total": result.total,
        }
    )


# Register the endpoints (imports after bp exists).
from recruiter.views.api import (  # noqa: E402, F401
    calendar,
    candidates,
    clients,
    imports,
    interviews,
    openapi,
    outreach,
    reminders,
    reports,
    suggestions,
    system,
    team,
)
