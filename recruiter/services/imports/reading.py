"""Reading what is imported into people (and message pairs): a LinkedIn export through
:mod:`recruiter.linkedin`, or the generic candidates CSV (the candidates report's columns)."""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from recruiter import linkedin
from recruiter.csvsafe import neutralise
from recruiter.linkedin import LinkedInExport, MessagePair, MessageRow, Problem
from recruiter.models import CONNECTION_STATUSES
from recruiter.services import ServiceError
from recruiter.services.reports import CONTACT_FIELDS

Source = str | os.PathLike[str] | bytes | BinaryIO
KINDS = ("auto", "linkedin", "candidates")
# The generic candidates CSV: what is read back (the report's computed columns are ignored).
GENERIC_FIELDS = (*CONTACT_FIELDS, "connected_on", "mutual_connections", "notes")
GENERIC_FILE = "candidates CSV"


@dataclass
class Person:
    """One person as the import sees them, merged across the files."""

    file: str
    row: int | None
    full_name: str
    profile_url: str | None = None
    email: str | None = None
    status: str | None = None
    status_at: datetime | None = None
    connected_on: date | None = None
    values: dict[str, Any] = field(default_factory=dict)  # company, title, phone, ...
    request: linkedin.InvitationRow | None = None  # a pending incoming invitation
    replace_name: bool = False  # the generic CSV is the recruiter's own data

    @property
    def key(self) -> str:
        if self.profile_url:
            return f"url:{self.profile_url}"
        if self.email:
            return f"email:{self.email}"
        return f"name:{self.full_name.casefold()}"


@dataclass
class Read:
    kind: str
    files: list[str]
    problems: list[Problem]
    people: list[Person]
    pairs: list[MessagePair] = field(default_factory=list)
    inbound: list[MessageRow] = field(default_factory=list)
    messages_file: str = "messages.csv"
    owner_profile_url: str | None = None


def _detect_kind(source: Source, filename: str | None) -> str:
    """A single CSV whose header has ``full_name`` is the generic candidates CSV."""
    if isinstance(source, bytes | bytearray):
        head = bytes(source[:16384])
    elif hasattr(source, "read"):
        return "linkedin"
    else:
        path = Path(source)
        if not path.is_file():
            return "linkedin"
        with path.open("rb") as handle:
            head = handle.read(16384)
    if head[:2] == b"PK" or (filename or "").lower().endswith(".zip"):
        return "linkedin"
    text = head.decode("utf-8-sig", "replace")
    rows = list(csv.reader(io.StringIO(text, newline="")))[:20] if "\0" not in text else []
    return "candidates" if any("full_name" in _generic_keys(row) for row in rows) else "linkedin"


def _read_bytes(source: Source) -> bytes:
    if isinstance(source, bytes | bytearray):
        return bytes(source)
    if hasattr(source, "read"):
        return source.read()  # type: ignore[union-attr]
    return Path(source).read_bytes()  # type: ignore[arg-type]


def read_source(
    source: Source,
    filename: str | None = None,
    owner_profile_url: str | None = None,
    kind: str = "auto",
) -> Read:
    """What ``source`` holds: a LinkedIn export (zip, folder or one of its CSV files), or with
    ``kind="candidates"`` (or detected by its ``full_name`` column) a candidates CSV. Never
    raises on bad data: problems are listed."""
    if kind not in KINDS:
        raise ServiceError.field("kind", f"Must be one of: {', '.join(KINDS)}.")
    if kind == "auto":
        kind = _detect_kind(source, filename)
    if kind == "candidates":
        name = filename or Path(str(getattr(source, "name", "") or GENERIC_FILE)).name
        try:
            data = _read_bytes(source)
        except OSError as exc:
            return Read(kind, [], [Problem(name, None, f"cannot be read: {exc}")], [])
        return _read_generic(data, name or GENERIC_FILE)
    export = linkedin.read_export(source, filename=filename, owner_profile_url=owner_profile_url)
    return _from_export(export)


def _file_of(export: LinkedInExport, kind: str, has_rows: bool) -> str:
    """The name of the file that held rows of ``kind`` (as the problems name it)."""
    for name in export.files:
        if name.replace("\\", "/").rsplit("/", 1)[-1].lower() == kind:
            return name
    if has_rows and len(export.files) == 1:
        return export.files[0]
    return {"connections.csv": "Connections.csv", "invitations.csv": "Invitations.csv"}.get(
        kind, kind
    )


def _from_export(export: LinkedInExport) -> Read:
    people: dict[str, Person] = {}
    connections_file = _file_of(export, linkedin.CONNECTIONS, bool(export.connections))
    for row in export.connections:
        person = Person(
            connections_file,
            row.row,
            row.full_name,
            profile_url=row.profile_url,
            email=(row.email or "").strip().lower() or None,
            status="connected",
            connected_on=row.connected_on,
            values={"company": row.company, "title": row.title},
        )
        _merge(people, person)
    invitations_file = _file_of(export, linkedin.INVITATIONS, bool(export.invitations))
    owner = export.owner_profile_url
    for invite in export.invitations:
        if invite.profile_url and invite.profile_url == owner:
            continue
        status = "pending_incoming" if invite.direction == "incoming" else "pending_outgoing"
        person = Person(
            invitations_file,
            invite.row,
            invite.name,
            profile_url=invite.profile_url,
            status=status,
            status_at=invite.sent_at,
            request=invite if status == "pending_incoming" else None,
        )
        _merge(people, person)
    read = Read("linkedin", list(export.files), list(export.problems), [])
    read.owner_profile_url = owner
    if export.messages and owner:
        read.messages_file = _file_of(export, linkedin.MESSAGES, True)
        read.pairs, inbound = linkedin.read_conversations(export.messages, owner)
        read.inbound = _first_per_conversation(inbound)
        _message_people(read, people)
    read.people = list(people.values())
    return read


def _first_per_conversation(messages: Sequence[MessageRow]) -> list[MessageRow]:
    """Someone getting in touch: their first message in a conversation the owner had not
    started (the later ones are the same contact)."""
    seen: set[str] = set()
    first = []
    for message in messages:
        if message.conversation_id not in seen:
            seen.add(message.conversation_id)
            first.append(message)
    return first


def _message_people(read: Read, people: dict[str, Person]) -> None:
    """People known only from messages are created from their name and profile URL (a
    person already known gains nothing from a message: the look-up skips the merge)."""
    for pair in read.pairs:
        if pair.other_url and f"url:{pair.other_url}" not in people:
            name = pair.other_name if pair.response is None else pair.response.sender_name
            row = pair.sent.row if pair.response is None else pair.response.row
            _merge(people, Person(read.messages_file, row, name, profile_url=pair.other_url))
    for message in read.inbound:
        if message.sender_url and f"url:{message.sender_url}" not in people:
            person = Person(
                read.messages_file, message.row, message.sender_name, message.sender_url
            )
            _merge(people, person)


def _merge(people: dict[str, Person], person: Person) -> None:
    person.full_name = person.full_name.strip() or _name_from_url(person.profile_url)
    known = people.get(person.key)
    if known is None:
        people[person.key] = person
        return
    known.email = known.email or person.email
    known.connected_on = known.connected_on or person.connected_on
    for name, value in person.values.items():
        if value and not known.values.get(name):
            known.values[name] = value
    if person.status and known.status != "connected":
        later = person.status_at is not None and (
            known.status_at is None or person.status_at >= known.status_at
        )
        if person.status == "connected" or known.status is None or later:
            known.status, known.status_at = person.status, person.status_at
    known.request = person.request or known.request


def _name_from_url(url: str | None) -> str:
    """ "https://linkedin.com/in/ada-lovelace-12ab" -> "ada lovelace 12ab" (a name is required)."""
    slug = (url or "").rstrip("/").rsplit("/", 1)[-1]
    return slug.replace("-", " ").strip() or "LinkedIn member"


# --- the generic candidates CSV ------------------------------------------------------------------


def _generic_keys(cells: Iterable[str]) -> list[str]:
    return [re.sub(r"[\s-]+", "_", cell.replace("\ufeff", "").strip().lower()) for cell in cells]


def unneutralise(text: str) -> str:
    """Undo :func:`recruiter.csvsafe.neutralise`: "'+1 555" -> "+1 555", "'ok" stays."""
    if text.startswith("'") and neutralise(text[1:]) == text:
        return text[1:]
    return text


def _read_generic(data: bytes, name: str) -> Read:
    read = Read("candidates", [name], [], [])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        read.problems.append(Problem(name, line, "is not UTF-8 text; save it as UTF-8 CSV"))
        return read
    records = _csv_records(name, text, read.problems)
    start = next(
        (i for i, (_, cells) in enumerate(records) if "full_name" in _generic_keys(cells)), None
    )
    if start is None:
        read.problems.append(Problem(name, None, 'no header row with a "full_name" column found'))
        return read
    header = _generic_keys(records[start][1])
    while header and not header[-1]:
        header.pop()
    for row, cells in records[start + 1 :]:
        if not "".join(cells[len(header) :]).strip():
            cells = cells[: len(header)]
        if not "".join(cells).strip():
            continue
        if len(cells) != len(header):
            message = f"has {len(cells)} fields but the header has {len(header)}"
            read.problems.append(Problem(name, row, message))
            continue
        values: dict[str, str] = {}
        for key, cell in zip(header, cells, strict=True):
            if key in GENERIC_FIELDS:
                values.setdefault(key, unneutralise(cell.strip()))  # the first of duplicates
        person = _generic_person(name, row, values, read.problems)
        if person is not None:
            read.people.append(person)
    return read


def _csv_records(name: str, text: str, problems: list[Problem]) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    records = []
    row = 0
    while True:
        row += 1
        try:
            records.append((row, next(reader)))
        except StopIteration:
            return records
        except csv.Error as exc:
            problems.append(Problem(name, row, f"cannot be read as CSV: {exc}"))


def _generic_person(
    name: str, row: int, values: dict[str, str], problems: list[Problem]
) -> Person | None:
    errors = []
    full_name = values.get("full_name", "")
    if not full_name:
        errors.append('"full_name" is empty')
    url = None
    if values.get("profile_url"):
        url = linkedin.normalise_profile_url(values["profile_url"])
        if url is None:
            errors.append(f'"profile_url": "{values["profile_url"][:60]}" is not a profile URL')
    status = values.get("connection_status") or None
    if status and status not in CONNECTION_STATUSES:
        errors.append(f'"connection_status": must be one of {", ".join(CONNECTION_STATUSES)}')
    connected_on = None
    if values.get("connected_on"):
        try:
            connected_on = date.fromisoformat(values["connected_on"])
        except ValueError:
            errors.append(
                f'"connected_on": "{values["connected_on"][:40]}" is not a YYYY-MM-DD date'
            )
    extra: dict[str, Any] = {
        key: values.get(key) or None for key in ("phone", "company", "title", "location", "notes")
    }
    mutual = values.get("mutual_connections")
    if mutual:
        if mutual.isascii() and mutual.isdigit() and int(mutual) <= 1_000_000:
            extra["mutual_connections"] = int(mutual)
        else:
            errors.append(f'"mutual_connections": "{mutual[:20]}" is not a whole number')
    if errors:
        problems.append(Problem(name, row, "; ".join(errors)))
        return None
    return Person(
        name,
        row,
        full_name,
        profile_url=url,
        email=(values.get("email") or "").lower() or None,
        status=None if status == "none" else status,
        connected_on=connected_on,
        values=extra,
        replace_name=True,
    )
