"""List filters, parsed once from a query string and applied to a select in one place.

The web list, the JSON API and the CSV report of the same rows read the same parameters with
the same rules, so they cannot drift: each takes its filter object's ``parse(args)`` (a
:class:`ServiceError` naming every bad parameter and why) and its ``apply(query, tz)``.
Blank values mean "any"; parameters a list does not take are ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, ClassVar

from sqlalchemy import Select, exists

from recruiter.localtime import MAX_YEAR, MIN_YEAR, zone
from recruiter.models import CONNECTION_STATUSES, MAX_ID, Candidate, Interview
from recruiter.services import ServiceError
from recruiter.textkey import like_pattern, search_key

CONFIDENCES = ("none", "low", "medium", "high")
CANDIDATE_SORTS = {
    "name": (Candidate.full_name.asc(),),
    "-name": (Candidate.full_name.desc(),),
    "created": (Candidate.created_at.asc(),),
    "-created": (Candidate.created_at.desc(),),
    "score": (Candidate.score.asc().nulls_last(), Candidate.full_name.asc()),
    "-score": (Candidate.score.desc().nulls_last(), Candidate.full_name.asc()),
}


def present(args: Mapping[str, Any], names: tuple[str, ...]) -> dict[str, str]:
    """The given, non-blank parameters among ``names``, as trimmed strings."""
    return {
        key: str(args[key]).strip()
        for key in names
        if key in args and args[key] is not None and str(args[key]).strip()
    }


def choice(key: str, text: str, choices: tuple[str, ...], values: dict, errors: dict) -> None:
    if text in choices:
        values[key] = text
    else:
        errors[key] = [f"Must be one of: {', '.join(choices)}."]


def identifier(key: str, text: str, values: dict, errors: dict) -> None:
    if text.isascii() and text.isdigit() and 0 < int(text) <= MAX_ID:
        values[key] = int(text)
    else:
        errors[key] = [f"Must be an id: a whole number from 1 to {MAX_ID}."]


def score(key: str, text: str, values: dict, errors: dict) -> None:
    try:
        number = float(text)
    except ValueError:
        number = -1.0
    if 0 <= number <= 100:
        values[key] = number
    else:
        errors[key] = ["Must be a number from 0 to 100."]


def day(key: str, text: str, values: dict, errors: dict) -> None:
    """``from`` / ``to`` as ``date_from`` / ``date_to``."""
    try:
        parsed = date.fromisoformat(text)
        if not MIN_YEAR <= parsed.year <= MAX_YEAR:
            raise ValueError(text)
        values[f"date_{key}"] = parsed
    except ValueError:
        errors[key] = [f'"{text[:40]}" is not a date: use YYYY-MM-DD, e.g. 2026-03-01.']


def reversed_range(values: dict, low: str, high: str) -> bool:
    first, last = values.get(low), values.get(high)
    return first is not None and last is not None and first > last


def window(
    date_from: date | None, date_to: date | None, tz_name: str | None
) -> tuple[datetime | None, datetime | None]:
    """A date range as UTC instants: from the start of ``date_from`` to the end of ``date_to``
    (inclusive), both in the recruiter's zone."""
    tz = zone(tz_name)

    def start_of(value: date) -> datetime:
        return datetime.combine(value, time(), tzinfo=tz).astimezone(UTC)

    start = start_of(date_from) if date_from else None
    end = start_of(date_to + timedelta(days=1)) if date_to else None
    return start, end


def between(query: Select, column: Any, filters: Any, tz_name: str | None) -> Select:
    start, end = window(filters.date_from, filters.date_to, tz_name)
    if start is not None:
        query = query.where(column >= start)
    if end is not None:
        query = query.where(column < end)
    return query


@dataclass(frozen=True)
class CandidateFilter:
    """The candidate list's filters: the web list, ``GET /api/v1/candidates`` and the
    candidates CSV report (web, API and CLI) all parse and apply this one.

    ``q`` matches the search key (:mod:`recruiter.textkey`) of name, e-mail, company and
    profile address anywhere inside it (``%q%``), ignoring case and accents in every script,
    with ``%``, ``_`` and ``\\`` taken literally. A substring cannot seek a B-tree, so the
    search reads the owner's entries of the one narrow ``(team_id, search_key)`` index, not
    the table's wide rows.
    """

    PARAMS: ClassVar[tuple[str, ...]] = (
        "q",
        "connection_status",
        "client_id",
        "min_score",
        "max_score",
        "confidence",
        "sort",
        "from",
        "to",
    )
    SORTS: ClassVar[tuple[str, ...]] = tuple(CANDIDATE_SORTS)

    q: str | None = None
    connection_status: str | None = None
    client_id: int | None = None
    min_score: float | None = None
    max_score: float | None = None
    confidence: str | None = None
    sort: str = "name"
    date_from: date | None = None  # added on or after (the recruiter's day)
    date_to: date | None = None  # added on or before

    @classmethod
    def parse(cls, args: Mapping[str, Any]) -> CandidateFilter:
        errors: dict[str, list[str]] = {}
        values: dict[str, Any] = {}
        for key, text in present(args, cls.PARAMS).items():
            if key == "q":
                values["q"] = text
            elif key == "connection_status":
                choice(key, text, CONNECTION_STATUSES, values, errors)
            elif key == "confidence":
                choice(key, text, CONFIDENCES, values, errors)
            elif key == "sort":
                choice(key, text, cls.SORTS, values, errors)
            elif key == "client_id":
                identifier(key, text, values, errors)
            elif key in ("min_score", "max_score"):
                score(key, text, values, errors)
            else:
                day(key, text, values, errors)
        if reversed_range(values, "min_score", "max_score"):
            errors.setdefault("max_score", []).append("max_score is below min_score.")
        if reversed_range(values, "date_from", "date_to"):
            errors.setdefault("to", []).append("'to' is before 'from'.")
        if errors:
            raise ServiceError("Some filters are not valid.", errors)
        return cls(**values)

    def apply(self, query: Select, tz_name: str | None) -> Select:
        """``query`` (over the owner's candidates) narrowed and ordered by these filters."""
        key = search_key(self.q)
        if key:
            query = query.where(Candidate.search_key.like(like_pattern(key), escape="\\"))
        if self.connection_status:
            query = query.where(Candidate.connection_status == self.connection_status)
        if self.client_id:
            query = query.where(
                exists().where(
                    Interview.candidate_id == Candidate.id, Interview.client_id == self.client_id
                )
            )
        if self.min_score is not None:
            query = query.where(Candidate.score >= self.min_score)
        if self.max_score is not None:
            query = query.where(Candidate.score <= self.max_score)
        if self.confidence:
            query = query.where(Candidate.confidence == self.confidence)
        query = between(query, Candidate.created_at, self, tz_name)
        return query.order_by(*CANDIDATE_SORTS[self.sort], Candidate.id)
