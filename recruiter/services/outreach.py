"""Outreach: every call, text, email or message, and when (or whether) it was answered."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Select, insert
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.sql.dml import ReturningInsert

from recruiter.extensions import db
from recruiter.models import CHANNELS, DIRECTIONS, Candidate, Outreach, Recruiter
from recruiter.services import NotFound, ServiceError, audit, planner, unit
from recruiter.services.candidates import get_candidate
from recruiter.services.filters import OutreachFilter
from recruiter.services.interviews import FUTURE_TOLERANCE, get_interview
from recruiter.services.scoping import get_owned, owned, owned_rows


def _validate(owner: Recruiter, values: dict[str, Any], now: datetime) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    clean: dict[str, Any] = {}
    try:
        clean["candidate"] = get_candidate(owner, values.get("candidate_id"))
    except NotFound:
        errors["candidate_id"] = ["Choose one of your candidates."]
    interview_id = values.get("interview_id")
    clean["interview_id"] = None
    if interview_id not in (None, "", 0):
        try:
            interview = get_interview(owner, interview_id)
        except NotFound:
            errors["interview_id"] = ["Choose one of your interviews."]
        else:
            if "candidate" in clean and interview.candidate_id != clean["candidate"].id:
                errors["interview_id"] = ["That interview is for another candidate."]
            clean["interview_id"] = interview.id
    fields, field_errors = check_fields(values, now)
    errors.update(field_errors)
    if errors:
        raise ServiceError("Please correct the highlighted fields.", errors)
    clean.update(fields)
    return clean


def check_fields(values: dict[str, Any], now: datetime) -> tuple[dict[str, Any], dict]:
    """The rules on an outreach's own fields (channel, direction, times, note): the clean
    values and the errors by field. Shared by one write and a bulk one."""
    errors: dict[str, list[str]] = {}
    channel = values.get("channel")
    if channel not in CHANNELS:
        errors["channel"] = [f"Must be one of: {', '.join(CHANNELS)}."]
    direction = values.get("direction") or "outbound"
    if direction not in DIRECTIONS:
        errors["direction"] = [f"Must be one of: {', '.join(DIRECTIONS)}."]
    sent_at = values.get("sent_at")
    if sent_at is None:
        errors["sent_at"] = ["When was it sent? This is required."]
    elif sent_at > now + FUTURE_TOLERANCE:
        errors["sent_at"] = ["That time is in the future."]
    responded_at = values.get("responded_at")
    if responded_at is not None:
        if direction == "inbound":
            errors["responded_at"] = ["The candidate reached out: there is no reply to log."]
        elif sent_at is not None and responded_at < sent_at:
            errors["responded_at"] = ["The reply cannot come before the outreach was sent."]
        elif responded_at > now + FUTURE_TOLERANCE:
            errors["responded_at"] = ["That time is in the future."]
    clean = dict(
        channel=channel,
        direction=direction,
        sent_at=sent_at,
        responded_at=responded_at,
        note=(values.get("note") or "").strip() or None,
    )
    return clean, errors


def create_outreach(
    owner: Recruiter,
    values: dict[str, Any],
    now: datetime,
    source_key: str | None = None,
) -> Outreach:
    clean = _validate(owner, values, now)
    candidate: Candidate = clean.pop("candidate")
    fields = dict(
        team_id=owner.team_id,
        logged_by_id=owner.id,
        candidate_id=candidate.id,
        created_at=now,
        source_key=source_key,
        **clean,
    )
    # One Core INSERT ... RETURNING, not a unit-of-work flush nor the ORM's bulk INSERT (a
    # write's costliest steps); the returned columns make the row, persistent as if loaded.
    returned = db.session.execute(_insert_returning(), fields).one()
    row = Outreach(**returned._asdict())
    make_transient_to_detached(row)
    db.session.add(row)
    # The row holds its candidate (as loaded, nothing to write): the session keeps only
    # objects something refers to, and settling finds the candidate there, not by a SELECT.
    set_committed_value(row, "candidate", candidate)
    audit.record(owner, owner.team_id, "outreach", row.id, "created", now=now)
    unit.touch(candidate.id, now)
    unit.touch_instants(owner.team_id, (row.sent_at,))
    return row


@cache
def _insert_returning() -> ReturningInsert[Any]:
    table = Outreach.__table__
    return insert(table).returning(*table.c)


def create_outreach_many(
    owner: Recruiter, rows: list[dict[str, Any]], now: datetime, batch: int = 5000
) -> int:
    """Bulk :func:`create_outreach` for an import: ``rows`` hold ``candidate_id`` (the
    caller's own candidates, already checked), ``source_key`` (unique in the team) and fields
    that passed :func:`check_fields`. Inserted in batches, each candidate touched once.
    Returns how many.

    Each batch is one executemany without RETURNING (the driver's own batching: psycopg would
    parse again every 1,000-row multi-VALUES page SQLAlchemy builds to return ids, and SQLite
    would insert row by row to return them in order); the ids for the audit trail are then
    read back by source key."""
    table = Outreach.__table__
    touched: set[int] = set()
    for start in range(0, len(rows), batch):
        chunk = [
            {
                "team_id": owner.team_id,
                "logged_by_id": owner.id,
                "interview_id": None,
                "created_at": now,
                **row,
            }
            for row in rows[start : start + batch]
        ]
        db.session.execute(insert(table), chunk)
        if start == 0:  # a first import: the statistics still say the table is empty
            planner.analyze_table(table.name)
        ids = _ids_by_source_key(owner.team_id, [row["source_key"] for row in chunk])
        audit.record_many(owner, owner.team_id, "outreach", ids, "created", now)
        touched.update(row["candidate_id"] for row in chunk)
        unit.touch_instants(owner.team_id, (row.get("sent_at") for row in chunk))
    for candidate_id in touched:
        unit.touch(candidate_id, now)
    return len(rows)


def _ids_by_source_key(team_id: int, keys: list[str], chunk: int = 5000) -> list[int]:
    table = Outreach.__table__
    ids: list[int] = []
    for start in range(0, len(keys), chunk):
        ids += db.session.scalars(
            owned_rows(Outreach, team_id, "id").where(
                planner.among(table.c.source_key, keys[start : start + chunk])
            )
        )
    return sorted(ids)


def record_response(
    owner: Recruiter,
    outreach: Outreach,
    responded_at: datetime,
    now: datetime,
) -> Outreach:
    errors: list[str] = []
    if outreach.direction == "inbound":
        errors.append("The candidate reached out: there is no reply to log.")
    elif outreach.responded_at is not None:
        errors.append(f"Already answered at {outreach.responded_at:%Y-%m-%d %H:%M} UTC.")
    elif responded_at < outreach.sent_at:
        errors.append("The reply cannot come before the outreach was sent.")
    elif responded_at > now + FUTURE_TOLERANCE:
        errors.append("That time is in the future.")
    if errors:
        raise ServiceError(errors[0], {"responded_at": errors})
    outreach.responded_at = responded_at
    db.session.flush()
    audit.record(owner, owner.team_id, "outreach", outreach.id, "response", now=now)
    unit.touch(outreach.candidate_id, now)
    unit.touch_instants(owner.team_id, (outreach.sent_at,))
    return outreach


def candidate_replied(
    owner: Recruiter, candidate: Candidate, at: datetime, now: datetime, channel: str = "call"
) -> list[Outreach]:
    """ "They replied": answer every unanswered outbound outreach sent before ``at``.

    With nothing waiting for an answer, the reply is logged as the candidate reaching out.
    """
    if at > now + FUTURE_TOLERANCE:
        raise ServiceError.field("at", "That time is in the future.")
    waiting = list(
        db.session.scalars(
            owned(Outreach, owner).where(
                Outreach.candidate_id == candidate.id,
                Outreach.direction == "outbound",
                Outreach.responded_at.is_(None),
                Outreach.sent_at <= at,
            )
        )
    )
    if not waiting:
        values = {
            "candidate_id": candidate.id,
            "channel": channel,
            "direction": "inbound",
            "sent_at": at,
        }
        return [create_outreach(owner, values, now)]
    for row in waiting:
        row.responded_at = at
        audit.record(owner, owner.team_id, "outreach", row.id, "response", now=now)
    db.session.flush()
    unit.touch(candidate.id, now)
    unit.touch_instants(owner.team_id, (row.sent_at for row in waiting))
    return waiting


# One click on a candidate page or a reminder: "I called / texted / emailed / messaged them",
# or "they replied". The one table of those actions, for every page that offers them.
CONTACT_ACTIONS = {"called": "call", "texted": "text", "emailed": "email", "messaged": "message"}
REPLIED = "replied"


def log_contact(
    owner: Recruiter,
    candidate: Candidate,
    action: str,
    at: datetime,
    now: datetime,
    interview_id: int | None = None,
) -> list[Outreach]:
    """Log a one-click contact: the outreach it made, or the outreach a reply answered."""
    if action == REPLIED:
        return candidate_replied(owner, candidate, at, now)
    if action not in CONTACT_ACTIONS:
        raise ServiceError.field("action", f"{action!r} is not a contact to log.")
    values = {
        "candidate_id": candidate.id,
        "interview_id": interview_id,
        "channel": CONTACT_ACTIONS[action],
        "direction": "outbound",
        "sent_at": at,
    }
    return [create_outreach(owner, values, now)]


def get_outreach(owner: Recruiter, outreach_id: Any) -> Outreach:
    return get_owned(Outreach, owner, outreach_id)


def for_interview(owner: Recruiter, interview: Any) -> list[Outreach]:
    """The outreach logged about this interview (its follow-ups), oldest first."""
    query = owned(Outreach, owner).where(Outreach.interview_id == interview.id)
    return list(db.session.scalars(query.order_by(Outreach.sent_at, Outreach.id)))


def search_outreach(
    owner: Recruiter, filters: OutreachFilter | None = None, **values: Any
) -> Select[tuple[Outreach]]:
    """The owner's outreach, narrowed and ordered (newest first) by ``filters`` (or an
    :class:`OutreachFilter` of ``values``): one query; callers paginate or stream it."""
    filters = filters or OutreachFilter(**values)
    return filters.apply(owned(Outreach, owner), owner)
