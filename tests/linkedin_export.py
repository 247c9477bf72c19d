"""A small LinkedIn data export built in code, shaped like a real one: notes before the
Connections header, US-style invitation dates, messages out of order. Used by the import tests."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import UTC, datetime

OWNER_URL = "https://www.linkedin.com/in/morgan-avery-b"
OWNER_NORMAL = "https://linkedin.com/in/morgan-avery-b"
IMPORT_NOW = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)


def url(slug: str) -> str:
    return f"https://www.linkedin.com/in/{slug}"


def normal(slug: str) -> str:
    return f"https://linkedin.com/in/{slug}"


CONNECTIONS_HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position"]
CONNECTION_ROWS = [
    ["Elena", "Ahmed", url("elena-ahmed-2af8"), "", "Cobalt Retail Group", "ML Engineer"],
    [
        "Signe",
        "Larsen",
        url("signe-larsen-2af9"),
        "signe.larsen@example.org",
        "Summit Grid Energy",
        "QA Lead",
    ],
    ["Mateo", "Okafor", url("mateo-okafor-2b02"), "", "Northwind Analytics", "Data Analyst"],
    ["Zoë", "Łukasiewicz", url("zoe-lukasiewicz"), "", "Harbor & Finch", "Head of Finance"],
]
CONNECTED_ON = ["07 Dec 2023", "02 Apr 2023", "23 Jul 2024", "06 Nov 2021"]


def connections_csv(
    rows: list[list[str]] | None = None,
    dates: list[str] | None = None,
    header: list[str] | None = None,
    newline: str = "\n",
    extra_lines: list[str] = (),  # type: ignore[assignment]
) -> bytes:
    """Connections.csv with the notes LinkedIn puts before the header."""
    buffer = io.StringIO()
    buffer.write("Notes:" + newline)
    buffer.write(
        '"When exporting your connection data, you may notice that some of the email '
        "addresses are missing. You will only see email addresses for connections who have "
        'allowed it: https://www.linkedin.com/psettings/privacy/email"' + newline
    )
    buffer.write(newline)
    writer = csv.writer(buffer, lineterminator=newline)
    writer.writerow(header or [*CONNECTIONS_HEADER, "Connected On"])
    for row, day in zip(rows or CONNECTION_ROWS, dates or CONNECTED_ON, strict=True):
        writer.writerow([*row, day])
    for line in extra_lines:
        buffer.write(line + newline)
    return buffer.getvalue().encode("utf-8")


INVITATIONS_HEADER = [
    "From",
    "To",
    "Sent At",
    "Message",
    "Direction",
    "inviterProfileUrl",
    "inviteeProfileUrl",
]
INVITATION_ROWS = [
    [
        "Morgan Avery",
        "Lena Costaez",
        "10/8/25, 12:00 AM",
        "Hi, I recruit for data roles.",
        "OUTGOING",
        OWNER_URL,
        url("lena-costaez-12cc8"),
    ],
    [
        "Priya Byrneson",
        "Morgan Avery",
        "10/2/25, 6:11 AM",
        "Would love to connect.",
        "INCOMING",
        url("priya-byrneson-12cc9"),
        OWNER_URL,
    ],
    [
        "Lucas Patelez",
        "Morgan Avery",
        "10/10/25, 3:56 PM",
        "",
        "INCOMING",
        url("lucas-patelez-12cca"),
        OWNER_URL,
    ],
]


def invitations_csv(rows: list[list[str]] | None = None) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(INVITATIONS_HEADER)
    writer.writerows(rows or INVITATION_ROWS)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


MESSAGES_HEADER = [
    "CONVERSATION ID",
    "CONVERSATION TITLE",
    "FROM",
    "SENDER PROFILE URL",
    "TO",
    "RECIPIENT PROFILE URLS",
    "DATE",
    "SUBJECT",
    "CONTENT",
    "FOLDER",
    "IS MESSAGE DRAFT",
]
MATEO = ("Mateo Okafor", url("mateo-okafor-2b02"))
SOFIA = ("Sofia Costa", url("sofia-costa-2b09"))
SIGNE_B = ("Signe Brennan", url("signe-brennan-2b03"))
KOFI = ("Kofi Novak", url("kofi-novak-2b08"))
MORGAN = ("Morgan Avery", OWNER_URL)


def message(conversation: str, sender: tuple, to: tuple, when: str, content: str) -> list[str]:
    return [conversation, "", *sender, *to, when, "", content, "INBOX", "false"]


# Out of order on purpose (replies before what they answer), as real exports come.
MESSAGE_ROWS = [
    message("2-A==", MATEO, MORGAN, "2025-09-29 03:00:00 UTC", "Thanks, yes, happy to talk."),
    message("2-A==", MORGAN, MATEO, "2025-09-27 11:00:00 UTC", "Hi! Open to a new role?"),
    message("2-D==", KOFI, MORGAN, "2025-09-25 05:00:00 UTC", "Hello, are you hiring?"),
    message("2-D==", MORGAN, KOFI, "2025-09-25 07:00:00 UTC", "Yes, tell me more."),
    message("2-B==", SOFIA, MORGAN, "2025-08-23 15:00:00 UTC", "Thursday works."),
    message("2-B==", MORGAN, SOFIA, "2025-08-23 10:00:00 UTC", "Does Thursday 10:00 work?"),
    message("2-B==", SOFIA, MORGAN, "2025-08-20 10:00:00 UTC", "Thanks, yes, happy to talk."),
    message("2-B==", MORGAN, SOFIA, "2025-08-20 01:00:00 UTC", "Hi! Open to a new role?"),
    message("2-C==", MORGAN, SIGNE_B, "2025-08-13 06:00:00 UTC", "Hi! Open to a new role?"),
]


def messages_csv(rows: list[list[str]] | None = None) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(MESSAGES_HEADER)
    writer.writerows(MESSAGE_ROWS if rows is None else rows)
    return buffer.getvalue().encode("utf-8")


def export_zip(
    connections: bytes | None = None,
    invitations: bytes | None = None,
    messages: bytes | None = None,
    prefix: str = "",
) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{prefix}Connections.csv", connections or connections_csv())
        archive.writestr(f"{prefix}Invitations.csv", invitations or invitations_csv())
        archive.writestr(f"{prefix}messages.csv", messages or messages_csv())
        archive.writestr(f"{prefix}Profile.csv", "First Name,Last Name\nMorgan,Avery\n")
    return buffer.getvalue()


# What the sample export holds, once imported.
EXPECTED_STATUSES = {
    normal("elena-ahmed-2af8"): "connected",
    normal("signe-larsen-2af9"): "connected",
    normal("mateo-okafor-2b02"): "connected",
    normal("zoe-lukasiewicz"): "connected",
    normal("lena-costaez-12cc8"): "pending_outgoing",
    normal("priya-byrneson-12cc9"): "pending_incoming",
    normal("lucas-patelez-12cca"): "pending_incoming",
    normal("sofia-costa-2b09"): "none",
    normal("signe-brennan-2b03"): "none",
    normal("kofi-novak-2b08"): "none",
}


# Files the import must refuse, naming the row: (id, Connections.csv bytes, row, reason).
BAD_CONNECTIONS = [
    (
        "missing-column",
        connections_csv(header=["First Name", "Last Name", "URL", "Company"]),
        4,
        'missing required column(s) "Connected On"',
    ),
    (
        "bad-date",
        connections_csv(dates=["07 Dec 2023", "31 Feb 2024", "23 Jul 2024", "06 Nov 2021"]),
        6,
        '"Connected On": "31 Feb 2024" is not a date',
    ),
    (
        "malformed-row",
        connections_csv(extra_lines=["Ada,Lovelace,https://x.example/in/ada,,,,,extra"]),
        9,
        "has 8 fields but the header has 7",
    ),
]
