"""How what an import read becomes candidate and outreach values: the keys that recognise a
row again, the connection status that only moves forward, the fields a re-import may change."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from recruiter.linkedin import MessageRow
from recruiter.models import Candidate
from recruiter.services.imports.reading import Person

NOTE_LIMIT = 500
PENDING = ("pending_incoming", "pending_outgoing")


def source_key(message: MessageRow) -> str:
    """The same LinkedIn message always gives the same key, whatever export it comes from."""
    sender = message.sender_url or message.sender_name
    text = f"{message.conversation_id}|{message.sent_at.isoformat()}|{sender}"
    return "linkedin:" + hashlib.sha256(text.encode()).hexdigest()[:40]


def next_status(current: str, wanted: str | None) -> str:
    """Connection status only moves forward: ``removed`` stays removed (the recruiter decided),
    ``connected`` is not downgraded to a pending invitation; "none" never clears a status."""
    if not wanted or wanted == "none" or current == "removed":
        return current
    if current == "connected" and wanted in PENDING:
        return current
    return wanted


def utc(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def note(content: str) -> str:
    text = " ".join(content.split())
    if len(text) > NOTE_LIMIT:
        text = text[: NOTE_LIMIT - 1] + "…"
    return f"LinkedIn message: {text}" if text else "LinkedIn message"


def new_values(person: Person) -> dict[str, Any]:
    values: dict[str, Any] = {
        "full_name": person.full_name,
        "profile_url": person.profile_url,
        "email": person.email,
        "connection_status": person.status or "none",
        "connected_on": person.connected_on,
    }
    values.update({k: v for k, v in person.values.items() if v not in (None, "")})
    return {k: v for k, v in values.items() if v is not None}


def changes(person: Person, candidate: Candidate) -> dict[str, Any]:
    """What the import changes on an existing candidate: never a value to empty, never the
    name from LinkedIn (a recruiter may have corrected it), a URL or email only where none."""
    values: dict[str, Any] = {}
    if person.replace_name and person.full_name != candidate.full_name:
        values["full_name"] = person.full_name
    if person.email and candidate.email is None:
        values["email"] = person.email
    if person.profile_url and candidate.profile_url is None:
        values["profile_url"] = person.profile_url
    status = next_status(candidate.connection_status, person.status)
    if status != candidate.connection_status:
        values["connection_status"] = status
    dated = person.replace_name or status == "connected"
    if person.connected_on and dated and person.connected_on != candidate.connected_on:
        values["connected_on"] = person.connected_on
    for name, value in person.values.items():
        if value not in (None, "") and getattr(candidate, name) != value:
            values[name] = value
    return values
