"""Conversions between UTC (storage, services) and a recruiter's wall clock (forms, pages, CSV)."""

from __future__ import annotations

from datetime import UTC, datetime
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
    """For pre-filling a ``datetime-local`` input."""
    local = to_local(value, tz_name)
    return local.replace(tzinfo=None, second=0, microsecond=0) if local else None


def iso_z(value: datetime | None) -> str | None:
    """UTC ISO 8601 with ``Z``, as the API answers."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
