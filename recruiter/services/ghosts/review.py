"""Storing the verdicts: judging every interview of some candidates (:func:`review_candidates`,
run after each unit of work), opening and withdrawing their suggestions, and the clock's
:func:`sweep` of the interviews due for review."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import selectinload

from recruiter.extensions import db
from recruiter.models import (
    CandidateSignal,
    Interview,
    Outreach,
    OutreachRow,
    Recruiter,
    Suggestion,
)
from recruiter.services import accounts, suggestions
from recruiter.services.ghost_rule import (
    DEFAULT_SETTINGS,
    GhostAssessment,
    GhostSettings,
    assess,
    heard_from,
)
from recruiter.services.ghosts import opening
from recruiter.services.ghosts.loading import latest_signal_since, with_details
from recruiter.services.ghosts.words import heard_text
from recruiter.services.scoping import owned

# A candidate's history as the caller loaded it: interviews with events and client, outreach.
Loaded = tuple[Sequence[Interview], Sequence[Outreach]]


# The interviews a review judges, and the suggestions it may withdraw.
_REVIEWABLE = or_(
    Interview.status == "no_show",
    Interview.ghost_state != "no",
    Interview.next_review_at.is_not(None),
)
_OPEN_GHOST_SUGGESTION = and_(
    Suggestion.status == "open",
    Suggestion.kind.in_(suggestions.GHOST_KINDS),
    Suggestion.interview_id.is_not(None),
)


@dataclass
class SweepSummary:
    opened: dict[str, int] = field(default_factory=lambda: dict.fromkeys(suggestions.KINDS, 0))
    withdrawn: int = 0
    possible: int = 0
    ghosted: int = 0
    reviewed: int = 0

    def __str__(self) -> str:
        detail = ", ".join(f"{kind} {n}" for kind, n in self.opened.items())
        return (
            f"reviewed {self.reviewed} interviews, opened {sum(self.opened.values())}, "
            f"withdrawn {self.withdrawn}, possible ghosts {self.possible} ({detail})"
        )

    def add(self, other: SweepSummary) -> None:
        for kind, n in other.opened.items():
            self.opened[kind] += n
        self.withdrawn += other.withdrawn
        self.possible += other.possible
        self.ghosted += other.ghosted
        self.reviewed += other.reviewed


def review_candidates(
    candidate_ids: Iterable[int],
    now: datetime,
    settings: GhostSettings = DEFAULT_SETTINGS,
    batch: int = 500,
    loaded: Mapping[int, Loaded] | None = None,
    many: bool = False,
) -> SweepSummary:
    """Judge, store and act on the ghost verdict of every interview of these candidates.

    For each interview that is (or was) a no-show: the verdict, what is missing and the moment
    time can next change it are stored on the interview; a ghosted one opens its
    ``remove_connection`` suggestion (and ``do_not_reconnect`` once the candidate signalled
    since) in the same transaction, so an interview never reads "ghosted" without it; open
    ghost suggestions of a candidate heard from since are withdrawn. Flushes, never commits.
    ``loaded``: the candidates' histories when the caller has them already (every one of
    ``candidate_ids``, interviews with events and client, outreach by time). ``many`` (a
    recompute, where most ghosts have their suggestions already): read which exist, one
    query a batch, rather than try to insert each.
    """
    summary = SweepSummary()
    ids = sorted(set(candidate_ids))
    for i in range(0, len(ids), batch):
        _review_batch(ids[i : i + batch], now, settings, summary, loaded, many)
    return summary


def to_review(team_id: int, candidate_ids: Sequence[int]) -> list[int]:
    """Of these candidates, those :func:`review_candidates` can change anything for: with a
    no-show or a stored verdict or review time, or an open ghost suggestion (two queries)."""
    ids = sorted(set(candidate_ids))
    if not ids:
        return []
    found = set(
        db.session.scalars(
            owned(Interview, team_id)
            .with_only_columns(Interview.candidate_id)
            .where(Interview.candidate_id.in_(ids), _REVIEWABLE)
        )
    )
    found.update(
        db.session.scalars(
            owned(Suggestion, team_id)
            .with_only_columns(Suggestion.candidate_id)
            .where(Suggestion.candidate_id.in_(ids), _OPEN_GHOST_SUGGESTION)
        )
    )
    return sorted(found)


def _under_review(interview: Interview) -> bool:
    """The interviews whose verdict can be other than "no" (``_REVIEWABLE``, in Python)."""
    return (
        interview.status == "no_show"
        or interview.ghost_state != "no"
        or interview.next_review_at is not None
    )


def _review_batch(
    ids: list[int],
    now: datetime,
    settings: GhostSettings,
    summary: SweepSummary,
    loaded: Mapping[int, Loaded] | None = None,
    many: bool = False,
) -> None:
    if loaded is None:
        interviews = list(
            db.session.scalars(
                with_details(select(Interview))
                .where(Interview.candidate_id.in_(ids), _REVIEWABLE)
                .order_by(Interview.id)
            )
        )
    else:
        interviews = sorted(
            (i for c in ids for i in loaded[c][0] if _under_review(i)),
            key=lambda i: i.id,
        )
        if not interviews:
            # An open ghost suggestion belongs to a ghosted interview of its candidate (it is
            # withdrawn in the review that ends the verdict): with the whole history at hand
            # and none under review, there is none to look for.
            return
    open_rows = _open_ghost_suggestions_of(ids)
    if not interviews and not open_rows:
        return
    outreach = _outreach_of(ids) if loaded is None else {c: list(loaded[c][1]) for c in ids}
    assessed = [(i, assess(i, outreach.get(i.candidate_id, []), now, settings)) for i in interviews]
    # Signals and who speaks only matter to ghosted interviews and withdrawals: a no-show
    # that stays "possible" or "no" costs no query for them.
    ghosted = [(i, a) for i, a in assessed if a.ghosted]
    signals = _signals_of(ids, now) if ghosted else {}
    owners = _in_charge([i for i, _ in ghosted] + [r.interview for r in open_rows])
    for interview, assessment in assessed:
        _store(interview, assessment)
        summary.reviewed += 1
        if assessment.possible:
            summary.possible += 1
    taken = _taken_keys(ids) if many and ghosted else set()
    openings: list[suggestions.Opening] = []
    for interview, assessment in ghosted:
        summary.ghosted += 1
        owner = owners[interview.id]
        if suggestions.interview_key("remove_connection", interview.id) not in taken:
            openings.append(opening.remove_connection(owner, interview, assessment, now))
        if suggestions.interview_key("do_not_reconnect", interview.id) in taken:
            continue  # opened once already (open_many would insert nothing)
        signal = latest_signal_since(interview, signals.get(interview.candidate_id, []))
        if signal is not None:
            openings.append(opening.do_not_reconnect(owner, interview, assessment, signal, now))
    opened = suggestions.open_many(openings, now)
    for row in openings:
        if row.key in opened:
            summary.opened[row.kind] += 1
    for row in open_rows:
        heard = heard_from(row.interview, outreach.get(row.candidate_id, []), until=now)
        if heard is not None:
            speaker = owners[row.interview.id]
            reason = heard_text(heard, speaker.time_zone, speaker.clock)
        elif row.interview.ghost_state != "ghosted":
            reason = "No longer a ghosted interview: its event log changed (an event retracted)."
        else:
            continue
        if suggestions.withdraw(row, reason, now):
            summary.withdrawn += 1


def _store(interview: Interview, assessment: GhostAssessment) -> None:
    if interview.ghost_state != assessment.state:
        interview.ghost_state = assessment.state
    if interview.ghost_missing != assessment.missing:
        interview.ghost_missing = list(assessment.missing)
    if interview.next_review_at != assessment.next_review_at:
        interview.next_review_at = assessment.next_review_at


def _open_ghost_suggestions_of(candidate_ids: list[int]) -> list[Suggestion]:
    return list(
        db.session.scalars(
            select(Suggestion)
            .where(Suggestion.candidate_id.in_(candidate_ids), _OPEN_GHOST_SUGGESTION)
            .options(selectinload(Suggestion.interview).selectinload(Interview.events))
        )
    )


def _taken_keys(candidate_ids: list[int]) -> set[str]:
    """The keys of these candidates' ghost suggestions, in any status (none is reopened)."""
    return set(
        db.session.scalars(
            select(Suggestion.key).where(
                Suggestion.candidate_id.in_(candidate_ids),
                Suggestion.kind.in_(suggestions.GHOST_KINDS),
            )
        )
    )


def _outreach_of(candidate_ids: list[int]) -> dict[int, list[OutreachRow]]:
    """Their outreach as plain rows (a review of many candidates reads tens of thousands)."""
    grouped: dict[int, list[OutreachRow]] = defaultdict(list)
    table = Outreach.__table__
    rows = db.session.execute(
        select(*(table.c[name] for name in OutreachRow._fields))
        .where(table.c.candidate_id.in_(candidate_ids))
        .order_by(table.c.sent_at, table.c.id)
    )
    for row in rows:
        grouped[row[1]].append(OutreachRow(*row))
    return grouped


def _signals_of(candidate_ids: list[int], now: datetime) -> dict[int, list[CandidateSignal]]:
    grouped: dict[int, list[CandidateSignal]] = defaultdict(list)
    rows = db.session.scalars(
        select(CandidateSignal)
        .where(CandidateSignal.candidate_id.in_(candidate_ids), CandidateSignal.at <= now)
        .order_by(CandidateSignal.at.desc(), CandidateSignal.id.desc())
    )
    for row in rows:
        grouped[row.candidate_id].append(row)
    return grouped


def _in_charge(interviews: Sequence[Interview]) -> dict[int, Recruiter]:
    """By interview id, the recruiter its suggestions speak for (their time zone and clock):
    the one in charge of it, or, if nobody is (any more), the team's stand-in
    (``accounts.stand_in``). One query."""
    if not interviews:
        return {}
    people = list(
        db.session.scalars(
            select(Recruiter)
            .where(
                Recruiter.team_id.in_({i.team_id for i in interviews})
                & (
                    Recruiter.id.in_({i.recruiter_id for i in interviews if i.recruiter_id})
                    | (Recruiter.role == "owner")
                )
            )
            .order_by(Recruiter.id)
        )
    )
    by_id = {r.id: r for r in people if r.active}
    teams: dict[int, list[Recruiter]] = {}
    for r in people:
        teams.setdefault(r.team_id, []).append(r)
    stand_ins = {team_id: accounts.stand_in(members) for team_id, members in teams.items()}
    return {i.id: by_id.get(i.recruiter_id) or stand_ins[i.team_id] for i in interviews}


def sweep(now: datetime, settings: GhostSettings = DEFAULT_SETTINGS) -> SweepSummary:
    """What the clock changes, as of ``now``: interviews whose ``next_review_at`` has come are
    judged again (an index finds them: nothing due costs one cheap query).

    Idempotent and safe to run concurrently: suggestions are inserted once per unique key,
    withdrawals are conditional updates. A dismissed suggestion is never reopened.
    """
    due = (
        select(Interview.candidate_id)
        .where(Interview.next_review_at.is_not(None), Interview.next_review_at <= now)
        .distinct()
    )
    return review_candidates(list(db.session.scalars(due)), now, settings)
