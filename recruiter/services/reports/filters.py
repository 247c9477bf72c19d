"""Report filters, as the list pages and the API pass them (query strings), checked once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from recruiter.models import (
    CHANNELS,
    DIRECTIONS,
    INTERVIEW_STATUSES,
    SUGGESTION_KINDS,
    SUGGESTION_STATUSES,
)
from recruiter.services import ServiceError
from recruiter.services import filters as common
from recruiter.services.filters import CONFIDENCES, CandidateFilter
from recruiter.services.reports.columns import check_name

FILTERS: dict[str, tuple[str, ...]] = {
    "candidates": CandidateFilter.PARAMS,
    "interviews": ("status", "client_id", "candidate_id", "from", "to"),
    "outreach": ("candidate_id", "channel", "direction", "from", "to"),
    "suggestions": ("status", "kind", "candidate_id", "from", "to"),
}
# What the date range applies to, per report (shown on the reports page and in the README).
DATE_FIELDS = {
    "candidates": "added (created)",
    "interviews": "start",
    "outreach": "sent",
    "suggestions": "created",
}
__all__ = ["CONFIDENCES", "FILTERS", "Filters", "parse_filters", "window"]


@dataclass(frozen=True)
class Filters:
    """The interviews, outreach and suggestions reports' filters (the candidates report takes
    the candidate list's own :class:`CandidateFilter`)."""

    client_id: int | None = None
    candidate_id: int | None = None
    status: str | None = None
    kind: str | None = None
    channel: str | None = None
    direction: str | None = None
    date_from: date | None = None
    date_to: date | None = None


def parse_filters(name: str, args: Mapping[str, Any]) -> Any:
    """Read a report's filters from query arguments (strings); :class:`ServiceError` naming each
    bad one. Blank values mean "any"; arguments the report does not take are ignored."""
    if check_name(name) == "candidates":
        return CandidateFilter.parse(args)
    raw = common.present(args, FILTERS[name])
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    status_choices = SUGGESTION_STATUSES if name == "suggestions" else INTERVIEW_STATUSES
    choices = {
        "status": status_choices,
        "kind": SUGGESTION_KINDS,
        "channel": CHANNELS,
        "direction": DIRECTIONS,
    }
    for key, text in raw.items():
        if key in choices:
            common.choice(key, text, choices[key], values, errors)
        elif key in ("client_id", "candidate_id"):
            common.identifier(key, text, values, errors)
        else:  # from / to
            common.day(key, text, values, errors)
    if common.reversed_range(values, "date_from", "date_to"):
        errors.setdefault("to", []).append("'to' is before 'from'.")
    if errors:
        raise ServiceError("Some report filters are not valid.", errors)
    return Filters(**values)


def window(filters: Any, tz_name: str | None) -> tuple[datetime | None, datetime | None]:
    """The date range as UTC instants: from the start of ``date_from`` to the end of
    ``date_to`` (inclusive), both in the recruiter's zone."""
    return common.window(filters.date_from, filters.date_to, tz_name)
