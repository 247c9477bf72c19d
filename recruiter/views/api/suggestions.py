"""Suggestions (list, show, accept, dismiss, undo), candidate signals and connection advice."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from flask import g, jsonify, request
from pydantic import BaseModel, Field

from recruiter.extensions import db
from recruiter.models import Suggestion
from recruiter.services import advice, candidates, signals, suggestions
from recruiter.services.filters import SuggestionFilter
from recruiter.services.ghosts import GhostSettings
from recruiter.settings import current as current_settings
from recruiter.views.api import ApiError, paginated, query, route
from recruiter.views.api.schemas import (
    Blank,
    Id,
    In,
    ListQuery,
    Member,
    Out,
    Timestamp,
    UTCTime,
    dump,
    member,
)
from recruiter.views.helpers import utcnow
from recruiter.vocab import SignalType, SuggestionKind, SuggestionStatus


class SuggestionQuery(ListQuery):
    """Documents the list's parameters; ``services.filters.SuggestionFilter`` reads them."""

    status: SuggestionStatus | Blank | None = None
    candidate_id: Id | Blank | None = None
    interview_id: Id | Blank | None = None
    kind: SuggestionKind | Blank | None = None
    date_from: date | Blank | None = Field(None, alias="from", description="Made on or after")
    date_to: date | Blank | None = Field(None, alias="to", description="Made on or before")


class SuggestionOut(Out):
    id: int
    kind: SuggestionKind
    candidate_id: int
    interview_id: int | None
    status: SuggestionStatus
    reasons: list[str]
    evidence: dict[str, Any]
    created_at: UTCTime
    resolved_at: UTCTime | None
    resolution_reason: str | None
    decided_by: Member = member("decided_by_id")


class AcceptIn(In):
    reason: str | None = Field(None, max_length=1000, description="An optional note.")


class DismissIn(In):
    reason: str = Field(min_length=1, max_length=1000, pattern=r"\S", description="Why.")


class SignalCreate(In):
    type: SignalType
    at: Timestamp
    detail: str | None = Field(None, max_length=2000)


class SignalOut(Out):
    id: int
    candidate_id: int
    type: SignalType
    at: UTCTime
    detail: str | None
    created_at: UTCTime


class SignalCreated(SignalOut):
    suggestions: list[SuggestionOut]


class AdviceReason(BaseModel):
    text: str
    points: int


class AdviceOut(BaseModel):
    candidate_id: int
    verdict: Literal["accept", "caution", "decline"]
    summary: str
    points: int
    ghosted: bool
    fake_profile: bool
    reasons: list[AdviceReason]


def suggestion_json(row: Suggestion) -> dict:
    return dump(SuggestionOut, row)


def _optional_body(model: type[BaseModel]) -> Any:
    """Like ``body()``, but an empty request counts as ``{}`` (the fields decide)."""
    if not request.get_data():
        return model.model_validate({})
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ApiError(400, "Send a JSON object with Content-Type: application/json.")
    return model.model_validate(data)


def _settings() -> GhostSettings:
    return current_settings().ghost


@route(
    "/suggestions",
    "GET",
    "List suggestions (open first)",
    query=SuggestionQuery,
    response=SuggestionOut,
    list_response=True,
)
def list_suggestions():  # type: ignore[no-untyped-def]
    args = query(ListQuery)
    select = suggestions.search_suggestions(g.recruiter, SuggestionFilter.parse(request.args))
    return paginated(select, args.page, args.per_page, suggestion_json)


@route("/suggestions/<int:suggestion_id>", "GET", "Show a suggestion", response=SuggestionOut)
def get_suggestion(suggestion_id: int):  # type: ignore[no-untyped-def]
    return jsonify(suggestion_json(suggestions.get_suggestion(g.recruiter, suggestion_id)))


@route(
    "/suggestions/<int:suggestion_id>/accept",
    "POST",
    "Accept a suggestion: the candidate's connection becomes removed",
    body=AcceptIn,
    response=SuggestionOut,
)
def accept_suggestion(suggestion_id: int):  # type: ignore[no-untyped-def]
    row = suggestions.get_suggestion(g.recruiter, suggestion_id)
    data = _optional_body(AcceptIn)
    suggestions.accept(g.recruiter, row, utcnow(), data.reason)
    db.session.commit()
    return jsonify(suggestion_json(row))


@route(
    "/suggestions/<int:suggestion_id>/dismiss",
    "POST",
    "Dismiss a suggestion (a reason is required)",
    body=DismissIn,
    response=SuggestionOut,
)
def dismiss_suggestion(suggestion_id: int):  # type: ignore[no-untyped-def]
    row = suggestions.get_suggestion(g.recruiter, suggestion_id)
    data = _optional_body(DismissIn)
    suggestions.dismiss(g.recruiter, row, data.reason, utcnow())
    db.session.commit()
    return jsonify(suggestion_json(row))


@route(
    "/suggestions/<int:suggestion_id>/undo",
    "POST",
    "Undo an accept or a dismissal (back to open)",
    response=SuggestionOut,
)
def undo_suggestion(suggestion_id: int):  # type: ignore[no-untyped-def]
    row = suggestions.get_suggestion(g.recruiter, suggestion_id)
    suggestions.undo(g.recruiter, row, utcnow())
    db.session.commit()
    return jsonify(suggestion_json(row))


@route(
    "/candidates/<int:candidate_id>/signals",
    "POST",
    "Log a candidate signal (asked to connect, new position)",
    body=SignalCreate,
    response=SignalCreated,
    status=201,
)
def create_signal(candidate_id: int):  # type: ignore[no-untyped-def]
    candidate = candidates.get_candidate(g.recruiter, candidate_id)
    data = _optional_body(SignalCreate)
    result = signals.record_signal(
        g.recruiter, candidate, data.type, data.at, data.detail, utcnow(), _settings()
    )
    db.session.commit()
    opened = [suggestion_json(s) for s in result.suggestions]
    return jsonify(dump(SignalOut, result.signal, suggestions=opened)), 201


@route(
    "/candidates/<int:candidate_id>/signals",
    "GET",
    "List a candidate's signals",
    query=ListQuery,
    response=SignalOut,
    list_response=True,
)
def list_signals(candidate_id: int):  # type: ignore[no-untyped-def]
    candidate = candidates.get_candidate(g.recruiter, candidate_id)
    args = query(ListQuery)
    select = signals.search_signals(g.recruiter, candidate.id)
    return paginated(
        select,
        args.page,
        args.per_page,
        lambda s: dump(SignalOut, s),  # type: ignore[arg-type]
    )


@route(
    "/candidates/<int:candidate_id>/advice",
    "GET",
    "Connection-request advice for a candidate: verdict and reasons",
    response=AdviceOut,
)
def get_advice(candidate_id: int):  # type: ignore[no-untyped-def]
    candidate = candidates.get_candidate(g.recruiter, candidate_id)
    result = advice.advise(g.recruiter, candidate, utcnow(), _settings())
    return jsonify({"candidate_id": candidate.id, **result.to_dict()})
