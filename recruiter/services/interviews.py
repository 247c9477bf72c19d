"""Interviews and their append-only event log.

The status is never set by hand: :func:`replay` derives it from the log, and
:func:`add_event` refuses any event that the log makes impossible, saying why.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import Select
from sqlalchemy.orm import joinedload

from recruiter.extensions import db
from recruiter.models import (
    EVENT_ACTORS,
    EVENT_TYPES,
    EventRetraction,
    Interview,
    InterviewEvent,
    Recruiter,
)
from recruiter.services import NotFound, ServiceError, audit, unit
from recruiter.services.candidates import get_candidate
from recruiter.services.clients import get_client
from recruiter.services.filters import InterviewFilter
from recruiter.services.scoping import by_id_statement, get_owned, owned

OPEN = ("scheduled", "confirmation_requested", "confirmed", "rescheduled", "declined")
OUTCOMES = ("attended", "no_show")
# An event may be logged a little ahead of the server clock (clock skew, slow forms).
FUTURE_TOLERANCE = timedelta(minutes=5)
MAX_DURATION_MINUTES = 24 * 60
REASON_MAX = 1000
# Who made a change when nobody said: the candidate (a client's change is said explicitly).
DEFAULT_ACTOR = {"cancelled": "candidate", "rescheduled": "candidate"}


@dataclass(frozen=True)
class State:
    status: str
    scheduled_at: datetime
    explained: bool = False
    reschedules: int = 0
    confirmed_at: datetime | None = None


@dataclass(frozen=True)
class EventData:
    type: str
    at: datetime
    by: str | None = None
    reason: str | None = None
    new_scheduled_at: datetime | None = None


def _refuse(message: str, field: str = "type") -> ServiceError:
    return ServiceError(message, {field: [message]})


def _check_open(state: State, what: str) -> None:
    if state.status == "cancelled":
        raise _refuse(f"Cannot log {what}: the interview was cancelled.")
    if state.status in OUTCOMES:
        outcome = "attended" if state.status == "attended" else "a no-show"
        raise _refuse(f"Cannot log {what}: the interview is already marked {outcome}.")


def apply(state: State, event: EventData) -> State:
    """The state after ``event``, or :class:`ServiceError` if the sequence is impossible."""
    kind = event.type
    label = kind.replace("_", " ")
    if kind == "explained":
        if state.status != "no_show":
            raise _refuse("An explanation follows a no-show; this interview is not a no-show.")
        if state.explained:
            raise _refuse("This no-show is already explained.")
        return replace(state, explained=True)
    _check_open(state, label)
    if kind == "confirmation_requested":
        return state if state.status == "confirmed" else replace(state, status=kind)
    if kind == "confirmed":
        if state.status == "confirmed":
            raise _refuse("This interview is already confirmed.")
        return replace(state, status="confirmed", confirmed_at=event.at)
    if kind == "declined":
        if state.status == "confirmed":
            raise _refuse("It was confirmed: log a cancellation (with who cancelled) instead.")
        return replace(state, status="declined")
    if kind in ("cancelled", "rescheduled"):
        return _apply_change(state, event)
    # attended / no_show
    if event.at < state.scheduled_at:
        raise _refuse(
            f"An outcome cannot be logged before the start time "
            f"({state.scheduled_at:%Y-%m-%d %H:%M} UTC).",
            "at",
        )
    if state.status == "declined":
        raise _refuse(f"Cannot log {label}: the candidate declined this interview.")
    return replace(state, status=kind)


def _apply_change(state: State, event: EventData) -> State:
    if event.by not in EVENT_ACTORS:
        raise _refuse("Say who made the change: candidate, client or recruiter.", "by")
    if event.by == "candidate" and event.at > state.scheduled_at:
        raise _refuse(
            "The interview had already started: log a no-show (and their explanation) instead.",
            "at",
        )
    if event.type == "cancelled":
        return replace(state, status="cancelled")
    if event.new_scheduled_at is None:
        raise _refuse("A reschedule needs the new start time.", "new_scheduled_at")
    if event.new_scheduled_at == state.scheduled_at:
        raise _refuse("The new start is the same as the current one.", "new_scheduled_at")
    return replace(
        state,
        status="rescheduled",
        scheduled_at=event.new_scheduled_at,
        reschedules=state.reschedules + 1,
    )


def replay(interview: Interview) -> State:
    state = State(status="scheduled", scheduled_at=interview.original_scheduled_at)
    for row in interview.live_events:
        state = apply(state, _event_data(row))
    return state


def _event_data(row: InterviewEvent) -> EventData:
    return EventData(row.type, row.at, row.by, row.reason, row.new_scheduled_at)


def notice_hours(event: InterviewEvent | EventData, scheduled_at: datetime) -> float:
    """How long before the start a change was said (negative when after)."""
    return (scheduled_at - event.at).total_seconds() / 3600


# --- use cases -------------------------------------------------------------------------------


def _validate(owner: Recruiter, values: dict[str, Any], creating: bool) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    clean = dict(values)
    if creating or "candidate_id" in values:
        try:
            clean["candidate"] = get_candidate(owner, values.get("candidate_id"))
        except Exception:
            errors["candidate_id"] = ["Choose one of your candidates."]
    if values.get("client_id") not in (None, "", 0):
        try:
            clean["client"] = get_client(owner, values["client_id"])
        except Exception:
            errors["client_id"] = ["Choose one of your clients."]
    elif "client_id" in values:
        clean["client"] = None
    if creating and values.get("scheduled_at") is None:
        errors["scheduled_at"] = ["A start time is required."]
    duration = values.get("duration_minutes", 60 if creating else None)
    if duration is not None and (
        not isinstance(duration, int) or not 0 < duration <= MAX_DURATION_MINUTES
    ):
        errors["duration_minutes"] = [f"Between 1 and {MAX_DURATION_MINUTES} minutes."]
    role = (values.get("role") or "").strip() or None
    if role and len(role) > 200:
        errors["role"] = ["At most 200 characters."]
    if errors:
        raise ServiceError("Please correct the highlighted fields.", errors)
    clean["role"] = role
    clean["duration_minutes"] = duration
    return clean


def create_interview(owner: Recruiter, values: dict[str, Any], now: datetime) -> Interview:
    clean = _validate(owner, values, creating=True)
    interview = Interview(
        team_id=owner.team_id,
        recruiter_id=owner.id,
        candidate_id=clean["candidate"].id,
        client_id=clean["client"].id if clean.get("client") else None,
        role=clean["role"],
        original_scheduled_at=clean["scheduled_at"],
        scheduled_at=clean["scheduled_at"],
        duration_minutes=clean["duration_minutes"],
        status="scheduled",
        created_at=now,
        updated_at=now,
    )
    db.session.add(interview)
    db.session.flush()
    audit.record(owner, owner.team_id, "interview", interview.id, "created", now=now)
    unit.touch(interview.candidate_id, now)
    return interview


def update_interview(
    owner: Recruiter, interview: Interview, values: dict[str, Any], now: datetime
) -> None:
    """Edit role, client, duration; the start only while nothing is logged (else reschedule)."""
    clean = _validate(owner, values, creating=False)
    new: dict[str, Any] = {}
    if "role" in values:
        new["role"] = clean["role"]
    if "client" in clean:
        new["client_id"] = clean["client"].id if clean["client"] else None
    if values.get("duration_minutes") is not None:
        new["duration_minutes"] = clean["duration_minutes"]
    start = values.get("scheduled_at")
    if start is not None and start != interview.scheduled_at:
        if interview.events:
            raise _refuse(
                "Events are logged for this interview: log a reschedule to change its start.",
                "scheduled_at",
            )
        new["scheduled_at"] = new["original_scheduled_at"] = start
    if "scheduled_at" in new:
        unit.touch_instants(interview.team_id, (interview.scheduled_at, start))
    changes = audit.diff(interview, new)
    if changes:
        interview.updated_at = now
        audit.record(owner, owner.team_id, "interview", interview.id, "updated", changes, now=now)
    db.session.flush()


def add_event(
    owner: Recruiter, interview: Interview, event: EventData, now: datetime
) -> InterviewEvent:
    if event.type not in EVENT_TYPES:
        raise _refuse(f"Unknown event type; use one of: {', '.join(EVENT_TYPES)}.")
    if event.at > now + FUTURE_TOLERANCE:
        raise _refuse("That time is in the future: log events once they have happened.", "at")
    if event.type != "rescheduled" and event.new_scheduled_at is not None:
        raise _refuse("Only a reschedule takes a new start time.", "new_scheduled_at")
    if event.by is not None and event.by not in EVENT_ACTORS:
        raise _refuse("Use candidate, client or recruiter.", "by")
    if event.by is None and event.type in DEFAULT_ACTOR:
        # The same default for the form, the API, the quick actions and imports.
        event = replace(event, by=DEFAULT_ACTOR[event.type])
    state = apply(replay(interview), event)
    row = InterviewEvent(
        team_id=owner.team_id,
        interview_id=interview.id,
        type=event.type,
        at=event.at,
        by=event.by,
        reason=(event.reason or "").strip() or None,
        new_scheduled_at=event.new_scheduled_at,
        recorded_at=now,
        recorded_by_id=owner.id,
    )
    interview.events.append(row)
    interview.status = state.status
    _move(interview, state.scheduled_at)
    interview.explained = state.explained
    interview.updated_at = now
    db.session.flush()
    audit.record(owner, owner.team_id, "interview", interview.id, f"event:{event.type}", now=now)
    unit.touch(interview.candidate_id, now)
    return row


def retract_event(
    owner: Recruiter, interview: Interview, event_id: Any, reason: str | None, now: datetime
) -> EventRetraction:
    """Take a logged event back: it stays in the log, marked retracted with the reason, and the
    interview (status, start, explanation) replays without it; what follows the write settles
    as for any other. Refused with a reason when already retracted or when the history left
    would be impossible (retract the later event first)."""
    event = next((e for e in interview.events if str(e.id) == str(event_id)), None)
    if event is None:
        raise NotFound()
    text = (reason or "").strip()
    if not text:
        raise _refuse("Say why the event is taken back.", "reason")
    if len(text) > REASON_MAX:
        raise _refuse(f"At most {REASON_MAX} characters.", "reason")
    if event.retraction is not None:
        raise _refuse("This event was already retracted.", "event")
    retraction = EventRetraction(
        team_id=owner.team_id, reason=text, at=now, recorded_by_id=owner.id
    )
    event.retraction = retraction
    try:
        state = replay(interview)
    except ServiceError as exc:
        event.retraction = None
        raise _refuse(
            f"Retracting it would leave an impossible history ({exc.message}) "
            "Retract the later events first.",
            "event",
        ) from None
    interview.status = state.status
    _move(interview, state.scheduled_at)
    interview.explained = state.explained
    interview.updated_at = now
    db.session.flush()
    audit.record(
        owner,
        owner.team_id,
        "interview",
        interview.id,
        f"retracted:{event.type}",
        {"event_id": [event.id, None]},
        text,
        now,
    )
    unit.touch(interview.candidate_id, now)
    return retraction


_WITH_EVENTS = joinedload(Interview.events).joinedload(InterviewEvent.retraction)


def _move(interview: Interview, start: datetime) -> None:
    """Set the interview's start; a move is noted at both ends for the charts' months."""
    if start != interview.scheduled_at:
        unit.touch_instants(interview.team_id, (interview.scheduled_at, start))
        interview.scheduled_at = start


def get_interview(owner: Recruiter, interview_id: Any) -> Interview:
    """The interview with its event log (and what was retracted), in one statement: every
    caller replays or shows the log."""
    return get_owned(Interview, owner, interview_id, prebuilt=_interview_with_events())


@cache
def _interview_with_events() -> Select[tuple[Interview]]:
    return by_id_statement(Interview).options(_WITH_EVENTS)


def search_interviews(
    owner: Recruiter,
    filters: InterviewFilter | None = None,
    now: datetime | None = None,
    **values: Any,
) -> Select[tuple[Interview]]:
    """The owner's interviews, narrowed and ordered by ``filters`` (or an
    :class:`InterviewFilter` of ``values``); ``now`` for ``upcoming``. One query."""
    filters = filters or InterviewFilter(**values)
    return filters.apply(owned(Interview, owner), owner, now)


def confirmed_at(interview: Interview) -> datetime | None:
    return replay(interview).confirmed_at
