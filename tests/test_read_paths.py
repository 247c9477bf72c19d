"""Read paths whose cost does not grow with the network: each page issues the same number of
statements for a small and a ten-times larger network (or page), and stored outcomes agree
with the scoring module's own classification."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
from sqlalchemy import event

from recruiter import scoring
from recruiter.extensions import db
from recruiter.models import (
    Candidate,
    Interview,
    InterviewEvent,
    Outreach,
    Recommendation,
    Recruiter,
)
from recruiter.services import reliability
from recruiter.services.interviews import EventData
from tests.conftest import NOW


@contextmanager
def counted() -> Iterator[list[str]]:
    """The SQL statements run inside the block."""
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def grow(owner: Recruiter, n: int, start: int = 0) -> list[Candidate]:
    """``n`` more candidates with a scored history (an attended interview, a silent no-show,
    an answered and an unanswered outreach, a recommendation), inserted directly."""
    rows = []
    for i in range(start, start + n):
        at = NOW - timedelta(days=5 + 30 * (i % 12))  # every month of the charts
        candidate = Candidate(
            team_id=owner.team_id,
            full_name=f"Network {i:05d}",
            search_key=f"network {i:05d}",
            score=float(i % 101),
            confidence="low",
            created_at=NOW,
            updated_at=NOW,
        )
        candidate.recommendations.append(
            Recommendation(team_id=owner.team_id, recommender_name=f"Ref {i}", created_at=NOW)
        )
        db.session.add(candidate)
        db.session.flush()
        for kind, outcome in (("attended", "attended"), ("no_show", "silent_no_show")):
            interview = Interview(
                team_id=owner.team_id,
                candidate_id=candidate.id,
                original_scheduled_at=at,
                scheduled_at=at,
                status=kind,
                outcome=outcome,
            )
            interview.events.append(
                InterviewEvent(team_id=owner.team_id, type=kind, at=at + timedelta(hours=1))
            )
            db.session.add(interview)
        for answered in (True, False):
            db.session.add(
                Outreach(
                    team_id=owner.team_id,
                    candidate_id=candidate.id,
                    channel="call",
                    direction="outbound",
                    sent_at=at - timedelta(days=1),
                    responded_at=at - timedelta(hours=20) if answered else None,
                )
            )
        rows.append(candidate)
    db.session.commit()
    return rows


def _statements(client, url: str) -> int:  # type: ignore[no-untyped-def]
    client.get(url)  # the first request also loads the logged-in user
    with counted() as statements:
        response = client.get(url)
    assert response.status_code == 200, response.data
    return len(statements)


def test_dashboard_statements_do_not_grow_with_the_network(auth_client, recruiter):
    grow(recruiter, 12)
    small = _statements(auth_client, "/")
    grow(recruiter, 108, start=12)
    assert _statements(auth_client, "/") == small


def test_candidate_page_statements_do_not_grow_with_the_network(
    auth_client, recruiter, make_interview, make_outreach
):
    [candidate] = grow(recruiter, 1)
    start = NOW - timedelta(days=2)
    make_interview(
        recruiter,
        candidate,
        scheduled_at=start,
        now=start - timedelta(days=1),
        events=(("confirmed", start - timedelta(hours=3)), ("no_show", start + timedelta(hours=1))),
    )
    make_outreach(recruiter, candidate, sent_at=start + timedelta(hours=3))
    url = f"/candidates/{candidate.id}"
    grow(recruiter, 5, start=1)
    small = _statements(auth_client, url)
    grow(recruiter, 45, start=6)
    assert _statements(auth_client, url) == small


@pytest.mark.parametrize("url", ["/candidates/?sort=-score", "/candidates/"])
def test_candidate_list_statements_do_not_grow_with_the_page(auth_client, recruiter, url):
    grow(recruiter, 60)
    sep = "&" if "?" in url else "?"
    small = _statements(auth_client, f"{url}{sep}per_page=5")
    assert _statements(auth_client, f"{url}{sep}per_page=50") == small


def test_api_candidate_list_statements_do_not_grow_with_the_page(api, recruiter):
    grow(recruiter, 60)

    def statements(per_page: int) -> int:
        with counted() as seen:
            response = api.get(f"/api/v1/candidates?sort=-score&per_page={per_page}")
        assert response.status_code == 200, response.json
        assert len(response.json["items"]) == per_page
        assert response.json["items"][0]["recommendations"]
        return len(seen)

    statements(5)  # the first request also records the token's use
    assert statements(50) == statements(5)


def test_reminder_sweep_with_nothing_due_reads_no_history(recruiter, monkeypatch):
    """Old open reminders (a recruiter who never clicks them) are not read every minute: only
    candidates whose stored review moment has come are, and none has here."""
    from recruiter.models import Reminder
    from recruiter.services import reminders
    from recruiter.services.reminders import sweeping

    for i, candidate in enumerate(grow(recruiter, 20)):
        db.session.add(
            Reminder(
                team_id=recruiter.team_id,
                candidate_id=candidate.id,
                kind="follow_up_unanswered",
                key=f"old:{i}",
                due_at=NOW - timedelta(days=200),
                created_at=NOW - timedelta(days=200),
                status="due",
            )
        )
    db.session.commit()
    later = NOW + timedelta(days=400)  # nothing recent: no window holds anyone
    read: list[set[int]] = []
    load = sweeping.load_histories
    monkeypatch.setattr(
        sweeping, "load_histories", lambda owner, ids: read.append(set(ids)) or load(owner, ids)
    )
    summary = reminders.sweep(later)
    assert read == []  # not even an empty load: one indexed query found nobody due
    assert (summary.created, summary.closed) == (0, 0)


def test_jobs_idle_run_statements_do_not_grow_with_the_network(app, recruiter):
    from recruiter import jobs

    only = {"ghost_sweep", "photo_check", "reminder_sweep"}
    later = NOW + timedelta(days=400)
    grow(recruiter, 5)

    def statements() -> int:
        with counted() as seen:
            results = jobs.run_all(later, only=only)
        assert all(r.ok for r in results), results
        return len(seen)

    statements()  # the first run may judge what was due
    small = statements()
    grow(recruiter, 45, start=5)
    statements()
    assert statements() == small


CASES = {
    "attended": (("confirmed", -30), ("attended", 1)),
    "silent no-show": (("confirmed", -30), ("no_show", 1)),
    "explained soon": (("no_show", 1), ("explained", 5)),
    "explained late": (("no_show", 1), ("explained", 40)),
    "cancelled with notice": (EventData("cancelled", None, by="candidate"), 48),
    "cancelled short": (EventData("cancelled", None, by="candidate"), 2),
    "client cancelled": (EventData("cancelled", None, by="client"), 48),
    "no events": (),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_interview_outcome_stored_is_the_scores_classification(recruiter, make_interview, case):
    start = NOW - timedelta(days=3)
    spec = CASES[case]
    if spec and isinstance(spec[0], EventData):
        events = (EventData("cancelled", start - timedelta(hours=spec[1]), by=spec[0].by),)
    else:
        events = tuple(EventData(t, start + timedelta(hours=h)) for t, h in spec)
    row = make_interview(
        recruiter, scheduled_at=start, now=start - timedelta(days=3), events=events
    )
    db.session.expire_all()
    row = db.session.get(Interview, row.id)
    expected = scoring.classify_interview(reliability.to_interview_in(row), NOW)
    assert row.outcome == expected
    assert (expected is None) == (case in ("cancelled short", "client cancelled", "no events"))
