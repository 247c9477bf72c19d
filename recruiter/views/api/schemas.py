"""The API's request and response shapes. The OpenAPI document is generated from these."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal

from flask import g
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
)

from recruiter.localtime import MAX_YEAR, MIN_YEAR, iso_z
from recruiter.models import MAX_ID, Candidate, Client, Interview
from recruiter.services import accounts
from recruiter.vocab import (
    Actor,
    Channel,
    Confidence,
    ConnectionStatus,
    Direction,
    EventType,
    GhostState,
    InterviewStatus,
    Role,
)

UTCTime = Annotated[AwareDatetime, PlainSerializer(iso_z, return_type=str)]


def _sane_year(value: datetime) -> datetime:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(f"use a year between {MIN_YEAR} and {MAX_YEAR}")
    return value


ISO_MESSAGE = "use an ISO 8601 string with an offset, e.g. 2026-03-12T10:00:00Z"
_ISO_START = re.compile(r"[0-9]{4}-")


def _iso_text(value: object) -> object:
    # pydantic would read 0, and "0" or "0.5" (a query argument is text), as 1970-01-01: a
    # number is never what a client meant. An ISO 8601 timestamp starts with its year.
    if not isinstance(value, str) or not _ISO_START.match(value):
        raise ValueError(ISO_MESSAGE)
    return value


def length(column: Any) -> int:
    """The most characters a ``String(n)`` column holds: the one place lengths are written."""
    return column.type.length


def text_for(column: Any) -> Any:
    """Text for ``column``, no longer than it holds."""
    return Annotated[str, Field(max_length=length(column))]


def email_for(column: Any) -> Any:
    """An e-mail address for ``column`` (the service checks it as the forms do), or blank."""
    address = Annotated[
        str, Field(max_length=length(column), json_schema_extra={"format": "email"})
    ]
    return address | Literal[""]


def name_for(column: Any) -> Any:
    """A name for ``column``: not empty, not only spaces (stripped first), no longer than it."""
    return Annotated[str, Field(min_length=1, max_length=length(column), pattern=r"\S")]


# Input: an ISO 8601 string with an offset (numbers and naive ones are refused) in a year the
# app can store.
Timestamp = Annotated[AwareDatetime, BeforeValidator(_iso_text), AfterValidator(_sane_year)]
# Input: a row id (beyond the 32-bit id columns no row exists). In a query it is text; in a JSON
# body it is a number, never a string or a boolean (pydantic would read true as 1).
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


def _json_number(value: object) -> object:
    # pydantic reads true as 1 and "7" as 7; in a JSON body a number is a number (7.0 is 7).
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("use a whole number")
    return value


def json_int(low: int, high: int) -> Any:
    """A whole number from ``low`` to ``high`` in a JSON body."""
    return Annotated[int, Field(ge=low, le=high), BeforeValidator(_json_number)]


BodyId = json_int(1, MAX_ID)


def _day_text(value: object) -> object:
    if not isinstance(value, str) or not _ISO_START.match(value):
        # pydantic would read 0 as 1970-01-01, as for timestamps.
        raise ValueError("use an ISO 8601 day, e.g. 2026-03-12")
    return value


# Input: an ISO 8601 day (its year bounds are the service's, as for the forms and imports).
Day = Annotated[date, BeforeValidator(_day_text)]


class In(BaseModel):
    # Services take plain strings: a vocabulary member becomes its value.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, use_enum_values=True)


class Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


def _member_email(recruiter_id: int | None) -> str | None:
    """A team member as the API names them: their e-mail (the team's, one query a request)."""
    if recruiter_id is None:
        return None
    if recruiter_id == g.recruiter.id:  # most rows are the caller's own: no query
        return g.recruiter.email
    emails = g.get("team_emails")
    if emails is None:
        emails = g.team_emails = accounts.member_emails(g.recruiter.team_id)
    return emails.get(recruiter_id)


# Who did something (added, logged, decided, is in charge): read from the row's ``<x>_id``,
# shown as the member's e-mail; null for the clock, or an account since deleted.
Member = Annotated[int | None, PlainSerializer(_member_email, return_type=str | None)]


def member(attribute: str) -> Any:
    return Field(None, validation_alias=attribute)


class ListQuery(In):
    model_config = ConfigDict(extra="ignore", use_enum_values=True)
    page: int = Field(1, ge=1, le=1_000_000)
    per_page: int = Field(25, ge=1, le=100)


# --- candidates ----------------------------------------------------------------------------


_candidate = Candidate.__table__.c


# The profile addresses the service always takes (it also takes http, "www." and others, and
# refuses what is not a LinkedIn profile).
PROFILE_URL = r"^https://(?:www\.)?linkedin\.com/in/[a-z0-9-]{1,100}/?$"


class CandidatePatch(In):
    # A name can be changed, never removed: no null.
    full_name: name_for(_candidate.full_name) = None  # type: ignore[assignment]
    email: email_for(_candidate.email) | None = None
    phone: text_for(_candidate.phone) | None = None
    profile_url: (
        Annotated[str, Field(max_length=length(_candidate.profile_url), pattern=PROFILE_URL)] | None
    ) = None
    company: text_for(_candidate.company) | None = None
    title: text_for(_candidate.title) | None = None
    location: text_for(_candidate.location) | None = None
    connection_status: ConnectionStatus | None = None
    connected_on: Day | None = None
    mutual_connections: json_int(0, 1_000_000) | None = None
    notes: str | None = None


class CandidateCreate(CandidatePatch):
    full_name: name_for(_candidate.full_name)


Blank = Literal[""]  # a filter left empty: "any"


class CandidateQuery(ListQuery):
    """Documents the list's parameters; ``services.filters.CandidateFilter`` reads them (the
    same object as the web list and the CSV report), and a test keeps the two in step. A blank
    value means "any" (what a web form sends for a filter left empty), so each also takes ""."""

    q: str | None = None
    connection_status: ConnectionStatus | Blank | None = None
    client_id: Id | Blank | None = None
    min_score: Annotated[float, Field(ge=0, le=100)] | Blank | None = None
    max_score: Annotated[float, Field(ge=0, le=100)] | Blank | None = None
    confidence: Literal["none", "low", "medium", "high"] | Blank | None = None
    sort: Literal["name", "-name", "created", "-created", "score", "-score"] | Blank = "name"
    date_from: date | Blank | None = Field(None, alias="from", description="Added on or after")
    date_to: date | Blank | None = Field(None, alias="to", description="Added on or before")


class Recommendation(Out):
    recommender_name: str
    recommender_role: str | None
    relationship: str | None = Field(None, validation_alias="relationship_")


class Reliability(BaseModel):
    score: float | None
    band: list[float] | None
    confidence: Confidence
    components: dict[str, float | None]
    no_show_probability: float | None
    median_response_hours: float | None
    evidence: dict[str, int]
    reasons: list[str]
    model_config = ConfigDict(extra="allow")


class CandidateOut(Out):
    id: int
    full_name: str
    email: str | None
    phone: str | None
    profile_url: str | None
    company: str | None
    title: str | None
    location: str | None
    connection_status: ConnectionStatus
    connected_on: date | None
    mutual_connections: int | None
    notes: str | None
    recommendations: list[Recommendation]
    reliability: Reliability | None
    added_by: Member = member("added_by_id")
    created_at: UTCTime
    updated_at: UTCTime


class CandidateDetailOut(CandidateOut):
    # Other candidates who may be the same person (same e-mail, or same name at the same
    # company, case and accents ignored): allowed, flagged; merge them with .../merge. Always
    # in the answer (the default only lets ``dump`` fill it from the service).
    model_config = ConfigDict(
        from_attributes=True, json_schema_serialization_defaults_required=True
    )
    possible_duplicates: list[int] = Field(default_factory=list)


class CandidateMerge(In):
    into: BodyId  # the candidate kept; the one in the path is merged into it and deleted


# --- clients -------------------------------------------------------------------------------


_client = Client.__table__.c


class ClientCreate(In):
    name: name_for(_client.name)
    contact_name: text_for(_client.contact_name) | None = None
    contact_email: email_for(_client.contact_email) | None = None
    notes: str | None = None


class ClientOut(Out):
    id: int
    name: str
    contact_name: str | None
    contact_email: str | None
    notes: str | None
    created_at: UTCTime


# --- interviews ----------------------------------------------------------------------------


class InterviewCreate(In):
    candidate_id: BodyId
    scheduled_at: Timestamp
    client_id: BodyId | None = None
    role: text_for(Interview.__table__.c.role) | None = None
    duration_minutes: json_int(1, 1440) = 60


Flag = Literal["true", "false"]
ListDay = Annotated[date, Field(description="YYYY-MM-DD, your time zone, inclusive")]


class InterviewQuery(ListQuery):
    """Documents the list's parameters; ``services.filters.InterviewFilter`` reads them (the
    same object as the web list and the CSV report; a test keeps the two in step)."""

    q: str | None = Field(None, description="Search the candidate: name, e-mail, company, URL")
    candidate_id: Id | Blank | None = None
    client_id: Id | Blank | None = None
    client: str | None = Field(None, description="Search client names (case ignored)")
    status: InterviewStatus | Blank | None = None
    scheduled_from: ListDay | Blank | None = None
    scheduled_to: ListDay | Blank | None = None
    upcoming: Flag | Blank | None = Field(
        None, description="true: starting from now on, soonest first"
    )


class EventCreate(In):
    type: EventType
    at: Timestamp
    by: Actor | None = None
    reason: str | None = Field(None, max_length=1000)
    new_scheduled_at: Timestamp | None = None


class RetractionCreate(In):
    reason: str = Field(min_length=1, max_length=1000)


class EventOut(Out):
    id: int
    type: EventType
    at: UTCTime
    by: Actor | None
    reason: str | None
    new_scheduled_at: UTCTime | None
    recorded_at: UTCTime
    recorded_by: Member = member("recorded_by_id")
    retracted_at: UTCTime | None = None
    retraction_reason: str | None = None


class GhostOut(Out):
    state: GhostState
    missing: list[str]


class InterviewOut(Out):
    id: int
    candidate_id: int
    client_id: int | None
    role: str | None
    scheduled_at: UTCTime
    original_scheduled_at: UTCTime
    duration_minutes: int
    status: InterviewStatus
    explained: bool
    ghost: GhostOut
    recruiter: Member = member("recruiter_id")
    created_at: UTCTime


class InterviewDetail(InterviewOut):
    events: list[EventOut]


# --- outreach ------------------------------------------------------------------------------


class OutreachCreate(In):
    candidate_id: BodyId
    channel: Channel
    sent_at: Timestamp
    interview_id: BodyId | None = None
    direction: Direction = Direction.OUTBOUND
    responded_at: Timestamp | None = None
    note: str | None = Field(None, max_length=2000)


class OutreachQuery(ListQuery):
    """Documents the list's parameters; ``services.filters.OutreachFilter`` reads them (the
    same object as the web list and the CSV report; a test keeps the two in step)."""

    q: str | None = Field(None, description="Search the candidate: name, e-mail, company, URL")
    candidate_id: Id | Blank | None = None
    interview_id: Id | Blank | None = None
    channel: Channel | Blank | None = None
    direction: Direction | Blank | None = None
    answered: Flag | Blank | None = Field(
        None, description="true: a reply is logged; false: outbound with no reply logged"
    )
    sent_from: ListDay | Blank | None = None
    sent_to: ListDay | Blank | None = None


class ResponseCreate(In):
    responded_at: Timestamp


class OutreachOut(Out):
    id: int
    candidate_id: int
    interview_id: int | None
    channel: Channel
    direction: Direction
    sent_at: UTCTime
    responded_at: UTCTime | None
    response_hours: float | None = None
    note: str | None
    logged_by: Member = member("logged_by_id")


# --- status --------------------------------------------------------------------------------


class JobStatusOut(Out):
    id: str
    last_run_at: UTCTime | None
    next_run_at: UTCTime | None
    last_result: str | None


class SchedulerStatusOut(Out):
    running: bool = Field(description="a heartbeat in the last 3 minutes")
    last_beat_at: UTCTime | None
    jobs: list[JobStatusOut]


class StatusOut(Out):
    version: str
    database: Literal["sqlite", "postgresql"]
    scheduler: SchedulerStatusOut


def dump(model: type[Out], row: Any, **extra: Any) -> dict[str, Any]:
    data = model.model_validate(row).model_dump(mode="json")
    data.update(extra)
    return data


class MemberOut(Out):
    email: str
    name: str
    role: Role


class TeamOut(Out):
    name: str
    members: list[MemberOut]


class CalendarOut(Out):
    url: str  # the secret iCalendar feed URL (no login); rotating it makes the old one 404
