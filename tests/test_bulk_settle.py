"""Settling many candidates at once (an import) gives what settling each gives."""

from __future__ import annotations

import gc
import random
from datetime import timedelta
from typing import Any

from sqlalchemy import event, select

from recruiter.extensions import db
from recruiter.models import Candidate, Interview, Reminder
from recruiter.services import consequences, imports, unit
from recruiter.services.collecting import paused_collector
from recruiter.services.ghost_rule import DEFAULT_SETTINGS
from tests.ghost_story import day
from tests.linkedin_export import MORGAN, connections_csv, export_zip, message, messages_csv
from tests.test_demo_network import _mixed, _snapshot


def _everything() -> dict[str, Any]:
    """The scores, verdicts and suggestions (as the recompute test compares them), with the
    interviews' outcomes, the review moments and the reminders."""
    snapshot = _snapshot()
    snapshot["outcomes"] = list(
        db.session.execute(select(Interview.id, Interview.outcome).order_by(Interview.id))
    )
    snapshot["review_at"] = list(
        db.session.execute(
            select(Candidate.id, Candidate.reminder_review_at).order_by(Candidate.id)
        )
    )
    snapshot["reminders"] = list(
        db.session.execute(
            select(
                Reminder.key,
                Reminder.assignee_id,
                Reminder.status,
                Reminder.due_at,
                Reminder.message,
                Reminder.resolved_at,
            ).order_by(Reminder.key)
        )
    )
    return snapshot


def _settle_all(now, many: int, monkeypatch) -> consequences.Settled:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(consequences, "MANY", many)
    for candidate_id in db.session.scalars(select(Candidate.id)):
        unit.touch(candidate_id, now)
    return consequences.settle(now, DEFAULT_SETTINGS)


def test_settle_many_equals_settling_each_candidate(
    app, recruiter, make_candidate, make_interview, make_outreach, monkeypatch
):
    _mixed(recruiter, make_candidate, make_interview, make_outreach)
    reminders = verdicts = 0
    for later in (day(1, 1), day(12), day(400)):
        each = _settle_all(later, 10**9, monkeypatch)
        expected = _everything()
        db.session.rollback()
        many = _settle_all(later, 1, monkeypatch)
        got = _everything()
        db.session.rollback()
        assert got == expected
        assert many == each
        assert many.candidates == len(expected["candidates"])
        reminders += len(expected["reminders"])
        verdicts += sum(state != "no" for _, state, _, _ in expected["verdicts"])
    assert reminders and verdicts  # the comparison saw both


def test_settle_many_writes_in_batches_not_a_flush_per_candidate(
    app, recruiter, make_candidate, make_interview, make_outreach, monkeypatch
):
    for i in range(40):
        candidate = make_candidate(recruiter, full_name=f"Plain {i}", now=day(-5))
        make_outreach(recruiter, candidate, now=day(-4), sent_at=day(-4), channel="email")
    db.session.commit()
    statements: list[str] = []

    def count(conn, cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        done = _settle_all(day(5), 1, monkeypatch)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert done.candidates == 40
    updates = [s for s in statements if s.lstrip().upper().startswith("UPDATE CANDIDATE")]
    assert 1 <= len(updates) <= 3, updates
    assert len(statements) < 40, statements


def _export(people: int, rnd: random.Random) -> bytes:
    rows = [
        [f"First{i}", f"Last{i}", f"https://www.linkedin.com/in/bulk-{i}", "", "Co", "Dev"]
        for i in range(people)
    ]
    lines = []
    for n in range(people * 3):
        i = rnd.randrange(people)
        other = (f"First{i} Last{i}", f"https://www.linkedin.com/in/bulk-{i}")
        when = day(-60) + timedelta(hours=rnd.randrange(24 * 55))
        pair = (MORGAN, other) if n % 3 else (other, MORGAN)
        lines.append(message(f"c-{i}", *pair, when.strftime("%Y-%m-%d %H:%M:%S UTC"), "Hi"))
    return export_zip(
        connections=connections_csv(rows, ["07 Dec 2023"] * people),
        messages=messages_csv(lines),
    )


def test_import_settled_many_at_once_is_what_settling_each_gives(app, recruiter, monkeypatch):
    people = 30
    data = _export(people, random.Random(5))
    monkeypatch.setattr(consequences, "MANY", 1)
    result = imports.run_import(recruiter, data, day(0), filename="export.zip")
    created = result.candidates.created  # the connections and the invitations' people
    assert result.accepted and created > people
    done = consequences.settle(day(0), DEFAULT_SETTINGS)
    db.session.commit()
    assert done.candidates == created and done.reminders_opened > 0
    imported = _everything()
    again = _settle_all(day(0), 10**9, monkeypatch)
    assert again.candidates == created
    assert _everything() == imported


def test_paused_collector_pauses_for_the_step_and_resumes_after_it_even_on_error():
    assert gc.isenabled()
    with paused_collector():
        assert not gc.isenabled()
    assert gc.isenabled()
    try:
        with paused_collector():
            raise ValueError("a row the import refused")
    except ValueError:
        pass
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_collector():
            pass
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()
