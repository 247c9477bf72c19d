"""One query per report, streamed with ``yield_per`` a batch of plain rows at a time; per-row
figures come from grouped subqueries joined in (interview events: one query per batch), never a
query per row. Each batch becomes cells through the report's column table
(:mod:`.columns`), compiled once per export."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Result, Select, String, case, func, text, type_coerce

from recruiter.extensions import db
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
from recruiter.services.filters import (
    CandidateFilter,
    InterviewFilter,
    OutreachFilter,
    SuggestionFilter,
)
from recruiter.services.interviews import EventData, State, apply, search_interviews
from recruiter.services.outreach import search_outreach
from recruiter.services.reports.columns import (
    CANDIDATES,
    CONTACT_FIELDS,
    INTERVIEWS,
    OUTREACH,
    SUGGESTIONS,
    Cells,
    Table,
    compile_table,
)
from recruiter.services.scoping import owned

BATCH = 500
Batches = Iterator[list[tuple[Any, ...]]]
# A ghosted interview is one with an open or accepted "remove connection" suggestion.
GHOSTED_STATUSES = ("open", "accepted")
CHANGES = ("cancelled", "rescheduled")


def _execute(query: Select, batch: int) -> Result:
    """Run the query for streaming: ``yield_per`` (a server-side cursor on PostgreSQL), on the
    session's connection as plain rows (a report selects columns, never entities, so the ORM's
    per-row handling would only copy each row)."""
    db.session.flush()  # what the session's own execute does first (autoflush)
    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        # An export reads every row, so plan for the whole result rather than the first rows
        # a cursor favours: with statistics not yet refreshed after a big import, the
        # fast-start plan is a nested loop over the grouped subqueries, quadratic in the rows.
        connection.execute(text("SET LOCAL cursor_tuple_fraction = 1.0"))
    return connection.execute(query.execution_options(yield_per=batch))


def _batches(query: Select, table: Table, cells: Cells, batch: int) -> Batches:
    """The query's rows, a batch at a time, as the table's cells."""
    result = _execute(query, batch)
    to_cells = compile_table(table, list(result.keys()), cells)
    for part in result.partitions():
        yield to_cells(part)


def _raw_utc(column: Any) -> Any:
    """A UTC time column for a cell only, as the text SQLite stores
    (``YYYY-MM-DD HH:MM:SS.ffffff``): :class:`Cells` formats it by its hour without parsing
    it, and no value is made aware first. SQLite's text is read as it is; PostgreSQL writes it
    (its ``to_char`` is cheaper than the driver's datetime and the conversion to UTC)."""
    if db.session.get_bind().dialect.name == "sqlite":
        return type_coerce(column, String()).label(column.key)
    utc = func.timezone("UTC", column)  # timestamp with time zone -> UTC wall clock
    return func.to_char(utc, "YYYY-MM-DD HH24:MI:SS.US", type_=String()).label(column.key)


def candidates(owner: Recruiter, f: CandidateFilter, now: datetime, batch: int) -> Batches:
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
    return _batches(query, CANDIDATES, Cells(owner.time_zone), batch)


def interviews(owner: Recruiter, f: InterviewFilter, now: datetime, batch: int) -> Batches:
    query = search_interviews(owner, f, now)
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
    # The team as a plain id: the batches are read while the response streams, after the
    # request's session (which holds ``owner``) is gone.
    return _interview_batches(owner.team_id, query, Cells(owner.time_zone), batch)


# What each interview's replayed event log adds to its row.
REPLAYED = ("confirmed_at", "changed_by", "notice_hours", "reschedules")


def _interview_batches(team_id: int, query: Select, cells: Cells, batch: int) -> Batches:
    """Interviews a batch at a time, with one query for the batch's event logs."""
    result = _execute(query, batch)
    to_cells = compile_table(INTERVIEWS, [*result.keys(), *REPLAYED], cells)
    for part in result.partitions():
        events = _events_of(team_id, [row.id for row in part])
        yield to_cells([(*row, *_replayed(row, events.get(row.id, []))) for row in part])


def _events_of(team_id: int, interview_ids: Sequence[int]) -> dict[int, list[EventData]]:
    query = (
        owned(InterviewEvent, team_id)
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


def _replayed(row: Any, events: list[EventData]) -> tuple[Any, ...]:
    """When it was confirmed, who made the last change with how many hours' notice, and how
    many reschedules, from the event log."""
    state = State(status="scheduled", scheduled_at=row.original_scheduled_at)
    change: tuple[EventData, datetime] | None = None
    for event in events:
        if event.type in CHANGES:
            change = (event, state.scheduled_at)
        try:
            state = apply(state, event)
        except ServiceError:  # a log the rules no longer accept: report what is stored
            break
    if change is None:
        return state.confirmed_at, None, None, state.reschedules
    notice = round((change[1] - change[0].at).total_seconds() / 3600, 1)
    return state.confirmed_at, change[0].by, notice, state.reschedules


def outreach(owner: Recruiter, f: OutreachFilter, now: datetime, batch: int) -> Batches:
    query = search_outreach(owner, f)
    query = query.with_only_columns(
        Outreach.id,
        Outreach.candidate_id,
        Candidate.full_name,
        Outreach.channel,
        Outreach.direction,
        _raw_utc(Outreach.sent_at),
        _raw_utc(Outreach.responded_at),
        Outreach.interview_id,
        Outreach.note,
    ).join(Candidate, Candidate.id == Outreach.candidate_id)
    return _batches(query, OUTREACH, Cells(owner.time_zone), batch)


def suggestions(owner: Recruiter, f: SuggestionFilter, now: datetime, batch: int) -> Batches:
    query = f.apply(owned(Suggestion, owner), owner)
    query = query.with_only_columns(
        Suggestion.id,
        Suggestion.candidate_id,
        Candidate.full_name,
        Suggestion.interview_id,
        Suggestion.kind,
        Suggestion.status,
        Suggestion.reasons,
        _raw_utc(Suggestion.created_at),
        _raw_utc(Suggestion.resolved_at),
        Suggestion.resolution_reason,
    ).join(Candidate, Candidate.id == Suggestion.candidate_id)
    return _batches(query, SUGGESTIONS, Cells(owner.time_zone), batch)
