"""The date and date-time spellings found in LinkedIn exports (naive means UTC)."""

import re
from datetime import UTC, date, datetime

_MONTH_NAMES = "january february march april may june july august september october november"
_MONTHS = {
    name: number
    for number, full in enumerate([*_MONTH_NAMES.split(), "december"], start=1)
    for name in (full, full[:3])
} | {"sept": 9}
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ -]([a-z]+)\.?[ -](\d{4}|\d{2})", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(r"([a-z]+)\.? (\d{1,2}),? (\d{4})", re.IGNORECASE)
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_US_DATETIME = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2}),? (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([ap])\.?m\.?)?",
    re.IGNORECASE,
)


def _year(text: str) -> int:
    return 2000 + int(text) if len(text) == 2 else int(text)


def _day(year: int, month: int | None, day: int) -> date | None:
    try:
        return date(year, month or 0, day)
    except ValueError:
        return None


def _parse_date(text: str) -> date | None:
    """ "15 Mar 2024", "15-Mar-24", "March 15, 2024" or "2024-03-15"."""
    text = " ".join(text.split())
    if match := _DAY_MONTH_YEAR.fullmatch(text):
        day, month, year = match.groups()
    elif match := _MONTH_DAY_YEAR.fullmatch(text):
        month, day, year = match.groups()
    elif match := _ISO_DAY.fullmatch(text):
        return _day(int(match[1]), int(match[2]), int(match[3]))
    else:
        return None
    return _day(_year(year), _MONTHS.get(month.lower()), int(day))


def _parse_datetime(text: str) -> datetime | None:
    """ "10/8/26, 12:00 AM" (M/D/YY) or ISO like "2023-06-11 15:33:58 UTC"; naive means UTC."""
    text = " ".join(text.split())
    if "/" in text and (match := _US_DATETIME.fullmatch(text)):  # messages.csv has no "/"
        return _us_datetime(*match.groups())
    try:
        value = datetime.fromisoformat(text.removesuffix(" UTC").removesuffix(" GMT"))
        value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    except (ValueError, OverflowError):
        return None
    return value if 1900 <= value.year <= 2200 else None


def _us_datetime(*parts: str | None) -> datetime | None:
    month, day, year, hour_text, minute, second, half = parts
    hour = int(hour_text or 0)
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half in "pP" else 0)
    try:
        return datetime(
            _year(year or ""),
            int(month or 0),
            int(day or 0),
            hour,
            int(minute or 0),
            int(second or 0),
            tzinfo=UTC,
        )
    except ValueError:
        return None
