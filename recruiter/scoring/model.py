"""The model: decayed evidence weights, Beta posteriors, the score with its sd, confidence."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime

from .history import COMPONENTS, DAY, _Obs
from .settings import ScoringSettings


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
    half_lives = {c: _half_life(c, s) for c in (*COMPONENTS, "no_show")}
    out = []
    for component, credit, at, source, weight, _ in obs:
        age_days = max(0.0, (now - at).total_seconds() / DAY)
        decay = 2.0 ** (-age_days / half_lives[component])
        out.append(_Obs(component, credit, at, source, weight, decay))
    return out


def _posteriors(
    obs: Sequence[_Obs], now: datetime, s: ScoringSettings
) -> dict[str, tuple[float, float]]:
    params = {c: list(getattr(s, f"{c}_prior")) for c in (*COMPONENTS, "no_show")}
    for o in obs:
        w = o.weight * o.decay  # _weight, inline: this loop runs once per event
        ab = params[o.component]
        ab[0] += o.credit * w
        ab[1] += (1.0 - o.credit) * w
    return {c: (a, b) for c, (a, b) in params.items()}


def _mean(ab: tuple[float, float]) -> float:
    return ab[0] / (ab[0] + ab[1])


def _score(posteriors: dict[str, tuple[float, float]], s: ScoringSettings) -> tuple[float, float]:
    """Score and its sd, treating the three posteriors as independent."""
    score = variance = 0.0
    for c, name in _WEIGHT_NAMES:
        weight = getattr(s, name)
        a, b = posteriors[c]
        score += weight * (a / (a + b))
        variance += weight**2 * a * b / ((a + b) ** 2 * (a + b + 1))
    return 100.0 * score, 100.0 * math.sqrt(variance)


# Each component with the name of its weight's setting (_reasons scores each event's removal:
# the names are built once, not on every call).
_WEIGHT_NAMES = tuple((c, f"{c}_weight") for c in COMPONENTS)


def _point(posteriors: dict[str, tuple[float, float]], s: ScoringSettings) -> float:
    """:func:`_score` without its sd (the same sums in the same order, so the same float):
    what _reasons needs for each event's removal."""
    score = 0.0
    for c, name in _WEIGHT_NAMES:
        a, b = posteriors[c]
        score += getattr(s, name) * (a / (a + b))
    return 100.0 * score


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
