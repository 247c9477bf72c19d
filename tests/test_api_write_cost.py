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
from recruiter.models import ApiToken, AuditEntry, Candidate, Outreach
from tests.conftest import NOW

# Auth (the token with its account, the client's throttle riding along as a column; the token's
# last use once a minute), the candidate, the write with its audit row, and the settling of the
# candidate: its history loaded once (interviews with events and clients; outreach), the stored
# score (written only when it moved: not here, an outreach still awaiting its reply), its open
# reminders, and dropping the dashboard's cached months that held what moved (one DELETE). No
# ghost suggestions are read for a candidate with no interview under ghost review.
MAX_OUTREACH_STATEMENTS = 9
# The interview with its event log in one statement (not the candidate: the history's
# interviews bring it along), its new status and event, the settling as above, and closing the
# reminder to confirm that opened when the interview was booked two days ahead (the
# confirmation ends it).
MAX_EVENT_STATEMENTS = 11


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


def _candidate_updates(counted: Counted) -> list[str]:
    return [s for s in counted.statements if s.lstrip().upper().startswith("UPDATE CANDIDATE")]


def test_api_write_writes_the_candidate_only_when_its_score_moves(
    app, api, recruiter, make_candidate, clock
):
    candidate_id = make_candidate(recruiter).id
    assert api.post("/api/v1/outreach", json=_outreach_body(candidate_id)).status_code == 201

    def stored():  # type: ignore[no-untyped-def]
        db.session.remove()
        found = db.session.get(Candidate, candidate_id)
        return found.score, found.reliability, found.score_computed_at

    before = stored()
    clock.advance(minutes=5)
    with counting() as counted:  # another call awaiting its reply: the same score
        assert api.post("/api/v1/outreach", json=_outreach_body(candidate_id)).status_code == 201
    assert _candidate_updates(counted) == []
    assert stored() == before
    clock.advance(minutes=5)
    answered = {**_outreach_body(candidate_id), "responded_at": "2026-03-10T11:30:00Z"}
    with counting() as counted:  # a reply within the half hour: the score moves
        assert api.post("/api/v1/outreach", json=answered).status_code == 201
    assert len(_candidate_updates(counted)) == 1
    _, reliability, computed_at = stored()
    assert reliability != before[1]
    assert computed_at == NOW + timedelta(minutes=10)


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


def test_api_write_on_a_recent_no_show_reads_no_signals_or_owners(
    app, api, recruiter, make_interview, clock
):
    """A no-show not (yet) ghosted is reviewed on the write, but only a ghosted interview or a
    withdrawal needs the candidate's signals and the recruiter its suggestion speaks for."""
    start = NOW - timedelta(days=1)
    interview = make_interview(
        recruiter,
        now=NOW - timedelta(days=3),
        scheduled_at=start,
        events=(("no_show", start + timedelta(minutes=30)),),
    )
    assert interview.status == "no_show" and interview.ghost_state != "ghosted"
    body = _outreach_body(interview.candidate_id)
    db.session.remove()
    with counting() as counted:
        response = api.post("/api/v1/outreach", json=body)
    assert response.status_code == 201, response.json
    assert counted.commits == 1
    # + the open ghost suggestions of a candidate with a no-show under review, + the score: the
    # follow-up after a no-show moves it
    assert len(_candidate_updates(counted)) == 1
    assert len(counted.statements) <= MAX_OUTREACH_STATEMENTS + 2, "\n\n".join(counted.statements)
    assert not any("candidate_signal" in s for s in counted.statements)
