"""Each report's filters: the filter object of the list it exports, so a list page, its API
and its CSV (web, API, CLI) read the same parameters and answer the same rows."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from recruiter.services.filters import (
    CandidateFilter,
    InterviewFilter,
    ListFilter,
    OutreachFilter,
    SuggestionFilter,
)
from recruiter.services.reports.columns import check_name

REPORT_FILTERS: dict[str, type[ListFilter]] = {
    "candidates": CandidateFilter,
    "interviews": InterviewFilter,
    "outreach": OutreachFilter,
    "suggestions": SuggestionFilter,
}
# The parameters each report takes, and its date range's two ("from", "to").
FILTERS: dict[str, tuple[str, ...]] = {n: tuple(f.PARAMS) for n, f in REPORT_FILTERS.items()}
DATES: dict[str, tuple[str, str]] = {n: f.DATES for n, f in REPORT_FILTERS.items()}
# What the date range applies to, per report (shown on the reports page and in the README).
DATE_FIELDS = {
    "candidates": "added (created)",
    "interviews": "start",
    "outreach": "sent",
    "suggestions": "created",
}


def parse_filters(name: str, args: Mapping[str, Any]) -> Any:
    """Read a report's filters from query arguments (strings) with its list's filter object;
    :class:`ServiceError` naming each bad one."""
    return REPORT_FILTERS[check_name(name)].parse(args)
