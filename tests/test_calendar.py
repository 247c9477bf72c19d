"""The calendar feed: an iCalendar file calendar apps subscribe to by a secret URL, read here
with the icalendar library (and once over real HTTP, as a calendar app would)."""

from __future__ import annotations

import threading
import urllib.request
from datetime import timedelta

import pytest
from icalendar import Calendar
from werkzeug.serving import make_server

from recruiter.extensions import db
from recruiter.models import AuditEntry
from recruiter.services import calendar
from tests.conftest import NOW


@pytest.fixture
def fixed_now(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr("recruiter.views.calendar.utcnow", lambda: NOW)
    return NOW


@pytest.fixture
def booked(recruiter, make_candidate, make_client, make_interview):  # type: ignore[no-untyped-def]
    """Interviews before, inside and after the feed's window, in every state."""
    ada = make_candidate(recruiter, full_name="Ada Lovelace")
    acme = make_client(recruiter, name="Acme")
    asked = NOW - timedelta(days=59)

    def book(days: float, events=(), **values):  # type: ignore[no-untyped-def]
        return make_interview(
            recruiter,
            ada,
            now=NOW - timedelta(days=60),
            scheduled_at=NOW + timedelta(days=days),
            client_id=acme.id,
            events=events,
            **values,
        )

    return {
        "tentative": book(3, role="Data engineer", duration_minutes=45),
        "confirmed": book(
            5, (("confirmation_requested", asked), ("confirmed", asked + timedelta(hours=1)))
        ),
        "cancelled": book(7, (("cancelled", NOW - timedelta(days=59)),)),
        "too_old": book(-31),
        "too_far": book(190),
        "recent": book(-29),
    }


def _feed(client, recruiter):  # type: ignore[no-untyped-def]
    response = client.get(f"/calendar/{recruiter.calendar_token}.ics")
    assert response.status_code == 200
    return response, Calendar.from_ical(response.data)


def _events(parsed):  # type: ignore[no-untyped-def]
    return {str(e["uid"]): e for e in parsed.walk("VEVENT")}


def test_calendar_feed_is_icalendar_without_login(client, recruiter, booked, fixed_now):
    response, parsed = _feed(client, recruiter)
    assert response.mimetype == "text/calendar"
    assert "private" in response.headers["Cache-Control"]
    assert str(parsed["version"]) == "2.0"
    uids = set(_events(parsed))
    inside = {"tentative", "confirmed", "cancelled", "recent"}
    assert uids == {f"interview-{booked[name].id}@localhost" for name in inside}


def test_calendar_event_fields(client, recruiter, booked, fixed_now):
    _, parsed = _feed(client, recruiter)
    event = _events(parsed)[f"interview-{booked['tentative'].id}@localhost"]
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert start == NOW + timedelta(days=3) and start.utcoffset() == timedelta(0)
    assert end - start == timedelta(minutes=45)
    assert b"DTSTART:" in event.to_ical() and b"Z\r\n" in event.to_ical()  # UTC, no TZID
    assert str(event["summary"]) == "Interview: Ada Lovelace with Acme"
    description = str(event["description"])
    assert "Role: Data engineer" in description
    assert f"http://localhost/interviews/{booked['tentative'].id}" in description


def test_calendar_status_follows_the_interview(client, recruiter, booked, fixed_now):
    _, parsed = _feed(client, recruiter)
    events = _events(parsed)
    status = {
        name: str(events[f"interview-{booked[name].id}@localhost"]["status"])
        for name in ("tentative", "confirmed", "cancelled")
    }
    assert status == {"tentative": "TENTATIVE", "confirmed": "CONFIRMED", "cancelled": "CANCELLED"}


def test_calendar_uid_is_stable_when_rescheduled(client, recruiter, booked, fixed_now, app):
    from recruiter.services import interviews
    from recruiter.services.interviews import EventData

    interview = booked["tentative"]
    later = NOW + timedelta(days=10)
    interviews.add_event(
        recruiter,
        interview,
        EventData("rescheduled", NOW - timedelta(days=1), new_scheduled_at=later),
        NOW,
    )
    db.session.commit()
    _, parsed = _feed(client, recruiter)
    event = _events(parsed)[f"interview-{interview.id}@localhost"]
    assert event.decoded("dtstart") == later


def test_calendar_unknown_or_foreign_token_answers_404(client, recruiter, make_recruiter):
    other = make_recruiter(email="other@example.com")
    assert client.get("/calendar/not-a-token.ics").status_code == 404
    assert client.get(f"/calendar/{'x' * 200}.ics").status_code == 404
    assert other.calendar_token != recruiter.calendar_token


def test_calendar_feed_holds_only_its_owners_interviews(
    client, recruiter, booked, make_recruiter, make_interview, fixed_now
):
    other = make_recruiter(email="other@example.com")
    theirs = make_interview(other, scheduled_at=NOW + timedelta(days=1))
    _, parsed = _feed(client, recruiter)
    assert f"interview-{theirs.id}@localhost" not in _events(parsed)
    _, parsed = _feed(client, other)
    assert set(_events(parsed)) == {f"interview-{theirs.id}@localhost"}


def test_calendar_api_gives_the_url_and_rotating_ends_the_old_one(client, api, recruiter):
    answer = api.get("/api/v1/calendar")
    assert answer.status_code == 200
    old = answer.get_json()["url"]
    assert old == f"http://localhost/calendar/{recruiter.calendar_token}.ics"
    assert client.get(old).status_code == 200
    rotated = api.post("/api/v1/calendar/rotate")
    assert rotated.status_code == 200
    new = rotated.get_json()["url"]
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert api.get("/api/v1/calendar").get_json()["url"] == new
    actions = db.session.scalars(db.select(AuditEntry.action)).all()
    assert "calendar_rotated" in actions


def test_calendar_settings_page_shows_and_rotates_the_url(auth_client, recruiter, client):
    page = auth_client.get("/settings").get_data(as_text=True)
    url = f"http://localhost/calendar/{recruiter.calendar_token}.ics"
    assert url in page and 'data-copy="#calendar-url"' in page
    done = auth_client.post("/settings/calendar/rotate", follow_redirects=True)
    assert b"the old one no longer works" in done.data
    db.session.refresh(recruiter)
    assert client.get(url).status_code == 404
    assert client.get(f"/calendar/{recruiter.calendar_token}.ics").status_code == 200


def test_calendar_status_of_a_no_show_says_whether_it_was_confirmed():
    class Row:
        def __init__(self, status, types):  # type: ignore[no-untyped-def]
            self.status = status
            self.live_events = [type("E", (), {"type": t})() for t in types]

    assert calendar.status(Row("no_show", ["confirmed", "no_show"])) == "CONFIRMED"
    assert calendar.status(Row("no_show", ["no_show"])) == "TENTATIVE"
    assert calendar.status(Row("declined", ["declined"])) == "CANCELLED"
    assert calendar.status(Row("attended", ["attended"])) == "CONFIRMED"


def test_calendar_subscribed_over_http(app, recruiter, booked, fixed_now):
    """As a calendar app does: a plain HTTP GET of the URL, no cookie, parsed."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/calendar/{recruiter.calendar_token}.ics"
        with urllib.request.urlopen(url, timeout=10) as answer:
            assert answer.headers.get_content_type() == "text/calendar"
            parsed = Calendar.from_ical(answer.read())
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
    summaries = sorted(str(e["summary"]) for e in parsed.walk("VEVENT"))
    assert summaries == ["Interview: Ada Lovelace with Acme"] * 4
    assert all(e.decoded("dtstart").tzinfo is not None for e in parsed.walk("VEVENT"))
