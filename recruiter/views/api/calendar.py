"""``/api/v1/calendar``: the secret URL of the recruiter's iCalendar feed, and rotating it."""

from __future__ import annotations

from flask import g, jsonify

from recruiter.extensions import db
from recruiter.services import calendar
from recruiter.views.api import route
from recruiter.views.api.schemas import CalendarOut
from recruiter.views.helpers import calendar_url, utcnow


@route("/calendar", "GET", "The calendar feed's secret URL", response=CalendarOut)
def get_calendar():  # type: ignore[no-untyped-def]
    return jsonify({"url": calendar_url(g.recruiter)})


@route("/calendar/rotate", "POST", "A new feed URL; the old one answers 404", response=CalendarOut)
def rotate_calendar():  # type: ignore[no-untyped-def]
    calendar.rotate(g.recruiter, utcnow())
    db.session.commit()
    return jsonify({"url": calendar_url(g.recruiter)})
