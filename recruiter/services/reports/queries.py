"""One query per report, streamed with ``yield_per``; per-row figures come from grouped
subqueries joined in (interview events: one query per batch), never a query per row."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Result, Select, case, func, text

from recruiter.extensions import db
from recruiter.localtime import zone
from recruiter.models import (
    Candidate,
    Client,
    Interview,
    InterviewEvent,
    Outreach,
    Recruiter,
    Suggestion,
)
from recruiter.services import ServiceError
from recruiter.services.candidates import search_candidates
from recruiter.services.filters import CandidateFilter
from recruiter.services.interviews import EventData, State, apply, search_interviews
from recruiter.services.outreach import search_outreach
from recruiter.services.reports.columns import COMPONENTS, CONTACT_FIELDS
from recruiter.services.reports.filters import Filters, window
from recruiter.services.scoping import owned

BATCH = 500
TIME_FORMAT = "%Y-%m-%d %H:%M"
# A ghosted interview is one with an open or accepted "remove connection" suggestion.
GHOSTED_STATUSES = ("open", "accepted")
CHANGES = ("cancelled", "rescheduled")
OUTCOMES = ("attended", "no_show", "cancelled", "declined")


def _execute(query: Select, batch: int) -> Result:
    """Run the query for streaming: ``yield_per`` (a server-side cursor on PostgreSQL)."""
    if db.session.get_bind().dialect.name == "postgresql":
        # An export reads every row, so plan for the whole result rather than the first rows
        # a cursor favours: with statistics not yet refreshed after a big import, the
        # fast-start plan is a nested loop over the grouped subqueries, quadratic in the rows.
        db.session.execute(text("SET LOCAL cursor_tuple_fraction = 1.0"))
    return db.session.execute(query.execution_options(yield_per=batch))


def _stream(query: Select, batch: int) -> Iterator[Any]:
    yield from _execute(query, batch)


def _between(query: Select, column: Any, filters: Filters, tz: str | None) -> Select:
    start, end = window(filters, tz)
    if start is not None:
        query = query.where(column >= start)
    if end is not None:
        query = query.where(column < end)
    return query


class _Cells:
    """Formatting in the recruiter's zone."""

    def __init__(self, tz_name: str | None) -> None:
        self.tz: ZoneInfo = zone(tz_name)

    def time(self, value: datetime | None) -> str:
        return value.astimezone(self.tz).strftime(TIME_FORMAT) if value else ""

    @staticmethod
    def number(value: float | None, digits: int) -> float | None:
        return None if value is None else round(value, digits)

    @staticmethod
    def hours(start: datetime | None, end: datetime | None) -> float | None:
        if start is None or end is None:
            return None
        return round((end - start).total_seconds() / 3600, 2)


def candidates(owner: Recruiter, f: CandidateFilter, batch: int) -> Iterator[list[Any]]:
    query = search_candidates(owner, f)
    counts = (
        owned(Interview, owner)
        .with_only_columns(
            Interview.candidate_id.label("candidate_id"),
            func.count(Interview.id).label("interviews"),
            func.sum(case((Interview.status == "attended", 1), else_=0)).label("attended"),
            func.sum(case((Interview.status == "no_show", 1), else_=0)).label("no_shows"),
        )
        .group_by(Interview.candidate_id)
        .subquery("interview_counts")
    )
    ghosts = (
        owned(Suggestion, owner)
        .with_only_columns(
            Suggestion.candidate_id.label("candidate_id"),
            func.count(func.distinct(Suggestion.interview_id)).label("ghosted"),
        )
        .where(
            Suggestion.kind == "remove_connection",
            Suggestion.status.in_(GHOSTED_STATUSES),
            Suggestion.interview_id.is_not(None),
        )
        .group_by(Suggestion.candidate_id)
        .subquery("ghosted_counts")
    )
    contact = (
        owned(Outreach, owner)
        .with_only_columns(
            Outreach.candidate_id.label("candidate_id"),
            func.max(Outreach.sent_at).label("last_sent"),
            func.max(Outreach.responded_at).label("last_reply"),
        )
        .group_by(Outreach.candidate_id)
        .subquery("last_contact")
    )
    query = (
        query.with_only_columns(
            Candidate.id,
            *(getattr(Candidate, name) for name in CONTACT_FIELDS),
            Candidate.connected_on,
            Candidate.mutual_connections,
            Candidate.notes,
            Candidate.score,
            Candidate.score_low,
            Candidate.score_high,
            Candidate.confidence,
            Candidate.no_show_probability,
            Candidate.reliability,
            counts.c.interviews,
            counts.c.attended,
            counts.c.no_shows,
            ghosts.c.ghosted,
            contact.c.last_sent,
            contact.c.last_reply,
        )
        .outerjoin(counts, counts.c.candidate_id == Candidate.id)
        .outerjoin(ghosts, ghosts.c.candidate_id == Candidate.id)
        .outerjoin(contact, contact.c.candidate_id == Candidate.id)
    )
    return _candidate_rows(query, _Cells(owner.time_zone), batch)


def _candidate_rows(query: Select, cells: _Cells, batch: int) -> Iterator[list[Any]]:
    for row in _stream(query, batch):
        reliability = row.reliability or {}
        components = reliability.get("components") or {}
        contacts = [t for t in (row.last_sent, row.last_reply) if t is not None]
        yield [
            row.id,
            *(getattr(row, name) for name in CONTACT_FIELDS),
            row.connected_on.isoformat() if row.connected_on else None,
            row.mutual_connections,
            row.notes,
            cells.number(row.score, 1),
            cells.number(row.score_low, 1),
            cells.number(row.score_high, 1),
            row.confidence,
            *(cells.number(components.get(name), 3) for name in COMPONENTS),
            cells.number(row.no_show_probability, 3),
            cells.number(reliability.get("median_response_hours"), 1),
            row.interviews or 0,
            row.attended or 0,
            row.no_shows or 0,
            row.ghosted or 0,
            cells.time(max(contacts) if contacts else None),
        ]


def interviews(owner: Recruiter, f: Filters, batch: int) -> Iterator[list[Any]]:
    start, end = window(f, owner.time_zone)
    query = search_interviews(
        owner,
        candidate_id=f.candidate_id,
        client_id=f.client_id,
        status=f.status,
        start_from=start,
        start_to=end,
    )
    query = (
        query.with_only_columns(
            Interview.id,
            Interview.candidate_id,
            Candidate.full_name,
            Client.name.label("client_name"),
            Interview.role,
            Interview.scheduled_at,
            Interview.original_scheduled_at,
            Interview.duration_minutes,
            Interview.status,
            Interview.explained,
        )
        .join(Candidate, Candidate.id == Interview.candidate_id)
        .outerjoin(Client, Client.id == Interview.client_id)
    )
    return _interview_rows(owner, query, _Cells(owner.time_zone), batch)


def _interview_rows(
    owner: Recruiter, query: Select, cells: _Cells, batch: int
) -> Iterator[list[Any]]:
    """Interviews a batch at a time, with one query for the batch's event logs."""
    result = _execute(query, batch)
    for part in result.partitions():
        events = _events_of(owner, [row.id for row in part])
        for row in part:
            yield _interview_row(row, events.get(row.id, []), cells)


def _events_of(owner: Recruiter, interview_ids: Sequence[int]) -> dict[int, list[EventData]]:
    query = (
        owned(InterviewEvent, owner)
        .with_only_columns(
            InterviewEvent.interview_id,
            InterviewEvent.type,
            InterviewEvent.at,
            InterviewEvent.by,
            InterviewEvent.new_scheduled_at,
        )
        .where(
            InterviewEvent.interview_id.in_(interview_ids),
            ~InterviewEvent.retraction.has(),  # a retracted event is not part of the history
        )
        .order_by(InterviewEvent.interview_id, InterviewEvent.id)
    )
    events: dict[int, list[EventData]] = defaultdict(list)
    for row in db.session.execute(query):
        events[row.interview_id].append(
            EventData(row.type, row.at, row.by, new_scheduled_at=row.new_scheduled_at)
        )
    return events


def _interview_row(row: Any, events: list[EventData], cells: _Cells) -> list[Any]:
    state = State(status="scheduled", scheduled_at=row.original_scheduled_at)
    change: tuple[EventData, datetime] | None = None
    for event in events:
        if event.type in CHANGES:
            change = (event, state.scheduled_at)
        try:
            state = apply(state, event)
        except ServiceError:  # a log the rules no longer accept: report what is stored
            break
    notice = None
    if change is not None:
        notice = round((change[1] - change[0].at).total_seconds() / 3600, 1)
    return [
        row.id,
        row.candidate_id,
        row.full_name,
        row.client_name,
        row.role,
        cells.time(row.scheduled_at),
        cells.time(row.original_scheduled_at),
        row.duration_minutes,
        row.status,
        cells.time(state.confirmed_at),
        row.status if row.status in OUTCOMES else None,
        change[0].by if change else None,
        notice,
        state.reschedules,
        "yes" if row.explained else "no",
    ]


def outreach(owner: Recruiter, f: Filters, batch: int) -> Iterator[list[Any]]:
    query = search_outreach(owner, candidate_id=f.candidate_id)
    query = _between(query, Outreach.sent_at, f, owner.time_zone)
    if f.channel:
        query = query.where(Outreach.channel == f.channel)
    if f.direction:
        query = query.where(Outreach.direction == f.direction)
    query = query.with_only_columns(
        Outreach.id,
        Outreach.candidate_id,
        Candidate.full_name,
        Outreach.channel,
        Outreach.direction,
        Outreach.sent_at,
        Outreach.responded_at,
        Outreach.interview_id,
        Outreach.note,
    ).join(Candidate, Candidate.id == Outreach.candidate_id)
    return _outreach_rows(query, _Cells(owner.time_zone), batch)


def _outreach_rows(query: Select, cells: _Cells, batch: int) -> Iterator[list[Any]]:
    for row in _stream(query, batch):
        yield [
            row.id,
            row.candidate_id,
            row.full_name,
            row.channel,
            row.direction,
            cells.time(row.sent_at),
            cells.time(row.responded_at),
            cells.hours(row.sent_at, row.responded_at),
            row.interview_id,
            row.note,
        ]


def suggestions(owner: Recruiter, f: Filters, batch: int) -> Iterator[list[Any]]:
    query = owned(Suggestion, owner)
    if f.status:
        query = query.where(Suggestion.status == f.status)
    if f.kind:
        query = query.where(Suggestion.kind == f.kind)
    if f.candidate_id:
        query = query.where(Suggestion.candidate_id == f.candidate_id)
    query = _between(query, Suggestion.created_at, f, owner.time_zone)
    query = (
        query.with_only_columns(
            Suggestion.id,
            Suggestion.candidate_id,
            Candidate.full_name,
            Suggestion.interview_id,
            Suggestion.kind,
            Suggestion.status,
            Suggestion.reasons,
            Suggestion.created_at,
            Suggestion.resolved_at,
            Suggestion.resolution_reason,
        )
        .join(Candidate, Candidate.id == Suggestion.candidate_id)
        .order_by(Suggestion.created_at.desc(), Suggestion.id.desc())
    )
    return _suggestion_rows(query, _Cells(owner.time_zone), batch)


def _suggestion_rows(query: Select, cells: _Cells, batch: int) -> Iterator[list[Any]]:
    for row in _stream(query, batch):
        reasons = row.reasons if isinstance(row.reasons, list) else []
        yield [
            row.id,
            row.candidate_id,
            row.full_name,
            row.interview_id,
            row.kind,
            row.status,
            "; ".join(str(reason) for reason in reasons),
            cells.time(row.created_at),
            cells.time(row.resolved_at),
            row.resolution_reason,
        ]
