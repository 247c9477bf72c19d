from __future__ import annotations

from flask import g, jsonify, request

from recruiter.extensions import db
from recruiter.services import interviews
from recruiter.services.filters import InterviewFilter
from recruiter.services.interviews import EventData
from recruiter.views.api import body, paginated, query, route
from recruiter.views.api.schemas import (
    EventCreate,
    InterviewCreate,
    InterviewDetail,
    InterviewOut,
    InterviewQuery,
    ListQuery,
    RetractionCreate,
    dump,
)
from recruiter.views.helpers import utcnow


@route(
    "/interviews",
    "GET",
    "List interviews",
    query=InterviewQuery,
    response=InterviewOut,
    list_response=True,
)
def list_interviews():  # type: ignore[no-untyped-def]
    # InterviewQuery documents the parameters; the list's one filter object reads them.
    args = query(ListQuery)
    filters = InterviewFilter.parse(request.args)
    select = interviews.search_interviews(g.recruiter, filters, utcnow())
    return paginated(select, args.page, args.per_page, lambda i: dump(InterviewOut, i))


@route(
    "/interviews",
    "POST",
    "Schedule an interview",
    body=InterviewCreate,
    response=InterviewDetail,
    status=201,
)
def create_interview():  # type: ignore[no-untyped-def]
    data = body(InterviewCreate).model_dump()
    interview = interviews.create_interview(g.recruiter, data, utcnow())
    db.session.commit()
    return jsonify(dump(InterviewDetail, interview)), 201


@route(
    "/interviews/<int:interview_id>",
    "GET",
    "Show an interview with its event log",
    response=InterviewDetail,
)
def get_interview(interview_id: int):  # type: ignore[no-untyped-def]
    return jsonify(dump(InterviewDetail, interviews.get_interview(g.recruiter, interview_id)))


@route(
    "/interviews/<int:interview_id>/events",
    "POST",
    "Log an interview event",
    body=EventCreate,
    response=InterviewDetail,
    status=201,
)
def add_event(interview_id: int):  # type: ignore[no-untyped-def]
    interview = interviews.get_interview(g.recruiter, interview_id)
    data = body(EventCreate)
    interviews.add_event(g.recruiter, interview, EventData(**data.model_dump()), utcnow())
    db.session.commit()
    return jsonify(dump(InterviewDetail, interview)), 201


@route(
    "/interviews/<int:interview_id>/events/<int:event_id>/retract",
    "POST",
    "Retract a logged event (it stays in the log; everything replays without it)",
    body=RetractionCreate,
    response=InterviewDetail,
    status=201,
)
def retract_event(interview_id: int, event_id: int):  # type: ignore[no-untyped-def]
    interview = interviews.get_interview(g.recruiter, interview_id)
    data = body(RetractionCreate)
    interviews.retract_event(g.recruiter, interview, event_id, data.reason, utcnow())
    db.session.commit()
    return jsonify(dump(InterviewDetail, interview)), 201
