"""Pairing the owner's messages with their replies, and finding who got in touch first."""

from collections import defaultdict
from collections.abc import Sequence
from operator import attrgetter

from .data import MessagePair, MessageRow
from .urls import normalise_profile_url

# Time order, ties in file order (attrgetter: the sort keys are built in C, not by a lambda).
_BY_TIME = attrgetter("sent_at", "row")
_PAIRS_BY_TIME = attrgetter("sent.sent_at", "sent.row")


def _conversations(messages: Sequence[MessageRow]) -> list[list[MessageRow]]:
    """Messages grouped by conversation, each in time order (ties keep file order)."""
    groups: defaultdict[str, list[MessageRow]] = defaultdict(list)
    for message in messages:
        groups[message.conversation_id].append(message)
    return [sorted(group, key=_BY_TIME) for group in groups.values()]


def _owner_url(owner_profile_url: str) -> str:
    owner = normalise_profile_url(owner_profile_url)
    if owner is None:
        raise ValueError(f"owner_profile_url {owner_profile_url!r} is not a profile URL")
    return owner


def pair_messages(messages: Sequence[MessageRow], owner_profile_url: str) -> list[MessagePair]:
    """Every message the owner sent, with the reply it got, in time order.

    Within a conversation (sorted by time, whatever the file order), each owner message is an
    outreach. The first later message from anyone else answers every owner message sent since
    the previous answer: a follow-up does not turn the first message into an unanswered one,
    and each pair's response time runs from its own message. Owner messages with no later
    message from the other side have `response=None`. Messages from others that answer
    nothing are not here: see `inbound_messages`.
    """
    return _pairs(_conversations(messages), _owner_url(owner_profile_url))


def _pairs(conversations: list[list[MessageRow]], owner: str) -> list[MessagePair]:
    pairs: list[MessagePair] = []
    for conversation in conversations:
        waiting: list[MessageRow] = []
        for message in conversation:
            if message.sender_url == owner:
                waiting.append(message)
            elif waiting:
                pairs += [_pair(sent, message, owner) for sent in waiting]
                waiting = []
        pairs += [_pair(sent, None, owner) for sent in waiting]
    return sorted(pairs, key=_PAIRS_BY_TIME)


def _pair(sent: MessageRow, response: MessageRow | None, owner: str) -> MessagePair:
    if response is not None:
        name, url = response.sender_name, response.sender_url
    else:
        urls = [u for u in sent.recipient_urls if u != owner]
        name, url = ", ".join(sent.recipient_names), urls[0] if len(urls) == 1 else None
    return MessagePair(sent.conversation_id, name, url, sent, response)


def inbound_messages(messages: Sequence[MessageRow], owner_profile_url: str) -> list[MessageRow]:
    """Messages from others sent before the owner's first message in their conversation: people
    who got in touch first. Group them by `conversation_id` to count contacts."""
    return _inbound(_conversations(messages), _owner_url(owner_profile_url))


def _inbound(conversations: list[list[MessageRow]], owner: str) -> list[MessageRow]:
    inbound: list[MessageRow] = []
    for conversation in conversations:
        for message in conversation:
            if message.sender_url == owner:
                break
            inbound.append(message)
    return sorted(inbound, key=_BY_TIME)


def read_conversations(
    messages: Sequence[MessageRow], owner_profile_url: str
) -> tuple[list[MessagePair], list[MessageRow]]:
    """:func:`pair_messages` and :func:`inbound_messages` at once, the messages grouped into
    conversations and sorted once (an export's 100,000 messages)."""
    owner = _owner_url(owner_profile_url)
    conversations = _conversations(messages)
    return _pairs(conversations, owner), _inbound(conversations, owner)
