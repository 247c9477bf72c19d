"""Turning table rows into connections, invitations and messages, and one file into the export."""

import functools
import re

from .data import (
    CONNECTIONS,
    INVITATIONS,
    MESSAGES,
    ConnectionRow,
    InvitationRow,
    LinkedInExport,
    MessageRow,
    Problem,
)
from .dates import _parse_date, _parse_datetime
from .tables import _clip, _read_table, _Values
from .urls import normalise_profile_url


def _connection(v: _Values) -> ConnectionRow:
    v.need("First Name", "Last Name")
    connected_on = None
    if v["Connected On"]:
        connected_on = v.when("Connected On", 'date like "15 Mar 2024"', _parse_date)
    first, last = v["First Name"], v["Last Name"]
    return ConnectionRow(
        row=v.row,
        full_name=f"{first} {last}".strip(),
        first_name=first,
        last_name=last,
        profile_url=v.url("URL"),
        email=v["Email Address"] or None,
        company=v["Company"] or None,
        title=v["Position"] or None,
        connected_on=connected_on,
    )


def _invitation(v: _Values) -> InvitationRow | None:
    sent_at = v.when("Sent At", 'date and time like "10/8/26, 12:00 AM"', _parse_datetime)
    direction = v["Direction"].lower()
    if direction not in {"incoming", "outgoing"}:
        v.errors.append(f'"Direction": "{_clip(v["Direction"])}" is not INCOMING or OUTGOING')
        return None
    other, other_url, own_url = ("From", "inviterProfileUrl", "inviteeProfileUrl")
    if direction == "outgoing":
        other, other_url, own_url = ("To", "inviteeProfileUrl", "inviterProfileUrl")
    v.need(other)
    profile_url, owner_url = v.url(other_url), v.url(own_url)
    if sent_at is None:
        return None
    return InvitationRow(
        row=v.row,
        direction=direction,
        name=v[other],
        profile_url=profile_url,
        sent_at=sent_at,
        message=v["Message"] or None,
        owner_url=owner_url,
    )


def _message(v: _Values) -> MessageRow | None:
    if v["IS MESSAGE DRAFT"].lower() == "true":
        return None  # never sent, so neither outreach nor reply
    v.need("CONVERSATION ID")
    v.need("FROM", "SENDER PROFILE URL")
    sent_at = v.when("DATE", 'date and time like "2023-06-11 15:33:58 UTC"', _parse_datetime)
    sender_url = v.url("SENDER PROFILE URL")
    urls, names, errors = _recipients(v["RECIPIENT PROFILE URLS"], v["TO"])
    v.errors.extend(errors)
    if sent_at is None:
        return None
    return MessageRow(
        row=v.row,
        conversation_id=v["CONVERSATION ID"],
        sender_name=v["FROM"],
        sender_url=sender_url,
        recipient_names=names,
        recipient_urls=urls,
        sent_at=sent_at,
        content=v["CONTENT"],
    )


@functools.lru_cache(maxsize=65536)  # every message of a conversation names the same people
def _recipients(listed: str, to: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The recipients' profile URLs, their names, and what is wrong with the URLs listed."""
    urls: list[str] = []
    errors: list[str] = []
    for raw in re.split(r"[\s,;]+", listed.strip()):
        if not raw:
            continue
        url = normalise_profile_url(raw)
        if url is None:
            errors.append(f'"RECIPIENT PROFILE URLS": "{_clip(raw)}" is not a profile URL')
        else:
            urls.append(url)
    return tuple(urls), _split_names(to, len(urls)), tuple(errors)


def _split_names(text: str, url_count: int) -> tuple[str, ...]:
    """Split "TO" at commas only when that gives one name per URL ("Smith, Jo" stays whole)."""
    if not text:
        return ()
    names = tuple(name.strip() for name in text.split(",") if name.strip())
    return names if url_count > 1 and len(names) == url_count else (text,)


_ROW_READERS = {CONNECTIONS: _connection, INVITATIONS: _invitation, MESSAGES: _message}
_TARGETS = {CONNECTIONS: "connections", INVITATIONS: "invitations", MESSAGES: "messages"}


def _parse_file(export: LinkedInExport, name: str, kind: str, data: bytes) -> None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        export.problems.append(Problem(name, line, "is not UTF-8 text; save it as UTF-8 CSV"))
        return
    export.files.append(name)
    target = getattr(export, _TARGETS[kind])
    for values in _read_table(name, text, kind, export.problems):
        parsed = _ROW_READERS[kind](values)
        if values.errors:
            export.problems.append(Problem(name, values.row, "; ".join(values.errors)))
        elif parsed is not None:
            target.append(parsed)
