"""Opening many suggestions in a few statements (``suggestions.open_many``), and the set-based
ghost review that uses it."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event, func, select, update

from recruiter.extensions import db
from recruiter.models import AuditEntry, Suggestion
from recruiter.services import consequences, suggestions
from recruiter.services.ghost_rule import DEFAULT_SETTINGS
from tests.ghost_story import day, ghost_story

NOW = day(8)


def _opening(recruiter, candidate, n: int, kind: str = "remove_connection") -> suggestions.Opening:  # type: ignore[no-untyped-def]
    return suggestions.Opening(
        team_id=recruiter.team_id,
        kind=kind,
        key=f"{kind}:test:{n}",
        candidate_id=candidate.id,
        interview_id=None,
        reasons=[f"Reason {n}."],
        evidence={"n": n},
    )


def _rows() -> list[tuple[Any, ...]]:
    return [
        tuple(r)
        for r in db.session.execute(
            select(
                Suggestion.key,
                Suggestion.team_id,
                Suggestion.candidate_id,
                Suggestion.interview_id,
                Suggestion.kind,
                Suggestion.status,
                Suggestion.reasons,
                Suggestion.evidence,
                Suggestion.created_at,
                Suggestion.resolved_at,
            ).order_by(Suggestion.key)
        )
    ]


def _opened_audit() -> list[tuple[Any, ...]]:
    """The "opened" entries, by the key of the suggestion they name."""
    return [
        tuple(r)
        for r in db.session.execute(
            select(
                Suggestion.key,
                AuditEntry.team_id,
                AuditEntry.actor_id,
                AuditEntry.at,
                AuditEntry.changes,
                AuditEntry.reason,
            )
            .join(Suggestion, Suggestion.id == AuditEntry.entity_id)
            .where(AuditEntry.entity == "suggestion", AuditEntry.action == "opened")
            .order_by(Suggestion.key, AuditEntry.id)
        )
    ]


@pytest.fixture
def people(recruiter, make_candidate):  # type: ignore[no-untyped-def]
    made = [make_candidate(recruiter, full_name=f"Person {i}") for i in range(3)]
    db.session.commit()
    return made


def test_open_many_opens_new_keys_once_and_leaves_taken_ones_alone(recruiter, people, monkeypatch):
    monkeypatch.setattr(suggestions, "OPEN_CHUNK", 2)  # several chunks
    taken = [_opening(recruiter, people[0], n) for n in range(3)]
    assert len(suggestions.open_many(taken, day(1))) == 3
    for row, status in zip(taken[1:], ("dismissed", "accepted"), strict=True):
        db.session.execute(
            update(Suggestion)
            .where(Suggestion.key == row.key)
            .values(status=status, resolved_at=day(2))
        )
    db.session.commit()
    before, audit_before = _rows(), _opened_audit()

    new = [_opening(recruiter, people[i % 3], n) for i, n in enumerate(range(10, 15))]
    again = _opening(recruiter, people[2], 10)._replace(reasons=["Second, ignored."])
    opened = suggestions.open_many([*taken, new[0], again, *new[1:]], NOW)
    db.session.commit()

    assert set(opened) == {row.key for row in new}
    ids = dict(db.session.execute(select(Suggestion.key, Suggestion.id)).all())
    assert opened == {row.key: ids[row.key] for row in new}
    rows = _rows()
    assert [r for r in rows if r[0] not in opened] == before  # open, dismissed, accepted: as were
    first = {r[0]: r for r in rows}[new[0].key]
    assert first[6] == ["Reason 10."]  # a key given twice is opened once, as first given
    audit = _opened_audit()
    assert [a for a in audit if a[0] not in opened] == audit_before
    assert [a for a in audit if a[0] in opened] == [
        (row.key, recruiter.team_id, None, NOW, {"status": [None, "open"]}, None)
        for row in sorted(new, key=lambda r: r.key)
    ]

    assert suggestions.open_many([*taken, *new], day(9)) == {}
    assert _rows() == rows and _opened_audit() == audit
    assert suggestions.open_many([], day(9)) == {}


def test_open_many_equals_open_once_per_row(recruiter, make_recruiter, make_candidate, people):
    other = make_recruiter(email="other@example.com")
    theirs = make_candidate(other, full_name="Their Person")
    db.session.commit()
    suggestions.open_many([_opening(recruiter, people[0], 1)], day(1))
    db.session.commit()
    batch = [
        _opening(recruiter, people[0], 1),
        _opening(recruiter, people[1], 2, "do_not_reconnect"),
        _opening(other, theirs, 3),
        _opening(recruiter, people[2], 4, "possible_fake_profile"),
    ]
    batch.append(batch[1]._replace(reasons=["The same key again."]))
    each = [suggestions.open_once(*row, now=NOW) for row in batch]
    each_keys = [None if row is None else row.key for row in each]
    expected = _rows(), _opened_audit()
    db.session.rollback()

    opened = suggestions.open_many(batch, NOW)
    assert (_rows(), _opened_audit()) == expected
    assert sorted(opened) == sorted(key for key in each_keys if key is not None)
    assert [key is None for key in each_keys] == [True, False, False, False, True]


def test_open_many_refuses_an_unknown_kind_and_opens_nothing(recruiter, people):
    rows = [_opening(recruiter, people[0], 1), _opening(recruiter, people[0], 2, "bogus")]
    with pytest.raises(ValueError, match="bogus"):
        suggestions.open_many(rows, NOW)
    assert db.session.scalar(select(func.count()).select_from(Suggestion)) == 0


def test_recompute_opens_many_ghost_suggestions_in_a_bounded_number_of_statements(
    app, recruiter, make_candidate, make_interview, make_outreach
):
    ghosts = 30
    for i in range(ghosts):
        ghost_story(recruiter, make_candidate, make_interview, make_outreach, name=f"Ghost {i}")
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(Suggestion)) == 0
    statements: list[str] = []

    def count(conn, cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
        statements.append(" ".join(statement.split()).upper())

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        done = consequences.recompute(NOW, DEFAULT_SETTINGS)
        db.session.commit()
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert done.ghosts.opened["remove_connection"] == ghosts
    assert db.session.scalar(select(func.count()).select_from(Suggestion)) == ghosts
    assert len(_opened_audit()) == ghosts
    inserts = [s for s in statements if s.startswith("INSERT INTO SUGGESTION")]
    audits = [s for s in statements if s.startswith("INSERT INTO AUDIT_ENTRY")]
    reads = [s for s in statements if "FROM SUGGESTION WHERE SUGGESTION.ID =" in s]
    assert (len(inserts), len(audits), reads) == (1, 1, [])
    assert len(statements) < ghosts, statements  # not a round trip (or three) per suggestion
