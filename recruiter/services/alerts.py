"""Plain data for the alerts on the candidate, interview and dashboard pages: suggestions,
possible ghosts and connection advice, loaded up front (templates never lazy-load)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from recruiter.extensions import db
from recruiter.models import Candidate, Interview, Recruiter
from recruiter.services import advice, ghosts, signals, suggestions
from recruiter.services.ghosts import DEFAULT_SETTINGS, GhostSettings


def for_candidate(
    owner: Recruiter,
    candidate: Candidate,
    now: datetime,
    settings: GhostSettings = DEFAULT_SETTINGS,
) -> dict[str, Any]:
    rows = list(
        db.session.scalars(
            suggestions.search_suggestions(owner, candidate_id=candidate.id).limit(20)
        )
    )
    return {
        "suggestions": rows,
        "ghosts": [
            (interview, assessment)
            for interview, assessment in ghosts.candidate_ghosts(
                owner, candidate.id, now, settings, flagged_only=True
            )
            if assessment.state != "no"
        ],
        "advice": advice.advise(owner, candidate, now, settings),
        "signals": list(db.session.scalars(signals.search_signals(owner, candidate.id).limit(10))),
        "signal_types": signals.TYPE_LABELS,
        "kind_labels": suggestions.KIND_LABELS,
    }


def for_interview(
    owner: Recruiter,
    interview: Interview,
    now: datetime,
    settings: GhostSettings = DEFAULT_SETTINGS,
) -> dict[str, Any]:
    assessment = None
    if interview.status == "no_show":
        outreach = ghosts.outreach_by_candidate(owner.team_id, [interview.candidate_id])
        assessment = ghosts.as_stored(
            interview,
            ghosts.assess(interview, outreach.get(interview.candidate_id, []), now, settings),
        )
    return {
        "ghost": assessment,
        "suggestions": list(
            db.session.scalars(suggestions.search_suggestions(owner, interview_id=interview.id))
        ),
        "kind_labels": suggestions.KIND_LABELS,
    }


def for_dashboard(
    owner: Recruiter, now: datetime, settings: GhostSettings = DEFAULT_SETTINGS
) -> dict[str, Any]:
    return {
        "open_count": suggestions.count_open(owner),
        "open_suggestions": list(
            db.session.scalars(suggestions.search_suggestions(owner, status="open").limit(5))
        ),
        "possible_ghosts": ghosts.possible_ghosts(owner, now, settings),
        "pending_requests": advice.count_pending(owner),
        "kind_labels": suggestions.KIND_LABELS,
    }
