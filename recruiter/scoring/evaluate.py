"""One evaluation at ``now``: collect the observations, then the model, then the words."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from .history import COMPONENTS, _History
from .inputs import InterviewIn, OutreachIn
from .interviews import _add_interview
from .model import _confidence, _dated, _mean, _posteriors, _score
from .outreach import _add_outreach, _reply_summary
from .result import Reliability
from .settings import DEFAULT_SETTINGS, ScoringSettings
from .words import _component_evidence, _facts, _reasons, _silence, verdict_text


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
