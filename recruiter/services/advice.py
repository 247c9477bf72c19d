"""Connection-request advice: accept, caution or decline, with the reasons.

The tests of a connection, each worth points (positive for, negative against):

- reliability history: a ghosted interview (or a removal you accepted) means **decline**
  whatever else is true; otherwise the score counts (+2 at 75 or more, -2 under 50; halved at
  low confidence), and a possible ghost -2. A ghost, a possible ghost or a recent silent no-show
  is named in the score's words and the score then never counts for them;
- mutual connections: none -1, some +1, ten or more +2;
- who vouched: a director, executive, VP, C-level, head of, founder or former manager +2 each
  (at most +4), anyone else +1 each (at most +2);
- works at one of your clients (company equals a client's name, ignoring case): +2;
- the same profile photo on a candidate with another name (possible fake profile): -4, and never
  "accept".

Verdict: 3 points or more "accept", 0 to 2 "caution", below 0 "decline".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func
from sqlalchemy.orm import selectinload

from recruiter import scoring
from recruiter.extensions import db
from recruiter.models import Candidate, Client, Interview, Recommendation, Recruiter, Suggestion
from recruiter.services import fake_profiles, ghosts
from recruiter.services.ghosts import DEFAULT_SETTINGS, GhostSettings
from recruiter.services.scoping import owned

ACCEPT_AT = 3
CAUTION_AT = 0
STRONG_ROLE = re.compile(
    r"\b(director|executive|vp|svp|evp|vice[- ]president|c[a-z]o|chief|head of|founder|"
    r"co-?founder|president|managing partner)\b",
    re.IGNORECASE,
)
STRONG_RELATIONSHIP = re.compile(r"\b(former manager|manager|managed|boss|supervisor)\b", re.I)
SILENCE_TEXT = {
    "ghosted": "ghosted a confirmed interview",
    "possibly ghosted": "nothing heard since a missed interview",
}
VERDICT_TEXT = {
    "accept": "Accept: the signs are good.",
    "caution": "Caution: look closer before you accept.",
    "decline": "Decline: the signs are against it.",
}


@dataclass(frozen=True)
class Reason:
    text: str
    points: int = 0

    @property
    def tone(self) -> str:
        return "success" if self.points > 0 else ("danger" if self.points < 0 else "secondary")


@dataclass
class Advice:
    verdict: str  # accept | caution | decline
    summary: str
    points: int
    reasons: list[Reason] = field(default_factory=list)
    ghosted: bool = False
    fake_profile: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "summary": self.summary,
            "points": self.points,
            "ghosted": self.ghosted,
            "fake_profile": self.fake_profile,
            "reasons": [{"text": r.text, "points": r.points} for r in self.reasons],
        }


def is_strong(rec: Recommendation) -> bool:
    return bool(
        STRONG_ROLE.search(rec.recommender_role or "")
        or STRONG_RELATIONSHIP.search(rec.relationship_ or "")
        or STRONG_RELATIONSHIP.search(rec.recommender_role or "")
    )


def _company_key(name: str | None) -> str:
    return " ".join((name or "").casefold().split())


def pending_requests(owner: Recruiter) -> Select[tuple[Candidate]]:
    return (
        owned(Candidate, owner)
        .where(Candidate.connection_status == "pending_incoming")
        .options(selectinload(Candidate.recommendations))
        .order_by(Candidate.updated_at.desc(), Candidate.id)
    )


def count_pending(owner: Recruiter) -> int:
    return (
        db.session.scalar(
            owned(Candidate, owner)
            .with_only_columns(func.count(Candidate.id))
            .where(Candidate.connection_status == "pending_incoming")
        )
        or 0
    )


def advise(
    owner: Recruiter,
    candidate: Candidate,
    now: datetime,
    settings: GhostSettings = DEFAULT_SETTINGS,
) -> Advice:
    return advise_many(owner, [candidate], now, settings)[candidate.id]


def advise_many(
    owner: Recruiter,
    candidates: Sequence[Candidate],
    now: datetime,
    settings: GhostSettings = DEFAULT_SETTINGS,
) -> dict[int, Advice]:
    """Advice for several candidates with a fixed number of queries."""
    ids = [c.id for c in candidates]
    if not ids:
        return {}
    no_shows = list(
        db.session.scalars(
            # Only a stored "possible" or "ghosted" verdict counts here (a "no" adds nothing).
            ghosts.with_details(owned(Interview, owner)).where(
                Interview.candidate_id.in_(ids),
                Interview.status == "no_show",
                Interview.ghost_state != "no",
            )
        )
    )
    assessed: dict[int, list[tuple[Interview, ghosts.GhostAssessment]]] = {}
    for interview, assessment in ghosts.shown_many(owner.team_id, no_shows, now, settings):
        assessed.setdefault(interview.candidate_id, []).append((interview, assessment))
    accepted = set(
        db.session.scalars(
            owned(Suggestion, owner)
            .with_only_columns(Suggestion.candidate_id)
            .where(
                Suggestion.candidate_id.in_(ids),
                Suggestion.status == "accepted",
                Suggestion.kind.in_(("remove_connection", "do_not_reconnect")),
            )
        )
    )
    clients = {
        _company_key(name): name
        for name in db.session.scalars(owned(Client, owner).with_only_columns(Client.name))
    }
    fakes = fake_profiles.matches_for(owner, ids, settings)
    return {
        c.id: _advise(
            c,
            assessed.get(c.id, []),
            c.id in accepted,
            clients,
            fakes.get(c.id, []),
            (owner.time_zone, owner.clock),
        )
        for c in candidates
    }


def _advise(
    candidate: Candidate,
    no_shows: list[tuple[Interview, ghosts.GhostAssessment]],
    removed_before: bool,
    clients: dict[str, str],
    fakes: list[fake_profiles.Match],
    wall: tuple[str | None, str | None],
) -> Advice:
    """``wall``: the recruiter's time zone and clock, for the moments the reasons name."""
    reasons: list[Reason] = []
    ghosted = [(i, a) for i, a in no_shows if a.ghosted]
    for _, assessment in ghosted:
        reasons.append(
            Reason(
                f"Ghosted {ghosts.describe_interview(assessment.evidence, *wall)}: confirmed, did "
                f"not show, and answered none of {len(assessment.evidence['follow_ups'])} "
                "follow-ups.",
                -10,
            )
        )
    if removed_before and not ghosted:
        reasons.append(Reason("You accepted a suggestion to remove them before.", -10))
    possible = [(i, a) for i, a in no_shows if a.possible]
    reasons.extend(_history(candidate, possible, wall, silent="ghosted" if ghosted else None))
    reasons.append(_mutual(candidate.mutual_connections))
    reasons.extend(_vouched(candidate.recommendations))
    client = clients.get(_company_key(candidate.company)) if candidate.company else None
    if client:
        reasons.append(Reason(f"Works at {client}, one of your clients.", 2))
    if fakes:
        others = ", ".join(m.full_name for m in fakes)
        reasons.append(
            Reason(
                f"Possible fake profile: the same photo is on {others}, under a different name.",
                -4,
            )
        )
    points = sum(r.points for r in reasons)
    if ghosted or removed_before:
        verdict = "decline"
        summary = "Decline: they ghosted you before."
    else:
        verdict = (
            "accept" if points >= ACCEPT_AT else ("caution" if points >= CAUTION_AT else "decline")
        )
        if fakes and verdict == "accept":
            verdict = "caution"
        summary = VERDICT_TEXT[verdict]
    return Advice(verdict, summary, points, reasons, bool(ghosted or removed_before), bool(fakes))


def _history(
    candidate: Candidate,
    possible: list[tuple[Interview, ghosts.GhostAssessment]],
    wall: tuple[str | None, str | None],
    silent: str | None = None,
) -> list[Reason]:
    """The possible ghosts, then the score in words; a silence is named, never "reliable"."""
    silent = silent or ("possibly ghosted" if possible else None)
    out = []
    for _, assessment in possible:
        out.append(
            Reason(
                f"Missed {ghosts.describe_interview(assessment.evidence, *wall)} and has not "
                f"answered since (possible ghost: {', '.join(assessment.missing)}).",
                -2,
            )
        )
    score, confidence = candidate.score, candidate.confidence
    if score is None or confidence == "none":
        out.append(Reason("No history with you yet: nothing to judge their reliability by."))
        return out
    weight = 1 if confidence == "low" else 2
    label = f"Reliability score {score:.0f} ({confidence} confidence)"
    silence = SILENCE_TEXT[silent] if silent else (candidate.reliability or {}).get("silence")
    words = scoring.verdict_text(score, silence)
    if score < scoring.DEFAULT_SETTINGS.unreliable_below:
        points = -weight
    else:
        points = 0 if silence or score < scoring.DEFAULT_SETTINGS.reliable_at else weight
    out.append(Reason(f"{label}: {words}.", points))
    return out


def _mutual(count: int | None) -> Reason:
    if count is None:
        return Reason("Mutual connections: unknown.")
    if count == 0:
        return Reason("No mutual connections.", -1)
    if count >= 10:
        return Reason(f"{count} mutual connections.", 2)
    return Reason(f"{count} mutual connection{'s' if count != 1 else ''}.", 1)


def _vouched(recommendations: Sequence[Recommendation]) -> list[Reason]:
    if not recommendations:
        return [Reason("Nobody has vouched for them.")]
    strong = [r for r in recommendations if is_strong(r)]
    other = [r for r in recommendations if not is_strong(r)]
    out = []
    if strong:
        names = ", ".join(_who(r) for r in strong)
        out.append(Reason(f"Vouched for by {names}.", min(4, 2 * len(strong))))
    if other:
        names = ", ".join(_who(r) for r in other)
        out.append(Reason(f"Recommended by {names}.", min(2, len(other))))
    return out


def _who(rec: Recommendation) -> str:
    extra = ", ".join(x for x in (rec.recommender_role, rec.relationship_) if x)
    return f"{rec.recommender_name} ({extra})" if extra else rec.recommender_name
