"""The API's request and response shapes. The OpenAPI document is generated from these."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

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
from recruiter.models import MAX_ID

ConnectionStatus = Literal["none", "pending_incoming", "pending_outgoing", "connected", "removed"]
EventType = Literal[
    "confirmation_requested",
    "confirmed",
    "declined",
    "cancelled",
    "rescheduled",
    "attended",
    "no_show",
    "explained",
]
Actor = Literal["candidate", "client", "recruiter"]
Channel = Literal["call", "text", "email", "message", "voicemail"]
Direction = Literal["outbound", "inbound"]
UTCTime = Annotated[AwareDatetime, PlainSerializer(iso_z, return_type=str)]


def _sane_year(value: datetime) -> datetime:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(f"use a year between {MIN_YEAR} and {MAX_YEAR}")
    return value


def _iso_text(value: object) -> object:
    if not isinstance(value, str):
        # pydantic would read 0 as 1970-01-01: a number is never what a client meant.
        raise ValueError("use an ISO 8601 string with an offset, e.g. 2026-03-12T10:00:00Z")
    return value


# Input: an ISO 8601 string with an offset (numbers and naive ones are refused) in a year the
# app can store.
Timestamp = Annotated[AwareDatetime, BeforeValidator(_iso_text), AfterValidator(_sane_year)]
# Input: a row id (beyond the 32-bit id columns no row exists).
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Text200 = Annotated[str, Field(max_length=200)]


class In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class ListQuery(In):
    model_config = ConfigDict(extra="ignore")
    page: int = Field(1, ge=1, le=1_000_000)
    per_page: int = Field(25, ge=1, le=100)


# --- candidates ----------------------------------------------------------------------------


class CandidatePatch(In):
    full_name: Text200 | None = None
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=50)
    profile_url: str | None = Field(None, max_length=500)
    company: Text200 | None = None
    title: Text200 | None = None
    location: Text200 | None = None
    connection_status: ConnectionStatus | None = None
    connected_on: date | None = None
    mutual_connections: int | None = Field(None, ge=0, le=1_000_000)
    notes: str | None = None


class CandidateCreate(CandidatePatch):
    full_name: Text200


class CandidateQuery(ListQuery):
    """Documents the list's parameters; ``services.filters.CandidateFilter`` reads them (the
    same object as the web list and the CSV report), and a test keeps the two in step."""

    q: str | None = None
    connection_status: ConnectionStatus | None = None
    client_id: Id | None = None
    min_score: float | None = Field(None, ge=0, le=100)
    max_score: float | None = Field(None, ge=0, le=100)
    confidence: Literal["none", "low", "medium", "high"] | None = None
    sort: Literal["name", "-name", "created", "-created", "score", "-score"] = "name"
    date_from: date | None = Field(None, alias="from", description="Added on or after")
    date_to: date | None = Field(None, alias="to", description="Added on or before")


class Recommendation(Out):
    recommender_name: str
    recommender_role: str | None
    relationship: str | None = Field(None, validation_alias="relationship_")


class Reliability(BaseModel):
    score: float | None
    band: list[float] | None
    confidence: Literal["none", "low", "medium", "high"]
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
    created_at: UTCTime
    updated_at: UTCTime


# --- clients -------------------------------------------------------------------------------


class ClientCreate(In):
    name: Text200
    contact_name: Text200 | None = None
    contact_email: str | None = Field(None, max_length=254)
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
    candidate_id: Id
    scheduled_at: Timestamp
    client_id: Id | None = None
    role: Text200 | None = None
    duration_minutes: int = Field(60, ge=1, le=1440)


class InterviewQuery(ListQuery):
    candidate_id: Id | None = None
    client_id: Id | None = None
    status: (
        Literal[
            "scheduled",
            "confirmation_requested",
            "confirmed",
            "declined",
            "rescheduled",
            "cancelled",
            "attended",
            "no_show",
        ]
        | None
    ) = None


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
    retracted_at: UTCTime | None = None
    retraction_reason: str | None = None


class GhostOut(Out):
    state: Literal["no", "possible", "ghosted"]
    missing: list[str]


class InterviewOut(Out):
    id: int
    candidate_id: int
    client_id: int | None
    role: str | None
    scheduled_at: UTCTime
    original_scheduled_at: UTCTime
    duration_minutes: int
    status: str
    explained: bool
    ghost: GhostOut
    created_at: UTCTime


class InterviewDetail(InterviewOut):
    events: list[EventOut]


# --- outreach ------------------------------------------------------------------------------


class OutreachCreate(In):
    candidate_id: Id
    channel: Channel
    sent_at: Timestamp
    interview_id: Id | None = None
    direction: Direction = "outbound"
    responded_at: Timestamp | None = None
    note: str | None = Field(None, max_length=2000)


class OutreachQuery(ListQuery):
    candidate_id: Id | None = None
    interview_id: Id | None = None


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
