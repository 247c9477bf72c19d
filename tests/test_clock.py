"""Date and time entry follows the recruiter's settings (zone and a 24 h or 12 h clock), not the
browser's locale: a date input, a text time input on the recruiter's clock, the zone shown next
to it; times on pages follow the same clock; the API stays ISO 8601 UTC."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from recruiter.extensions import db
from recruiter.localtime import BadTimeOfDay, clock_text, parse_clock
from recruiter.models import Interview, Outreach, Reminder
from tests.conftest import NOW, login


@pytest.mark.parametrize(
    ("text", "clock", "expected"),
    [
        ("14:30", "24h", time(14, 30)),
        ("09:05", "24h", time(9, 5)),
        ("9", "24h", time(9, 0)),
        ("1430", "24h", time(14, 30)),
        ("2:30 PM", "24h", time(14, 30)),  # AM/PM is never ambiguous
        ("2:30 PM", "12h", time(14, 30)),
        ("2:30pm", "12h", time(14, 30)),
        ("12:15 a.m.", "12h", time(0, 15)),
        ("12 PM", "12h", time(12, 0)),
        ("13:05", "12h", time(13, 5)),  # past 12: only one reading
        ("0:30", "12h", time(0, 30)),
    ],
)
def test_parse_clock_reads_the_recruiters_clock(text, clock, expected):
    assert parse_clock(text, clock) == expected


@pytest.mark.parametrize(
    ("text", "clock", "message"),
    [
        ("2:30", "12h", "add AM or PM, like 2:30 PM"),
        ("25:00", "24h", "the hour goes from 0 to 23"),
        ("10:60", "24h", "minutes go from 00 to 59"),
        ("13 PM", "24h", "with AM or PM the hour goes from 1 to 12"),
        ("half past two", "24h", "is not a time: type it like 14:30"),
        ("noon", "12h", "is not a time: type it like 2:30 PM"),
    ],
)
def test_parse_clock_refuses_with_a_reason(text, clock, message):
    with pytest.raises(BadTimeOfDay, match=message):
        parse_clock(text, clock)


@pytest.mark.parametrize(
    ("value", "h24", "h12"),
    [
        (time(0, 5), "00:05", "12:05 AM"),
        (time(9, 0), "09:00", "9:00 AM"),
        (time(12, 30), "12:30", "12:30 PM"),
        (time(23, 59), "23:59", "11:59 PM"),
    ],
)
def test_clock_text_writes_both_clocks_and_reads_back(value, h24, h12):
    assert clock_text(value, "24h") == h24 and clock_text(value, "12h") == h12
    assert parse_clock(h24, "24h") == value and parse_clock(h12, "12h") == value


@pytest.fixture
def paris_12h(client, make_recruiter):  # type: ignore[no-untyped-def]
    paris = make_recruiter(email="paris@example.com", time_zone="Europe/Paris")
    login(client, paris.email)
    response = client.post(
        "/settings", data={"name": paris.name, "time_zone": "Europe/Paris", "clock": "12h"}
    )
    assert response.status_code == 302
    return paris


def test_clock_settings_page_offers_and_saves_the_clock(auth_client, recruiter):
    page = auth_client.get("/settings").get_data(as_text=True)
    assert 'name="clock"' in page and "12-hour (2:30 PM)" in page
    response = auth_client.post(
        "/settings", data={"name": "Morgan", "time_zone": "UTC", "clock": "sundial"}
    )
    assert response.status_code == 422 and "Not a valid choice" in response.get_data(as_text=True)
    db.session.refresh(recruiter)
    assert recruiter.clock == "24h" and recruiter.name == "Morgan Avery"
    auth_client.post("/settings", data={"name": "Morgan", "time_zone": "UTC", "clock": "12h"})
    db.session.refresh(recruiter)
    assert recruiter.clock == "12h"


def test_clock_12h_interview_form_reads_pm_in_the_zone_and_shows_it_back(
    client, paris_12h, make_candidate, make_api
):
    candidate = make_candidate(paris_12h)
    form = client.get("/interviews/new").get_data(as_text=True)
    assert 'type="datetime-local"' not in form
    assert 'placeholder="YYYY-MM-DD"' in form and 'name="scheduled_at-time"' in form
    assert 'type="date"' not in form  # a browser's date input shows its locale's order
    assert 'placeholder="2:30 PM"' in form and "Europe/Paris</span>" in form
    response = client.post(
        "/interviews/new",
        data={
            "candidate_id": candidate.id,
            "client_id": "0",
            "scheduled_at": "2026-07-01",
            "scheduled_at-time": "2:30 pm",
            "duration_minutes": "60",
        },
    )
    assert response.status_code == 302
    interview = db.session.scalar(db.select(Interview))
    assert interview.scheduled_at == datetime(2026, 7, 1, 12, 30, tzinfo=UTC)  # CEST
    page = client.get(f"/interviews/{interview.id}").get_data(as_text=True)
    assert "Wed 01 Jul 2026, 2:30 PM" in page and "14:30" not in page
    edit = client.get(f"/interviews/{interview.id}/edit").get_data(as_text=True)
    assert 'value="2026-07-01"' in edit and 'value="2:30 PM"' in edit
    answer = make_api(paris_12h).get(f"/api/v1/interviews/{interview.id}")
    assert answer.json["scheduled_at"] == "2026-07-01T12:30:00Z"  # the API stays ISO UTC


def test_clock_12h_refuses_an_ambiguous_time_naming_the_field(client, paris_12h, make_candidate):
    candidate = make_candidate(paris_12h)
    response = client.post(
        "/interviews/new",
        data={
            "candidate_id": candidate.id,
            "client_id": "0",
            "scheduled_at": "2026-07-01",
            "scheduled_at-time": "2:30",
            "duration_minutes": "60",
        },
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Starts at: &#39;2:30&#39;: add AM or PM, like 2:30 PM." in html
    assert 'value="2:30"' in html  # what was typed stays in the field
    assert db.session.scalar(db.select(db.func.count(Interview.id))) == 0


def test_clock_date_without_time_is_an_error_not_midnight(auth_client, recruiter, make_candidate):
    candidate = make_candidate(recruiter)
    response = auth_client.post(
        "/outreach/new",
        data={
            "candidate_id": candidate.id,
            "channel": "call",
            "direction": "outbound",
            "sent_at": "2026-03-01",
            "sent_at-time": "",
        },
    )
    assert response.status_code == 422
    assert "When (blank = now): give the time too." in response.get_data(as_text=True)
    response = auth_client.post(
        "/outreach/new",
        data={
            "candidate_id": candidate.id,
            "channel": "call",
            "direction": "outbound",
            "sent_at": "",
            "sent_at-time": "09:00",
        },
    )
    assert "When (blank = now): give the date too." in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Outreach.id))) == 0


def test_clock_one_click_bar_shows_the_zone_and_flashes_a_bad_time(
    client, paris_12h, make_candidate
):
    candidate = make_candidate(paris_12h)
    page = client.get(f"/candidates/{candidate.id}").get_data(as_text=True)
    assert 'type="datetime-local"' not in page
    assert f'id="quick-at-{candidate.id}-0-time"' in page and "Europe/Paris</span>" in page
    answer = client.post(
        f"/candidates/{candidate.id}/quick",
        data={"action": "called", "at": "2026-03-01", "at-time": "9:15"},
        follow_redirects=True,
    )
    assert "Not logged: When (blank = now): &#39;9:15&#39;: add AM or PM" in answer.get_data(
        as_text=True
    )
    client.post(
        f"/candidates/{candidate.id}/quick",
        data={"action": "called", "at": "2026-03-01", "at-time": "9:15 AM"},
    )
    row = db.session.scalar(db.select(Outreach))
    assert row.sent_at == datetime(2026, 3, 1, 8, 15, tzinfo=UTC)  # CET


def test_clock_pages_follow_the_24h_clock_by_default(auth_client, recruiter, make_interview):
    interview = make_interview(recruiter, scheduled_at=datetime(2026, 3, 12, 15, 5, tzinfo=UTC))
    page = auth_client.get(f"/interviews/{interview.id}").get_data(as_text=True)
    assert "Thu 12 Mar 2026, 15:05" in page and "3:05 PM" not in page


def test_clock_mail_digest_writes_times_on_the_recruiters_clock(app, make_recruiter):
    from recruiter.models import Reminder
    from recruiter.services import mail

    owner = make_recruiter(time_zone="America/New_York")
    owner.clock = "12h"
    row = Reminder(id=1, due_at=datetime(2026, 3, 10, 18, 45, tzinfo=UTC), message="Chase Ada")
    settings = mail.MailSettings(server="127.0.0.1")
    body = mail.build_message(owner, [row], NOW, settings).get_content()
    assert "- Tue 10 Mar 2:45 PM - Chase Ada" in body


def test_clock_12h_reminder_and_ghost_sentences_use_the_clock(paris_12h, make_candidate):
    from recruiter.services import interviews, reminders
    from recruiter.services.ghosts.words import _when

    ada = make_candidate(paris_12h, full_name="Ada Lovelace")
    start = datetime(2026, 3, 12, 13, 0, tzinfo=UTC)  # 2:00 PM in Paris
    interviews.create_interview(
        paris_12h,
        {"candidate_id": ada.id, "scheduled_at": start},
        datetime(2026, 3, 9, 8, tzinfo=UTC),
    )
    db.session.commit()
    reminders.sweep(datetime(2026, 3, 10, 13, 0, tzinfo=UTC))
    db.session.commit()
    (row,) = db.session.scalars(db.select(Reminder))
    assert "Thursday's 2:00 PM interview" in row.message
    assert _when(start, "Europe/Paris", "12h") == "Thu 12 Mar 2026, 2:00 PM"
    assert _when(start, "Europe/Paris", "24h") == "Thu 12 Mar 2026, 14:00"
