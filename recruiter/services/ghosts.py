"""Ghosted interviews: the stored verdicts, and the suggestions they open or withdraw.

The rule itself is :mod:`recruiter.services.ghost_rule` (a leaf). This module stores each
interview's verdict with the moment it can next change (:func:`review_candidates`, run by
:mod:`recruiter.services.consequences` after every unit of work and by the clock for due rows),
opens a ``remove_connection`` suggestion per ghosted interview (and ``do_not_reconnect`` when
the candidate signalled since), and withdraws the ones whose candidate was heard from.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import selectinload

from recruiter import localtime
from recruiter.extensions import db
from recruiter.localtime import iso_z
from recruiter.models import (
    Candidate,
    CandidateSignal,
    Interview,
    Outreach,
    Recruiter,
    Suggestion,
)
from recruiter.services import suggestions
from recruiter.services.ghost_rule import (
    DAY,
    DEFAULT_SETTINGS,
    GhostAssessment,
    GhostSettings,
    assess,
    heard_from,
    interview_summary,
)
from recruiter.services.scoping import owned

__all__ = [
    "DAY",
    "DEFAULT_SETTINGS",
    "GhostAssessment",
    "GhostSettings",
    "assess",
    "heard_from",
    "interview_summary",
]

# --- loading ----------------------------------------------------------------------------------


def with_details(query: Select[tuple[Interview]]) -> Select[tuple[Interview]]:
    return query.options(
        selectinload(Interview.events),
        selectinload(Interview.client),
        selectinload(Interview.candidate),
    )


def outreach_by_candidate(owner_id: int, candidate_ids: Iterable[int]) -> dict[int, list[Outreach]]:
    ids = sorted(set(candidate_ids))
    grouped: dict[int, list[Outreach]] = defaultdict(list)
    if not ids:
        return grouped
    rows = db.session.scalars(
        owned(Outreach, owner_id)
        .where(Outreach.candidate_id.in_(ids))
        .order_by(Outreach.sent_at, Outreach.id)
    )
    for row in rows:
        grouped[row.candidate_id].append(row)
    return grouped


def assess_many(
    owner_id: int, interviews: Sequence[Interview], now: datetime, settings: GhostSettings
) -> list[tuple[Interview, GhostAssessment]]:
    """Assess interviews (loaded :func:`with_details`) with one query for their outreach."""
    outreach = outreach_by_candidate(owner_id, (i.candidate_id for i in interviews))
    return [(i, assess(i, outreach.get(i.candidate_id, []), now, settings)) for i in interviews]


def as_stored(interview: Interview, live: GhostAssessment) -> GhostAssessment:
    """What pages show: the stored verdict and what it misses (the verdict its suggestion
    follows), with the evidence read as of now (follow-ups, days of silence)."""
    return replace(
        live,
        state=interview.ghost_state,
        missing=list(interview.ghost_missing or []),
        next_review_at=interview.next_review_at,
    )


def shown_many(
    owner_id: int, interviews: Sequence[Interview], now: datetime, settings: GhostSettings
) -> list[tuple[Interview, GhostAssessment]]:
    """:func:`assess_many` for display: the stored verdicts with today's evidence."""
    return [(i, as_stored(i, a)) for i, a in assess_many(owner_id, interviews, now, settings)]


def candidate_ghosts(
    owner: Recruiter,
    candidate_id: int,
    now: datetime,
    settings: GhostSettings,
    flagged_only: bool = False,
) -> list[tuple[Interview, GhostAssessment]]:
    """Every no-show of one candidate with its stored verdict (newest first); with
    ``flagged_only``, only those stored as possible or ghosted (what a page shows: its cost
    then follows the flagged no-shows, not every one in the history)."""
    query = with_details(owned(Interview, owner)).where(
        Interview.candidate_id == candidate_id, Interview.status == "no_show"
    )
    if flagged_only:
        query = query.where(Interview.ghost_state != "no")
    rows = list(db.session.scalars(query.order_by(Interview.scheduled_at.desc())))
    return shown_many(owner.id, rows, now, settings)


def possible_ghosts(
    owner: Recruiter, now: datetime, settings: GhostSettings, limit: int = 10
) -> list[tuple[Interview, GhostAssessment]]:
    """The owner's possible ghosts, newest first (for the dashboard)."""
    rows = list(
        db.session.scalars(
            with_details(owned(Interview, owner))
            .where(Interview.ghost_state == "possible")
            .order_by(Interview.scheduled_at.desc())
            .limit(limit)
        )
    )
    return shown_many(owner.id, rows[:limit], now, settings)


# --- words ------------------------------------------------------------------------------------


def _when(value: str | datetime | None, tz: str | None) -> str:
    if value is None:
        return "?"
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    local = localtime.to_local(value, tz)
    return local.strftime("%a %d %b %Y, %H:%M") if local else "?"


def describe_interview(evidence: Mapping[str, Any], tz: str | None) -> str:
    info = evidence.get("interview", {})
    where = f"with {info['client']}" if info.get("client") else ""
    role = f" ({info['role']})" if info.get("role") else ""
    return (
        " ".join(p for p in ("the interview", where) if p)
        + f"{role} on {_when(info.get('start'), tz)}"
    )


def ghost_reasons(assessment: GhostAssessment, candidate: Candidate, tz: str | None) -> list[str]:
    """Readable sentences for a ghosted interview's suggestion."""
    ev = assessment.evidence
    tries = ", ".join(
        f"{f['channel']} on {_when(f['sent_at'], tz)}" for f in ev.get("follow_ups", [])
    )
    reasons = [
        f"{candidate.full_name} confirmed {describe_interview(ev, tz)} "
        f"(confirmed {_when(ev.get('confirmed_at'), tz)}) and did not show up.",
        f"You followed up {len(ev.get('follow_ups', []))} times since: {tries}; none answered.",
        f"Nothing heard from them for {ev.get('silence_days', 0):.0f} days since the start.",
    ]
    if candidate.score is not None:
        reasons.append(
            f"Reliability score {candidate.score:.0f} ({candidate.confidence} confidence)."
        )
    return reasons


def heard_text(heard: Mapping[str, Any], tz: str | None) -> str:
    at = _when(heard.get("at"), tz)
    if heard["kind"] == "explained":
        return f"Heard from them: they explained the no-show ({at})."
    if heard["kind"] == "inbound":
        return f"Heard from them: they reached out by {heard.get('channel')} ({at})."
    return f"Heard from them: they answered your {heard.get('channel')} ({at})."


# --- acting on it -----------------------------------------------------------------------------


def ghost_evidence(
    assessment: GhostAssessment, candidate: Candidate, now: datetime
) -> dict[str, Any]:
    return {
        **assessment.evidence,
        "assessed_at": iso_z(now),
        "candidate": {
            "id": candidate.id,
            "name": candidate.full_name,
            "score": candidate.score,
            "confidence": candidate.confidence,
        },
    }


def open_remove_connection(
    owner: Recruiter, interview: Interview, assessment: GhostAssessment, now: datetime
) -> Suggestion | None:
    candidate = interview.candidate
    return suggestions.open_once(
        owner_id=owner.id,
        kind="remove_connection",
        key=suggestions.interview_key("remove_connection", interview.id),
        candidate_id=candidate.id,
        interview_id=interview.id,
        reasons=ghost_reasons(assessment, candidate, owner.time_zone),
        evidence=ghost_evidence(assessment, candidate, now),
        now=now,
    )


def open_do_not_reconnect(
    owner: Recruiter,
    interview: Interview,
    assessment: GhostAssessment,
    signal: CandidateSignal,
    now: datetime,
) -> Suggestion | None:
    candidate = interview.candidate
    tz = owner.time_zone
    what = (
        "asked to connect"
        if signal.type == "connection_request"
        else "announced a new position" + (f" ({signal.detail})" if signal.detail else "")
    )
    reasons = [
        f"{candidate.full_name} {what} on {_when(signal.at, tz)}, after ghosting "
        f"{describe_interview(assessment.evidence, tz)}.",
        *ghost_reasons(assessment, candidate, tz)[1:],
    ]
    evidence = ghost_evidence(assessment, candidate, now)
    evidence["signal"] = {
        "id": signal.id,
        "type": signal.type,
        "at": iso_z(signal.at),
        "detail": signal.detail,
    }
    return suggestions.open_once(
        owner_id=owner.id,
        kind="do_not_reconnect",
        key=suggestions.interview_key("do_not_reconnect", interview.id),
        candidate_id=candidate.id,
        interview_id=interview.id,
        reasons=reasons,
        evidence=evidence,
        now=now,
    )


# --- storing the verdicts ----------------------------------------------------------------------

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
) -> SweepSummary:
    """Judge, store and act on the ghost verdict of every interview of these candidates.

    For each interview that is (or was) a no-show: the verdict, what is missing and the moment
    time can next change it are stored on the interview; a ghosted one opens its
    ``remove_connection`` suggestion (and ``do_not_reconnect`` once the candidate signalled
    since) in the same transaction, so an interview never reads "ghosted" without it; open
    ghost suggestions of a candidate heard from since are withdrawn. Flushes, never commits.
    ``loaded``: the candidates' histories when the caller has them already (every one of
    ``candidate_ids``, interviews with events and client, outreach by time).
    """
    summary = SweepSummary()
    ids = sorted(set(candidate_ids))
    for i in range(0, len(ids), batch):
        _review_batch(ids[i : i + batch], now, settings, summary, loaded)
    return summary


def to_review(owner_id: int, candidate_ids: Sequence[int]) -> list[int]:
    """Of these candidates, those :func:`review_candidates` can change anything for: with a
    no-show or a stored verdict or review time, or an open ghost suggestion (two queries)."""
    ids = sorted(set(candidate_ids))
    if not ids:
        return []
    found = set(
        db.session.scalars(
            owned(Interview, owner_id)
            .with_only_columns(Interview.candidate_id)
            .where(Interview.candidate_id.in_(ids), _REVIEWABLE)
        )
    )
    found.update(
        db.session.scalars(
            owned(Suggestion, owner_id)
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
    open_rows = _open_ghost_suggestions_of(ids)
    if not interviews and not open_rows:
        return
    outreach = _outreach_of(ids) if loaded is None else {c: list(loaded[c][1]) for c in ids}
    signals = _signals_of(ids, now)
    owners = _owners({i.owner_id for i in interviews} | {r.owner_id for r in open_rows})
    for interview in interviews:
        assessment = assess(interview, outreach.get(interview.candidate_id, []), now, settings)
        _store(interview, assessment)
        summary.reviewed += 1
        if assessment.possible:
            summary.possible += 1
        if not assessment.ghosted:
            continue
        summary.ghosted += 1
        owner = owners[interview.owner_id]
        if open_remove_connection(owner, interview, assessment, now) is not None:
            summary.opened["remove_connection"] += 1
        signal = latest_signal_since(interview, signals.get(interview.candidate_id, []))
        if signal is not None and (
            open_do_not_reconnect(owner, interview, assessment, signal, now) is not None
        ):
            summary.opened["do_not_reconnect"] += 1
    for row in open_rows:
        heard = heard_from(row.interview, outreach.get(row.candidate_id, []), until=now)
        if heard is not None:
            reason = heard_text(heard, owners[row.owner_id].time_zone)
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


def _outreach_of(candidate_ids: list[int]) -> dict[int, list[Outreach]]:
    grouped: dict[int, list[Outreach]] = defaultdict(list)
    rows = db.session.scalars(
        select(Outreach)
        .where(Outreach.candidate_id.in_(candidate_ids))
        .order_by(Outreach.sent_at, Outreach.id)
    )
    for row in rows:
        grouped[row.candidate_id].append(row)
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


def _owners(ids: set[int]) -> dict[int, Recruiter]:
    if not ids:
        return {}
    return {r.id: r for r in db.session.scalars(select(Recruiter).where(Recruiter.id.in_(ids)))}


# --- the clock --------------------------------------------------------------------------------


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


def signals_by_candidate(
    owner_id: int, candidate_ids: Iterable[int], now: datetime
) -> dict[int, list[CandidateSignal]]:
    """Each candidate's signals up to ``now``, newest first."""
    ids = sorted(set(candidate_ids))
    grouped: dict[int, list[CandidateSignal]] = defaultdict(list)
    if not ids:
        return grouped
    rows = db.session.scalars(
        owned(CandidateSignal, owner_id)
        .where(CandidateSignal.candidate_id.in_(ids), CandidateSignal.at <= now)
        .order_by(CandidateSignal.at.desc(), CandidateSignal.id.desc())
    )
    for row in rows:
        grouped[row.candidate_id].append(row)
    return grouped


def latest_signal_since(
    interview: Interview, signals: Sequence[CandidateSignal]
) -> CandidateSignal | None:
    return next((s for s in signals if s.at >= interview.scheduled_at), None)
