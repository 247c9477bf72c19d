"""A demo network at size: one recruiter, N candidates, two years of history.

``flask --app app seed-demo --candidates N`` builds it for trying Reliant (and benchmarking it)
at the size of a real LinkedIn network. Rows are written as plain tuples by the driver's
``executemany`` in chunks, not one ORM object at a time (:mod:`.rows`), so 100,000 candidates
take a couple of minutes. Only the raw history is generated (candidates, interviews with
their event logs, outreach, signals); every interview's status comes from the event-log rule
(:func:`recruiter.services.interviews.apply`), and the derived state by the app's own rules,
never a copy of them: each candidate's score and each interview's outcome from the scoring
rules given the history as plain inputs while it is still in memory
(:func:`recruiter.services.reliability.score_values`, what ``scores recompute`` stores), then
the ghost verdicts and suggestions of the candidates with a no-show by the ghost review, and
the reminders by the reminder sweep (see :func:`seed_network`).

Deterministic: the same ``seed``, size and ``now`` give the same network.

This module runs the seeding; :mod:`.people` makes one candidate's history (the mix of
personas, outcomes and replies) and :mod:`.rows` holds the ids and the bulk inserts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from recruiter.extensions import db
from recruiter.services import accounts, clients, ghosts, planner, reminders
from recruiter.services.demo_network.people import (
    CHUNK,
    CLIENT_NAMES,
    HEAVY_FROM,
    HISTORY_DAYS,
    _candidate,
    quiet_before,
)
from recruiter.services.demo_network.rows import TABLES, _NextIds, _Rows, bulk_inserts
from recruiter.services.ghost_rule import DEFAULT_SETTINGS, GhostSettings
from recruiter.services.reminder_rules import DEFAULT_SETTINGS as DEFAULT_REMINDER_SETTINGS
from recruiter.services.reminder_rules import ReminderSettings


@dataclass
class NetworkSummary:
    candidates: int = 0
    interviews: int = 0
    events: int = 0
    outreach: int = 0
    signals: int = 0
    clients: int = 0
    heavy_candidate_id: int | None = None
    settled: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "candidates": self.candidates,
            "interviews": self.interviews,
            "events": self.events,
            "outreach": self.outreach,
            "signals": self.signals,
            "clients": self.clients,
            "heavy_candidate_id": self.heavy_candidate_id,
            **self.settled,
        }


def seed_network(
    email: str,
    password: str,
    now: datetime,
    candidates: int,
    seed: int = 7,
    settings: GhostSettings = DEFAULT_SETTINGS,
    reminder_settings: ReminderSettings = DEFAULT_REMINDER_SETTINGS,
) -> NetworkSummary:
    """Create the recruiter and their network, with derived state computed by the app.

    Left settled as the clock would leave it: scores, ghost verdicts and suggestions, and
    each candidate's reminder review moment, so the first run of the clock finds only what is
    truly due. A candidate whose whole history ended long enough ago that no reminder can be
    due or come due (:func:`.people.quiet_before`) is stored with no review moment; the others
    are reviewed here by the reminder sweep's own code. Flushes, never commits (one unit of
    work: the caller commits or rolls back)."""
    rng = random.Random(seed)  # noqa: S311 (demo data, not secrets)
    owner = accounts.create_recruiter(email, password, "Morgan Avery", "Europe/London")
    client_ids = [
        clients.create_client(owner, {"name": name}, now - timedelta(days=HISTORY_DAYS + 30)).id
        for name in CLIENT_NAMES
    ]
    db.session.flush()
    ids = _NextIds.read()
    summary = NetworkSummary(clients=len(client_ids))
    quiet = quiet_before(now, reminder_settings)
    to_review: list[int] = []
    with bulk_inserts(ids.first_candidate):
        for start in range(0, candidates, CHUNK):
            rows = _Rows()
            for index in range(start, min(start + CHUNK, candidates)):
                heavy = index == 0 and candidates >= HEAVY_FROM
                _candidate(rows, ids, owner, index, heavy, client_ids, rng, now, quiet)
            rows.insert()
            to_review += rows.to_review
            summary.candidates += len(rows.candidates)
            summary.interviews += len(rows.interviews)
            summary.events += len(rows.events)
            summary.outreach += len(rows.outreach)
            summary.signals += len(rows.signals)
    if candidates >= HEAVY_FROM:
        summary.heavy_candidate_id = ids.first_candidate
    ids.sync_sequences()
    # The settle reads back what was just written: with statistics, not the planner's guesses.
    planner.analyze_tables_now(tuple(model.__tablename__ for model in TABLES))
    judged = ghosts.review_candidates(to_review, now, settings, many=True)
    created, _ = reminders.sweep_team(owner.team_id, [owner], now, reminder_settings)
    summary.settled = {
        "scored": summary.candidates,
        "ghosted": judged.ghosted,
        "possible": judged.possible,
        "suggestions": sum(judged.opened.values()),
        "reminders": created,
    }
    return summary
