"""Times are stored in UTC and shown/entered in the recruiter's zone, across DST changes."""

from datetime import UTC, datetime

import pytest

from recruiter.extensions import db
from recruiter.localtime import NonexistentLocalTime, to_local, to_utc
from recruiter.models import Interview
from tests.conftest import login


@pytest.mark.parametrize(
    ("local", "utc"),
    [
        ("2026-03-29T01:30", datetime(2026, 3, 29, 0, 30, tzinfo=UTC)),  # CET, before the jump
        ("2026-03-29T03:30", datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),  # CEST, after it
        ("2026-10-25T02:30", datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),  # ambiguous: first one
        ("2026-10-25T03:30", datetime(2026, 10, 25, 2, 30, tzinfo=UTC)),  # CET again
    ],
)
def test_timezones_round_trip_paris(local, utc):
    naive = datetime.fromisoformat(local)
    assert to_utc(naive, "Europe/Paris") == utc
    back = to_local(utc, "Europe/Paris").replace(tzinfo=None)
    assert back == naive


def test_timezones_nonexistent_local_time_refused():
    with pytest.raises(NonexistentLocalTime, match="does not exist in Europe/Paris"):
        to_utc(datetime(2026, 3, 29, 2, 30), "Europe/Paris")


def test_timezones_form_round_trip_across_dst(client, make_recruiter, make_candidate):
    paris = make_recruiter(email="paris@example.com", time_zone="Europe/Paris")
    candidate = make_candidate(paris)
    login(client, paris.email)
    for day, utc_hour in (("2026-03-28", 9), ("2026-03-30", 8)):
        response = client.post(
            "/interviews/new",
            data={
                "candidate_id": candidate.id,
                "client_id": "0",
                "scheduled_at": day,
                "scheduled_at-time": "10:00",
                "duration_minutes": "60",
            },
        )
        assert response.status_code == 302
        interview = db.session.scalars(db.select(Interview).order_by(Interview.id.desc())).first()
        assert interview.scheduled_at.hour == utc_hour and interview.scheduled_at.tzinfo is not None
        page = client.get(f"/interviews/{interview.id}").get_data(as_text=True)
        assert "10:00" in page  # shown back in Paris time, both sides of the change
        edit = client.get(f"/interviews/{interview.id}/edit").get_data(as_text=True)
        assert f'value="{day}"' in edit and 'value="10:00"' in edit
        assert "Europe/Paris</span>" in edit  # the zone the field is read in


def test_timezones_form_refuses_skipped_hour(client, make_recruiter, make_candidate):
    paris = make_recruiter(email="paris@example.com", time_zone="Europe/Paris")
    candidate = make_candidate(paris)
    login(client, paris.email)
    response = client.post(
        "/interviews/new",
        data={
            "candidate_id": candidate.id,
            "client_id": "0",
            "scheduled_at": "2026-03-29",
            "scheduled_at-time": "02:30",
            "duration_minutes": "60",
        },
    )
    assert response.status_code == 422
    assert "does not exist in Europe/Paris" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Interview.id))) == 0


def test_timezones_api_answers_utc_z(make_recruiter, make_api, make_candidate):
    paris = make_recruiter(email="paris@example.com", time_zone="Europe/Paris")
    api = make_api(paris)
    candidate = make_candidate(paris)
    response = api.post(
        "/api/v1/interviews",
        json={"candidate_id": candidate.id, "scheduled_at": "2026-03-29T03:30:00+02:00"},
    )
    assert response.json["scheduled_at"] == "2026-03-29T01:30:00Z"
