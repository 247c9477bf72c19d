"""The ghost rule, written once: is this interview ghosted, possibly ghosted, or not?

An interview is **ghosted** when the candidate had confirmed it, did not show, the recruiter
followed up at least ``min_follow_ups`` times after the start (outbound outreach, any channel),
and nothing has been heard from the candidate since the start (no reply to any outreach, no
inbound message, no ``explained`` event) for at least ``silence_days`` after the start. Before
that it is a **possible ghost**, with what is still missing ("1 more follow-up", "4 days left").

A leaf: it judges rows it is handed and never queries, and knows nothing of suggestions,
reminders or scores. :func:`assess` also says when the verdict can next change by time alone
(``next_review_at``), so the clock only wakes for interviews that are due.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from recruiter.localtime import iso_z
from recruiter.models import Interview, Outreach

DAY = timedelta(days=1)


@dataclass(frozen=True)
class GhostSettings:
    """The thresholds of the ghost rule and of the fake-profile check.

    Override any of them in the configuration with a ``GHOST_SETTINGS`` mapping, e.g. in
    ``instance/config.py``: ``GHOST_SETTINGS = {"silence_days": 10}`` (or the environment
    variable ``RECRUITER_GHOST_SETTINGS='{"silence_days": 10}'``); ``recruiter.settings``
    reads and checks it at start-up.
    """

    min_follow_ups: int = 2  # outbound outreach after the start, any channel
    silence_days: float = 7.0  # days after the start with nothing heard from the candidate
    photo_max_distance: int = 6  # pHash bits (of 64) two photos may differ by and still match
    sweep_batch: int = 200  # interviews loaded per query by the sweep


DEFAULT_SETTINGS = GhostSettings()


@dataclass(frozen=True)
class GhostAssessment:
    state: str  # "ghosted" | "possible" | "no"
    missing: list[str] = field(default_factory=list)
    evidence: dict[str, Any] = field(default_factory=dict)
    # When time alone can next change the verdict or its "N days left" (None: only a write can).
    next_review_at: datetime | None = None

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

    for event in interview.live_events:
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
    """Is this interview ghosted as of ``now``? Rows recorded for later times are ignored, and
    the earliest of them is a moment to look again (``next_review_at``).

    ``interview`` needs its events (and client) loaded; ``outreach`` is the candidate's.
    """
    result = _assess(interview, outreach, now, settings)
    later = _first_after(interview, outreach, now)
    if later is not None and (result.next_review_at is None or later < result.next_review_at):
        return replace(result, next_review_at=later)
    return result


def _first_after(
    interview: Interview, outreach: Sequence[Outreach], now: datetime
) -> datetime | None:
    times = [e.at for e in interview.live_events]
    for row in outreach:
        if row.candidate_id == interview.candidate_id:
            times += [t for t in (row.sent_at, row.responded_at) if t is not None]
    return min((t for t in times if t > now), default=None)


def _assess(
    interview: Interview,
    outreach: Sequence[Outreach],
    now: datetime,
    settings: GhostSettings,
) -> GhostAssessment:
    start = interview.scheduled_at
    events = [e for e in interview.live_events if e.at <= now]
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
    next_review_at = None
    if days_left > 0:
        missing.append(f"{days_left} day{'s' if days_left != 1 else ''} left")
        # The moment "N days left" becomes N-1 (or, at the last day, the silence runs out).
        next_review_at = start + (settings.silence_days - days_left + 1) * DAY
    return GhostAssessment("possible" if missing else "ghosted", missing, evidence, next_review_at)


def interview_summary(interview: Interview) -> dict[str, Any]:
    return {
        "id": interview.id,
        "start": iso_z(interview.scheduled_at),
        "client": interview.client.name if interview.client else None,
        "role": interview.role,
    }
