"""What a LinkedIn export holds once read: its rows, the pairs made from messages, and
the problems found."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

CONNECTIONS = "connections.csv"
INVITATIONS = "invitations.csv"
MESSAGES = "messages.csv"


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    message: str


@dataclass(frozen=True)
class ConnectionRow:
    row: int
    full_name: str
    first_name: str
    last_name: str
    profile_url: str | None
    email: str | None
    company: str | None
    title: str | None
    connected_on: date | None


@dataclass(frozen=True)
class InvitationRow:
    """One invitation; `name` and `profile_url` are the other person's, `owner_url` ours."""

    row: int
    direction: str
    name: str
    profile_url: str | None
    sent_at: datetime
    message: str | None
    owner_url: str | None = None


@dataclass(frozen=True)
class MessageRow:
    row: int
    conversation_id: str
    sender_name: str
    sender_url: str | None
    recipient_names: tuple[str, ...]
    recipient_urls: tuple[str, ...]
    sent_at: datetime
    content: str


@dataclass(frozen=True)
class MessagePair:
    """An owner's message (`sent`) and the other side's reply to it, if any."""

    conversation_id: str
    other_name: str
    other_url: str | None
    sent: MessageRow
    response: MessageRow | None

    @property
    def response_time(self) -> timedelta | None:
        return None if self.response is None else self.response.sent_at - self.sent.sent_at


@dataclass
class LinkedInExport:
    connections: list[ConnectionRow] = field(default_factory=list)
    invitations: list[InvitationRow] = field(default_factory=list)
    messages: list[MessageRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    owner_profile_url: str | None = None
