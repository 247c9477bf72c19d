from __future__ import annotations

from flask import g, jsonify, request

from recruiter.extensions import db
from recruiter.models import Outreach
from recruiter.services import outreach
from recruiter.services.filters import OutreachFilter
from recruiter.views.api import body, paginated, query, route
from recruiter.views.api.schemas import (
    ListQuery,
    OutreachCreate,
    OutreachOut,
    OutreachQuery,
    ResponseCreate,
    dump,
)
from recruiter.views.helpers import utcnow


def outreach_json(row: Outreach) -> dict:
    hours = None
    if row.responded_at is not None:
        hours = round((row.responded_at - row.sent_at).total_seconds() / 3600, 2)
    return dump(OutreachOut, row, response_hours=hours)


@route(
    "/outreach",
    "GET",
    "List outreach",
    query=OutreachQuery,
    response=OutreachOut,
    list_response=True,
)
def list_outreach():  # type: ignore[no-untyped-def]
    # OutreachQuery documents the parameters; the list's one filter object reads them.
    args = query(ListQuery)
    select = outreach.search_outreach(g.recruiter, OutreachFilter.parse(request.args))
    return paginated(select, args.page, args.per_page, outreach_json)


@route(
    "/outreach", "POST", "Log an outreach", body=OutreachCreate, response=OutreachOut, status=201
)
def create_outreach():  # type: ignore[no-untyped-def]
    row = outreach.create_outreach(g.recruiter, body(OutreachCreate).model_dump(), utcnow())
    db.session.commit()
    return jsonify(outreach_json(row)), 201


@route("/outreach/<int:outreach_id>", "GET", "Show an outreach", response=OutreachOut)
def get_outreach(outreach_id: int):  # type: ignore[no-untyped-def]
    return jsonify(outreach_json(outreach.get_outreach(g.recruiter, outreach_id)))


@route(
    "/outreach/<int:outreach_id>/response",
    "POST",
    "Log the candidate's answer",
    body=ResponseCreate,
    response=OutreachOut,
)
def record_response(outreach_id: int):  # type: ignore[no-untyped-def]
    row = outreach.get_outreach(g.recruiter, outreach_id)
    data = body(ResponseCreate)
    outreach.record_response(g.recruiter, row, data.responded_at, utcnow())
    db.session.commit()
    return jsonify(outreach_json(row))
