"""Per interview: what each change and each attended or missed slot counts as."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .history import HOUR, _History, _Source
from .inputs import EventIn, InterviewIn
from .settings import DEFAULT_SETTINGS, ScoringSettings
from .words import _duration, _ordinal

# What the score makes of one interview, as the dashboard's chart counts it.
OUTCOME_OF_KIND = {
    "attended": "attended",
    "silent": "silent_no_show",
    "soon": "explained_no_show",
    "late": "explained_no_show",
    "notice": "cancelled_with_notice",
}


def classify_interview(
    interview: InterviewIn, now: datetime, settings: ScoringSettings = DEFAULT_SETTINGS
) -> str | None:
    """The interview's outcome as the score judges it (the same notice threshold, the same
    treatment of explanations): ``attended``, ``silent_no_show``, ``explained_no_show``,
    ``cancelled_with_notice``, or None (no outcome that counts, e.g. the client's change)."""
    h = _History()
    _add_interview(h, interview, now, settings)
    kinds = [src.kind for src in h.sources]
    outcomes = [k for k in kinds if k in ("attended", "silent", "soon", "late")]
    if outcomes:
        return OUTCOME_OF_KIND[outcomes[-1]]
    return OUTCOME_OF_KIND["notice"] if "notice" in kinds else None


@dataclass
class _Slot:
    """The outcome of one scheduled slot of an interview."""

    kind: str  # attended | no_show (the last one recorded: later ones are corrections)
    start: datetime
    confirmed: bool
    explained: datetime | None = None


def _add_interview(h: _History, interview: InterviewIn, now: datetime, s: ScoringSettings) -> None:
    """Observations: one per change the candidate made, one per slot attended or missed."""
    start, changes, confirmed = interview.scheduled_at, 0, False
    slots: list[_Slot] = []
    open_slot, early_explanation = False, None
    before = len(h.sources)
    for ev in (e for e in interview.events if e.at <= now):
        if ev.type in ("confirmed", "declined"):
            confirmed = ev.type == "confirmed"
        elif ev.type in ("attended", "no_show") and open_slot:
            slots[-1].kind = ev.type
        elif ev.type in ("attended", "no_show"):
            slots.append(_Slot(ev.type, min(start, ev.at), confirmed, early_explanation))
            open_slot, confirmed, early_explanation = True, False, None
        elif ev.type == "explained":
            missed = [x for x in slots if x.kind == "no_show" and x.explained is None]
            if missed:
                missed[-1].explained = ev.at
            else:
                early_explanation = early_explanation or ev.at
        elif ev.type in ("cancelled", "rescheduled") and ev.by == "candidate":
            changes += 1
            _add_change(h, ev, start, changes, confirmed, s)
            confirmed = False
        if ev.type == "rescheduled" and ev.new_scheduled_at is not None:
            start, open_slot = ev.new_scheduled_at, False
    for slot in slots:
        _add_outcome(h, slot, s)
    h.interviews += len(h.sources) > before


def _add_change(
    h: _History, ev: EventIn, start: datetime, number: int, confirmed: bool, s: ScoringSettings
) -> None:
    notice = (start - ev.at).total_seconds() / HOUR
    with_notice = notice >= s.notice_hours and number <= s.changes_before_short
    verb = "Cancelled" if ev.type == "cancelled" else "Rescheduled"
    if number > s.changes_before_short:
        text = f"{verb} the same interview a {_ordinal(number)} time on {{date}}"
    elif notice <= 0:
        text = f"{verb} after the start on {{date}}"
    else:
        text = f"{verb} {_duration(notice)} ahead on {{date}}"
    obs = [("attendance", s.changed_with_notice if with_notice else s.changed_short_notice, ev.at)]
    if confirmed:
        ft = s.kept_or_notice if with_notice else s.kept_short_notice
        obs.append(("follow_through", ft, ev.at))
    h.add(_Source(text, ev.at, "notice" if with_notice else "short"), *obs)


def _add_outcome(h: _History, slot: _Slot, s: ScoringSettings) -> None:
    start = slot.start
    if slot.kind == "attended":
        obs = [("attendance", s.attended, start), ("no_show", 0.0, start)]
        if slot.confirmed:
            obs.append(("follow_through", s.kept_or_notice, start))
        h.add(_Source("Attended interview on {date}", start, "attended"), *obs)
        return
    delay = (slot.explained - start).total_seconds() / HOUR if slot.explained else None
    weight = 1.0
    if delay is None:
        credit, kept, weight = s.no_show_silent, s.kept_no_show, s.silent_no_show_weight
        text, tag = "Silent no-show on {date}", "silent"
    elif delay <= s.explain_hours:
        credit, kept = s.no_show_explained_soon, s.kept_explained_soon
        text, tag = "No-show on {date}, explained within a day", "soon"
    else:
        credit, kept = s.no_show_explained_late, s.kept_explained_late
        text, tag = "No-show on {date}, explained later", "late"
    obs = [("attendance", credit, start), ("no_show", 1.0, start)]
    if slot.confirmed:
        obs.append(("follow_through", kept, start))
    h.add(_Source(text, start, tag), *obs, weight=weight)
