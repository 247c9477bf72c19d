"""Conversions between UTC (storage, services) and a recruiter's wall clock (forms, pages, CSV)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

MIN_YEAR, MAX_YEAR = 1900, 2200


class NonexistentLocalTime(ValueError):
    """A wall-clock time skipped by a daylight-saving change (02:30 on a spring-forward day)."""


def zone(name: str | None) -> ZoneInfo:
    return ZoneInfo(name or "UTC")


def to_utc(local: datetime, tz_name: str | None) -> datetime:
    """A naive wall-clock time in ``tz_name`` as aware UTC.

    Ambiguous times (the repeated hour when clocks go back) take the first occurrence;
    times that do not exist (when clocks go forward) are refused.
    """
    if local.tzinfo is not None:
        return local.astimezone(UTC)
    tz = zone(tz_name)
    if not MIN_YEAR <= local.year <= MAX_YEAR:
        raise NonexistentLocalTime(f"Use a year between {MIN_YEAR} and {MAX_YEAR}.")
    aware = local.replace(tzinfo=tz, fold=0)
    as_utc = aware.astimezone(UTC)
    if as_utc.astimezone(tz).replace(tzinfo=None) != local:
        raise NonexistentLocalTime(
            f"{local:%Y-%m-%d %H:%M} does not exist in {tz.key}: the clocks skip it "
            "(daylight saving). Pick a time an hour later or earlier."
        )
    return as_utc


def to_local(value: datetime | None, tz_name: str | None) -> datetime | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(zone(tz_name))


def local_naive(value: datetime | None, tz_name: str | None) -> datetime | None:
    """Wall-clock time in ``tz_name``, to the minute: what a date-time field is pre-filled with."""
    local = to_local(value, tz_name)
    return local.replace(tzinfo=None, second=0, microsecond=0) if local else None


# How each clock writes a time of day (``recruiter.vocab.Clock``'s values; a leaf, so not
# imported from there): the example every time field shows and its errors quote.
CLOCK_EXAMPLES = {"24h": "14:30", "12h": "2:30 PM"}
_TIME = re.compile(r"^(\d{1,2})(?:[:.h]?(\d{2}))?\s*(?:([ap])\.?\s*m?\.?)?$", re.IGNORECASE)


class BadTimeOfDay(ValueError):
    """Text that is not a time of day on the recruiter's clock."""


def clock_text(value: time | datetime, clock: str | None) -> str:
    """A time of day on ``clock``: ``14:30`` (24h, the default) or ``2:30 PM`` (12h)."""
    if clock == "12h":
        return f"{value.hour % 12 or 12}:{value.minute:02d} {'AM' if value.hour < 12 else 'PM'}"
    return f"{value.hour:02d}:{value.minute:02d}"


def parse_clock(text: str, clock: str | None) -> time:
    """A typed time of day (``14:30``, ``9``, ``2:30 pm``, ``1430``...) as a ``time``.

    AM/PM is always understood; on the 12 h clock an hour from 1 to 12 without it is refused
    as ambiguous (is ``2:30`` at night or in the afternoon?)."""
    example = CLOCK_EXAMPLES.get(clock or "24h", CLOCK_EXAMPLES["24h"])
    found = _TIME.match(text.strip())
    if found is None:
        raise BadTimeOfDay(f"{text.strip()!r} is not a time: type it like {example}.")
    hour, minute = int(found.group(1)), int(found.group(2) or 0)
    meridiem = (found.group(3) or "").lower()
    if minute > 59:
        raise BadTimeOfDay(f"{text.strip()!r}: minutes go from 00 to 59.")
    if meridiem:
        if not 1 <= hour <= 12:
            raise BadTimeOfDay(f"{text.strip()!r}: with AM or PM the hour goes from 1 to 12.")
        hour = hour % 12 + (12 if meridiem == "p" else 0)
    elif hour > 23:
        raise BadTimeOfDay(f"{text.strip()!r}: the hour goes from 0 to 23.")
    elif clock == "12h" and 1 <= hour <= 12:
        raise BadTimeOfDay(f"{text.strip()!r}: add AM or PM, like {example}.")
    return time(hour, minute)


def iso_z(value: datetime | None) -> str | None:
    """UTC ISO 8601 with ``Z``, as the API answers."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
