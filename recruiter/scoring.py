"""The reliability score: plain data in, a score with its reasons out.

Pure on purpose: standard library only, no queries, no clock. Everything depends on the
arguments and on ``now``; events recorded after ``now`` are ignored, so the same function also
answers "what was the score on that day" (``score_history``). docs/scoring.md explains the
model in words and formulas.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

HOUR = 3600.0
DAY = 86400.0
COMPONENTS = ("attendance", "follow_through", "responsiveness")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class EventIn:
    """One interview event from the append-only log."""

    type: str  # confirmation_requested | confirmed | declined | cancelled | rescheduled
    #            | attended | no_show | explained
    at: datetime  # tz-aware UTC: when it happened or was said
    by: str | None = None  # candidate | client | recruiter (cancelled / rescheduled)
    new_scheduled_at: datetime | None = None  # rescheduled only


@dataclass(frozen=True)
class InterviewIn:
    id: int
    scheduled_at: datetime  # the original scheduled start, as first created
    events: tuple[EventIn, ...]  # in the order they were recorded


@dataclass(frozen=True)
class OutreachIn:
    id: int
    sent_at: datetime
    responded_at: datetime | None
    direction: str = "outbound"  # outbound (recruiter -> candidate) | inbound
    channel: str = "call"  # call | text | email | message | voicemail


@dataclass(frozen=True)
class ScoringSettings:
    """Every number of the model. docs/scoring.md says where each one comes from."""

    # Attendance credit per observation (1 = as good as attending, 0 = silent no-show).
    attended: float = 1.0
    changed_with_notice: float = 0.85  # candidate cancelled/rescheduled >= notice_hours ahead
    changed_short_notice: float = 0.6  # less notice, or the candidate's third change
    no_show_explained_soon: float = 0.25  # explained within explain_hours after the start
    no_show_explained_late: float = 0.1
    no_show_silent: float = 0.0
    notice_hours: float = 24.0  # "with notice" means at least this long before the start
    explain_hours: float = 24.0
    changes_before_short: int = 2  # the candidate's change number 3 onwards counts as short
    # A silent no-show is the strongest evidence there is: it counts as this many observations
    # (of attendance, and of follow-through when confirmed). Explained ones count once.
    silent_no_show_weight: float = 5.0
    # Follow-through credit, only for interviews the candidate had confirmed.
    kept_or_notice: float = 1.0  # attended, or changed with notice
    kept_short_notice: float = 0.5
    kept_no_show: float = 0.0  # confirmed, then a silent no-show
    kept_explained_soon: float = 0.5  # confirmed, missed, but said so within explain_hours
    kept_explained_late: float = 0.25
    # Responsiveness credit per outbound outreach (first message of any window).
    reply_fast_hours: float = 24.0
    reply_fast: float = 1.0
    reply_slow_hours: float = 72.0  # also: an unanswered message younger than this is open
    reply_slow: float = 0.5
    reply_late: float = 0.0  # later than reply_slow_hours, or never
    outreach_window_hours: float = 24.0  # follow-ups within this window of a counted message
    # Beta priors (alpha, beta) and half-lives in days of the evidence weight 2^(-age/half-life).
    attendance_prior: tuple[float, float] = (3.6, 0.4)  # issue: (3.2, 0.8); see docs
    follow_through_prior: tuple[float, float] = (3.2, 0.8)
    responsiveness_prior: tuple[float, float] = (2.1, 0.9)
    attendance_half_life_days: float = 180.0
    follow_through_half_life_days: float = 180.0
    responsiveness_half_life_days: float = 180.0
    # No-show probability: Beta(no-shows, attended) with its own prior (mean 0.1, weight 2).
    no_show_prior: tuple[float, float] = (0.2, 1.8)
    no_show_half_life_days: float = 365.0
    # Score = 100 * weighted posterior means; the band is score +/- band_z * sd.
    attendance_weight: float = 0.5
    follow_through_weight: float = 0.25
    responsiveness_weight: float = 0.25
    band_z: float = 1.645
    # Confidence from evidence = weighted interview observations + half weight for the rest.
    other_evidence_weight: float = 0.5
    medium_evidence: float = 3.0
    high_evidence: float = 8.0
    reason_count: int = 3
    # Words: "reliable so far" from this score, "unreliable so far" under the other; a silent
    # no-show younger than silence_days is named instead, whatever the score.
    reliable_at: float = 75.0
    unreliable_below: float = 50.0
    silence_days: float = 365.0


DEFAULT_SETTINGS = ScoringSettings()


@dataclass(frozen=True)
class Reliability:
    """What the recruiter sees: a score out of 100 with its uncertainty and its reasons."""

    score: float | None
    band: tuple[float, float] | None
    confidence: str  # none | low | medium | high
    components: dict[str, float | None]  # posterior means (the prior's without evidence)
    no_show_probability: float
    median_response_hours: float | None
    usually_no_reply: bool
    evidence: dict[str, int]  # interviews and outreach that produced observations
    reasons: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    # Per component, the evidence first, then the estimate with how much it rests on:
    # {"observed": "0 of 1 attended", "estimate": 0.47, "evidence": "little evidence"}.
    component_evidence: dict[str, dict[str, object]] = field(default_factory=dict)
    silence: str | None = None  # "a silent no-show on 13 May": the latest, if recent
    verdict: str = "new, no history yet"  # the score in words (see verdict_text)

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of the API and the templates."""
        return {
            "score": _round(self.score, 1),
            "band": [round(x, 1) for x in self.band] if self.band else None,
            "confidence": self.confidence,
            "components": {k: _round(v, 3) for k, v in self.components.items()},
            "no_show_probability": round(self.no_show_probability, 3),
            "median_response_hours": _round(self.median_response_hours, 1),
            "usually_no_reply": self.usually_no_reply,
            "evidence": dict(self.evidence),
            "reasons": list(self.reasons),
            "facts": list(self.facts),
            "component_evidence": {k: dict(v) for k, v in self.component_evidence.items()},
            "silence": self.silence,
            "verdict": self.verdict,
        }


@dataclass(frozen=True)
class _Obs:
    component: str  # one of COMPONENTS, or "no_show"
    credit: float
    at: datetime
    source: int  # index of the event (a _Source) that produced it
    weight: float = 1.0  # how many observations it counts as (a silent no-show: several)
    decay: float = 1.0  # how much of it is left at the evaluation's ``now`` (see _dated)


@dataclass(frozen=True)
class _Source:
    text: str  # with a {date} placeholder
    at: datetime
    kind: str  # for facts: attended | silent | soon | late | notice | short | fast | slow | none


@dataclass
class _History:
    obs: list[_Obs] = field(default_factory=list)
    sources: list[_Source] = field(default_factory=list)
    replies: list[tuple[float, bool]] = field(default_factory=list)  # (hours, answered)
    interviews: int = 0
    outreach: int = 0

    def add(
        self, source: _Source, *observations: tuple[str, float, datetime], weight: float = 1.0
    ) -> None:
        """Record an event; ``weight`` applies to its attendance and follow-through only."""
        index = len(self.sources)
        self.sources.append(source)
        self.obs.extend(
            _Obs(c, credit, at, index, weight if c in ("attendance", "follow_through") else 1.0)
            for c, credit, at in observations
        )


def score_candidate(
    interviews: Sequence[InterviewIn],
    outreach: Sequence[OutreachIn],
    now: datetime,
    settings: ScoringSettings = DEFAULT_SETTINGS,
) -> Reliability:
    """The candidate's reliability as known at ``now``."""
    return _evaluate(interviews, outreach, now, settings, explain=True)


def score_history(
    interviews: Sequence[InterviewIn],
    outreach: Sequence[OutreachIn],
    points: Sequence[datetime],
    settings: ScoringSettings = DEFAULT_SETTINGS,
) -> list[tuple[datetime, float | None]]:
    """The score as it stood at each point, from what was known then."""
    return [(p, _evaluate(interviews, outreach, p, settings, explain=False).score) for p in points]


# What the score makes of one interview, as the dashboard's chart counts it.
OUTCOME_OF_KIND = {
    "attended": "attended",
    "silent": "silent_no_show",
    "soon": "explained_no_show",
    "late": "explained_no_show",
    "notice": "cancelled_with_notice",
}


def classify_interview(
    interview: InterviewIn, now: datetime, settings: ScoringSettings = DEFAULT_SETTINGS
) -> str | None:
    """The interview's outcome as the score judges it (the same notice threshold, the same
    treatment of explanations): ``attended``, ``silent_no_show``, ``explained_no_show``,
    ``cancelled_with_notice``, or None (no outcome that counts, e.g. the client's change)."""
    h = _History()
    _add_interview(h, interview, now, settings)
    kinds = [src.kind for src in h.sources]
    outcomes = [k for k in kinds if k in ("attended", "silent", "soon", "late")]
    if outcomes:
        return OUTCOME_OF_KIND[outcomes[-1]]
    return OUTCOME_OF_KIND["notice"] if "notice" in kinds else None


def verdict_text(
    score: float | None, silence: str | None = None, settings: ScoringSettings = DEFAULT_SETTINGS
) -> str:
    """The score in the words a recruiter would use; a silence is named, never "reliable"."""
    if score is None:
        return "new, no history yet"
    if silence:
        return f"{'unreliable' if score < settings.unreliable_below else 'doubtful'}: {silence}"
    if score >= settings.reliable_at:
        return "reliable so far"
    return "unreliable so far" if score < settings.unreliable_below else "a mixed record"


def kaplan_meier_median(durations: Sequence[tuple[float, bool]]) -> float | None:
    """Median of (duration, observed) pairs, unobserved ones right-censored; None if never."""
    data = sorted(durations, key=lambda d: (d[0], not d[1]))
    at_risk, survival, i = len(data), 1.0, 0
    while i < len(data):
        t, events, gone = data[i][0], 0, 0
        while i < len(data) and data[i][0] == t:
            events += data[i][1]
            gone += 1
            i += 1
        survival *= 1 - events / at_risk
        if survival <= 0.5:
            return t
        at_risk -= gone
    return None


def _evaluate(
    interviews: Sequence[InterviewIn],
    outreach: Sequence[OutreachIn],
    now: datetime,
    s: ScoringSettings,
    *,
    explain: bool,
) -> Reliability:
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware (UTC)")
    history = _History()
    for interview in interviews:
        _add_interview(history, interview, now, s)
    _add_outreach(history, outreach, now, s)
    history.obs = _dated(history.obs, now, s)
    posteriors = _posteriors(history.obs, now, s)
    no_show = _mean(posteriors["no_show"])
    median, usually_no_reply = _reply_summary(history, s)
    evidence = {"interviews": history.interviews, "outreach": history.outreach}
    if not any(o.component in COMPONENTS for o in history.obs):
        return _no_history(no_show, evidence)
    score, sd = _score(posteriors, s)
    silence = _silence(history, now, s)
    return Reliability(
        score=score,
        band=(max(0.0, score - s.band_z * sd), min(100.0, score + s.band_z * sd)),
        confidence=_confidence(history.obs, now, s),
        components={c: _mean(posteriors[c]) for c in COMPONENTS},
        no_show_probability=no_show,
        median_response_hours=median,
        usually_no_reply=usually_no_reply,
        evidence=evidence,
        reasons=_reasons(history, score, now, s) if explain else [],
        facts=_facts(history, median, usually_no_reply) if explain else [],
        component_evidence=_component_evidence(history, posteriors, now, s) if explain else {},
        silence=silence,
        verdict=verdict_text(score, silence, s),
    )


def _no_history(no_show: float, evidence: dict[str, int]) -> Reliability:
    return Reliability(
        score=None,
        band=None,
        confidence="none",
        components=dict.fromkeys(COMPONENTS),
        no_show_probability=no_show,
        median_response_hours=None,
        usually_no_reply=False,
        evidence=evidence,
        reasons=["New, no history yet"],
        facts=["new, no history yet"],
    )


def _reply_summary(h: _History, s: ScoringSettings) -> tuple[float | None, bool]:
    """Kaplan-Meier median reply time; "usually no reply" when most messages never got one."""
    median = kaplan_meier_median(h.replies)
    unanswered = sum(1 for hours, ok in h.replies if not ok and hours >= s.reply_slow_hours)
    return median, median is None and 2 * unanswered > len(h.replies)


@dataclass
class _Slot:
    """The outcome of one scheduled slot of an interview."""

    kind: str  # attended | no_show (the last one recorded: later ones are corrections)
    start: datetime
    confirmed: bool
    explained: datetime | None = None


def _add_interview(h: _History, interview: InterviewIn, now: datetime, s: ScoringSettings) -> None:
    """Observations: one per change the candidate made, one per slot attended or missed."""
    start, changes, confirmed = interview.scheduled_at, 0, False
    slots: list[_Slot] = []
    open_slot, early_explanation = False, None
    before = len(h.sources)
    for ev in (e for e in interview.events if e.at <= now):
        if ev.type in ("confirmed", "declined"):
            confirmed = ev.type == "confirmed"
        elif ev.type in ("attended", "no_show") and open_slot:
            slots[-1].kind = ev.type
        elif ev.type in ("attended", "no_show"):
            slots.append(_Slot(ev.type, min(start, ev.at), confirmed, early_explanation))
            open_slot, confirmed, early_explanation = True, False, None
        elif ev.type == "explained":
            missed = [x for x in slots if x.kind == "no_show" and x.explained is None]
            if missed:
                missed[-1].explained = ev.at
            else:
                early_explanation = early_explanation or ev.at
        elif ev.type in ("cancelled", "rescheduled") and ev.by == "candidate":
            changes += 1
            _add_change(h, ev, start, changes, confirmed, s)
            confirmed = False
        if ev.type == "rescheduled" and ev.new_scheduled_at is not None:
            start, open_slot = ev.new_scheduled_at, False
    for slot in slots:
        _add_outcome(h, slot, s)
    h.interviews += len(h.sources) > before


def _add_change(
    h: _History, ev: EventIn, start: datetime, number: int, confirmed: bool, s: ScoringSettings
) -> None:
    notice = (start - ev.at).total_seconds() / HOUR
    with_notice = notice >= s.notice_hours and number <= s.changes_before_short
    verb = "Cancelled" if ev.type == "cancelled" else "Rescheduled"
    if number > s.changes_before_short:
        text = f"{verb} the same interview a {_ordinal(number)} time on {{date}}"
    elif notice <= 0:
        text = f"{verb} after the start on {{date}}"
    else:
        text = f"{verb} {_duration(notice)} ahead on {{date}}"
    obs = [("attendance", s.changed_with_notice if with_notice else s.changed_short_notice, ev.at)]
    if confirmed:
        ft = s.kept_or_notice if with_notice else s.kept_short_notice
        obs.append(("follow_through", ft, ev.at))
    h.add(_Source(text, ev.at, "notice" if with_notice else "short"), *obs)


def _add_outcome(h: _History, slot: _Slot, s: ScoringSettings) -> None:
    start = slot.start
    if slot.kind == "attended":
        obs = [("attendance", s.attended, start), ("no_show", 0.0, start)]
        if slot.confirmed:
            obs.append(("follow_through", s.kept_or_notice, start))
        h.add(_Source("Attended interview on {date}", start, "attended"), *obs)
        return
    delay = (slot.explained - start).total_seconds() / HOUR if slot.explained else None
    weight = 1.0
    if delay is None:
        credit, kept, weight = s.no_show_silent, s.kept_no_show, s.silent_no_show_weight
        text, tag = "Silent no-show on {date}", "silent"
    elif delay <= s.explain_hours:
        credit, kept = s.no_show_explained_soon, s.kept_explained_soon
        text, tag = "No-show on {date}, explained within a day", "soon"
    else:
        credit, kept = s.no_show_explained_late, s.kept_explained_late
        text, tag = "No-show on {date}, explained later", "late"
    obs = [("attendance", credit, start), ("no_show", 1.0, start)]
    if slot.confirmed:
        obs.append(("follow_through", kept, start))
    h.add(_Source(text, start, tag), *obs, weight=weight)


def _add_outreach(
    h: _History, outreach: Sequence[OutreachIn], now: datetime, s: ScoringSettings
) -> None:
    """One observation per window of outbound messages; young unanswered ones stay open."""
    sent = sorted(
        (o for o in outreach if o.direction == "outbound" and o.sent_at <= now),
        key=lambda o: o.sent_at,
    )
    groups: list[tuple[OutreachIn, datetime | None]] = []
    for o in sent:
        reply = o.responded_at if o.responded_at and o.responded_at <= now else None
        window_open = groups and (
            (o.sent_at - groups[-1][0].sent_at).total_seconds() < s.outreach_window_hours * HOUR
        )
        if not window_open:
            groups.append((o, reply))
            continue
        first, known = groups[-1]
        replies = [r for r in (known, reply) if r is not None]
        groups[-1] = (first, min(replies) if replies else None)
    for first, reply in groups:
        _add_reply(h, first, reply, now, s)


def _add_reply(
    h: _History, first: OutreachIn, reply: datetime | None, now: datetime, s: ScoringSettings
) -> None:
    end = reply or now
    hours = max(0.0, (end - first.sent_at).total_seconds() / HOUR)
    h.replies.append((hours, reply is not None))
    if reply is None and hours < s.reply_slow_hours:
        return  # still open: censored, never a failure
    if reply is None:
        article = "an" if first.channel.startswith(tuple("aeiou")) else "a"
        text = f"No reply to {article} {first.channel} on {{date}}"
        credit, tag = s.reply_late, "none"
    elif hours <= s.reply_fast_hours:
        credit, text, tag = s.reply_fast, f"Replied within {_duration(hours)} on {{date}}", "fast"
    else:
        credit = s.reply_slow if hours <= s.reply_slow_hours else s.reply_late
        text, tag = f"Replied after {_duration(hours)} on {{date}}", "slow"
    h.add(_Source(text, first.sent_at, tag), ("responsiveness", credit, first.sent_at))
    h.outreach += 1


def _half_life(component: str, s: ScoringSettings) -> float:
    return getattr(s, f"{component}_half_life_days")


def _weight(o: _Obs, now: datetime, s: ScoringSettings) -> float:
    """The observation's evidence weight: its own weight, halved every half-life."""
    return o.weight * _decay(o, now, s)


def _decay(o: _Obs, now: datetime, s: ScoringSettings) -> float:
    """Halved every half-life; computed once per evaluation (:func:`_dated`), read many times."""
    return o.decay


def _dated(obs: Sequence[_Obs], now: datetime, s: ScoringSettings) -> list[_Obs]:
    """The observations with their decay as of ``now``."""
    out = []
    for o in obs:
        age_days = max(0.0, (now - o.at).total_seconds() / DAY)
        decay = 2.0 ** (-age_days / _half_life(o.component, s))
        out.append(_Obs(o.component, o.credit, o.at, o.source, o.weight, decay))
    return out


def _posteriors(
    obs: Sequence[_Obs], now: datetime, s: ScoringSettings
) -> dict[str, tuple[float, float]]:
    params = {c: list(getattr(s, f"{c}_prior")) for c in (*COMPONENTS, "no_show")}
    for o in obs:
        w = _weight(o, now, s)
        params[o.component][0] += o.credit * w
        params[o.component][1] += (1.0 - o.credit) * w
    return {c: (a, b) for c, (a, b) in params.items()}


def _mean(ab: tuple[float, float]) -> float:
    return ab[0] / (ab[0] + ab[1])


def _score(posteriors: dict[str, tuple[float, float]], s: ScoringSettings) -> tuple[float, float]:
    """Score and its sd, treating the three posteriors as independent."""
    score = variance = 0.0
    for c in COMPONENTS:
        a, b = posteriors[c]
        weight = getattr(s, f"{c}_weight")
        score += weight * _mean((a, b))
        variance += weight**2 * a * b / ((a + b) ** 2 * (a + b + 1))
    return 100.0 * score, 100.0 * math.sqrt(variance)


def _confidence(obs: Sequence[_Obs], now: datetime, s: ScoringSettings) -> str:
    """From the weighted evidence: interview outcomes count 1, other observations less."""
    evidence = sum(
        _decay(o, now, s) * (1.0 if o.component == "attendance" else s.other_evidence_weight)
        for o in obs
        if o.component in COMPONENTS
    )
    if evidence >= s.high_evidence:
        return "high"
    return "medium" if evidence >= s.medium_evidence else "low"


def _reasons(h: _History, score: float, now: datetime, s: ScoringSettings) -> list[str]:
    """The events whose removal would move the score most, with signed whole points."""
    full = _posteriors(h.obs, now, s)
    by_source: dict[int, list[_Obs]] = defaultdict(list)
    for o in h.obs:
        by_source[o.source].append(o)
    moves = []
    for index, source in enumerate(h.sources):
        without = dict(full)
        for o in by_source[index]:
            a, b, w = *without[o.component], _weight(o, now, s)
            without[o.component] = (a - o.credit * w, b - (1.0 - o.credit) * w)
        delta = score - _score(without, s)[0]
        points = int(math.copysign(math.floor(abs(delta) + 0.5), delta))
        if points:
            moves.append((abs(delta), source.at, source, points))
    moves.sort(key=lambda m: (m[0], m[1]), reverse=True)
    return [
        f"{src.text.format(date=_day(src.at, now))}: {points:+d}"
        for _, _, src, points in moves[: s.reason_count]
    ]


def _silence(h: _History, now: datetime, s: ScoringSettings) -> str | None:
    silent = [src for src in h.sources if src.kind == "silent"]
    recent = [src for src in silent if (now - src.at).total_seconds() / DAY <= s.silence_days]
    if not recent:
        return None
    latest = max(recent, key=lambda src: src.at)
    more = f" ({len(recent)} in all)" if len(recent) > 1 else ""
    return f"a silent no-show on {_day(latest.at, now)}{more}"


OBSERVED = {
    "attendance": "{n} of {of} attended",
    "follow_through": "{n} of {of} confirmed kept",
    "responsiveness": "{n} of {of} answered within 3 days",
}
NOTHING_YET = {
    "attendance": "no interview held yet",
    "follow_through": "no confirmed interview yet",
    "responsiveness": "no message to answer yet",
}


def _component_evidence(
    h: _History, posteriors: dict[str, tuple[float, float]], now: datetime, s: ScoringSettings
) -> dict[str, dict[str, object]]:
    """What each component rests on: counts first, then the estimate and its evidence."""
    kinds = [src.kind for src in h.sources]
    out: dict[str, dict[str, object]] = {}
    for c in COMPONENTS:
        obs = [o for o in h.obs if o.component == c]
        if c == "attendance":
            good = kinds.count("attended")
            count = good + sum(kinds.count(k) for k in ("silent", "soon", "late"))
        else:
            good = sum(1 for o in obs if o.credit >= 1.0 or (c == "responsiveness" and o.credit))
            count = len(obs)
        observed = OBSERVED[c].format(n=good, of=count) if count else NOTHING_YET[c]
        changes = kinds.count("notice") + kinds.count("short")
        if c == "attendance" and changes:
            observed += f", {changes} moved or cancelled"
        amount = sum(_decay(o, now, s) for o in obs)
        if not obs:
            words = "no evidence yet, a typical candidate's"
        elif amount < s.medium_evidence:
            words = "little evidence"
        else:
            words = "some evidence" if amount < s.high_evidence else "much evidence"
        out[c] = {
            "observed": observed,
            "estimate": round(_mean(posteriors[c]), 3),
            "evidence": words,
        }
    return out


def _facts(h: _History, median: float | None, usually_no_reply: bool) -> list[str]:
    kinds = [src.kind for src in h.sources]
    facts = []
    finished = sum(kinds.count(k) for k in ("attended", "silent", "soon", "late"))
    if finished:
        noun = "interview" if finished == 1 else "interviews"
        facts.append(f"{kinds.count('attended')} of {finished} {noun} attended")
    for kind, one, many in (
        ("silent", "silent no-show", "silent no-shows"),
        ("soon", "no-show explained within a day", "no-shows explained within a day"),
        ("late", "no-show explained later", "no-shows explained later"),
        ("notice", "change with notice", "changes with notice"),
        ("short", "short-notice change", "short-notice changes"),
    ):
        if count := kinds.count(kind):
            facts.append(f"{count} {one if count == 1 else many}")
    if median is not None:
        facts.append(f"replies within {_duration(median)} on median")
    elif usually_no_reply:
        facts.append("usually doesn't reply")
    return facts


def _duration(hours: float) -> str:
    if hours < 1:
        return f"{max(1, round(hours * 60))} min"
    if hours < 48:
        return f"{round(hours)} h"
    return f"{round(hours / 24)} days"


def _day(at: datetime, now: datetime) -> str:
    text = f"{at.day} {MONTHS[at.month - 1]}"
    return text if at.year == now.year else f"{text} {at.year}"


def _ordinal(n: int) -> str:
    return {2: "second", 3: "third"}.get(n, f"{n}th")


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)
