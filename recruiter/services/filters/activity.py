"""The outreach and interview lists' filters.

``q`` searches the candidate as the candidate list does (its search key, case and accents
ignored); dates are days in the recruiter's zone, both included. The lists stay on the
owner's indexes: ``(team_id, scheduled_at, ...)`` for interviews by date and upcoming, and
the candidate indexes for one candidate's rows or a search.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar

from sqlalchemy import Select

from recruiter.models import (
    CHANNELS,
    DIRECTIONS,
    INTERVIEW_STATUSES,
    Client,
    Interview,
    Outreach,
    Recruiter,
)
from recruiter.services.filters.base import (
    ListFilter,
    Ordered,
    Param,
    between,
    candidate_search,
    day,
    flag,
    identifier,
    one_of,
    text,
)
from recruiter.services.scoping import owned
from recruiter.textkey import case_key, like_pattern


@dataclass(frozen=True)
class OutreachFilter(ListFilter):
    """The outreach list's filters (web list, ``GET /api/v1/outreach``, outreach CSV), newest
    first. ``answered=true``: a reply is logged; ``false``: outbound with no reply logged (an
    inbound message has no reply to wait for)."""

    PARAMS: ClassVar[dict[str, Param]] = {
        "q": Param("q", text),
        "candidate_id": Param("candidate_id", identifier),
        "interview_id": Param("interview_id", identifier),
        "channel": Param("channel", one_of(CHANNELS)),
        "direction": Param("direction", one_of(DIRECTIONS)),
        "answered": Param("answered", flag),
        "sent_from": Param("sent_from", day),
        "sent_to": Param("sent_to", day),
    }
    ORDERED: ClassVar[tuple[Ordered, ...]] = (
        Ordered("sent_from", "sent_to", "'sent_to' is before 'sent_from'."),
    )
    DATES: ClassVar[tuple[str, str]] = ("sent_from", "sent_to")

    q: str | None = None
    candidate_id: int | None = None
    interview_id: int | None = None
    channel: str | None = None
    direction: str | None = None
    answered: bool | None = None
    sent_from: date | None = None
    sent_to: date | None = None

    def apply(self, query: Select, owner: Recruiter, now: datetime | None = None) -> Select:
        """``query`` (over the owner's outreach) narrowed and ordered by these filters."""
        if self.candidate_id:
            query = query.where(Outreach.candidate_id == self.candidate_id)
        if self.interview_id:
            query = query.where(Outreach.interview_id == self.interview_id)
        found = candidate_search(owner, self.q)
        if found is not None:
            query = query.where(Outreach.candidate_id.in_(found))
        if self.channel:
            query = query.where(Outreach.channel == self.channel)
        if self.direction:
            query = query.where(Outreach.direction == self.direction)
        if self.answered is True:
            query = query.where(Outreach.responded_at.is_not(None))
        elif self.answered is False:
            query = query.where(Outreach.direction == "outbound", Outreach.responded_at.is_(None))
        query = between(query, Outreach.sent_at, self.sent_from, self.sent_to, owner.time_zone)
        return query.order_by(Outreach.sent_at.desc(), Outreach.id.desc())


@dataclass(frozen=True)
class InterviewFilter(ListFilter):
    """The interview list's filters (web list and its Upcoming tab, ``GET /api/v1/interviews``,
    interviews CSV), latest start first. ``upcoming=true``: starting from ``now`` on, soonest
    first. ``client_id`` is one client; ``client`` searches client names (case ignored)."""

    PARAMS: ClassVar[dict[str, Param]] = {
        "q": Param("q", text),
        "candidate_id": Param("candidate_id", identifier),
        "client_id": Param("client_id", identifier),
        "client": Param("client", text),
        "status": Param("status", one_of(INTERVIEW_STATUSES)),
        "scheduled_from": Param("scheduled_from", day),
        "scheduled_to": Param("scheduled_to", day),
        "upcoming": Param("upcoming", flag),
    }
    ORDERED: ClassVar[tuple[Ordered, ...]] = (
        Ordered("scheduled_from", "scheduled_to", "'scheduled_to' is before 'scheduled_from'."),
    )
    DATES: ClassVar[tuple[str, str]] = ("scheduled_from", "scheduled_to")

    q: str | None = None
    candidate_id: int | None = None
    client_id: int | None = None
    client: str | None = None
    status: str | None = None
    scheduled_from: date | None = None
    scheduled_to: date | None = None
    upcoming: bool = False

    def apply(self, query: Select, owner: Recruiter, now: datetime | None = None) -> Select:
        """``query`` (over the owner's interviews) narrowed and ordered by these filters;
        ``now`` is needed for ``upcoming``."""
        if self.candidate_id:
            query = query.where(Interview.candidate_id == self.candidate_id)
        if self.client_id:
            query = query.where(Interview.client_id == self.client_id)
        key = case_key(self.client)
        if key:
            clients = (
                owned(Client, owner)
                .with_only_columns(Client.id)
                .where(Client.name_key.like(like_pattern(key), escape="\\"))
            )
            query = query.where(Interview.client_id.in_(clients))
        found = candidate_search(owner, self.q)
        if found is not None:
            query = query.where(Interview.candidate_id.in_(found))
        if self.status:
            query = query.where(Interview.status == self.status)
        query = between(
            query, Interview.scheduled_at, self.scheduled_from, self.scheduled_to, owner.time_zone
        )
        if not self.upcoming:
            return query.order_by(Interview.scheduled_at.desc(), Interview.id)
        if now is None:
            raise ValueError("upcoming interviews need the time now")
        query = query.where(Interview.scheduled_at >= now)
        return query.order_by(Interview.scheduled_at.asc(), Interview.id)
