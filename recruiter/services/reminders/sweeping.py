"""Making every reminder whose moment has passed, once, and closing those that no longer
apply: :func:`settle` after each unit of work, :func:`sweep` by the clock for the candidates
whose stored review moment has come. See the package docstring."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import selectinload

from recruiter.extensions import db
from recruiter.models import Candidate, Interview, Outreach, Recruiter, Reminder
from recruiter.services import accounts
from recruiter.services.reminder_rules import (
    BEFORE_START,
    DEFAULT_SETTINGS,
    Cause,
    History,
    ReminderSettings,
    causes,
    current,
    interview_holds,
    interview_key,
    message,
    next_working_time,
    outreach_holds,
)
from recruiter.services.reminders.queries import OPEN
from recruiter.services.scoping import owned, owned_statement, scope_values

MAX_INTERVIEW = timedelta(hours=24)  # services.interviews.MAX_DURATION_MINUTES
INSERT_CHUNK = 500


@dataclass(frozen=True)
class SweepSummary:
    created: int
    closed: int
    recruiters: int
    reviewed: int = 0  # candidates whose review moment had come

    def __str__(self) -> str:
        return f"{self.created} created, {self.closed} closed ({self.recruiters} recruiters)"


def load_histories(owner: Recruiter | int, candidate_ids: Iterable[int]) -> dict[int, History]:
    ids = sorted(set(candidate_ids))
    if not ids:
        return {}
    found = {
        c.id: History(c)
        for c in db.session.scalars(owned(Candidate, owner).where(Candidate.id.in_(ids)))
    }
    interviews = db.session.scalars(
        owned(Interview, owner)
        .where(Interview.candidate_id.in_(ids))
        .options(selectinload(Interview.events), selectinload(Interview.client))
        .order_by(Interview.id)
    )
    for interview in interviews:
        found[interview.candidate_id].interviews.append(interview)
    outreach = db.session.scalars(
        owned(Outreach, owner)
        .where(Outreach.candidate_id.in_(ids))
        .order_by(Outreach.sent_at, Outreach.id)
    )
    for row in outreach:
        found[row.candidate_id].outreach.append(row)
    return found


def _insert_ignoring_duplicates(rows: list[dict[str, Any]]) -> int:
    """``INSERT ... ON CONFLICT (key) DO NOTHING``: the unique key, not timing, makes a
    reminder once. Rows go in key order so concurrent sweeps lock keys in the same order."""
    dialect = db.session.get_bind().dialect.name
    if dialect not in ("postgresql", "sqlite"):
        raise RuntimeError(f"reminders need PostgreSQL or SQLite, not {dialect}")
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    rows = sorted(rows, key=lambda r: r["key"])
    created = 0
    for start in range(0, len(rows), INSERT_CHUNK):
        statement = (
            insert(Reminder)
            .values(rows[start : start + INSERT_CHUNK])
            .on_conflict_do_nothing(index_elements=["key"])
            .returning(Reminder.id)
        )
        created += len(db.session.execute(statement).all())
    return created


def _close(ids: list[int], now: datetime) -> int:
    """Close open reminders; one the recruiter just marked done or dismissed stays so."""
    if not ids:
        return 0
    result = db.session.execute(
        update(Reminder)
        .where(Reminder.id.in_(ids), Reminder.status.in_(OPEN))
        .values(status="closed", resolved_at=now)
        .execution_options(synchronize_session="fetch")
    )
    return result.rowcount or 0


def _row(
    cause: Cause, history: History, owner: Recruiter, now: datetime, settings: ReminderSettings
) -> dict[str, Any] | None:
    """The reminder to insert for ``cause``, ``owner`` being the member it is for (their
    time zone and working hours)."""
    tz_name = owner.time_zone or "UTC"
    due_at = next_working_time(cause.moment, tz_name, settings)
    if cause.kind in BEFORE_START:
        start = next(i for i in history.interviews if i.id == cause.interview_id).scheduled_at
        if due_at >= start:
            return None  # would only show once the interview has begun
    return {
        "team_id": owner.team_id,
        "assignee_id": owner.id,
        "candidate_id": cause.candidate_id,
        "interview_id": cause.interview_id,
        "outreach_id": cause.outreach_id,
        "kind": cause.kind,
        "occurrence": cause.occurrence,
        "key": cause.key,
        "due_at": due_at,
        "status": "due",
        "message": message(cause, history, tz_name, settings, owner.clock),
        "created_at": now,
        "email_attempts": 0,
    }


def _existing_keys(owner: Recruiter | int, wanted: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(wanted), INSERT_CHUNK):
        chunk = wanted[start : start + INSERT_CHUNK]
        query = owned(Reminder, owner).with_only_columns(Reminder.key)
        found.update(db.session.scalars(query.where(Reminder.key.in_(chunk))))
    return found


def _open_rows(owner: Recruiter | int, candidate_ids: list[int]) -> list[Reminder]:
    """The open reminders of these candidates: only they can be stale."""
    rows: list[Reminder] = []
    for start in range(0, len(candidate_ids), INSERT_CHUNK):
        chunk = candidate_ids[start : start + INSERT_CHUNK]
        values = {**scope_values(Reminder, owner), "ids": chunk}
        rows += db.session.scalars(_open_rows_query(), values).all()
    return rows


@functools.cache
def _open_rows_query() -> Select[tuple[Reminder]]:
    """Built once: every write's settle runs it."""
    return owned_statement(Reminder).where(
        Reminder.candidate_id.in_(bindparam("ids", expanding=True)), Reminder.status.in_(OPEN)
    )


def in_charge(cause: Cause, history: History) -> int | None:
    """The member a cause's reminder is for: whoever is in charge of its interview, or logged
    its outreach."""
    if cause.interview_id is not None:
        return next(i.recruiter_id for i in history.interviews if i.id == cause.interview_id)
    if cause.outreach_id is not None:
        return next(o.logged_by_id for o in history.outreach if o.id == cause.outreach_id)
    return None


def next_review(history: History, now: datetime, settings: ReminderSettings) -> datetime | None:
    """When time alone can next change this candidate's reminders: the next moment a cause
    comes (a nudge falls due), or the start of an interview whose reminder to confirm then
    closes. None: only a change to the history can."""
    moments = []
    for cause in causes(history, now, settings):
        if cause.moment > now:
            moments.append(cause.moment)
        if cause.kind in BEFORE_START:
            start = next(i.scheduled_at for i in history.interviews if i.id == cause.interview_id)
            moments.append(start)
    return min((m for m in moments if m > now), default=None)


def store_review_moment(history: History, now: datetime, settings: ReminderSettings) -> None:
    """Keep :func:`next_review` on the candidate (written only when it moved)."""
    review = next_review(history, now, settings)
    if history.candidate.reminder_review_at != review:
        history.candidate.reminder_review_at = review


def _members(team_ids: Iterable[int]) -> dict[int, list[Recruiter]]:
    found: dict[int, list[Recruiter]] = {team_id: [] for team_id in team_ids}
    query = select(Recruiter).where(Recruiter.team_id.in_(found)).order_by(Recruiter.id)
    for member in db.session.scalars(query):
        found[member.team_id].append(member)
    return found


def _refresh(
    team_id: int,
    members: Callable[[], list[Recruiter]],
    histories: dict[int, History],
    now: datetime,
    settings: ReminderSettings,
    by_clock: bool,
) -> tuple[int, int]:
    """Make the reminders of these candidates (one team's) whose moment has come, each for the
    member in charge of what it is about (an owner's if that member is gone); close those that
    no longer apply; store when to look again (``candidate.reminder_review_at``). ``members``
    gives the team, read only when a reminder is to be made.

    ``by_clock`` (the sweep): a reminder superseded by a later one of its chain closes too;
    after a write only what the change itself ended closes (its time may be behind the
    clock's). Returns ``(created, closed)``. Flushes, never commits."""
    keep: set[str] = set()
    wanted: list[tuple[Cause, History]] = []
    for history in histories.values():
        for cause in current(history, now, settings):
            keep.add(cause.key)
            if cause.moment >= now - settings.catch_up:
                wanted.append((cause, history))
        store_review_moment(history, now, settings)
    team = members() if wanted else []
    active = {m.id: m for m in team if m.active}
    fallback = accounts.stand_in(team)
    if fallback is None:  # nobody left to remind
        wanted = []
    # Most of the time everything wanted exists already: build rows only for the rest (the
    # insert still ignores duplicates, which is what makes a concurrent sweep harmless).
    existing = _existing_keys(team_id, [cause.key for cause, _ in wanted]) if wanted else set()
    rows = [
        row
        for cause, history in wanted
        if cause.key not in existing
        and (
            row := _row(
                cause, history, active.get(in_charge(cause, history), fallback), now, settings
            )
        )
        is not None
    ]
    if by_clock:
        stale = [r.id for r in _open_rows(team_id, list(histories)) if r.key not in keep]
    else:
        stale = [
            r.id
            for r in _open_rows(team_id, list(histories))
            if not _row_holds(r, histories[r.candidate_id], now)
        ]
    created = _insert_ignoring_duplicates(rows) if rows else 0
    closed = _close(stale, now)
    db.session.flush()
    return created, closed


def _sweep_ids(
    team_id: int,
    members: list[Recruiter],
    ids: list[int],
    now: datetime,
    settings: ReminderSettings,
) -> tuple[int, int]:
    created = closed = 0
    for start in range(0, len(ids), INSERT_CHUNK):
        histories = load_histories(team_id, ids[start : start + INSERT_CHUNK])
        made, shut = _refresh(team_id, lambda: members, histories, now, settings, by_clock=True)
        created += made
        closed += shut
    return created, closed


def sweep_team(
    team_id: int,
    members: list[Recruiter],
    now: datetime,
    settings: ReminderSettings = DEFAULT_SETTINGS,
) -> tuple[int, int]:
    """The clock's part for one team: only the candidates whose ``reminder_review_at`` has
    come are read (an index finds them). Returns ``(created, closed)``."""
    due = select(Candidate.id).where(
        Candidate.team_id == team_id, Candidate.reminder_review_at <= now
    )
    ids = list(db.session.scalars(due.order_by(Candidate.id)))
    return _sweep_ids(team_id, members, ids, now, settings)


def sweep_recruiter(
    owner: Recruiter, now: datetime, settings: ReminderSettings = DEFAULT_SETTINGS
) -> tuple[int, int]:
    """:func:`sweep_team` for this recruiter's team."""
    return sweep_team(owner.team_id, _members([owner.team_id])[owner.team_id], now, settings)


def sweep(
    now: datetime, settings: ReminderSettings = DEFAULT_SETTINGS, limit: int | None = None
) -> SweepSummary:
    """Every team's reminders as of ``now`` (see the package docstring): nothing due costs one
    indexed query, whatever the size of the network. ``limit``: at most this many candidates,
    the longest due first, so a caller can commit between batches (after an upgrade or a bulk
    seed every candidate is due once); ``reviewed`` says how many were read."""
    due = (
        select(Candidate.team_id, Candidate.id)
        .where(Candidate.reminder_review_at <= now)
        .order_by(Candidate.reminder_review_at, Candidate.id)
        .limit(limit)
    )
    by_team: dict[int, list[int]] = {}
    for team_id, candidate_id in db.session.execute(due):
        by_team.setdefault(team_id, []).append(candidate_id)
    teams = _members(by_team)
    created = closed = 0
    for team_id, ids in sorted(by_team.items()):
        made, shut = _sweep_ids(team_id, teams[team_id], sorted(ids), now, settings)
        created += made
        closed += shut
    reviewed = sum(map(len, by_team.values()))
    return SweepSummary(created, closed, sum(map(len, teams.values())), reviewed)


def settle(
    histories: dict[int, History], now: datetime, settings: ReminderSettings = DEFAULT_SETTINGS
) -> tuple[int, int]:
    """Right after a change to these candidates' histories (``services.consequences``): their
    reminders whose moment has come open at once, those the change ended close, and each
    candidate's next review moment is stored for the clock. Returns ``(created, closed)``."""
    by_team: dict[int, dict[int, History]] = {}
    for candidate_id, history in histories.items():
        by_team.setdefault(history.candidate.team_id, {})[candidate_id] = history
    created = closed = 0
    for team_id, team_histories in sorted(by_team.items()):
        team = functools.partial(lambda t: _members([t])[t], team_id)
        made, shut = _refresh(team_id, team, team_histories, now, settings, False)
        created += made
        closed += shut
    return created, closed


def _row_holds(row: Reminder, history: History, now: datetime) -> bool:
    if row.outreach_id is not None:
        outreach = next((o for o in history.outreach if o.id == row.outreach_id), None)
        return outreach is not None and outreach_holds(outreach, history)
    interview = next((i for i in history.interviews if i.id == row.interview_id), None)
    if interview is None or row.key != interview_key(interview, row.kind, row.occurrence):
        return False  # gone, or moved to another start
    return interview_holds(row.kind, interview, history, now)
