"""The sentences ghost suggestions and withdrawals give as their reasons."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from recruiter import localtime
from recruiter.models import (
    Candidate,
)
from recruiter.services.ghost_rule import (
    GhostAssessment,
)


def _when(value: str | datetime | None, tz: str | None, clock: str | None = None) -> str:
    """A moment in the recruiter's zone, on their clock (``14:30`` or ``2:30 PM``)."""
    if value is None:
        return "?"
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    local = localtime.to_local(value, tz)
    return f"{local:%a %d %b %Y}, {localtime.clock_text(local, clock)}" if local else "?"


def describe_interview(
    evidence: Mapping[str, Any], tz: str | None, clock: str | None = None
) -> str:
    info = evidence.get("interview", {})
    where = f"with {info['client']}" if info.get("client") else ""
    role = f" ({info['role']})" if info.get("role") else ""
    return (
        " ".join(p for p in ("the interview", where) if p)
        + f"{role} on {_when(info.get('start'), tz, clock)}"
    )


def ghost_reasons(
    assessment: GhostAssessment, candidate: Candidate, tz: str | None, clock: str | None = None
) -> list[str]:
    """Readable sentences for a ghosted interview's suggestion."""
    ev = assessment.evidence
    tries = ", ".join(
        f"{f['channel']} on {_when(f['sent_at'], tz, clock)}" for f in ev.get("follow_ups", [])
    )
    reasons = [
        f"{candidate.full_name} confirmed {describe_interview(ev, tz, clock)} "
        f"(confirmed {_when(ev.get('confirmed_at'), tz, clock)}) and did not show up.",
        f"You followed up {len(ev.get('follow_ups', []))} times since: {tries}; none answered.",
        f"Nothing heard from them for {ev.get('silence_days', 0):.0f} days since the start.",
    ]
    if candidate.score is not None:
        reasons.append(
            f"Reliability score {candidate.score:.0f} ({candidate.confidence} confidence)."
        )
    return reasons


def heard_text(heard: Mapping[str, Any], tz: str | None, clock: str | None = None) -> str:
    at = _when(heard.get("at"), tz, clock)
    if heard["kind"] == "explained":
        return f"Heard from them: they explained the no-show ({at})."
    if heard["kind"] == "inbound":
        return f"Heard from them: they reached out by {heard.get('channel')} ({at})."
    return f"Heard from them: they answered your {heard.get('channel')} ({at})."
