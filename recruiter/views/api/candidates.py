from __future__ import annotations

from flask import g, jsonify, request
from sqlalchemy.orm import selectinload

from recruiter.extensions import db
from recruiter.models import Candidate
from recruiter.services import candidates, duplicates, merging
from recruiter.services.filters import CandidateFilter
from recruiter.views.api import body, paginated, query, route
from recruiter.views.api.schemas import (
    CandidateCreate,
    CandidateDetailOut,
    CandidateMerge,
    CandidateOut,
    CandidatePatch,
    CandidateQuery,
    ListQuery,
    dump,
)
from recruiter.views.helpers import utcnow


def candidate_json(candidate) -> dict:  # type: ignore[no-untyped-def]
    return dump(CandidateOut, candidate)


def candidate_detail_json(candidate) -> dict:  # type: ignore[no-untyped-def]
    """One candidate with the ids of their possible duplicates (one indexed query)."""
    ids = duplicates.duplicate_ids(g.recruiter, candidate)
    return dump(CandidateDetailOut, candidate, possible_duplicates=ids)


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
    filters = CandidateFilter.parse(request.args)
    select = candidates.search_candidates(g.recruiter, filters)
    # Every item carries its recommendations: one query for the page, not one per row.
    select = select.options(selectinload(Candidate.recommendations))
    total = candidates.list_total(g.recruiter, filters)
    return paginated(select, args.page, args.per_page, candidate_json, total=total)


@route(
    "/candidates",
    "POST",
    "Create a candidate",
    body=CandidateCreate,
    response=CandidateDetailOut,
    status=201,
)
def create_candidate():  # type: ignore[no-untyped-def]
    data = body(CandidateCreate).model_dump(exclude_unset=True)
    candidate = candidates.create_candidate(g.recruiter, data, utcnow())
    db.session.commit()
    return jsonify(candidate_detail_json(candidate)), 201


@route("/candidates/<int:candidate_id>", "GET", "Show a candidate", response=CandidateDetailOut)
def get_candidate(candidate_id: int):  # type: ignore[no-untyped-def]
    return jsonify(candidate_detail_json(candidates.get_candidate(g.recruiter, candidate_id)))


@route(
    "/candidates/<int:candidate_id>",
    "PATCH",
    "Edit a candidate",
    body=CandidatePatch,
    response=CandidateDetailOut,
)
def update_candidate(candidate_id: int):  # type: ignore[no-untyped-def]
    candidate = candidates.get_candidate(g.recruiter, candidate_id)
    data = body(CandidatePatch).model_dump(exclude_unset=True)
    candidates.update_candidate(g.recruiter, candidate, data, utcnow())
    db.session.commit()
    return jsonify(candidate_detail_json(candidate))


@route(
    "/candidates/<int:candidate_id>/merge",
    "POST",
    "Merge this candidate into another (a duplicate): its whole history moves to `into`, which "
    "takes the fields it lacks, is rescored and is answered; this one is deleted",
    body=CandidateMerge,
    response=CandidateDetailOut,
)
def merge_candidate(candidate_id: int):  # type: ignore[no-untyped-def]
    duplicate = candidates.get_candidate(g.recruiter, candidate_id)
    into_id = body(CandidateMerge).into  # type: ignore[attr-defined]
    into = candidates.get_candidate(g.recruiter, into_id)
    merged = merging.merge_candidates(g.recruiter, duplicate, into, utcnow())
    db.session.commit()
    return jsonify(candidate_detail_json(merged.kept))


@route(
    "/candidates/<int:candidate_id>", "DELETE", "Delete a candidate and their history", status=204
)
def delete_candidate(candidate_id: int):  # type: ignore[no-untyped-def]
    candidate = candidates.get_candidate(g.recruiter, candidate_id)
    candidates.delete_candidate(g.recruiter, candidate, utcnow())
    db.session.commit()
    return "", 204
