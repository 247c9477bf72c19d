"""Outreach: logging, replies, quick actions, forms and API."""

from datetime import UTC, timedelta

import pytest

from recruiter.extensions import db
from recruiter.models import Outreach
from recruiter.services import ServiceError, outreach
from tests.conftest import NOW


def test_outreach_reply_answers_everything_waiting(recruiter, make_candidate, make_outreach):
    candidate = make_candidate(recruiter)
    first = make_outreach(recruiter, candidate, sent_at=NOW - timedelta(hours=30))
    second = make_outreach(recruiter, candidate, sent_at=NOW - timedelta(hours=5), channel="text")
    answered = outreach.candidate_replied(recruiter, candidate, NOW, NOW)
    db.session.commit()
    assert {o.id for o in answered} == {first.id, second.id}
    assert first.responded_at == NOW and second.responded_at == NOW


def test_outreach_reply_with_nothing_waiting_logs_inbound(recruiter, make_candidate):
    candidate = make_candidate(recruiter)
    rows = outreach.candidate_replied(recruiter, candidate, NOW, NOW)
    assert rows[0].direction == "inbound" and rows[0].sent_at == NOW


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"channel": "pigeon"}, "channel"),
        ({"direction": "sideways"}, "direction"),
        ({"sent_at": None}, "sent_at"),
        ({"sent_at": NOW + timedelta(days=1)}, "sent_at"),
        ({"responded_at": NOW - timedelta(days=2)}, "responded_at"),
    ],
)
def test_outreach_refuses_bad_values(recruiter, make_candidate, values, field):
    candidate = make_candidate(recruiter)
    data = {"candidate_id": candidate.id, "channel": "call", "sent_at": NOW - timedelta(days=1)}
    data.update(values)
    with pytest.raises(ServiceError) as exc:
        outreach.create_outreach(recruiter, data, NOW)
    assert field in exc.value.fields


def test_outreach_response_before_sent_refused(recruiter, make_candidate, make_outreach):
    row = make_outreach(recruiter, make_candidate(recruiter), sent_at=NOW)
    with pytest.raises(ServiceError, match="before the outreach was sent"):
        outreach.record_response(recruiter, row, NOW - timedelta(minutes=1), NOW)


def test_outreach_quick_buttons(auth_client, recruiter, make_candidate):
    candidate = make_candidate(recruiter)
    url = f"/candidates/{candidate.id}/quick"
    response = auth_client.post(url, data={"action": "called"}, follow_redirects=True)
    assert b"Logged: you called Ada Lovelace." in response.data
    response = auth_client.post(
        url, data={"action": "texted", "at": "2020-01-01", "at-time": "10:00"}
    )
    assert response.status_code == 302
    response = auth_client.post(url, data={"action": "replied"}, follow_redirects=True)
    assert b"answers 2 outreach" in response.data
    rows = db.session.scalars(db.select(Outreach).order_by(Outreach.sent_at)).all()
    assert [r.channel for r in rows] == ["text", "call"]
    assert all(r.responded_at is not None for r in rows)
    response = auth_client.post(
        url,
        data={"action": "called", "at": "2199-01-01", "at-time": "10:00"},
        follow_redirects=True,
    )
    assert b"Not logged" in response.data and b"future" in response.data
    response = auth_client.post(url, data={"action": "shouted"}, follow_redirects=True)
    assert b"Not logged: &#39;shouted&#39; is not a contact to log." in response.data
    assert db.session.scalar(db.select(db.func.count(Outreach.id))) == 2


def test_outreach_form_and_response_form(auth_client, recruiter, make_candidate):
    candidate = make_candidate(recruiter)
    response = auth_client.post(
        "/outreach/new",
        data={
            "candidate_id": candidate.id,
            "interview_id": "0",
            "channel": "email",
            "direction": "outbound",
            "sent_at": "2026-01-10",
            "sent_at-time": "09:00",
        },
    )
    assert response.status_code == 302
    row = db.session.scalar(db.select(Outreach))
    response = auth_client.post(
        f"/outreach/{row.id}/response",
        data={"responded_at": "2026-01-10", "responded_at-time": "08:00"},
        follow_redirects=True,
    )
    assert b"before the outreach was sent" in response.data
    auth_client.post(
        f"/outreach/{row.id}/response",
        data={"responded_at": "2026-01-10", "responded_at-time": "13:00"},
    )
    db.session.refresh(row)
    assert row.responded_at is not None
    response = auth_client.post(
        "/outreach/new",
        data={
            "candidate_id": candidate.id,
            "interview_id": "0",
            "channel": "fax",
            "direction": "outbound",
        },
    )
    assert response.status_code == 422
    assert b"Not a valid choice" in response.data


def test_outreach_api(api, recruiter, make_candidate):
    candidate = make_candidate(recruiter)
    response = api.post(
        "/api/v1/outreach",
        json={
            "candidate_id": candidate.id,
            "channel": "text",
            "sent_at": "2026-02-01T10:00:00+02:00",
        },
    )
    assert response.status_code == 201, response.json
    body = response.json
    assert body["sent_at"] == "2026-02-01T08:00:00Z" and body["direction"] == "outbound"
    oid = body["id"]
    response = api.post(
        f"/api/v1/outreach/{oid}/response", json={"responded_at": "2026-02-01T07:00:00Z"}
    )
    assert response.status_code == 422 and "responded_at" in response.json["error"]["fields"]
    response = api.post(
        f"/api/v1/outreach/{oid}/response", json={"responded_at": "2026-02-01T12:00:00Z"}
    )
    assert response.status_code == 200 and response.json["response_hours"] == 4.0
    listed = api.get(f"/api/v1/outreach?candidate_id={candidate.id}").json
    assert listed["total"] == 1
    shown = api.get(f"/api/v1/candidates/{candidate.id}").json
    assert shown["reliability"]["evidence"]["outreach"] >= 1
    assert api.post("/api/v1/outreach", json={"candidate_id": candidate.id}).status_code == 422


def test_outreach_created_row_is_what_a_reload_reads(recruiter, make_candidate):
    """create_outreach builds its row from the INSERT's RETURNING: every column as stored
    (times aware UTC), nothing left pending for a later flush."""
    candidate = make_candidate(recruiter)
    sent = NOW - timedelta(hours=5)
    values = {
        "candidate_id": candidate.id,
        "channel": "email",
        "sent_at": sent,
        "responded_at": sent + timedelta(hours=2),
        "note": "  asked about Thursday  ",
    }
    row = outreach.create_outreach(recruiter, values, NOW)
    assert row in db.session and not db.session.dirty and not db.session.new
    made = {column.key: getattr(row, column.key) for column in Outreach.__table__.c}
    db.session.commit()
    db.session.expire_all()
    stored = db.session.get(Outreach, row.id)
    assert made == {column.key: getattr(stored, column.key) for column in Outreach.__table__.c}
    assert made["note"] == "asked about Thursday" and made["responded_at"].tzinfo is UTC
    assert made["created_at"] == NOW and made["team_id"] == recruiter.team_id
