"""The suggestions inbox's filters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar

from sqlalchemy import Select, case

from recruiter.models import SUGGESTION_KINDS, SUGGESTION_STATUSES, Recruiter, Suggestion
from recruiter.services.filters.base import (
    ListFilter,
    Ordered,
    Param,
    between,
    day,
    identifier,
    one_of,
)


@dataclass(frozen=True)
class SuggestionFilter(ListFilter):
    """The suggestions inbox's filters (web inbox, ``GET /api/v1/suggestions``, suggestions
    CSV): open first, then newest first. ``from``/``to``: the day it was made."""

    PARAMS: ClassVar[dict[str, Param]] = {
        "status": Param("status", one_of(SUGGESTION_STATUSES)),
        "kind": Param("kind", one_of(SUGGESTION_KINDS)),
        "candidate_id": Param("candidate_id", identifier),
        "interview_id": Param("interview_id", identifier),
        "from": Param("date_from", day),
        "to": Param("date_to", day),
    }
    ORDERED: ClassVar[tuple[Ordered, ...]] = (Ordered("from", "to", "'to' is before 'from'."),)
    DATES: ClassVar[tuple[str, str]] = ("from", "to")

    status: str | None = None
    kind: str | None = None
    candidate_id: int | None = None
    interview_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None

    def apply(self, query: Select, owner: Recruiter, now: datetime | None = None) -> Select:
        """``query`` (over the owner's suggestions) narrowed and ordered by these filters."""
        if self.status:
            query = query.where(Suggestion.status == self.status)
        if self.kind:
            query = query.where(Suggestion.kind == self.kind)
        if self.candidate_id:
            query = query.where(Suggestion.candidate_id == self.candidate_id)
        if self.interview_id:
            query = query.where(Suggestion.interview_id == self.interview_id)
        query = between(query, Suggestion.created_at, self.date_from, self.date_to, owner.time_zone)
        newest = (Suggestion.created_at.desc(), Suggestion.id.desc())
        if self.status:
            # One status: the (team_id, status, created_at, id) index hands the rows over in
            # this order, so a page (the dashboard's five open ones) stops at the page, where
            # sorting a large backlog read every open suggestion.
            return query.order_by(*newest)
        open_first = case((Suggestion.status == "open", 0), else_=1)
        return query.order_by(open_first, *newest)
