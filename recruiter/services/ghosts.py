"""Ghosted interviews: the rule, written once, and the sweep that acts on it.

An interview is **ghosted** when the candidate had confirmed it, did not show, the recruiter
followed up at least ``min_follow_ups`` times after the start (outbound outreach, any channel),
and nothing has been heard from the candidate since the start (no reply to any outreach, no
inbound message, no ``explained`` event) for at least ``silence_days`` after the start. Before
that it is a **possible ghost**, with what is still missing ("1 more follow-up", "4 days left").

:func:`assess` judges one interview from plain rows; :func:`sweep` opens a ``remove_connection``
suggestion per ghosted interview (and ``do_not_reconnect`` when the candidate signalled since),
withdraws the ones whose candidate was heard from, and checks profile photos.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, and_, exists, or_, select
from sqlalchemy.orm import selectinload

from recruiter import localtime
from recruiter.extensions import db
from recruiter.localtime import iso_z
from recruiter.models import (
    Candidate,
    CandidateSignal,
    Interview,
    InterviewEvent,
    Outreach,
    Recruiter,
    Suggestion,
)
from recruiter.services import suggestions
from recruiter.services.scoping import owned

DAY = timedelta(days=1)


@dataclass(frozen=True)
class GhostSettings:
    """The thresholds of the ghost rule and of the fake-profile check.

    Override any of them in the configuration with a ``GHOST_SETTINGS`` mapping, e.g. in
    ``instance/config.py``: ``GHOST_SETTINGS = {"silence_days": 10}`` (or the environment
    variable ``RECRUITER_GHOST_SETTINGS='{"silence_days": 10}'``).
    """

    min_follow_ups: int = 2  # outbound outreach after the start, any channel
    silence_days: float = 7.0  # days after the start with nothing heard from the candidate
    photo_max_distance: int = 6  # pHash bits (of 64) two photos may differ by and still match
    sweep_batch: int = 200  # interviews loaded per query by the sweep

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> GhostSettings:
        overrides = dict(config.get("GHOST_SETTINGS") or {})
        unknown = set(overrides) - {f.name for f in fields(cls)}
        if unknown:
            raise ValueError(f"GHOST_SETTINGS: unknown settings {', '.join(sorted(unknown))}")
        return cls(**overrides)


DEFAULT_SETTINGS = GhostSettings()


@dataclass(frozen=True)
class GhostAssessment:
    state: str  # "ghosted" | "possible" | "no"
    missing: list[str] = field(default_factory=list)
    evidence: dict[str, Any] = field(default_factory=dict)

    @property
    def ghosted(self) -> bool:
        return self.state == "ghosted"

    @property
    def possible(self) -> bool:
        return self.state == "possible"


# --- the rule ---------------------------------------------------------------------------------


def heard_from(
    interview: Interview, outreach: Iterable[Outreach], until: datetime | None = None
) -> dict[str, Any] | None:
    """The first sign of life from the candidate since the interview's start, or None.

    A reply to any outreach (even one sent before the start), a message they sent, or their
    explanation of the no-show. With ``until``, later rows are ignored ("as of" that time).
    """
    start = interview.scheduled_at
    found: list[tuple[datetime, dict[str, Any]]] = []

    def seen(at: datetime | None) -> bool:
        return at is not None and at >= start and (until is None or at <= until)

    for event in interview.events:
        if event.type == "explained" and (until is None or event.at <= until):
            found.append((event.at, {"kind": "explained", "at": iso_z(event.at)}))
    for row in outreach:
        if row.candidate_id != interview.candidate_id:
            continue
        if row.direction == "inbound" and seen(row.sent_at):
            info = {"kind": "inbound", "at": iso_z(row.sent_at), "channel": row.channel}
            found.append((row.sent_at, info))
        elif row.direction == "outbound" and seen(row.responded_at):
            info = {"kind": "reply", "at": iso_z(row.responded_at), "channel": row.channel}
            found.append((row.responded_at, info))  # type: ignore[arg-type]
    if not found:
        return None
    return min(found, key=lambda pair: pair[0])[1]


def assess(
    interview: Interview,
    outreach: Sequence[Outreach],
    now: datetime,
    settings: GhostSettings = DEFAULT_SETTINGS,
) -> GhostAssessment:
    """Is this interview ghosted as of ``now``? Rows recorded for later times are ignored.

    ``interview`` needs its events (and client) loaded; ``outreach`` is the candidate's.
    """
    start = interview.scheduled_at
    events = [e for e in interview.events if e.at <= now]
    confirmed = next((e for e in events if e.type == "confirmed"), None)
    no_show = next((e for e in events if e.type == "no_show"), None)
    evidence: dict[str, Any] = {"interview": interview_summary(interview)}
    if no_show is None:
        return GhostAssessment("no", evidence={**evidence, "why": "not a no-show"})
    if confirmed is None:
        return GhostAssessment("no", evidence={**evidence, "why": "never confirmed"})
    follow_ups = sorted(
        (
            o
            for o in outreach
            if o.candidate_id == interview.candidate_id
            and o.direction == "outbound"
            and start <= o.sent_at <= now
        ),
        key=lambda o: o.sent_at,
    )
    silence = max((now - start) / DAY, 0.0)
    evidence.update(
        confirmed_at=iso_z(confirmed.at),
        no_show_at=iso_z(no_show.at),
        follow_ups=[
            {"outreach_id": o.id, "channel": o.channel, "sent_at": iso_z(o.sent_at)}
            for o in follow_ups
        ],
        silence_days=round(silence, 1),
    )
    heard = heard_from(interview, outreach, until=now)
    if heard is not None:
        evidence.update(heard_from=heard, why="heard from since the start")
        return GhostAssessment("no", evidence=evidence)
    missing = []
    needed = settings.min_follow_ups - len(follow_ups)
    if needed > 0:
        missing.append(f"{needed} more follow-up{'s' if needed != 1 else ''}")
    days_left = math.ceil(settings.silence_days - silence - 1e-9)
    if days_left > 0:
        missing.append(f"{days_left} day{'s' if days_left != 1 else ''} left")
    return GhostAssessment("possible" if missing else "ghosted", missing, evidence)


def interview_summary(interview: Interview) -> dict[str, Any]:
    return {
        "id": interview.id,
        "start": iso_z(interview.scheduled_at),
        "client": interview.client.name if interview.client else None,
        "role": interview.role,
    }


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


def _unresolved(now: datetime) -> list[Any]:
    start = Interview.scheduled_at
    confirmed = exists().where(
        InterviewEvent.interview_id == Interview.id,
        InterviewEvent.type == "confirmed",
        InterviewEvent.at <= now,
    )
    answered = exists().where(
        Outreach.candidate_id == Interview.candidate_id,
        or_(
            and_(Outreach.responded_at >= start, Outreach.responded_at <= now),
            and_(
                Outreach.direction == "inbound", Outreach.sent_at >= start, Outreach.sent_at <= now
            ),
        ),
    )
    return [Interview.status == "no_show", Interview.explained.is_(False), confirmed, ~answered]


def unresolved_no_shows(owner: Recruiter | int, now: datetime) -> Select[tuple[Interview]]:
    """No-shows the candidate had confirmed, not explained and not answered since the start,
    with no ``remove_connection`` suggestion yet: the interviews that may become ghosted."""
    suggested = exists().where(
        Suggestion.interview_id == Interview.id, Suggestion.kind == "remove_connection"
    )
    return owned(Interview, owner).where(*_unresolved(now), ~suggested)


def candidate_ghosts(
    owner: Recruiter, candidate_id: int, now: datetime, settings: GhostSettings
) -> list[tuple[Interview, GhostAssessment]]:
    """Every no-show of one candidate, assessed (newest first)."""
    rows = list(
        db.session.scalars(
            with_details(owned(Interview, owner))
            .where(Interview.candidate_id == candidate_id, Interview.status == "no_show")
            .order_by(Interview.scheduled_at.desc())
        )
    )
    return assess_many(owner.id, rows, now, settings)


def possible_ghosts(
    owner: Recruiter, now: datetime, settings: GhostSettings, limit: int = 10
) -> list[tuple[Interview, GhostAssessment]]:
    """The owner's possible ghosts, newest first (for the dashboard)."""
    rows = list(
        db.session.scalars(
            with_details(unresolved_no_shows(owner, now))
            .order_by(Interview.scheduled_at.desc())
            .limit(limit * 3)
        )
    )
    return [pair for pair in assess_many(owner.id, rows, now, settings) if pair[1].possible][:limit]


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


def withdraw_if_heard_from(candidate: Candidate, now: datetime) -> int:
    """Withdraw the candidate's open ghost suggestions if they were heard from since the start.

    Called in the same transaction as every write to their history (reliability.refresh).
    """
    open_rows = _open_ghost_suggestions(candidate.owner_id, candidate.id)
    if not open_rows:
        return 0
    outreach = outreach_by_candidate(candidate.owner_id, [candidate.id]).get(candidate.id, [])
    return _withdraw_heard(open_rows, outreach, None, _time_zone(candidate.owner_id), now)


def _withdraw_heard(
    rows: Sequence[Suggestion],
    outreach: Sequence[Outreach],
    until: datetime | None,
    tz: str | None,
    now: datetime,
) -> int:
    count = 0
    for row in rows:
        if row.interview is None:
            continue
        heard = heard_from(row.interview, outreach, until)
        if heard is not None and suggestions.withdraw(row, heard_text(heard, tz), now):
            count += 1
    return count


def _time_zone(owner_id: int) -> str | None:
    owner = db.session.get(Recruiter, owner_id)
    return owner.time_zone if owner else None


# --- the sweep --------------------------------------------------------------------------------


@dataclass
class SweepSummary:
    opened: dict[str, int] = field(default_factory=lambda: dict.fromkeys(suggestions.KINDS, 0))
    withdrawn: int = 0
    possible: int = 0
    ghosted: int = 0

    def __str__(self) -> str:
        detail = ", ".join(f"{kind} {n}" for kind, n in self.opened.items())
        return (
            f"opened {sum(self.opened.values())}, withdrawn {self.withdrawn}, "
            f"possible ghosts {self.possible} ({detail})"
        )


def sweep(now: datetime, settings: GhostSettings = DEFAULT_SETTINGS) -> SweepSummary:
    """Every recruiter's ghosted interviews and photo matches, as of ``now``.

    Idempotent and safe to run concurrently: suggestions are inserted once per unique key,
    withdrawals are conditional updates. A dismissed suggestion is never reopened.
    """
    from recruiter.services import fake_profiles

    summary = SweepSummary()
    for owner in list(db.session.scalars(select(Recruiter).order_by(Recruiter.id))):
        summary.withdrawn += _withdraw_pass(owner, now)
        _ghost_pass(owner, now, settings, summary)
        opened, withdrawn = fake_profiles.check_owner(owner, now, settings)
        summary.opened["possible_fake_profile"] += opened
        summary.withdrawn += withdrawn
    return summary


def _open_ghost_suggestions(owner_id: int, candidate_id: int | None = None) -> list[Suggestion]:
    """Open suggestions that cite a ghosted interview, with the interview's events loaded."""
    query = (
        owned(Suggestion, owner_id)
        .where(
            Suggestion.status == "open",
            Suggestion.kind.in_(suggestions.GHOST_KINDS),
            Suggestion.interview_id.is_not(None),
        )
        .options(selectinload(Suggestion.interview).selectinload(Interview.events))
    )
    if candidate_id is not None:
        query = query.where(Suggestion.candidate_id == candidate_id)
    return list(db.session.scalars(query))


def _withdraw_pass(owner: Recruiter, now: datetime) -> int:
    rows = _open_ghost_suggestions(owner.id)
    if not rows:
        return 0
    outreach = outreach_by_candidate(owner.id, (r.candidate_id for r in rows))
    count = 0
    for row in rows:
        mine = outreach.get(row.candidate_id, [])
        count += _withdraw_heard([row], mine, now, owner.time_zone, now)
    return count


def _sweep_query(owner: Recruiter, now: datetime) -> Select[tuple[Interview]]:
    """Interviews that may need a suggestion: silent confirmed no-shows without a
    ``remove_connection`` suggestion yet, or without a ``do_not_reconnect`` one while the
    candidate signalled since the start."""
    signalled = exists().where(
        CandidateSignal.candidate_id == Interview.candidate_id,
        CandidateSignal.at >= Interview.scheduled_at,
        CandidateSignal.at <= now,
    )

    def lacking(kind: str) -> Any:
        return ~exists().where(Suggestion.interview_id == Interview.id, Suggestion.kind == kind)

    return owned(Interview, owner).where(
        *_unresolved(now),
        or_(lacking("remove_connection"), and_(signalled, lacking("do_not_reconnect"))),
    )


def _ghost_pass(
    owner: Recruiter, now: datetime, settings: GhostSettings, summary: SweepSummary
) -> None:
    last_id = 0
    query = with_details(_sweep_query(owner, now)).order_by(Interview.id)
    while True:
        batch = list(
            db.session.scalars(query.where(Interview.id > last_id).limit(settings.sweep_batch))
        )
        if not batch:
            return
        last_id = batch[-1].id
        signals = signals_by_candidate(owner.id, (i.candidate_id for i in batch), now)
        for interview, assessment in assess_many(owner.id, batch, now, settings):
            if assessment.possible:
                summary.possible += 1
            if not assessment.ghosted:
                continue
            summary.ghosted += 1
            if open_remove_connection(owner, interview, assessment, now) is not None:
                summary.opened["remove_connection"] += 1
            signal = latest_signal_since(interview, signals.get(interview.candidate_id, []))
            if signal is not None and (
                open_do_not_reconnect(owner, interview, assessment, signal, now) is not None
            ):
                summary.opened["do_not_reconnect"] += 1


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
