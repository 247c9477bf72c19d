"""The observations one evaluation collects, with the events (sources) behind them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

HOUR = 3600.0
DAY = 86400.0
COMPONENTS = ("attendance", "follow_through", "responsiveness")


class _Obs(NamedTuple):
    """A tuple, not a dataclass: an evaluation makes one per event, twice (see _dated)."""

    component: str  # one of COMPONENTS, or "no_show"
    credit: float
    at: datetime
    source: int  # index of the event (a _Source) that produced it
    weight: float = 1.0  # how many observations it counts as (a silent no-show: several)
    decay: float = 1.0  # how much of it is left at the evaluation's ``now`` (see _dated)


@dataclass(frozen=True)
class _Source:
    text: str  # with a {date} placeholder
    at: datetime
    kind: str  # for facts: attended | silent | soon | late | notice | short | fast | slow | none


@dataclass
class _History:
    obs: list[_Obs] = field(default_factory=list)
    sources: list[_Source] = field(default_factory=list)
    replies: list[tuple[float, bool]] = field(default_factory=list)  # (hours, answered)
    interviews: int = 0
    outreach: int = 0

    def add(
        self, source: _Source, *observations: tuple[str, float, datetime], weight: float = 1.0
    ) -> None:
        """Record an event; ``weight`` applies to its attendance and follow-through only."""
        index = len(self.sources)
        self.sources.append(source)
        self.obs.extend(
            _Obs(c, credit, at, index, weight if c in ("attendance", "follow_through") else 1.0)
            for c, credit, at in observations
        )
