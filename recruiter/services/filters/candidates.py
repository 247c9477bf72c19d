"""The candidate list's filters."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import ClassVar

from sqlalchemy import Select, exists

from recruiter.models import CONNECTION_STATUSES, Candidate, Interview
from recruiter.services.filters.base import (
    ListFilter,
    Ordered,
    Param,
    between,
    day,
    identifier,
    one_of,
    score,
    search_condition,
    text,
)
from recruiter.textkey import search_key

CONFIDENCES = ("none", "low", "medium", "high")
CANDIDATE_SORTS = {
    "name": (Candidate.full_name.asc(),),
    "-name": (Candidate.full_name.desc(),),
    "created": (Candidate.created_at.asc(),),
    "-created": (Candidate.created_at.desc(),),
    "score": (Candidate.score.asc().nulls_last(), Candidate.full_name.asc()),
    "-score": (Candidate.score.desc().nulls_last(), Candidate.full_name.asc()),
}


@dataclass(frozen=True)
class CandidateFilter(ListFilter):
    """The candidate list's filters: the web list, ``GET /api/v1/candidates`` and the
    candidates CSV report (web, API and CLI) all parse and apply this one.

    ``q`` matches the search key (:mod:`recruiter.textkey`) of name, e-mail, company and
    profile address anywhere inside it (``%q%``), ignoring case and accents in every script,
    with ``%``, ``_`` and ``\\`` taken literally. A substring cannot seek a B-tree: a trigram
    index finds the rows (:func:`~recruiter.services.filters.base.search_condition`).
    """

    PARAMS: ClassVar[dict[str, Param]] = {
        "q": Param("q", text),
        "connection_status": Param("connection_status", one_of(CONNECTION_STATUSES)),
        "client_id": Param("client_id", identifier),
        "min_score": Param("min_score", score),
        "max_score": Param("max_score", score),
        "confidence": Param("confidence", one_of(CONFIDENCES)),
        "sort": Param("sort", one_of(tuple(CANDIDATE_SORTS))),
        "from": Param("date_from", day),
        "to": Param("date_to", day),
    }
    ORDERED: ClassVar[tuple[Ordered, ...]] = (
        Ordered("min_score", "max_score", "max_score is below min_score."),
        Ordered("from", "to", "'to' is before 'from'."),
    )
    DATES: ClassVar[tuple[str, str]] = ("from", "to")
    SORTS: ClassVar[tuple[str, ...]] = tuple(CANDIDATE_SORTS)

    q: str | None = None
    connection_status: str | None = None
    client_id: int | None = None
    min_score: float | None = None
    max_score: float | None = None
    confidence: str | None = None
    sort: str = "name"
    date_from: date | None = None  # added on or after (the recruiter's day)
    date_to: date | None = None  # added on or before

    @property
    def narrows(self) -> bool:
        """Whether these filters leave out any of the team's candidates (the sort alone does
        not): an unfiltered list's total is the team's count, a narrowed one counts matches."""
        if search_key(self.q):  # a q that folds to no key (a lone accent) filters nothing
            return True
        unset = CandidateFilter()
        return any(
            getattr(self, f.name) != getattr(unset, f.name)
            for f in fields(self)
            if f.name not in ("q", "sort")
        )

    def apply(self, query: Select, tz_name: str | None) -> Select:
        """``query`` (over the owner's candidates) narrowed and ordered by these filters."""
        key = search_key(self.q)
        if key:
            query = query.where(search_condition(key))
        if self.connection_status:
            query = query.where(Candidate.connection_status == self.connection_status)
        if self.client_id:
            query = query.where(
                exists().where(
                    Interview.candidate_id == Candidate.id, Interview.client_id == self.client_id
                )
            )
        if self.min_score is not None:
            query = query.where(Candidate.score >= self.min_score)
        if self.max_score is not None:
            query = query.where(Candidate.score <= self.max_score)
        if self.confidence:
            query = query.where(Candidate.confidence == self.confidence)
        query = between(query, Candidate.created_at, self.date_from, self.date_to, tz_name)
        return query.order_by(*CANDIDATE_SORTS[self.sort], Candidate.id)
