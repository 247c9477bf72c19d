"""A demo network at size: one recruiter, N candidates, two years of history.

``flask --app app seed-demo --candidates N`` builds it for trying Reliant (and benchmarking it)
at the size of a real LinkedIn network. Rows are written in chunks by the driver's bulk path
(``executemany`` on SQLite, ``COPY`` on PostgreSQL), not one ORM object at a time
(:mod:`.rows`), and on a machine with more than one CPU the next chunk is made in a second
process while this one writes and settles the last (:mod:`.pipeline`), so 100,000 candidates
take a couple of minutes. Only the raw history is generated (candidates, interviews with their
event logs, outreach, signals); every interview's status comes from the event-log rule
(:func:`recruiter.services.interviews.apply`), and the derived state by the app's own rules,
never a copy of them: each candidate's score and each interview's outcome from the scoring
rules given the history as plain inputs while it is still in memory
(:func:`recruiter.services.reliability.score_values`, what ``scores recompute`` stores), then,
chunk by chunk once written, the ghost verdicts and suggestions of the candidates with a
no-show by the ghost review, and the reminders by the reminder sweep (see
:func:`seed_network`).

Deterministic: the same ``seed``, size and ``now`` give the same network.

This module runs the seeding; :mod:`.people` makes one candidate's history (the mix of
personas, outcomes and replies), :mod:`.pipeline` makes the chunks in order (here or in a
second process) and :mod:`.rows` holds the ids and the bulk inserts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from recruiter.extensions import db
from recruiter.services import accounts, clients, ghosts, planner, reminders
from recruiter.services.collecting import paused_collector
from recruiter.services.demo_network.people import (
    CHUNK,
    CLIENT_NAMES,
    HEAVY_FROM,
    HISTORY_DAYS,
    quiet_before,
)
from recruiter.services.demo_network.pipeline import Made, Plan, chunks
from recruiter.services.demo_network.rows import TABLES, Owner, _NextIds, bulk_inserts
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
    chunk: int = CHUNK,
    pipelined: bool | None = None,
) -> NetworkSummary:
    """Create the recruiter and their network, with derived state computed by the app.

    Left settled as the clock would leave it: scores, ghost verdicts and suggestions, and
    each candidate's reminder review moment, so the first run of the clock finds only what is
    truly due. A candidate whose whole history ended long enough ago that no reminder can be
    due or come due (:func:`.people.quiet_before`) is stored with no review moment; the others
    are reviewed here by the reminder sweep's own code. Flushes, never commits (one unit of
    work: the caller commits or rolls back).

    ``chunk`` candidates are made and written at a time; ``pipelined``: made in a second
    process while this one writes (:mod:`.pipeline`; by default when there are several chunks
    and CPUs). Neither changes the network."""
    owner = accounts.create_recruiter(email, password, "Morgan Avery", "Europe/London")
    client_ids = [
        clients.create_client(owner, {"name": name}, now - timedelta(days=HISTORY_DAYS + 30)).id
        for name in CLIENT_NAMES
    ]
    db.session.flush()
    ids = _NextIds.read()
    summary = NetworkSummary(clients=len(client_ids))
    conn = db.session.connection()
    plan = Plan(
        owner=Owner(owner.id, owner.team_id),
        client_ids=client_ids,
        candidates=candidates,
        seed=seed,
        now=now,
        quiet=quiet_before(now, reminder_settings),
        first_ids=dict(ids.next),
        dialect=f"{conn.dialect.name}+{conn.dialect.driver}",
        chunk=chunk,
    )
    judged = ghosts.SweepSummary()
    created = 0
    with bulk_inserts(ids.first_candidate):
        for made in chunks(plan, pipelined, conn.dialect):
            if isinstance(made, Made):
                ids.next = made.next_ids
                continue
            first_chunk = summary.candidates == 0
            made.insert(conn)
            for name, count in made.counts.items():
                setattr(summary, name, getattr(summary, name) + count)
            if first_chunk:
                # The reviews read back what was just written: with statistics, not the
                # planner's guesses (the first chunk's proportions hold for the rest).
                planner.analyze_tables_now(tuple(model.__tablename__ for model in TABLES))
            # Each chunk is settled while the next is made: a candidate's verdicts and
            # reminders read only their own history, all of it in this chunk. The collector
            # waits for the end of the chunk's settle (its rescans of the growing heap cost a
            # third of the settle at 50,000 candidates).
            with paused_collector():
                judged.add(ghosts.review_candidates(made.to_review, now, settings, many=True))
                created += reminders.sweep_team(owner.team_id, [owner], now, reminder_settings)[0]
    if candidates >= HEAVY_FROM:
        summary.heavy_candidate_id = ids.first_candidate
    ids.sync_sequences()
    summary.settled = {
        "scored": summary.candidates,
        "ghosted": judged.ghosted,
        "possible": judged.possible,
        "suggestions": sum(judged.opened.values()),
        "reminders": created,
    }
    return summary
