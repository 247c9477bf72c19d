"""``/healthz`` for load balancers and supervisors: no login, plain text, one line."""

from __future__ import annotations

from flask import Blueprint, Response
from sqlalchemy.exc import SQLAlchemyError

from recruiter.extensions import db
from recruiter.services import scheduler_status

bp = Blueprint("health", __name__)


def _plain(status: int, text: str) -> Response:
    response = Response(text + "\n", status=status, mimetype="text/plain")
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/healthz")
def check() -> Response:
    """200 ``ok`` when the database answers a read and a write; 503 with the reason otherwise."""
    try:
        scheduler_status.probe_database()
        db.session.commit()
    except SQLAlchemyError as exc:
        db.session.rollback()
        return _plain(503, scheduler_status.describe_failure(exc))
    return _plain(200, "ok")
