"""What one API write costs the database: a bounded number of statements and exactly one
commit, and a token whose ``last_used_at`` is written at most once a minute. Counted with
SQLAlchemy's ``before_cursor_execute`` and ``commit`` events: deterministic, not timed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import event

from recruiter.extensions import db
from recruiter.models import ApiToken, AuditEntry, Outreach
from tests.conftest import NOW

# Auth (throttle check, token with its account, the token's last use once a minute), the
# write with its audit row, and the settling of the candidate: its row, its history loaded once
# (interviews with events, outreach), the stored score, open ghost suggestions and reminders,
# and dropping the dashboard's cached months that held what moved (one DELETE).
MAX_OUTREACH_STATEMENTS = 13
# + the interview and its event log, its new status, and closing the reminder to confirm that
# opened when the interview was booked two days ahead (the confirmation ends it).
MAX_EVENT_STATEMENTS = 16


@dataclass
class Counted:
    statements: list[str] = field(default_factory=list)
    commits: int = 0


@contextmanager
def counting() -> Iterator[Counted]:
    counted = Counted()
    engine = db.engine

    def on_execute(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        counted.statements.append(statement)

    def on_commit(conn) -> None:  # type: ignore[no-untyped-def]
        counted.commits += 1

    event.listen(engine, "before_cursor_execute", on_execute)
    event.listen(engine, "commit", on_commit)
    try:
        yield counted
    finally:
        event.remove(engine, "before_cursor_execute", on_execute)
        event.remove(engine, "commit", on_commit)


def _outreach_body(candidate_id: int) -> dict:
    return {"candidate_id": candidate_id, "channel": "call", "sent_at": "2026-03-10T11:00:00Z"}


def test_api_write_outreach_costs_few_statements_and_one_commit(
    app, api, recruiter, make_candidate, clock
):
    candidate_id = make_candidate(recruiter).id
    assert api.post("/api/v1/outreach", json=_outreach_body(candidate_id)).status_code == 201
    db.session.remove()
    clock.advance(minutes=5)  # the token's last_used_at is due again: the worst case
    with counting() as counted:
        response = api.post("/api/v1/outreach", json=_outreach_body(candidate_id))
    assert response.status_code == 201, response.json
    assert counted.commits == 1
    assert len(counted.statements) <= MAX_OUTREACH_STATEMENTS, "\n\n".join(counted.statements)


def test_api_write_event_costs_few_statements_and_one_commit(
    app, api, recruiter, make_interview, clock
):
    interview = make_interview(recruiter)
    url = f"/api/v1/interviews/{interview.id}/events"
    db.session.remove()
    clock.advance(minutes=5)
    with counting() as counted:
        response = api.post(url, json={"type": "confirmed", "at": "2026-03-10T12:01:00Z"})
    assert response.status_code == 201, response.json
    assert response.json["status"] == "confirmed"
    assert counted.commits == 1
    assert len(counted.statements) <= MAX_EVENT_STATEMENTS, "\n\n".join(counted.statements)


def test_api_write_refused_commits_nothing(app, api, recruiter, make_candidate, clock):
    body = {**_outreach_body(make_candidate(recruiter).id), "channel": "x"}
    db.session.remove()
    with counting() as counted:
        response = api.post("/api/v1/outreach", json=body)
    assert response.status_code == 422
    assert counted.commits == 0
    assert db.session.scalar(db.select(db.func.count(Outreach.id))) == 0


def test_api_token_last_used_at_written_at_most_once_a_minute(
    app, api, recruiter, make_candidate, clock
):
    body = _outreach_body(make_candidate(recruiter).id)

    def last_used():  # type: ignore[no-untyped-def]
        db.session.remove()
        return db.session.scalar(db.select(ApiToken.last_used_at))

    assert api.get("/api/v1/candidates").status_code == 200
    assert last_used() == NOW  # first use is recorded
    clock.advance(seconds=30)
    with counting() as counted:
        assert api.get("/api/v1/candidates").status_code == 200
    assert counted.commits == 0  # a read within the minute writes nothing
    assert not any(s.lstrip().upper().startswith("UPDATE") for s in counted.statements)
    assert api.post("/api/v1/outreach", json=body).status_code == 201
    assert last_used() == NOW  # nor does a write within the minute touch the token
    clock.advance(seconds=31)
    assert api.post("/api/v1/outreach", json=body).status_code == 201
    assert last_used() == NOW + timedelta(seconds=61)  # a minute on: recorded with the write


def test_api_write_keeps_its_audit_row(app, api, recruiter, make_candidate, clock):
    recruiter_id = recruiter.id
    response = api.post("/api/v1/outreach", json=_outreach_body(make_candidate(recruiter).id))
    assert response.status_code == 201
    db.session.remove()
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.entity == "outreach"))
    assert entry is not None and entry.entity_id == response.json["id"]
    assert entry.action == "created" and entry.actor_id == recruiter_id
