"""The sweep: making every reminder whose moment has passed, once, and closing those that no
longer apply (:func:`sweep`, by the clock; :func:`close_resolved`, after each unit of work).
See the package docstring."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, and_, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import selectinload

from recruiter.extensions import db
from recruiter.models import Candidate, Interview, InterviewEvent, Outreach, Recruiter, Reminder
from recruiter.services.reminder_rules import (
    AWAITING_OUTCOME,
    BEFORE_START,
    DEFAULT_SETTINGS,
    Cause,
    History,
    ReminderSettings,
    current,
    interview_holds,
    interview_key,
    message,
    next_working_time,
    outreach_holds,
)
from recruiter.services.reminders.queries import OPEN
from recruiter.services.scoping import owned

MAX_INTERVIEW = timedelta(hours=24)  # services.interviews.MAX_DURATION_MINUTES
INSERT_CHUNK = 500


@dataclass(frozen=True)
class SweepSummary:
    created: int
    closed: int
    recruiters: int

    def __str__(self) -> str:
        return f"{self.created} created, {self.closed} closed ({self.recruiters} recruiters)"


def _candidate_ids(owner: Recruiter | int, now: datetime, settings: ReminderSettings) -> set[int]:
    """Candidates who may have a reminder to make or to close as of ``now``."""
    reach = settings.catch_up
    ahead = max([settings.request_confirmation_before, *settings.confirm_again_before])
    behind = reach + MAX_INTERVIEW + settings.log_attendance_after_end
    no_show_reach = reach + max(settings.follow_up_no_show_after, default=timedelta(0))
    queries: list[Select] = [
        # Open reminders that may have stopped holding: time alone closes a reminder to confirm
        # once the interview has begun; a change made behind the services' back (a script) is
        # caught while it is recent. Changes through the services close reminders at once, in
        # the unit of work (close_resolved), so other open reminders need no history read.
        owned(Reminder, owner)
        .with_only_columns(Reminder.candidate_id)
        .join(Candidate, Candidate.id == Reminder.candidate_id)
        .outerjoin(Interview, Interview.id == Reminder.interview_id)
        .where(
            Reminder.status.in_(OPEN),
            or_(
                and_(Reminder.kind.in_(BEFORE_START), Interview.scheduled_at <= now),
                Interview.updated_at > now - reach,
                Candidate.updated_at > now - reach,
            ),
        ),
        owned(Interview, owner)
        .with_only_columns(Interview.candidate_id)
        .where(
            Interview.status.in_(AWAITING_OUTCOME),
            Interview.scheduled_at > now - behind,
            Interview.scheduled_at <= now + ahead,
        ),
        owned(Interview, owner)
        .with_only_columns(Interview.candidate_id)
        .join(InterviewEvent, InterviewEvent.interview_id == Interview.id)
        .where(
            Interview.status == "no_show",
            Interview.explained.is_(False),
            InterviewEvent.type == "no_show",
            InterviewEvent.at > now - no_show_reach,
        ),
        owned(Outreach, owner)
        .with_only_columns(Outreach.candidate_id)
        .where(
            Outreach.direction == "outbound",
            Outreach.responded_at.is_(None),
            Outreach.sent_at > now - reach - settings.follow_up_unanswered_after,
            Outreach.sent_at <= now - settings.follow_up_unanswered_after,
        ),
    ]
    ids: set[int] = set()
    for query in queries:
        ids.update(db.session.scalars(query.distinct()))
    return ids


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
        "message": message(cause, history, tz_name, settings),
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


def _open_keys(owner: Recruiter | int, candidate_ids: list[int]) -> list[Any]:
    """The open reminders (id, key) of these candidates: only they can be stale this minute."""
    rows: list[Any] = []
    for start in range(0, len(candidate_ids), INSERT_CHUNK):
        chunk = candidate_ids[start : start + INSERT_CHUNK]
        rows += db.session.execute(
            owned(Reminder, owner)
            .with_only_columns(Reminder.id, Reminder.key)
            .where(Reminder.candidate_id.in_(chunk), Reminder.status.in_(OPEN))
        ).all()
    return rows


def in_charge(cause: Cause, history: History) -> int | None:
    """The member a cause's reminder is for: whoever is in charge of its interview, or logged
    its outreach."""
    if cause.interview_id is not None:
        return next(i.recruiter_id for i in history.interviews if i.id == cause.interview_id)
    if cause.outreach_id is not None:
        return next(o.logged_by_id for o in history.outreach if o.id == cause.outreach_id)
    return None


def sweep_team(
    team_id: int,
    members: list[Recruiter],
    now: datetime,
    settings: ReminderSettings = DEFAULT_SETTINGS,
) -> tuple[int, int]:
    """Make this team's reminders due as of ``now``, each for the member in charge of what it
    is about (an owner's if that member is gone); close those that no longer apply.
    Returns ``(created, closed)``. Flushes, never commits."""
    histories = load_histories(team_id, _candidate_ids(team_id, now, settings))
    active = {m.id: m for m in members if m.active}
    fallback = next((m for m in members if m.active and m.role == "owner"), None) or next(
        iter(active.values()), None
    )
    keep: set[str] = set()
    wanted: list[tuple[Cause, History]] = []
    for history in histories.values():
        for cause in current(history, now, settings):
            keep.add(cause.key)
            if fallback is not None and cause.moment >= now - settings.catch_up:
                wanted.append((cause, history))
    # Most minutes everything wanted exists already: build rows only for the rest (the insert
    # still ignores duplicates, which is what makes a concurrent sweep harmless).
    existing = _existing_keys(team_id, [cause.key for cause, _ in wanted])
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
    stale = [row.id for row in _open_keys(team_id, list(histories)) if row.key not in keep]
    created = _insert_ignoring_duplicates(rows) if rows else 0
    closed = _close(stale, now)
    db.session.flush()
    return created, closed


def sweep_recruiter(
    owner: Recruiter, now: datetime, settings: ReminderSettings = DEFAULT_SETTINGS
) -> tuple[int, int]:
    """:func:`sweep_team` for this recruiter's team."""
    members = list(
        db.session.scalars(
            select(Recruiter).where(Recruiter.team_id == owner.team_id).order_by(Recruiter.id)
        )
    )
    return sweep_team(owner.team_id, members, now, settings)


def sweep(now: datetime, settings: ReminderSettings = DEFAULT_SETTINGS) -> SweepSummary:
    """Every team's reminders as of ``now`` (see the package docstring)."""
    created = closed = 0
    teams: dict[int, list[Recruiter]] = {}
    for member in db.session.scalars(select(Recruiter).order_by(Recruiter.id)):
        teams.setdefault(member.team_id, []).append(member)
    for team_id, members in teams.items():
        made, shut = sweep_team(team_id, members, now, settings)
        created += made
        closed += shut
    return SweepSummary(created, closed, sum(map(len, teams.values())))


def close_resolved(candidate: Candidate, now: datetime, loaded: History | None = None) -> int:
    """Close this candidate's open reminders that no longer apply, right after a change to
    their history (``loaded`` when the caller has it already). State only: the cadence's
    timing (a newer nudge replacing an older one) is the sweep's business."""
    open_rows = list(
        db.session.scalars(
            owned(Reminder, candidate.team_id).where(
                Reminder.candidate_id == candidate.id, Reminder.status.in_(OPEN)
            )
        )
    )
    if not open_rows:
        return 0
    history = loaded or load_histories(candidate.team_id, [candidate.id]).get(candidate.id)
    if history is None:
        return 0
    return _close([r.id for r in open_rows if not _row_holds(r, history, now)], now)


def _row_holds(row: Reminder, history: History, now: datetime) -> bool:
    if row.outreach_id is not None:
        outreach = next((o for o in history.outreach if o.id == row.outreach_id), None)
        return outreach is not None and outreach_holds(outreach, history)
    interview = next((i for i in history.interviews if i.id == row.interview_id), None)
    if interview is None or row.key != interview_key(interview, row.kind, row.occurrence):
        return False  # gone, or moved to another start
    return interview_holds(row.kind, interview, history, now)
