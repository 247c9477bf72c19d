"""What every list filter shares: parameters declared as data, parsed with one loop, and the
readers and SQL pieces the lists have in common."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, ClassVar, Self

from sqlalchemy import ColumnElement, Select, and_

from recruiter import search_index
from recruiter.extensions import db
from recruiter.localtime import MAX_YEAR, MIN_YEAR, zone
from recruiter.models import MAX_ID, Candidate, Recruiter
from recruiter.services import ServiceError
from recruiter.services.scoping import owned
from recruiter.textkey import like_pattern, search_key

Reader = Callable[[str], Any]


@dataclass(frozen=True)
class Param:
    """A query parameter: the filter attribute it sets and how its text is read (a
    ``ValueError`` whose text is the message naming what is wrong)."""

    attr: str
    read: Reader


@dataclass(frozen=True)
class Ordered:
    """Two parameters whose values must not be in the wrong order; ``high`` is blamed."""

    low: str
    high: str
    message: str


def present(args: Mapping[str, Any], names: tuple[str, ...]) -> dict[str, str]:
    """The given, non-blank parameters among ``names``, as trimmed strings."""
    return {
        key: str(args[key]).strip()
        for key in names
        if key in args and args[key] is not None and str(args[key]).strip()
    }


class ListFilter:
    """A list's filters: ``parse(args)`` reads a query string (or CLI options) with one rule
    per parameter and raises a :class:`ServiceError` naming every bad one; blank means "any";
    parameters the list does not take are ignored. Subclasses are frozen dataclasses."""

    PARAMS: ClassVar[dict[str, Param]]
    ORDERED: ClassVar[tuple[Ordered, ...]] = ()
    # The date range's two parameters, in the order "from", "to" (the reports page and CLI).
    DATES: ClassVar[tuple[str, str]]

    @classmethod
    def parse(cls, args: Mapping[str, Any]) -> Self:
        errors: dict[str, list[str]] = {}
        values: dict[str, Any] = {}
        for key, text in present(args, tuple(cls.PARAMS)).items():
            param = cls.PARAMS[key]
            try:
                values[param.attr] = param.read(text)
            except ValueError as exc:
                errors[key] = [str(exc)]
        for rule in cls.ORDERED:
            low = values.get(cls.PARAMS[rule.low].attr)
            high = values.get(cls.PARAMS[rule.high].attr)
            if low is not None and high is not None and low > high:
                errors.setdefault(rule.high, []).append(rule.message)
        if errors:
            raise ServiceError("Some filters are not valid.", errors)
        return cls(**values)  # type: ignore[call-arg]


# --- readers ----------------------------------------------------------------------------------


def text(value: str) -> str:
    return value


def one_of(choices: tuple[str, ...]) -> Reader:
    def read(value: str) -> str:
        if value not in choices:
            raise ValueError(f"Must be one of: {', '.join(choices)}.")
        return value

    return read


def identifier(value: str) -> int:
    if value.isascii() and value.isdigit() and 0 < int(value) <= MAX_ID:
        return int(value)
    raise ValueError(f"Must be an id: a whole number from 1 to {MAX_ID}.")


def score(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if 0 <= number <= 100:
        return number
    raise ValueError("Must be a number from 0 to 100.")


def day(value: str) -> date:
    try:
        parsed = date.fromisoformat(value)
        if MIN_YEAR <= parsed.year <= MAX_YEAR:
            return parsed
    except ValueError:
        pass
    raise ValueError(f'"{value[:40]}" is not a date: use YYYY-MM-DD, e.g. 2026-03-01.')


def flag(value: str) -> bool:
    if value in ("true", "false"):
        return value == "true"
    raise ValueError("Must be true or false.")


def instant(value: str) -> datetime:
    """An ISO 8601 timestamp with an offset or ``Z`` (RFC 3339 also allows ``z``), as UTC."""
    try:
        parsed = datetime.fromisoformat(value[:-1] + "Z" if value.endswith("z") else value)
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None or not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise ValueError("Must be a timestamp with an offset or Z, e.g. 2026-03-12T10:00:00Z.")
    return parsed.astimezone(UTC)


# --- SQL pieces -------------------------------------------------------------------------------


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


def between(
    query: Select, column: Any, date_from: date | None, date_to: date | None, tz: str | None
) -> Select:
    """``query`` narrowed to ``column`` within the days, inclusive, in the recruiter's zone."""
    start, end = window(date_from, date_to, tz)
    if start is not None:
        query = query.where(column >= start)
    if end is not None:
        query = query.where(column < end)
    return query


def candidate_search(owner: Recruiter, q: str | None) -> Select | None:
    """The ids of the owner's candidates whose search key holds ``q`` (as the candidate list
    searches: case and accents ignored, ``%``/``_`` literal, see :func:`search_condition`);
    None for no search."""
    key = search_key(q)
    if not key:
        return None
    return owned(Candidate, owner).with_only_columns(Candidate.id).where(search_condition(key))


def search_condition(key: str) -> ColumnElement[bool]:
    """The candidates whose search key holds ``key`` (a :func:`search_key`), ``%``/``_``
    literal. On SQLite the trigram index (:mod:`recruiter.search_index`) narrows the rows
    first; on PostgreSQL the planner weighs its trigram index for the ``LIKE`` by itself."""
    like = Candidate.search_key.like(like_pattern(key), escape="\\")
    bind = db.session.get_bind()
    engine = getattr(bind, "engine", bind)
    if engine.dialect.name == "sqlite" and search_index.fts_ready(engine):
        match = search_index.fts_match(Candidate.id, key)
        if match is not None:
            return and_(match, like)
    return like
