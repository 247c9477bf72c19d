"""Per outreach window: how fast the candidate replied, and the median reply time."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from .history import HOUR, _History, _Source
from .inputs import OutreachIn
from .settings import ScoringSettings
from .words import _duration


def kaplan_meier_median(durations: Sequence[tuple[float, bool]]) -> float | None:
    """Median of (duration, observed) pairs, unobserved ones right-censored; None if never."""
    data = sorted(durations, key=lambda d: (d[0], not d[1]))
    at_risk, survival, i = len(data), 1.0, 0
    while i < len(data):
        t, events, gone = data[i][0], 0, 0
        while i < len(data) and data[i][0] == t:
            events += data[i][1]
            gone += 1
            i += 1
        survival *= 1 - events / at_risk
        if survival <= 0.5:
            return t
        at_risk -= gone
    return None


def _reply_summary(h: _History, s: ScoringSettings) -> tuple[float | None, bool]:
    """Kaplan-Meier median reply time; "usually no reply" when most messages never got one."""
    median = kaplan_meier_median(h.replies)
    unanswered = sum(1 for hours, ok in h.replies if not ok and hours >= s.reply_slow_hours)
    return median, median is None and 2 * unanswered > len(h.replies)


def _add_outreach(
    h: _History, outreach: Sequence[OutreachIn], now: datetime, s: ScoringSettings
) -> None:
    """One observation per window of outbound messages; young unanswered ones stay open."""
    sent = sorted(
        (o for o in outreach if o.direction == "outbound" and o.sent_at <= now),
        key=lambda o: o.sent_at,
    )
    groups: list[tuple[OutreachIn, datetime | None]] = []
    for o in sent:
        reply = o.responded_at if o.responded_at and o.responded_at <= now else None
        window_open = groups and (
            (o.sent_at - groups[-1][0].sent_at).total_seconds() < s.outreach_window_hours * HOUR
        )
        if not window_open:
            groups.append((o, reply))
            continue
        first, known = groups[-1]
        replies = [r for r in (known, reply) if r is not None]
        groups[-1] = (first, min(replies) if replies else None)
    for first, reply in groups:
        _add_reply(h, first, reply, now, s)


def _add_reply(
    h: _History, first: OutreachIn, reply: datetime | None, now: datetime, s: ScoringSettings
) -> None:
    end = reply or now
    hours = max(0.0, (end - first.sent_at).total_seconds() / HOUR)
    h.replies.append((hours, reply is not None))
    if reply is None and hours < s.reply_slow_hours:
        return  # still open: censored, never a failure
    if reply is None:
        article = "an" if first.channel.startswith(tuple("aeiou")) else "a"
        text = f"No reply to {article} {first.channel} on {{date}}"
        credit, tag = s.reply_late, "none"
    elif hours <= s.reply_fast_hours:
        credit, text, tag = s.reply_fast, f"Replied within {_duration(hours)} on {{date}}", "fast"
    else:
        credit = s.reply_slow if hours <= s.reply_slow_hours else s.reply_late
        text, tag = f"Replied after {_duration(hours)} on {{date}}", "slow"
    h.add(_Source(text, first.sent_at, tag), ("responsiveness", credit, first.sent_at))
    h.outreach += 1
