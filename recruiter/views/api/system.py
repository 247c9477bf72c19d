"""``GET /api/v1/status``: the version, the database and whether the scheduler is running."""

from __future__ import annotations

from importlib import metadata

from flask import jsonify

from recruiter.extensions import db
from recruiter.services import scheduler_status
from recruiter.views.api import route
from recruiter.views.api.schemas import StatusOut
from recruiter.views.helpers import utcnow


def _version() -> str:
    try:
        return metadata.version("reliant")
    except metadata.PackageNotFoundError:  # running from a checkout that was never installed
        return "unknown"


@route("/status", "GET", "The app's version, database and scheduler", response=StatusOut)
def get_status():  # type: ignore[no-untyped-def]
    scheduler = scheduler_status.status(utcnow())
    data = {"version": _version(), "database": db.engine.dialect.name, "scheduler": scheduler}
    return jsonify(StatusOut.model_validate(data).model_dump(mode="json"))
