"""What the score returns: the :class:`Reliability` a recruiter sees, and its JSON shape."""

from __future__ import annotations

from dataclasses import dataclass, field


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


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)
