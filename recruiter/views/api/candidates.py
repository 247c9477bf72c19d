from __future__ import annotations

from flask import g, jsonify, request
from sqlalchemy.orm import selectinload

from recruiter.extensions import db
from recruiter.models import Candidate
from recruiter.services import candidates
from recruiter.services.filters import CandidateFilter
from recruiter.views.api import body, paginated, query, route
from recruiter.views.api.schemas import (
    CandidateCreate,
    CandidateOut,
    CandidatePatch,
    CandidateQuery,
    ListQuery,
    dump,
)
from recruiter.views.helpers import utcnow


def candidate_json(candidate) -> dict:  # type: ignore[no-untyped-def]
    return dump(CandidateOut, candidate)


@route(
    "/candidates",
    "GET",
    "List candidates",
    query=CandidateQuery,
    response=CandidateOut,
    list_response=True,
)
def list_candidates():  # type: ignore[no-untyped-def]
    # CandidateQuery documents the parameters; the list's one filter object reads them.
    args = query(ListQuery)
    select = candidates.search_candidates(g.recruiter, CandidateFilter.parse(request.args))
    # Every item carries its recommendations: one query for the page, not one per row.
    select = select.options(selectinload(Candidate.recommendations))
    return paginated(select, args.page, args.per_page, candidate_json)


@route(
    "/candidates",
    "POST",
    "Create a candidate",
    body=CandidateCreate,
    response=CandidateOut,
    status=201,
)
def create_candidate():  # type: ignore[no-untyped-def]
    data = body(CandidateCreate).model_dump(exclude_unset=True)
    candidate = candidates.create_candidate(g.recruiter, data, utcnow())
    db.session.commit()
    return jsonify(candidate_json(candidate)), 201


@route("/candidates/<int:candidate_id>", "GET", "Show a candidate", response=CandidateOut)
def get_candidate(candidate_id: int):  # type: ignore[no-untyped-def]
    return jsonify(candidate_json(candidates.get_candidate(g.recruiter, candidate_id)))


@route(
    "/candidates/<int:candidate_id>",
    "PATCH",
    "Edit a candidate",
    body=CandidatePatch,
    response=CandidateOut,
)
def update_candidate(candidate_id: int):  # type: ignore[no-untyped-def]
    candidate = candidates.get_candidate(g.recruiter, candidate_id)
    data = body(CandidatePatch).model_dump(exclude_unset=True)
    candidates.update_candidate(g.recruiter, candidate, data, utcnow())
    db.session.commit()
    return jsonify(candidate_json(candidate))


@route(
    "/candidates/<int:candidate_id>", "DELETE", "Delete a candidate and their history", status=204
)
def delete_candidate(candidate_id: int):  # type: ignore[no-untyped-def]
    candidate = candidates.get_candidate(g.recruiter, candidate_id)
    candidates.delete_candidate(g.recruiter, candidate, utcnow())
    db.session.commit()
    return "", 204
