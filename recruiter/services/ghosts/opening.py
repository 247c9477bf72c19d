"""Opening the suggestions a ghosted interview calls for: ``remove_connection``, and
``do_not_reconnect`` once the candidate signalled since."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from recruiter.localtime import iso_z
from recruiter.models import (
    Candidate,
    CandidateSignal,
    Interview,
    Recruiter,
    Suggestion,
)
from recruiter.services import suggestions
from recruiter.services.ghost_rule import (
    GhostAssessment,
)
from recruiter.services.ghosts.words import _when, describe_interview, ghost_reasons


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


def remove_connection(
    owner: Recruiter, interview: Interview, assessment: GhostAssessment, now: datetime
) -> suggestions.Opening:
    """The ``remove_connection`` suggestion of a ghosted interview, to open."""
    candidate = interview.candidate
    return suggestions.Opening(
        team_id=owner.team_id,
        kind="remove_connection",
        key=suggestions.interview_key("remove_connection", interview.id),
        candidate_id=candidate.id,
        interview_id=interview.id,
        reasons=ghost_reasons(assessment, candidate, owner.time_zone, owner.clock),
        evidence=ghost_evidence(assessment, candidate, now),
    )


def do_not_reconnect(
    owner: Recruiter,
    interview: Interview,
    assessment: GhostAssessment,
    signal: CandidateSignal,
    now: datetime,
) -> suggestions.Opening:
    """The ``do_not_reconnect`` suggestion of a ghosted interview whose candidate signalled."""
    candidate = interview.candidate
    tz = owner.time_zone
    what = (
        "asked to connect"
        if signal.type == "connection_request"
        else "announced a new position" + (f" ({signal.detail})" if signal.detail else "")
    )
    reasons = [
        f"{candidate.full_name} {what} on {_when(signal.at, tz, owner.clock)}, after ghosting "
        f"{describe_interview(assessment.evidence, tz, owner.clock)}.",
        *ghost_reasons(assessment, candidate, tz, owner.clock)[1:],
    ]
    evidence = ghost_evidence(assessment, candidate, now)
    evidence["signal"] = {
        "id": signal.id,
        "type": signal.type,
        "at": iso_z(signal.at),
        "detail": signal.detail,
    }
    return suggestions.Opening(
        team_id=owner.team_id,
        kind="do_not_reconnect",
        key=suggestions.interview_key("do_not_reconnect", interview.id),
        candidate_id=candidate.id,
        interview_id=interview.id,
        reasons=reasons,
        evidence=evidence,
    )


def open_remove_connection(
    owner: Recruiter, interview: Interview, assessment: GhostAssessment, now: datetime
) -> Suggestion | None:
    return suggestions.open_once(*remove_connection(owner, interview, assessment, now), now=now)


def open_do_not_reconnect(
    owner: Recruiter,
    interview: Interview,
    assessment: GhostAssessment,
    signal: CandidateSignal,
    now: datetime,
) -> Suggestion | None:
    opening = do_not_reconnect(owner, interview, assessment, signal, now)
    return suggestions.open_once(*opening, now=now)
