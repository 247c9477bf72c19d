"""Bulk actions: several reminders or suggestions in one request, all or none, each audited."""

from __future__ import annotations

import pytest

from recruiter.extensions import db
from recruiter.models import AuditEntry, Candidate, Reminder, Suggestion
from recruiter.services import reminders, suggestions
from tests.conftest import NOW


@pytest.fixture
def make_reminder(app):  # type: ignore[no-untyped-def]
    def make(owner, candidate, key, status="due"):  # type: ignore[no-untyped-def]
        row = Reminder(
            team_id=owner.team_id,
            assignee_id=owner.id,
            candidate_id=candidate.id,
            kind="follow_up_unanswered",
            key=key,
            due_at=NOW,
            status=status,
            message=f"Chase {candidate.full_name} ({key})",
        )
        db.session.add(row)
        db.session.commit()
        return row

    return make


@pytest.fixture
def make_suggestion(app):  # type: ignore[no-untyped-def]
    def make(owner, candidate, key):  # type: ignore[no-untyped-def]
        row = Suggestion(
            team_id=owner.team_id,
            candidate_id=candidate.id,
            kind="do_not_reconnect",
            key=key,
            reasons=["They ghosted before."],
            evidence={},
        )
        db.session.add(row)
        db.session.commit()
        return row

    return make


def _audited(entity: str, action: str) -> int:
    query = db.select(db.func.count(AuditEntry.id)).where(
        AuditEntry.entity == entity, AuditEntry.action == action
    )
    return db.session.scalar(query)


def test_bulk_reminders_done_in_one_request(auth_client, recruiter, make_candidate, make_reminder):
    ada, bob = make_candidate(recruiter), make_candidate(recruiter, full_name="Bob Moss")
    rows = [make_reminder(recruiter, ada, "a"), make_reminder(recruiter, bob, "b")]
    page = auth_client.get("/").get_data(as_text=True)
    assert 'form="bulk-reminders"' in page and 'id="bulk-reminders"' in page
    answer = auth_client.post(
        "/reminders/bulk",
        data={"ids": [r.id for r in rows], "action": "done"},
        follow_redirects=True,
    )
    assert b"2 reminders marked done." in answer.data
    assert {r.status for r in db.session.scalars(db.select(Reminder))} == {"done"}
    assert _audited("reminder", "done") == 2


def test_bulk_reminders_snooze_goes_to_tomorrow(recruiter, make_candidate, make_reminder):
    ada = make_candidate(recruiter)
    rows = [make_reminder(recruiter, ada, "a"), make_reminder(recruiter, ada, "b")]
    done = reminders.apply_many(recruiter, [r.id for r in rows], "snooze", NOW)
    assert all(r.status == "snoozed" and r.snoozed_until > NOW for r in done)


def test_bulk_reminders_all_or_nothing(auth_client, recruiter, make_candidate, make_reminder):
    ada = make_candidate(recruiter)
    open_row = make_reminder(recruiter, ada, "a")
    closed = make_reminder(recruiter, ada, "b", status="dismissed")
    answer = auth_client.post(
        "/reminders/bulk",
        data={"ids": [open_row.id, closed.id], "action": "done"},
        follow_redirects=True,
    )
    text = answer.get_data(as_text=True)
    assert "Nothing changed: Reminder" in text and f"{closed.id}" in text
    assert "already dismissed" in text
    db.session.refresh(open_row)
    assert open_row.status == "due"


def test_bulk_reminders_refuse_a_bad_action_and_no_ids(recruiter, make_candidate, make_reminder):
    from recruiter.services import ServiceError

    row = make_reminder(recruiter, make_candidate(recruiter), "a")
    with pytest.raises(ServiceError, match="Choose one of done, snooze, dismiss"):
        reminders.apply_many(recruiter, [row.id], "explode", NOW)
    with pytest.raises(ServiceError) as caught:
        reminders.apply_many(recruiter, [], "done", NOW)
    assert caught.value.fields == {"ids": ["Choose at least one."]}


def test_bulk_another_recruiters_id_is_404_and_changes_nothing(
    auth_client, recruiter, make_recruiter, make_candidate, make_reminder, make_suggestion
):
    other = make_recruiter(email="rival@example.com")
    mine = make_reminder(recruiter, make_candidate(recruiter), "mine")
    theirs = make_reminder(other, make_candidate(other), "theirs")
    answer = auth_client.post(
        "/reminders/bulk", data={"ids": [mine.id, theirs.id], "action": "dismiss"}
    )
    assert answer.status_code == 404
    db.session.refresh(mine)
    assert mine.status == "due"
    their_suggestion = make_suggestion(other, make_candidate(other), "s")
    answer = auth_client.post(
        "/suggestions/bulk", data={"ids": [their_suggestion.id], "action": "accept"}
    )
    assert answer.status_code == 404


def test_bulk_suggestions_accept_several(auth_client, recruiter, make_candidate, make_suggestion):
    people = [make_candidate(recruiter, full_name=n) for n in ("Ada One", "Bea Two")]
    rows = [make_suggestion(recruiter, p, f"k{p.id}") for p in people]
    page = auth_client.get("/suggestions/").get_data(as_text=True)
    assert 'id="bulk-suggestions"' in page and page.count('form="bulk-suggestions"') == 2
    answer = auth_client.post(
        "/suggestions/bulk",
        data={"ids": [r.id for r in rows], "action": "accept", "reason": "Ghosted us twice"},
        follow_redirects=True,
    )
    assert b"2 suggestions accepted." in answer.data
    statuses = db.session.scalars(db.select(Suggestion.status)).all()
    assert statuses == ["accepted", "accepted"]
    reasons = set(db.session.scalars(db.select(Suggestion.resolution_reason)))
    assert reasons == {"Ghosted us twice"}
    assert _audited("suggestion", "accepted") == 2
    connection = set(db.session.scalars(db.select(Candidate.connection_status)))
    assert connection == {"removed"}


def test_bulk_suggestions_dismiss_needs_the_one_reason(
    auth_client, recruiter, make_candidate, make_suggestion
):
    rows = [make_suggestion(recruiter, make_candidate(recruiter), f"k{i}") for i in range(2)]
    ids = [r.id for r in rows]
    answer = auth_client.post(
        "/suggestions/bulk", data={"ids": ids, "action": "dismiss"}, follow_redirects=True
    )
    assert b"Nothing changed: Say why you dismiss it" in answer.data
    assert set(db.session.scalars(db.select(Suggestion.status))) == {"open"}
    done = suggestions.decide_many(recruiter, ids, "dismiss", "Known to us, fine", NOW)
    assert [r.status for r in done] == ["dismissed", "dismissed"]


def test_bulk_suggestions_all_or_nothing_names_the_refused_one(
    recruiter, make_candidate, make_suggestion
):
    from recruiter.services import ServiceError

    first, second = (make_suggestion(recruiter, make_candidate(recruiter), k) for k in "ab")
    suggestions.dismiss(recruiter, second, "no", NOW)
    db.session.commit()
    with pytest.raises(ServiceError, match=f"Suggestion {second.id} "):
        suggestions.decide_many(recruiter, [first.id, second.id], "accept", None, NOW)
    db.session.rollback()
    db.session.refresh(first)
    assert first.status == "open"


def test_bulk_connection_status_sets_several_each_audited(auth_client, recruiter, make_candidate):
    people = [make_candidate(recruiter, full_name=n) for n in ("Ada One", "Bea Two", "Cy Three")]
    page = auth_client.get("/candidates/").get_data(as_text=True)
    assert 'id="bulk-candidates"' in page and page.count('form="bulk-candidates"') == 3
    answer = auth_client.post(
        "/candidates/bulk",
        data={"ids": [people[0].id, people[2].id], "connection_status": "connected"},
        follow_redirects=True,
    )
    assert "2 candidates set to “Connected”." in answer.get_data(as_text=True)
    rows = db.session.scalars(db.select(Candidate).order_by(Candidate.id)).all()
    assert [c.connection_status for c in rows] == ["connected", "none", "connected"]
    assert rows[0].connected_on is not None  # the same rule as the single edit
    entries = db.session.scalars(
        db.select(AuditEntry).where(
            AuditEntry.entity == "candidate", AuditEntry.action == "updated"
        )
    ).all()
    assert sorted(e.entity_id for e in entries) == [people[0].id, people[2].id]
    assert all(e.changes["connection_status"] == ["none", "connected"] for e in entries)


def test_bulk_connection_status_goes_through_the_consequences(
    auth_client, recruiter, make_candidate, make_outreach
):
    ada = make_candidate(recruiter)
    sent = make_outreach(recruiter, ada, sent_at=NOW)
    chase = Reminder(
        team_id=recruiter.team_id,
        assignee_id=recruiter.id,
        candidate_id=ada.id,
        outreach_id=sent.id,
        kind="follow_up_unanswered",
        key=f"outreach:{sent.id}:1",
        due_at=NOW,
        status="due",
        message="Chase Ada",
    )
    db.session.add(chase)
    db.session.commit()
    auth_client.post("/candidates/bulk", data={"ids": [ada.id], "connection_status": "removed"})
    db.session.refresh(chase)
    assert chase.status == "closed"  # a removed connection is no longer chased


def test_bulk_connection_status_another_recruiters_id_is_404(
    auth_client, recruiter, make_recruiter, make_candidate
):
    other = make_recruiter(email="rival@example.com")
    mine, theirs = make_candidate(recruiter), make_candidate(other, full_name="Their Person")
    answer = auth_client.post(
        "/candidates/bulk", data={"ids": [mine.id, theirs.id], "connection_status": "removed"}
    )
    assert answer.status_code == 404
    assert set(db.session.scalars(db.select(Candidate.connection_status))) == {"none"}
    assert _audited("candidate", "updated") == 0


def test_bulk_connection_status_refuses_a_bad_status_and_no_ids(
    auth_client, recruiter, make_candidate
):
    ada = make_candidate(recruiter)
    answer = auth_client.post(
        "/candidates/bulk",
        data={"ids": [ada.id], "connection_status": "best_friends"},
        follow_redirects=True,
    )
    assert "Nothing changed: Must be one of: none, pending_incoming" in answer.get_data(
        as_text=True
    )
    answer = auth_client.post(
        "/candidates/bulk", data={"connection_status": "connected"}, follow_redirects=True
    )
    assert "Nothing changed: Choose at least one." in answer.get_data(as_text=True)
    db.session.refresh(ada)
    assert ada.connection_status == "none" and _audited("candidate", "updated") == 0
