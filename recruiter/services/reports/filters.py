"""Report filters, as the list pages and the API pass them (query strings), checked once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from recruiter.localtime import zone
from recruiter.models import (
    CHANNELS,
    CONNECTION_STATUSES,
    DIRECTIONS,
    INTERVIEW_STATUSES,
    SUGGESTION_KINDS,
    SUGGESTION_STATUSES,
)
from recruiter.services import ServiceError
from recruiter.services.candidates import SORTS
from recruiter.services.reports.columns import check_name

FILTERS: dict[str, tuple[str, ...]] = {
    "candidates": (
        "q",
        "connection_status",
        "client_id",
        "min_score",
        "max_score",
        "confidence",
        "sort",
        "from",
        "to",
    ),
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
CONFIDENCES = ("none", "low", "medium", "high")


@dataclass(frozen=True)
class Filters:
    q: str | None = None
    connection_status: str | None = None
    client_id: int | None = None
    candidate_id: int | None = None
    min_score: float | None = None
    max_score: float | None = None
    confidence: str | None = None
    sort: str = "name"
    status: str | None = None
    kind: str | None = None
    channel: str | None = None
    direction: str | None = None
    date_from: date | None = None
    date_to: date | None = None


def parse_filters(name: str, args: Mapping[str, Any]) -> Filters:
    """Read a report's filters from query arguments (strings); :class:`ServiceError` naming each
    bad one. Blank values mean "any"; arguments the report does not take are ignored."""
    check_name(name)
    allowed = FILTERS[name]
    raw = {
        key: str(args[key]).strip()
        for key in allowed
        if key in args and args[key] is not None and str(args[key]).strip()
    }
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    status_choices = SUGGESTION_STATUSES if name == "suggestions" else INTERVIEW_STATUSES
    choices = {
        "connection_status": CONNECTION_STATUSES,
        "confidence": CONFIDENCES,
        "sort": tuple(SORTS),
        "status": status_choices,
        "kind": SUGGESTION_KINDS,
        "channel": CHANNELS,
        "direction": DIRECTIONS,
    }
    for key, text in raw.items():
        if key == "q":
            values["q"] = text
        elif key in choices:
            if text in choices[key]:
                values[key] = text
            else:
                errors[key] = [f"Must be one of: {', '.join(choices[key])}."]
        elif key in ("client_id", "candidate_id"):
            _integer(key, text, values, errors)
        elif key in ("min_score", "max_score"):
            _score(key, text, values, errors)
        else:  # from / to
            _day(key, text, values, errors)
    if _reversed(values, "min_score", "max_score"):
        errors.setdefault("max_score", []).append("max_score is below min_score.")
    if _reversed(values, "date_from", "date_to"):
        errors.setdefault("to", []).append("'to' is before 'from'.")
    if errors:
        raise ServiceError("Some report filters are not valid.", errors)
    return Filters(**values)


def _integer(key: str, text: str, values: dict, errors: dict) -> None:
    if text.isascii() and text.isdigit() and 0 < int(text) < 2**63:
        values[key] = int(text)
    else:
        errors[key] = ["Must be a whole number (an id)."]


def _score(key: str, text: str, values: dict, errors: dict) -> None:
    try:
        number = float(text)
    except ValueError:
        number = -1.0
    if 0 <= number <= 100:
        values[key] = number
    else:
        errors[key] = ["Must be a number from 0 to 100."]


def _day(key: str, text: str, values: dict, errors: dict) -> None:
    try:
        day = date.fromisoformat(text)
        if not 1900 <= day.year <= 2200:
            raise ValueError(text)
        values[f"date_{key}"] = day
    except ValueError:
        errors[key] = [f'"{text[:40]}" is not a date: use YYYY-MM-DD, e.g. 2026-03-01.']


def _reversed(values: dict, low: str, high: str) -> bool:
    first, last = values.get(low), values.get(high)
    return first is not None and last is not None and first > last


def window(filters: Filters, tz_name: str | None) -> tuple[datetime | None, datetime | None]:
    """The date range as UTC instants: from the start of ``date_from`` to the end of
    ``date_to`` (inclusive), both in the recruiter's zone."""
    tz = zone(tz_name)

    def start_of(day: date) -> datetime:
        return datetime.combine(day, time(), tzinfo=tz).astimezone(UTC)

    start = start_of(filters.date_from) if filters.date_from else None
    end = start_of(filters.date_to + timedelta(days=1)) if filters.date_to else None
    return start, end
