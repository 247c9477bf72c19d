"""Read a LinkedIn data export: Connections.csv, Invitations.csv and messages.csv.

Pure and stdlib-only. Bad data never raises: a row that cannot be read is left out and becomes a
`Problem` naming the file, the row as a spreadsheet shows it (1-based, counting the notes and
the header; a quoted cell that spans several lines is one row) and the field at fault.
"""

from .conversations import inbound_messages, pair_messages, read_conversations
from .data import (
    CONNECTIONS,
    INVITATIONS,
    MESSAGES,
    ConnectionRow,
    InvitationRow,
    LinkedInExport,
    MessagePair,
    MessageRow,
    Problem,
)
from .export import detect_owner_profile, read_export
from .urls import normalise_profile_url

__all__ = [
    "CONNECTIONS",
    "INVITATIONS",
    "MESSAGES",
    "ConnectionRow",
    "InvitationRow",
    "LinkedInExport",
    "MessagePair",
    "MessageRow",
    "Problem",
    "detect_owner_profile",
    "inbound_messages",
    "normalise_profile_url",
    "pair_messages",
    "read_conversations",
    "read_export",
]
