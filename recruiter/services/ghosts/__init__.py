"""Ghosted interviews: the stored verdicts, and the suggestions they open or withdraw.

The rule itself is :mod:`recruiter.services.ghost_rule` (a leaf). This package stores each
interview's verdict with the moment it can next change (:func:`review_candidates`, run by
:mod:`recruiter.services.consequences` after every unit of work and by the clock for due rows),
opens a ``remove_connection`` suggestion per ghosted interview (and ``do_not_reconnect`` when
the candidate signalled since), and withdraws the ones whose candidate was heard from.

:mod:`.loading` reads no-shows and their stored verdicts for pages, :mod:`.words` writes the
reasons, :mod:`.opening` opens the suggestions, :mod:`.review` stores the verdicts (and runs the
clock's sweep). Callers use the names re-exported here.
"""

from recruiter.services.ghost_rule import (
    DAY,
    DEFAULT_SETTINGS,
    GhostAssessment,
    GhostSettings,
    assess,
    heard_from,
    interview_summary,
)
from recruiter.services.ghosts.loading import (
    as_stored,
    assess_many,
    candidate_ghosts,
    latest_signal_since,
    outreach_by_candidate,
    possible_ghosts,
    shown_many,
    signals_by_candidate,
    with_details,
)
from recruiter.services.ghosts.opening import (
    ghost_evidence,
    open_do_not_reconnect,
    open_remove_connection,
)
from recruiter.services.ghosts.review import (
    Loaded,
    SweepSummary,
    review_candidates,
    sweep,
    to_review,
)
from recruiter.services.ghosts.words import describe_interview, ghost_reasons, heard_text

__all__ = [
    "DAY",
    "DEFAULT_SETTINGS",
    "GhostAssessment",
    "GhostSettings",
    "Loaded",
    "SweepSummary",
    "as_stored",
    "assess",
    "assess_many",
    "candidate_ghosts",
    "describe_interview",
    "ghost_evidence",
    "ghost_reasons",
    "heard_from",
    "heard_text",
    "interview_summary",
    "latest_signal_since",
    "open_do_not_reconnect",
    "open_remove_connection",
    "outreach_by_candidate",
    "possible_ghosts",
    "review_candidates",
    "shown_many",
    "signals_by_candidate",
    "sweep",
    "to_review",
    "with_details",
]
