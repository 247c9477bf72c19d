"""Candidates, clients, interviews and outreach: what the API takes and gives."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
)

from recruiter.models import Candidate, Client, Interview
from recruiter.views.api.schemas.base import (
    BodyId,
    Day,
    Id,
    In,
    ListQuery,
    Member,
    Out,
    Timestamp,
    UTCTime,
    email_for,
    json_int,
    length,
    member,
    name_for,
    text_for,
)
from recruiter.vocab import (
    Actor,
    Channel,
    Confidence,
    ConnectionStatus,
    Direction,
    EventType,
    GhostState,
    InterviewStatus,
)

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
