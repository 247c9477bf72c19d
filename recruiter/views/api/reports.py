"""CSV reports over the API: the same reports, filters and streaming as the web page."""

from __future__ import annotations

from typing import Literal

from flask import g, request
from pydantic import BaseModel, ConfigDict, Field

from recruiter.services import reports
from recruiter.views.api import route
from recruiter.views.api.schemas import Id
from recruiter.views.reports import csv_response


class ReportQuery(BaseModel):
    """Filters (documentation only; each report takes the ones listed in the README)."""

    model_config = ConfigDict(populate_by_name=True)
    q: str | None = None
    connection_status: str | None = None
    client_id: Id | None = None
    candidate_id: Id | None = None
    min_score: float | None = Field(None, ge=0, le=100)
    max_score: float | None = Field(None, ge=0, le=100)
    confidence: Literal["none", "low", "medium", "high"] | None = None
    sort: Literal["name", "-name", "created", "-created", "score", "-score"] | None = None
    status: str | None = None
    kind: str | None = None
    channel: str | None = None
    direction: str | None = None
    from_: str | None = Field(None, alias="from", description="YYYY-MM-DD, your time zone")
    to: str | None = Field(None, description="YYYY-MM-DD inclusive, your time zone")


@route(
    "/reports/<name>.csv",
    "GET",
    "Download a report as CSV (candidates, interviews, outreach or suggestions)",
    query=ReportQuery,
)
def download_report(name: str):  # type: ignore[no-untyped-def]
    reports.check_name(name)
    filters = reports.parse_filters(name, request.args)
    return csv_response(reports.build(g.recruiter, name, filters), g.recruiter.time_zone)
