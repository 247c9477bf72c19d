"""The score in words: verdict, reasons, the latest silence, per-component evidence, facts."""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import datetime

from .history import COMPONENTS, DAY, _History, _Obs
from .model import _decay, _mean, _point, _posteriors
from .settings import DEFAULT_SETTINGS, ScoringSettings

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


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
            a, b = without[o.component]
            w = o.weight * o.decay  # _weight, inline
            without[o.component] = (a - o.credit * w, b - (1.0 - o.credit) * w)
        delta = score - _point(without, s)
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
