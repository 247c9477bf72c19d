"""The building blocks of the API's shapes: typed times, ids, lengths read from the columns,
the ``In``/``Out`` bases, members named by e-mail, and :func:`dump`."""

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
from recruiter.models import MAX_ID
from recruiter.services import accounts

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


def dump(model: type[Out], row: Any, **extra: Any) -> dict[str, Any]:
    data = model.model_validate(row).model_dump(mode="json")
    data.update(extra)
    return data
