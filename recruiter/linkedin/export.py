"""Reading a whole export, and telling whose it is."""

import os
from collections import Counter, defaultdict
from typing import BinaryIO

from .archive import _open_source
from .data import MESSAGES, LinkedInExport, Problem
from .rows import _parse_file
from .tables import _clip
from .urls import normalise_profile_url


def read_export(
    source: str | os.PathLike[str] | bytes | BinaryIO,
    filename: str | None = None,
    owner_profile_url: str | None = None,
) -> LinkedInExport:
    """Read a LinkedIn export: a zip (path, bytes or file object), an unzipped folder, or one of
    its CSV files (path, or bytes / file object with `filename` telling which it is).

    `owner_profile_url` names the recruiter whose export it is; without it the owner is
    detected (see `detect_owner_profile`). Never raises on bad input: see `problems`.
    """
    export = LinkedInExport()
    messages_file = None
    for name, kind, data in _open_source(source, filename, export.problems):
        _parse_file(export, name, kind, data)
        messages_file = name if kind == MESSAGES else messages_file
    export.owner_profile_url = _owner(export, owner_profile_url)
    if messages_file and export.messages:
        _check_owner(export, messages_file)
    return export


def _owner(export: LinkedInExport, given: str | None) -> str | None:
    if not given:
        return detect_owner_profile(export)
    owner = normalise_profile_url(given)
    if owner is None:
        export.problems.append(Problem("", None, f'owner profile "{_clip(given)}" is not a URL'))
    return owner


def _check_owner(export: LinkedInExport, messages_file: str) -> None:
    owner = export.owner_profile_url
    if owner is None:
        message = (
            "cannot tell whose messages these are: no invitation names the owner and no "
            "profile URL stands out; give the owner's LinkedIn profile URL"
        )
    elif not any(m.sender_url == owner or owner in m.recipient_urls for m in export.messages):
        message = f"the owner's profile {owner} sends or receives none of these messages"
    else:
        return
    export.problems.append(Problem(messages_file, None, message))


def detect_owner_profile(export: LinkedInExport) -> str | None:
    """The recruiter's own profile URL: the one Invitations.csv names on our side (inviter of
    OUTGOING, invitee of INCOMING rows), else the URL found in the most conversations of
    messages.csv. None when there is no data or no single clear winner."""
    owner = _clear_winner(Counter(r.owner_url for r in export.invitations if r.owner_url))
    if owner:
        return owner
    people: defaultdict[str, set[str]] = defaultdict(set)
    for message in export.messages:
        people[message.conversation_id].update(message.recipient_urls)
        people[message.conversation_id].add(message.sender_url or "")
    return _clear_winner(Counter(url for urls in people.values() for url in urls if url))


def _clear_winner(votes: Counter[str]) -> str | None:
    top = votes.most_common(2)
    if not top or (len(top) == 2 and top[0][1] == top[1][1]):
        return None
    return top[0][0]
