"""Keeps each candidate's cached reliability in step with their history.

The rules live in :mod:`recruiter.scoring` (pure); this module only feeds it plain data and
stores what it returns, in the caller's transaction. It knows nothing of ghosts, suggestions
or reminders: :mod:`recruiter.services.consequences` asks each of them in turn.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, exists, or_, select
from sqlalchemy.orm import selectinload

from recruiter import scoring
from recruiter.extensions import db
from recruiter.models import Candidate, EventRetraction, Interview, InterviewEvent, Outreach
from recruiter.services import unit
from recruiter.services.scoping import owned, owned_rows


def history(candidate_id: int) -> tuple[list[scoring.InterviewIn], list[scoring.OutreachIn]]:
    interviews, outreach = _load(candidate_id)
    return [to_interview_in(i) for i in interviews], [to_outreach_in(o) for o in outreach]


def _load(candidate_id: int) -> tuple[list[Interview], list[Outreach]]:
    interviews = db.session.scalars(
        select(Interview)
        .where(Interview.candidate_id == candidate_id)
        .options(selectinload(Interview.events))
        .order_by(Interview.id)
    )
    outreach = db.session.scalars(
        select(Outreach).where(Outreach.candidate_id == candidate_id).order_by(Outreach.sent_at)
    )
    return list(interviews), list(outreach)


def to_interview_in(interview: Interview) -> scoring.InterviewIn:
    return scoring.InterviewIn(
        id=interview.id,
        scheduled_at=interview.original_scheduled_at,
        events=tuple(
            scoring.EventIn(type=e.type, at=e.at, by=e.by, new_scheduled_at=e.new_scheduled_at)
            for e in interview.live_events
        ),
    )


def to_outreach_in(row: Outreach) -> scoring.OutreachIn:
    return scoring.OutreachIn(
        id=row.id,
        sent_at=row.sent_at,
        responded_at=row.responded_at,
        direction=row.direction,
        channel=row.channel,
    )


Loaded = tuple[Sequence[Interview], Sequence[Outreach]]


def compute(
    candidate: Candidate, now: datetime, loaded: Loaded | None = None
) -> scoring.Reliability:
    """The candidate's reliability as of ``now``, from their history (``loaded`` when the
    caller has it already: interviews with events by id, outreach by time)."""
    if loaded is None:
        interviews, outreach = history(candidate.id)
    else:
        interviews = [to_interview_in(i) for i in loaded[0]]
        outreach = [to_outreach_in(o) for o in loaded[1]]
    return scoring.score_candidate(interviews, outreach, now)


def store_outcomes(
    interviews: Iterable[tuple[Interview, scoring.InterviewIn]], now: datetime
) -> None:
    """Store each interview's outcome as the score judges it (``scoring.classify_interview``),
    so charts count outcomes in SQL and never disagree with the score (a change is noted for
    the charts' cached months)."""
    for row, data in interviews:
        outcome = scoring.classify_interview(data, now)
        if row.outcome != outcome:
            row.outcome = outcome
            unit.touch_instants(row.team_id, (row.scheduled_at,))


def refresh(
    candidate: Candidate, now: datetime, loaded: Loaded | None = None
) -> scoring.Reliability:
    """Recompute and store the candidate's reliability and its interviews' outcomes (flushes,
    never commits). ``loaded``: the history when the caller has it already (then flushed, and
    the candidate's other pending changes go out with the score in one UPDATE)."""
    if loaded is None:
        db.session.flush()
    rows, outreach = loaded if loaded is not None else _load(candidate.id)
    interviews = [(row, to_interview_in(row)) for row in rows]
    store_outcomes(interviews, now)
    result = scoring.score_candidate(
        [data for _, data in interviews], [to_outreach_in(o) for o in outreach], now
    )
    _store(candidate, result, now)
    db.session.flush()
    return result


def _store(candidate: Candidate, result: scoring.Reliability, now: datetime) -> None:
    """Store the result when it differs from what the candidate holds: most writes (an
    outreach awaiting its reply, a confirmation request) leave the score as it was, and then
    the row is not written at all (``score_computed_at`` is when it was last written)."""
    stored = _columns(result)
    if candidate.score_computed_at is not None and all(
        getattr(candidate, name) == value for name, value in stored.items()
    ):
        return
    for name, value in stored.items():
        setattr(candidate, name, value)
    candidate.score_computed_at = now


def refresh_loaded(
    candidates: Iterable[Candidate], loaded: Mapping[int, Loaded], now: datetime
) -> None:
    """:func:`refresh` for many candidates whose histories the caller loaded (``loaded`` by
    candidate id): the same numbers and outcomes, stored on the objects without a flush each,
    so the caller's one flush sends the UPDATEs in batches."""
    for candidate in candidates:
        rows, outreach = loaded[candidate.id]
        interviews = [(row, to_interview_in(row)) for row in rows]
        store_outcomes(interviews, now)
        result = scoring.score_candidate(
            [data for _, data in interviews], [to_outreach_in(o) for o in outreach], now
        )
        _store(candidate, result, now)


def refresh_many(team_id: int, candidate_ids: Sequence[int], now: datetime) -> int:
    """Recompute and store the reliability of these candidates of one owner, set-based: their
    histories (with the stored outcomes) in three queries of plain rows, the pure rules per
    candidate in Python, the scores in one batched UPDATE and the outcomes that changed in
    another. The same numbers as :func:`refresh` for each (flushes, never commits)."""
    ids = sorted(set(candidate_ids))
    if not ids:
        return 0
    db.session.flush()
    stored: dict[int, tuple[str | None, datetime]] = {}
    interviews, outreach = histories(team_id, ids, stored)
    rows = []
    changed = []
    for candidate_id in ids:
        history = interviews.get(candidate_id, [])
        values = score_values(history, outreach.get(candidate_id, []), now)
        changed += (
            {"b_id": data.id, "b_outcome": outcome}
            for data in history
            if stored[data.id][0] != (outcome := scoring.classify_interview(data, now))
        )
        rows.append({"b_id": candidate_id} | {f"b_{name}": values[name] for name in SCORE_COLUMNS})
    table = Candidate.__table__
    statement = (
        table.update()
        .where(table.c.id == bindparam("b_id"))
        .values(
            {name: bindparam(f"b_{name}") for name in SCORE_COLUMNS}
            | {"updated_at": table.c.updated_at}  # a recompute is not an edit
        )
    )
    db.session.execute(statement, rows)
    _store_outcomes_many(team_id, changed, stored)
    _expire_loaded(set(ids))
    return len(rows)


def score_values(
    interviews: Sequence[scoring.InterviewIn], outreach: Sequence[scoring.OutreachIn], now: datetime
) -> dict[str, Any]:
    """The stored score columns (:data:`SCORE_COLUMNS`) of one candidate from plain inputs:
    what :func:`refresh_many` writes, and what ``seed-demo`` inserts with a new candidate."""
    result = scoring.score_candidate(interviews, outreach, now)
    return {**_columns(result), "score_computed_at": now}


def _columns(result: scoring.Reliability) -> dict[str, Any]:
    """The candidate's score columns holding ``result`` (all but ``score_computed_at``)."""
    low, high = result.band or (None, None)
    return {
        "score": result.score,
        "score_low": low,
        "score_high": high,
        "confidence": result.confidence,
        "no_show_probability": result.no_show_probability,
        "reliability": result.to_dict(),
    }


def _store_outcomes_many(
    team_id: int,
    changed: list[dict[str, object]],
    stored: Mapping[int, tuple[str | None, datetime]],
) -> None:
    """:func:`store_outcomes` for many candidates: one batched UPDATE of the outcomes that
    changed (``b_id``, ``b_outcome``); their starts are noted for the charts' months."""
    if not changed:
        return
    unit.touch_instants(team_id, [stored[row["b_id"]][1] for row in changed])  # type: ignore[index]
    interview_ids = set(stored)
    table = Interview.__table__
    db.session.execute(
        table.update()
        .where(table.c.id == bindparam("b_id"))
        .values(outcome=bindparam("b_outcome"), updated_at=table.c.updated_at),
        changed,
    )
    for obj in list(db.session.identity_map.values()):
        if isinstance(obj, Interview) and obj.id in interview_ids:
            db.session.expire(obj, ["outcome"])


SCORE_COLUMNS = (
    "score",
    "score_low",
    "score_high",
    "confidence",
    "no_show_probability",
    "reliability",
    "score_computed_at",
)


def histories(
    team_id: int,
    candidate_ids: Sequence[int],
    outcomes: dict[int, tuple[str | None, datetime]] | None = None,
) -> tuple[dict[int, list[scoring.InterviewIn]], dict[int, list[scoring.OutreachIn]]]:
    """The scoring inputs of many candidates of one owner, as :func:`history` gives one's:
    interviews with their live events (retracted ones left out) and outreach, in three
    queries over the id range (plain rows, no ORM objects). ``outcomes``, when given, is
    filled with each interview's stored outcome and current start by id."""
    ids = sorted(set(candidate_ids))
    wanted = set(ids)
    event, interview, retraction = (
        InterviewEvent.__table__,
        Interview.__table__,
        EventRetraction.__table__,
    )
    sent = Outreach.__table__
    if ids[-1] - ids[0] < 4 * len(ids):  # a dense chunk: one index range scan
        of_candidates = interview.c.candidate_id.between(ids[0], ids[-1])
        outreach_of = sent.c.candidate_id.between(ids[0], ids[-1])
    else:
        of_candidates = interview.c.candidate_id.in_(ids)
        outreach_of = sent.c.candidate_id.in_(ids)
    events: dict[int, list[scoring.EventIn]] = defaultdict(list)
    event_rows = db.session.execute(
        owned_rows(InterviewEvent, team_id, "interview_id", "type", "at", "by", "new_scheduled_at")
        .join(interview, interview.c.id == event.c.interview_id)
        # NOT EXISTS, not an outer join filtered on NULL: PostgreSQL estimated that join at a
        # handful of rows and scanned every event of the team per chunk (0.8 s at 100k
        # candidates, against 30 ms for the anti-join from the chunk's interviews).
        .where(of_candidates, ~exists().where(retraction.c.event_id == event.c.id))
        .order_by(event.c.id)
    )
    for interview_id, type_, at, by, new_start in event_rows:
        events[interview_id].append(scoring.EventIn(type_, at, by, new_start))
    interviews: dict[int, list[scoring.InterviewIn]] = defaultdict(list)
    interview_rows = db.session.execute(
        owned_rows(
            Interview,
            team_id,
            "id",
            "candidate_id",
            "original_scheduled_at",
            "outcome",
            "scheduled_at",
        )
        .where(of_candidates)
        .order_by(interview.c.id)
    )
    for interview_id, candidate_id, start, outcome, current in interview_rows:
        if candidate_id in wanted:
            if outcomes is not None:
                outcomes[interview_id] = (outcome, current)
            interviews[candidate_id].append(
                scoring.InterviewIn(interview_id, start, tuple(events.get(interview_id, ())))
            )
    outreach: dict[int, list[scoring.OutreachIn]] = defaultdict(list)
    outreach_rows = db.session.execute(
        owned_rows(
            Outreach,
            team_id,
            "id",
            "candidate_id",
            "sent_at",
            "responded_at",
            "direction",
            "channel",
        )
        .where(outreach_of)
        .order_by(sent.c.candidate_id, sent.c.sent_at, sent.c.id)
    )
    for row_id, candidate_id, sent_at, responded_at, direction, channel in outreach_rows:
        if candidate_id in wanted:
            outreach[candidate_id].append(
                scoring.OutreachIn(row_id, sent_at, responded_at, direction, channel)
            )
    return interviews, outreach


def _expire_loaded(ids: set[int]) -> None:
    """Candidates already loaded in the session read the new scores on next access."""
    for obj in list(db.session.identity_map.values()):
        if isinstance(obj, Candidate) and obj.id in ids:
            db.session.expire(obj)


def candidate_ids(
    team_id: int, after: int, limit: int, computed_before: datetime | None = None
) -> list[int]:
    """The next ``limit`` candidate ids of one owner after ``after``, in id order; with
    ``computed_before``, only those whose score was last written before it (or never)."""
    query = (
        owned(Candidate, team_id)
        .with_only_columns(Candidate.id)
        .where(Candidate.id > after)
        .order_by(Candidate.id)
        .limit(limit)
    )
    if computed_before is not None:
        query = query.where(
            or_(
                Candidate.score_computed_at.is_(None),
                Candidate.score_computed_at < computed_before,
            )
        )
    return list(db.session.scalars(query))
