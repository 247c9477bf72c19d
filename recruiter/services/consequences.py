"""What follows a change in a candidate's history, decided in one place.

In one sentence: just before a unit of work commits (a form, an API call, a CLI command, an
import, a job), :func:`settle` takes the candidates its services touched and, for each, stores
the reliability, judges and stores every interview's ghost verdict with the suggestions it
opens or withdraws, and closes the reminders that no longer apply.

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

from sqlalchemy import select
from sqlalchemy.orm import Session

from recruiter.extensions import db
from recruiter.models import Candidate, Recruiter
from recruiter.services import ghosts, reliability, reminders, unit
from recruiter.services.ghost_rule import DEFAULT_SETTINGS, GhostSettings

log = logging.getLogger(__name__)

BATCH = 500
MAX_ROUNDS = 3  # settling may touch again (accepting a removal edits the candidate)


@dataclass
class Settled:
    candidates: int = 0
    ghosts: ghosts.SweepSummary = field(default_factory=ghosts.SweepSummary)
    reminders_closed: int = 0


def settle(
    now: datetime | None = None,
    settings: GhostSettings | None = None,
    session: Session | None = None,
) -> Settled:
    """Settle the candidates touched so far in this unit of work (flushes, never commits)."""
    session = session or db.session
    settings = settings or DEFAULT_SETTINGS
    done = Settled()
    for _ in range(MAX_ROUNDS):
        touched = unit.take(session)
        if not touched.candidate_ids:
            break
        at = now or touched.now
        assert at is not None
        _settle(session, sorted(touched.candidate_ids), at, settings, done)
    return done


def _settle(
    session: Session, ids: list[int], now: datetime, settings: GhostSettings, done: Settled
) -> None:
    session.flush()
    for i in range(0, len(ids), BATCH):
        chunk = ids[i : i + BATCH]
        rows = list(session.scalars(select(Candidate).where(Candidate.id.in_(chunk))))
        for candidate in rows:
            reliability.refresh(candidate, now)
        done.ghosts.add(ghosts.review_candidates([c.id for c in rows], now, settings))
        for candidate in rows:
            done.reminders_closed += reminders.close_resolved(candidate, now)
        done.candidates += len(rows)
    session.flush()


RECOMPUTE_CHUNK = 2000


def recompute(
    now: datetime,
    settings: GhostSettings | None = None,
    owner_id: int | None = None,
    chunk: int = RECOMPUTE_CHUNK,
) -> Settled:
    """Recompute every candidate's reliability and ghost verdicts as of ``now`` (time alone
    moves both: scores decay, silences run out), set-based: per chunk of candidates, their
    histories in a few queries and the scores in one batched UPDATE
    (:func:`reliability.refresh_many`), then the ghost review of only the candidates it can
    change (:func:`ghosts.to_review`). The same results as settling each candidate; nothing
    is touched, so the commit settles nothing more. Flushes, never commits.

    Reminders are the reminder sweep's: a recompute changes no history they follow."""
    session = db.session
    settings = settings or DEFAULT_SETTINGS
    done = Settled()
    session.flush()
    owners = [owner_id] if owner_id is not None else list(session.scalars(select(Recruiter.id)))
    for owner in owners:
        after = 0
        while ids := reliability.candidate_ids(owner, after, chunk):
            reliability.refresh_many(owner, ids, now)
            done.ghosts.add(ghosts.review_candidates(ghosts.to_review(owner, ids), now, settings))
            done.candidates += len(ids)
            after = ids[-1]
        session.flush()
    log.info("recomputed %d candidates: %s", done.candidates, done.ghosts)
    return done
