"""The reliability score: plain data in, a score with its reasons out.

Pure on purpose: standard library only, no queries, no clock. Everything depends on the
arguments and on ``now``; events recorded after ``now`` are ignored, so the same function also
answers "what was the score on that day" (``score_history``). docs/scoring.md explains the
model in words and formulas.

The package, one job per module: ``inputs`` and ``settings`` (what goes in), ``history``
(the observations of one evaluation), ``interviews`` and ``outreach`` (what each event counts
as), ``model`` (posteriors, score, confidence), ``words`` (verdict, reasons, facts),
``result`` (:class:`Reliability`) and ``evaluate`` (:func:`score_candidate`,
:func:`score_history`). Callers import from ``recruiter.scoring`` itself.
"""

from __future__ import annotations

from .evaluate import score_candidate, score_history
from .history import COMPONENTS, DAY, HOUR
from .inputs import EventIn, InterviewIn, OutreachIn
from .interviews import OUTCOME_OF_KIND, classify_interview
from .outreach import kaplan_meier_median
from .result import Reliability
from .settings import DEFAULT_SETTINGS, ScoringSettings
from .words import MONTHS, NOTHING_YET, OBSERVED, verdict_text

__all__ = [
    "COMPONENTS",
    "DAY",
    "DEFAULT_SETTINGS",
    "HOUR",
    "MONTHS",
    "NOTHING_YET",
    "OBSERVED",
    "OUTCOME_OF_KIND",
    "EventIn",
    "InterviewIn",
    "OutreachIn",
    "Reliability",
    "ScoringSettings",
    "classify_interview",
    "kaplan_meier_median",
    "score_candidate",
    "score_history",
    "verdict_text",
]
