"""Date-time entry that follows the recruiter's settings, not the browser's locale: a date typed
as ``YYYY-MM-DD`` (a browser's date input would show its locale's order, 03/12 or 12/03) and a
time read on the recruiter's clock (``14:30`` or ``2:30 PM``), with the time
zone it is read in written next to it. The field gives a naive wall-clock ``datetime``; the
views turn it into UTC in the recruiter's zone (``views.helpers.form_time``)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask import has_request_context
from flask_login import current_user
from markupsafe import Markup
from wtforms import Field
from wtforms.utils import unset_value

from recruiter import localtime
from recruiter.vocab import Clock


def recruiter_clock() -> tuple[str, str]:
    """The signed-in recruiter's time zone and clock (UTC and 24 h for nobody)."""
    user = current_user if has_request_context() else None
    zone = getattr(user, "time_zone", None) or "UTC"
    clock = getattr(user, "clock", None) or Clock.H24.value
    return zone, clock


def time_name(name: str) -> str:
    """The form key of the time half of the date-time field ``name``."""
    return f"{name}-time"


def inputs_html(
    name: str,
    field_id: str,
    date_value: str = "",
    time_value: str = "",
    invalid: bool = False,
    small: bool = False,
) -> Markup:
    """The two inputs and the zone, as one Bootstrap input group (forms and one-click bars)."""
    zone, clock = recruiter_clock()
    example = localtime.CLOCK_EXAMPLES[clock]
    css = (
        "form-control" + (" form-control-sm" if small else "") + (" is-invalid" if invalid else "")
    )
    group = "input-group local-datetime" + (" input-group-sm" if small else "")
    hours = "12-hour clock" if clock == Clock.H12 else "24-hour clock"
    # A literal template: Markup.format escapes every value.
    return Markup(
        '<div class="{group}">'
        '<input type="text" class="{css} local-date" id="{id}" name="{name}" value="{date}" '
        'placeholder="YYYY-MM-DD" inputmode="numeric" maxlength="10" autocomplete="off" '
        'aria-label="Date (YYYY-MM-DD)" aria-describedby="{zone_id}">'
        '<input type="text" class="{css} local-time" id="{time_id}" name="{time_name}" '
        'value="{time}" placeholder="{example}" autocomplete="off" maxlength="12" '
        'aria-label="Time ({hours}, like {example})" aria-describedby="{zone_id}">'
        '<span class="input-group-text" id="{zone_id}" '
        'title="Read in your time zone ({zone}); change it in Settings">{zone}</span></div>'
    ).format(
        group=group,
        css=css,
        id=field_id,
        name=name,
        date=date_value,
        time_id=time_name(field_id),
        time_name=time_name(name),
        time=time_value,
        example=example,
        hours=hours,
        zone_id=f"{field_id}-zone",
        zone=zone,
    )


class LocalDateTimeWidget:
    def __call__(self, field: LocalDateTimeField, **kwargs: Any) -> Markup:
        css = str(kwargs.get("class", "") or kwargs.get("class_", ""))
        return inputs_html(
            field.name,
            str(kwargs.get("id", field.id)),
            *field.shown(),
            invalid="is-invalid" in css or bool(field.errors),
            small="form-control-sm" in css,
        )


class LocalDateTimeField(Field):
    """A date (``YYYY-MM-DD``, the order of the API and the CSV) and a time of day typed
    on the recruiter's clock, under ``name`` and ``name-time``. Both blank is no value; one
    without the other, or text that is not a time, is an error naming the field."""

    widget = LocalDateTimeWidget()

    def __init__(self, label: str | None = None, validators: Any = None, **kwargs: Any) -> None:
        super().__init__(label, validators, **kwargs)
        self.typed: tuple[str, str] | None = None

    def process(self, formdata: Any, data: Any = unset_value, extra_filters: Any = None) -> None:
        super().process(None, data, extra_filters)
        if formdata is None or (self.name not in formdata and time_name(self.name) not in formdata):
            return
        day = (formdata.get(self.name) or "").strip()
        hour = (formdata.get(time_name(self.name)) or "").strip()
        self.typed = (day, hour)
        self.raw_data = [v for v in (day, hour) if v]
        self.data = None
        try:
            self.data = self._parse(day, hour)
        except ValueError as exc:
            self.process_errors.append(f"{self.label.text}: {exc}")

    def _parse(self, day: str, hour: str) -> datetime | None:
        if not day and not hour:
            return None
        if not day:
            raise ValueError("give the date too.")
        try:
            on = date.fromisoformat(day)
        except ValueError:
            raise ValueError(f"{day!r} is not a date (YYYY-MM-DD).") from None
        if not hour:
            raise ValueError("give the time too.")
        _, clock = recruiter_clock()
        return datetime.combine(on, localtime.parse_clock(hour, clock))

    def shown(self) -> tuple[str, str]:
        """What the inputs show: what was typed (after an error), else the value."""
        if self.typed is not None:
            return self.typed
        if not isinstance(self.data, datetime):
            return "", ""
        zone, clock = recruiter_clock()
        value = self.data
        if value.tzinfo is not None:  # a model's UTC value (``obj=``): shown on the wall clock
            value = localtime.local_naive(value, zone)
        return value.date().isoformat(), localtime.clock_text(value, clock)

    def _value(self) -> str:
        return " ".join(v for v in self.shown() if v)
