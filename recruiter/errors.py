"""Error pages for people, JSON errors for the API. A 500 rolls the session back."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import Forbidden as HTTPForbidden
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.exceptions import NotFound as HTTPNotFound

from recruiter.extensions import db
from recruiter.services import Conflict, Forbidden, NotFound, ServiceError

log = logging.getLogger(__name__)


def wants_json() -> bool:
    return request.path.startswith("/api/")


def json_error(status: int, message: str, fields: dict | None = None, **extra: object):  # type: ignore[no-untyped-def]
    body: dict = {"error": {"message": message, **extra}}
    if fields:
        body["error"]["fields"] = fields
    return jsonify(body), status


def handle_http(exc: HTTPException):  # type: ignore[no-untyped-def]
    if exc.code and exc.code >= 500:
        db.session.rollback()
    # Keep what the exception says in its headers (a 405's Allow, a 429's Retry-After).
    headers = [(k, v) for k, v in exc.get_headers() if k.lower() != "content-type"]
    if wants_json():
        body, status = json_error(exc.code or 500, exc.description or exc.name)
        return body, status, headers
    template = "errors/404.html" if exc.code == 404 else "errors/error.html"
    return render_template(template, error=exc), exc.code, headers


def handle_not_found(exc: NotFound):  # type: ignore[no-untyped-def]
    db.session.rollback()
    return handle_http(HTTPNotFound("Not found."))


def handle_forbidden(exc: Forbidden):  # type: ignore[no-untyped-def]
    db.session.rollback()
    return handle_http(HTTPForbidden(exc.message))


def handle_service_error(exc: ServiceError):  # type: ignore[no-untyped-def]
    """A ServiceError no view caught: refuse it as a 422 rather than a 500."""
    db.session.rollback()
    if wants_json() and isinstance(exc, Conflict):
        return json_error(409, exc.message, exc.fields, existing_id=exc.existing_id)
    if wants_json():
        return json_error(422, exc.message, exc.fields)
    return render_template("errors/error.html", error=exc, message=exc.message), 422


def handle_csrf(exc: CSRFError):  # type: ignore[no-untyped-def]
    if wants_json():
        return json_error(400, exc.description)
    return render_template(
        "errors/error.html",
        error=exc,
        message="This form has expired or was not sent from Reliant. Go back, reload and retry.",
    ), 400


# What SQLite and PostgreSQL say when they cannot write: read-only, or out of disk.
UNAVAILABLE_MARKERS = (
    "readonly database",
    "read-only",
    "database or disk is full",
    "disk is full",
    "no space left on device",
    "could not extend file",
)
UNAVAILABLE_MESSAGE = (
    "The database cannot save right now (it is read-only or its disk is full): nothing was "
    "saved. Try again later, or ask whoever runs Reliant to check the server's disk."
)


def storage_unavailable(exc: BaseException) -> bool:
    if not isinstance(exc, DBAPIError):  # OperationalError, InternalError (PostgreSQL 25006)
        return False
    text = str(exc.orig or exc).lower()
    return any(marker in text for marker in UNAVAILABLE_MARKERS)


# What they say when another transaction held a lock for too long: SQLite's busy timeout ran
# out (an import holds the one write lock for its whole run), or PostgreSQL gave up a lock wait
# or broke a deadlock. Nothing was saved, and the same request succeeds a moment later.
BUSY_MARKERS = ("database is locked", "database table is locked")
BUSY_SQLSTATES = ("40P01", "55P03", "40001")  # deadlock, lock timeout, serialization failure
BUSY_MESSAGE = (
    "The database is busy with another write (an import, perhaps): nothing was saved. "
    "Try again in a few seconds."
)


def database_busy(exc: BaseException) -> bool:
    if not isinstance(exc, DBAPIError):
        return False
    if getattr(exc.orig, "sqlstate", None) in BUSY_SQLSTATES:
        return True
    text = str(exc.orig or exc).lower()
    return any(marker in text for marker in BUSY_MARKERS)


def handle_unavailable(exc: Exception):  # type: ignore[no-untyped-def]
    db.session.rollback()
    log.error("database cannot write on %s %s: %s", request.method, request.path, exc)
    return _refused(UNAVAILABLE_MESSAGE, "Cannot save", retry_after=60)


def handle_busy(exc: Exception):  # type: ignore[no-untyped-def]
    db.session.rollback()
    log.warning("database busy on %s %s: %s", request.method, request.path, exc)
    return _refused(BUSY_MESSAGE, "Busy", retry_after=5)


def _refused(message: str, title: str, retry_after: int):  # type: ignore[no-untyped-def]
    headers = {"Retry-After": str(retry_after)}
    if wants_json():
        body, _ = json_error(503, message)
        return body, 503, headers
    page = render_template("errors/error.html", error=None, message=message, title=title)
    return page, 503, headers


def handle_500(exc: Exception):  # type: ignore[no-untyped-def]
    if storage_unavailable(exc):
        return handle_unavailable(exc)
    if database_busy(exc):
        return handle_busy(exc)
    db.session.rollback()
    log.exception("unhandled error on %s %s", request.method, request.path)
    if wants_json():
        return json_error(500, "Internal error; nothing was saved.")
    return render_template("errors/error.html", error=InternalServerError()), 500


def register(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf)
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(NotFound, handle_not_found)
    app.register_error_handler(Forbidden, handle_forbidden)
    app.register_error_handler(ServiceError, handle_service_error)
    app.register_error_handler(InternalServerError, handle_500)
    app.register_error_handler(Exception, handle_500)
