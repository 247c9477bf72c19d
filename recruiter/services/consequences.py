"""What follows a change in a candidate's history, decided in one place.

In one sentence: just before a unit of work commits (a form, an API call, a CLI command, an
import, a job), :func:`settle` takes the candidates its services touched and, for each, stores
the reliability, judges and stores every interview's ghost verdict with the suggestions it
opens or withdraws, and the reminders that open or close (with the moment the clock should
look at them again); then it drops the dashboard's cached months holding the instants the
writes moved (:func:`recruiter.services.chart_months.forget`, one statement).

Score (:mod:`~recruiter.services.reliability` over :mod:`recruiter.scoring`), ghost rule
(:mod:`~recruiter.services.ghosts` over :mod:`~recruiter.services.ghost_rule`) and reminder
rules (:mod:`~recruiter.services.reminders` over :mod:`~recruiter.services.reminder_rules`)
know nothing of each other; this module is the only one that calls them all. It runs from a
``before_commit`` listener (:mod:`recruiter.unit_of_work`, registered once by the app factory),
so every entry point settles the same way and none can forget to; a caller may also call
:func:`settle` itself before committing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.util import identity_key

from recruiter.extensions import db
from recruiter.models import Candidate, Interview, InterviewEvent, Outreach, OutreachRow, Team
from recruiter.services import chart_months, ghosts, reliability, reminders, unit
from recruiter.services.collecting import paused_collector
from recruiter.services.ghost_rule import DEFAULT_SETTINGS, GhostSettings
from recruiter.services.reminder_rules import DEFAULT_SETTINGS as DEFAULT_REMINDER_SETTINGS
from recruiter.services.reminder_rules import History, ReminderSettings

Loaded = tuple[list[Interview], list[Outreach]]

log = logging.getLogger(__name__)

BATCH = 500
MAX_ROUNDS = 3  # settling may touch again (accepting a removal edits the candidate)
MANY = 200  # from this many touched candidates (an import), settle them set-based


@dataclass
class Settled:
    candidates: int = 0
    ghosts: ghosts.SweepSummary = field(default_factory=ghosts.SweepSummary)
    reminders_opened: int = 0
    reminders_closed: int = 0


def settle(
    now: datetime | None = None,
    settings: GhostSettings | None = None,
    session: Session | None = None,
    reminder_settings: ReminderSettings | None = None,
) -> Settled:
    """Settle the candidates touched so far in this unit of work (flushes, never commits)."""
    session = session or db.session
    settings = settings or DEFAULT_SETTINGS
    reminder_settings = reminder_settings or DEFAULT_REMINDER_SETTINGS
    done = Settled()
    instants: dict[int, set[datetime]] = {}
    for _ in range(MAX_ROUNDS):
        touched = unit.take(session)
        _gather(instants, touched.instants)
        if not touched.candidate_ids:
            break
        at = now or touched.now
        assert at is not None
        ids = sorted(touched.candidate_ids)
        how = _settle_many if len(ids) >= MANY else _settle
        how(session, ids, at, settings, reminder_settings, done)
    _gather(instants, unit.take_instants(session))  # the outcomes the last round stored
    chart_months.forget(instants, session)
    return done


def _gather(into: dict[int, set[datetime]], instants: dict[int, set[datetime]]) -> None:
    for team_id, times in instants.items():
        into.setdefault(team_id, set()).update(times)


def _settle(
    session: Session,
    ids: list[int],
    now: datetime,
    settings: GhostSettings,
    reminder_settings: ReminderSettings,
    done: Settled,
) -> None:
    session.flush()
    for i in range(0, len(ids), BATCH):
        chunk = ids[i : i + BATCH]
        # The interviews bring their candidate along; outreach comes as plain rows.
        loaded = _histories(session, chunk, plain_outreach=True)
        rows = _candidates(session, chunk)
        loaded = {c.id: loaded[c.id] for c in rows}
        histories = {c.id: History(c, *map(list, loaded[c.id])) for c in rows}
        for candidate in rows:
            # Before the score, so the candidate is written once, in the score's flush.
            reminders.store_review_moment(histories[candidate.id], now, reminder_settings)
            reliability.refresh(candidate, now, loaded[candidate.id])
        done.ghosts.add(ghosts.review_candidates(list(loaded), now, settings, loaded=loaded))
        opened, closed = reminders.settle(histories, now, reminder_settings)
        done.reminders_opened += opened
        done.reminders_closed += closed
        done.candidates += len(rows)
    session.flush()


def _settle_many(
    session: Session,
    ids: list[int],
    now: datetime,
    settings: GhostSettings,
    reminder_settings: ReminderSettings,
    done: Settled,
) -> None:
    """:func:`_settle` for many candidates (an import), with the same results: per batch the
    scores are stored without a flush each (:func:`reliability.refresh_loaded`) and the
    review moments once, by the reminders' settle, so each batch writes in a few batched
    statements instead of one flush per candidate."""
    session.flush()
    with paused_collector():  # the batches' objects live until the end: no rescans
        for i in range(0, len(ids), BATCH):
            rows = _candidates(session, ids[i : i + BATCH])
            loaded = _histories(session, [c.id for c in rows], plain_outreach=True)
            reliability.refresh_loaded(rows, loaded, now)
            session.flush()
            done.ghosts.add(ghosts.review_candidates(list(loaded), now, settings, loaded=loaded))
            histories = {c.id: History(c, *map(list, loaded[c.id])) for c in rows}
            opened, closed = reminders.settle(histories, now, reminder_settings)
            done.reminders_opened += opened
            done.reminders_closed += closed
            done.candidates += len(rows)
    session.flush()


def _candidates(session: Session, ids: list[int]) -> list[Candidate]:
    """The candidates, from the session when it holds them already (the write, or their
    interviews in :func:`_histories`, just loaded them)."""
    found = {}
    for candidate_id in ids:
        row = session.identity_map.get(identity_key(Candidate, candidate_id))
        if row is not None:
            found[candidate_id] = row
    missing = [i for i in ids if i not in found]
    if missing:
        found.update(
            (c.id, c) for c in session.scalars(select(Candidate).where(Candidate.id.in_(missing)))
        )
    return [found[i] for i in ids if i in found]


def _histories(session: Session, ids: list[int], plain_outreach: bool = False) -> dict[int, Loaded]:
    """Each candidate's history, loaded once for the score, the ghost verdicts and the
    reminders: interviews (by id) with their events and client, outreach by time (with
    ``plain_outreach``, as :class:`OutreachRow` tuples: an import's tens of thousands)."""
    loaded: dict[int, Loaded] = {i: ([], []) for i in ids}
    # One statement for interviews, events, retractions and clients (a candidate has tens of
    # interviews with a few events each: the joined rows stay few), and the candidates the
    # session does not hold yet.
    with_candidates = any(session.identity_map.get(identity_key(Candidate, i)) is None for i in ids)
    values = {"ids": ids}
    interviews = session.scalars(_interviews_of(with_candidates), values).unique()
    for interview in interviews:
        loaded[interview.candidate_id][0].append(interview)
    if plain_outreach:
        for row in session.execute(_plain_outreach_of(), values):
            loaded[row[1]][1].append(OutreachRow(*row))  # type: ignore[arg-type]
        return loaded
    for outreach in session.scalars(_outreach_of(), values):
        loaded[outreach.candidate_id][1].append(outreach)
    return loaded


# The history's statements are built once (``ids`` is bound when run): every write settles,
# and building a statement with its loader options cost about as much as running it.
@cache
def _interviews_of(with_candidates: bool) -> Select[tuple[Interview]]:
    options = [
        joinedload(Interview.events).joinedload(InterviewEvent.retraction),
        joinedload(Interview.client),
    ]
    if with_candidates:
        options.append(joinedload(Interview.candidate))
    return (
        select(Interview)
        .where(Interview.candidate_id.in_(bindparam("ids", expanding=True)))
        .options(*options)
        .order_by(Interview.id)
    )


@cache
def _plain_outreach_of() -> Select[Any]:
    table = Outreach.__table__
    return (
        select(*(table.c[name] for name in OutreachRow._fields))
        .where(table.c.candidate_id.in_(bindparam("ids", expanding=True)))
        .order_by(table.c.sent_at, table.c.id)
    )


@cache
def _outreach_of() -> Select[tuple[Outreach]]:
    return (
        select(Outreach)
        .where(Outreach.candidate_id.in_(bindparam("ids", expanding=True)))
        .order_by(Outreach.sent_at, Outreach.id)
    )


RECOMPUTE_CHUNK = 2000


def recompute(
    now: datetime,
    settings: GhostSettings | None = None,
    team_id: int | None = None,
    chunk: int = RECOMPUTE_CHUNK,
    computed_before: datetime | None = None,
) -> Settled:
    """Recompute every candidate's reliability and ghost verdicts as of ``now`` (time alone
    moves both: scores decay, silences run out), set-based: per chunk of candidates, their
    histories in a few queries and the scores in one batched UPDATE
    (:func:`reliability.refresh_many`), then the ghost review of only the candidates it can
    change (:func:`ghosts.to_review`). The same results as settling each candidate; nothing
    is touched, so the commit settles nothing more than dropping the dashboard's chart months
    whose outcomes changed. Flushes, never commits.

    ``computed_before`` (the nightly job): only the candidates whose score was last written
    before it; the others were settled since, and their verdicts' later moments are the ghost
    sweep's (``next_review_at``).

    Reminders are the reminder sweep's: a recompute changes no history they follow."""
    session = db.session
    settings = settings or DEFAULT_SETTINGS
    done = Settled()
    session.flush()
    teams = [team_id] if team_id is not None else list(session.scalars(select(Team.id)))
    for team in teams:
        after = 0
        while ids := reliability.candidate_ids(team, after, chunk, computed_before):
            with paused_collector():  # a chunk's rows live until its end: no rescans
                reliability.refresh_many(team, ids, now)
                reviewed = ghosts.to_review(team, ids)
                done.ghosts.add(ghosts.review_candidates(reviewed, now, settings, many=True))
            done.candidates += len(ids)
            after = ids[-1]
        session.flush()
    log.info("recomputed %d candidates: %s", done.candidates, done.ghosts)
    return done
