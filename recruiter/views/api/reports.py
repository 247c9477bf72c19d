"""CSV reports over the API: the same reports, filters and streaming as the web page."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from flask import g, request
from pydantic import BaseModel, ConfigDict, Field

from recruiter.models import MAX_ID
from recruiter.services import reports
from recruiter.services.filters import CANDIDATE_SORTS as SORTS
from recruiter.views.api import route
from recruiter.views.helpers import utcnow
from recruiter.views.reports import csv_response
from recruiter.vocab import (
    Channel,
    Confidence,
    ConnectionStatus,
    Direction,
    InterviewStatus,
    SuggestionKind,
    SuggestionStatus,
)


def _one_of(*vocabularies: type[StrEnum] | tuple[str, ...], report: str) -> Any:
    allowed = ", ".join(str(v) for vocabulary in vocabularies for v in vocabulary)
    return Field(None, description=f"{report}: one of {allowed}")


class ReportQuery(BaseModel):
    """Filters (documentation only: ``reports.parse_filters`` reads them). Each report takes the
    filters listed in the README and ignores the others, whatever their value, and a blank value
    means "any": so each is text here, with what the reports that take it accept."""

    model_config = ConfigDict(populate_by_name=True)
    q: str | None = Field(
        None,
        description="candidates, interviews, outreach: search the candidate's name, e-mail, "
        "company or profile address",
    )
    connection_status: str | None = _one_of(ConnectionStatus, report="candidates")
    client_id: str | None = Field(None, description=f"candidates, interviews: an id (1-{MAX_ID})")
    client: str | None = Field(None, description="interviews: search client names")
    candidate_id: str | None = Field(
        None, description=f"interviews, outreach, suggestions: an id (1-{MAX_ID})"
    )
    interview_id: str | None = Field(None, description=f"outreach, suggestions: an id (1-{MAX_ID})")
    min_score: str | None = Field(None, description="candidates: a number from 0 to 100")
    max_score: str | None = Field(None, description="candidates: a number from 0 to 100")
    confidence: str | None = _one_of(Confidence, report="candidates")
    sort: str | None = _one_of(tuple(SORTS), report="candidates")
    status: str | None = Field(
        None,
        description=f"interviews: one of {', '.join(InterviewStatus)}; "
        f"suggestions: one of {', '.join(SuggestionStatus)}",
    )
    kind: str | None = _one_of(SuggestionKind, report="suggestions")
    channel: str | None = _one_of(Channel, report="outreach")
    direction: str | None = _one_of(Direction, report="outreach")
    answered: str | None = _one_of(("true", "false"), report="outreach")
    upcoming: str | None = _one_of(("true", "false"), report="interviews")
    sent_from: str | None = Field(None, description="outreach: YYYY-MM-DD, your time zone")
    sent_to: str | None = Field(None, description="outreach: YYYY-MM-DD inclusive")
    scheduled_from: str | None = Field(None, description="interviews: YYYY-MM-DD, your zone")
    scheduled_to: str | None = Field(None, description="interviews: YYYY-MM-DD inclusive")
    from_: str | None = Field(
        None, alias="from", description="candidates, suggestions: YYYY-MM-DD, your time zone"
    )
    to: str | None = Field(None, description="candidates, suggestions: YYYY-MM-DD inclusive")


@route(
    "/reports/<name>.csv",
    "GET",
    "Download a report as CSV (candidates, interviews, outreach or suggestions)",
    query=ReportQuery,
)
def download_report(name: str):  # type: ignore[no-untyped-def]
    reports.check_name(name)
    filters = reports.parse_filters(name, request.args)
    report = reports.build(g.recruiter, name, filters, utcnow())
    return csv_response(report, g.recruiter.time_zone)
