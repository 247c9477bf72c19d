"""Tests for recruiter.linkedin: reading a LinkedIn data export and pairing messages."""

import csv
import io
import subprocess
import sys
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recruiter.linkedin import (
    ConnectionRow,
    InvitationRow,
    LinkedInExport,
    MessageRow,
    Problem,
    detect_owner_profile,
    inbound_messages,
    normalise_profile_url,
    pair_messages,
    read_conversations,
    read_export,
)

OWNER = "https://www.linkedin.com/in/rita-recruiter"
OWNER_NORMAL = "https://linkedin.com/in/rita-recruiter"
ADA = "https://www.linkedin.com/in/ada-l"
BOB = "https://www.linkedin.com/in/bob-b"

CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
CONNECTIONS = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are'
    ' missing. Read more at https://www.linkedin.com/help"\n'
    "\n"
    f"{CONNECTIONS_HEADER}\n"
    f"Ada,Lovelace,{ADA}/,ada@example.org,Analytical Engines,Engineer,15 Mar 2024\n"
    'Grace,Hopper,https://www.linkedin.com/in/grace-h,,"Navy, US",Rear Admiral,02-Jan-23\n'
)
INVITATIONS_HEADER = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl"
INVITATIONS = (
    f"{INVITATIONS_HEADER}\n"
    f'Rita Recruiter,Ada Lovelace,"10/8/26, 12:00 AM","Hi, I recruit.",OUTGOING,{OWNER},{ADA}\n'
    f'Bob Builder,Rita Recruiter,"1/2/26, 3:04 PM",,INCOMING,{BOB},{OWNER}\n'
)
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


def message_line(
    conversation: str, sender: str, to: str, when: str, content: str = "hi"
) -> list[str]:
    """A messages.csv row without IS MESSAGE DRAFT; `sender` and `to` are "Name|url"."""
    sender_name, sender_url = sender.split("|")
    to_name, to_url = to.split("|")
    return [conversation, "", sender_name, sender_url, to_name, to_url, when, "", content, "INBOX"]


def messages_csv(*rows: list[str], header: list[str] = MESSAGES_HEADER) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([*row, "false"][: len(header)] if len(row) < len(header) else row)
    return buffer.getvalue()


RITA = f"Rita Recruiter|{OWNER}"
ADA_P = f"Ada Lovelace|{ADA}"
BOB_P = f"Bob Builder|{BOB}"
MESSAGES = messages_csv(
    # file order is not time order
    message_line("c-ada", ADA_P, RITA, "2026-05-01 11:30:00 UTC", "Yes, happy to talk."),
    message_line("c-bob", BOB_P, RITA, "2026-05-03 08:00:00 UTC", "Looking for a job!"),
    message_line("c-ada", RITA, ADA_P, "2026-05-01 09:00:00 UTC", "Open to a new role?"),
    message_line("c-bob", RITA, BOB_P, "2026-05-04 08:00:00 UTC", "Let's talk."),
)


def read_csv(name: str, text: str, **kwargs: str) -> LinkedInExport:
    return read_export(text.encode("utf-8"), filename=name, **kwargs)


def make_zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def message(
    row: int, sender: str, when: str, conversation: str = "c1", to: str = "ada"
) -> MessageRow:
    url = f"https://linkedin.com/in/{sender}"
    return MessageRow(
        row=row,
        conversation_id=conversation,
        sender_name=sender.title(),
        sender_url=url,
        recipient_names=(to.title(),),
        recipient_urls=(f"https://linkedin.com/in/{to}",),
        sent_at=datetime.fromisoformat(when).replace(tzinfo=UTC),
        content=f"message {row}",
    )


# --- Connections.csv -----------------------------------------------------------------------------


def test_read_export_connections_skips_notes_before_header() -> None:
    export = read_csv("Connections.csv", CONNECTIONS)
    assert export.problems == []
    assert export.files == ["Connections.csv"]
    assert export.connections == [
        ConnectionRow(
            row=5,
            full_name="Ada Lovelace",
            first_name="Ada",
            last_name="Lovelace",
            profile_url="https://linkedin.com/in/ada-l",
            email="ada@example.org",
            company="Analytical Engines",
            title="Engineer",
            connected_on=date(2024, 3, 15),
        ),
        ConnectionRow(
            row=6,
            full_name="Grace Hopper",
            first_name="Grace",
            last_name="Hopper",
            profile_url="https://linkedin.com/in/grace-h",
            email=None,
            company="Navy, US",
            title="Rear Admiral",
            connected_on=date(2023, 1, 2),
        ),
    ]


def test_read_export_connections_without_url_column() -> None:
    text = (
        "Notes:\n\nFirst Name,Last Name,Email Address,Company,Position,Connected On\n"
        "Ada,Lovelace,,Engines,Engineer,15 Mar 2024\n"
    )
    export = read_csv("Connections.csv", text)
    assert export.problems == []
    assert [(c.row, c.full_name, c.profile_url) for c in export.connections] == [
        (4, "Ada Lovelace", None)
    ]


@pytest.mark.parametrize("bom", ["", "\ufeff"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_read_export_accepts_bom_and_line_ends(bom: str, newline: str) -> None:
    text = bom + CONNECTIONS.replace("\n", newline)
    export = read_csv("Connections.csv", text)
    assert export.problems == []
    assert export.connections == read_csv("Connections.csv", CONNECTIONS).connections


def test_read_export_bom_before_header_without_notes() -> None:
    export = read_csv("Invitations.csv", "\ufeff" + INVITATIONS.replace("\n", "\r\n"))
    assert export.problems == []
    assert len(export.invitations) == 2


def test_read_export_ignores_unknown_extra_columns() -> None:
    text = (
        "First Name,Nickname,Last Name,URL,Email Address,Company,Position,Connected On,Extra\n"
        "Ada,Countess,Lovelace,,,Engines,Engineer,15 Mar 2024,whatever\n"
    )
    export = read_csv("Connections.csv", text)
    assert export.problems == []
    assert (export.connections[0].full_name, export.connections[0].company) == (
        "Ada Lovelace",
        "Engines",
    )


@pytest.mark.parametrize("header_end", ["", ","])
def test_read_export_tolerates_trailing_commas_and_blank_lines(header_end: str) -> None:
    text = f"{CONNECTIONS_HEADER}{header_end}\n\nAda,Lovelace,,,,,15 Mar 2024,,\n\n\n"
    export = read_csv("Connections.csv", text)
    assert export.problems == []
    assert [c.row for c in export.connections] == [3]


def test_read_export_missing_required_column_is_one_problem() -> None:
    text = (
        "Notes:\n\nFirst Name,Last Name,URL,Email Address,Company,Position\n"
        "Ada,Lovelace,,,Engines,Engineer\nGrace,Hopper,,,Navy,Admiral\n"
    )
    export = read_csv("Connections.csv", text)
    assert export.connections == []
    assert export.problems == [
        Problem("Connections.csv", 3, 'missing required column(s) "Connected On"')
    ]


def test_read_export_without_any_header_is_one_problem() -> None:
    export = read_csv("Connections.csv", "just,some\nrandom,text\n")
    assert len(export.problems) == 1
    problem = export.problems[0]
    assert (problem.file, problem.row) == ("Connections.csv", None)
    assert problem.message.startswith("no header row found")
    assert '"First Name", "Last Name", "Connected On"' in problem.message


@pytest.mark.parametrize("bad", ["31 Foo 2024", "31 Feb 2024", "2024/03/15", "yesterday"])
def test_read_export_bad_date_is_problem_with_row_number(bad: str) -> None:
    text = CONNECTIONS + f"Alan,Turing,,,,,{bad}\nEdsger,Dijkstra,,,,,1 Aug 2022\n"
    export = read_csv("Connections.csv", text)
    assert export.problems == [
        Problem("Connections.csv", 7, f'"Connected On": "{bad}" is not a date like "15 Mar 2024"')
    ]
    assert [c.full_name for c in export.connections] == [
        "Ada Lovelace",
        "Grace Hopper",
        "Edsger Dijkstra",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 Mar 2024", date(2024, 3, 15)),
        ("5 March 2024", date(2024, 3, 5)),
        ("15-Mar-24", date(2024, 3, 15)),
        ("15-mar-2024", date(2024, 3, 15)),
        ("Sep 1, 2021", date(2021, 9, 1)),
        ("2024-03-15", date(2024, 3, 15)),
        ("", None),
    ],
)
def test_read_export_connected_on_formats(text: str, expected: date | None) -> None:
    export = read_csv("Connections.csv", f'{CONNECTIONS_HEADER}\nAda,Lovelace,,,,,"{text}"\n')
    assert export.problems == []
    assert export.connections[0].connected_on == expected


@pytest.mark.parametrize(
    ("line", "fields"),
    [
        ("Alan,Turing,,,,1 Aug 2022", 6),
        ("Alan,Turing,,,Bletchley, Park,Mathematician,1 Aug 2022", 8),
    ],
)
def test_read_export_malformed_row_is_problem_naming_the_row(line: str, fields: int) -> None:
    export = read_csv("Connections.csv", CONNECTIONS + line + "\n")
    assert export.problems == [
        Problem("Connections.csv", 7, f"has {fields} fields but the header has 7")
    ]
    assert len(export.connections) == 2


def test_read_export_missing_name_is_problem() -> None:
    export = read_csv(
        "Connections.csv", CONNECTIONS + ",,https://linkedin.com/in/x,,,,1 Aug 2022\n"
    )
    assert export.problems == [
        Problem("Connections.csv", 7, '"First Name" and "Last Name" are both empty')
    ]


def test_read_export_bad_profile_url_is_problem() -> None:
    export = read_csv("Connections.csv", CONNECTIONS + "Alan,Turing,not a url,,,,1 Aug 2022\n")
    assert export.problems == [
        Problem("Connections.csv", 7, '"URL": "not a url" is not a profile URL')
    ]


def test_read_export_row_numbers_count_multiline_cells_as_one_row() -> None:
    text = messages_csv(
        message_line("c1", RITA, ADA_P, "2026-05-01 09:00:00 UTC", "line 1\nline 2\nline 3"),
        message_line("c1", ADA_P, RITA, "not a date"),
    )
    export = read_csv("messages.csv", text, owner_profile_url=OWNER)
    assert export.messages[0].content == "line 1\nline 2\nline 3"
    assert export.problems == [
        Problem(
            "messages.csv",
            3,
            '"DATE": "not a date" is not a date and time like "2023-06-11 15:33:58 UTC"',
        )
    ]


def test_read_export_one_problem_per_row_lists_every_fault() -> None:
    export = read_csv("Connections.csv", CONNECTIONS + ",,bad url,,,,someday\n")
    assert len(export.problems) == 1
    message = export.problems[0].message
    assert '"First Name" and "Last Name"' in message
    assert '"URL": "bad url"' in message
    assert '"Connected On": "someday"' in message


# --- Invitations.csv -----------------------------------------------------------------------------


def test_read_export_invitations_direction_and_other_person() -> None:
    export = read_csv("Invitations.csv", INVITATIONS)
    assert export.problems == []
    assert export.invitations == [
        InvitationRow(
            row=2,
            direction="outgoing",
            name="Ada Lovelace",
            profile_url="https://linkedin.com/in/ada-l",
            sent_at=datetime(2026, 10, 8, 0, 0, tzinfo=UTC),
            message="Hi, I recruit.",
            owner_url=OWNER_NORMAL,
        ),
        InvitationRow(
            row=3,
            direction="incoming",
            name="Bob Builder",
            profile_url="https://linkedin.com/in/bob-b",
            sent_at=datetime(2026, 1, 2, 15, 4, tzinfo=UTC),
            message=None,
            owner_url=OWNER_NORMAL,
        ),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10/8/26, 12:00 AM", datetime(2026, 10, 8, 0, 0, tzinfo=UTC)),
        ("10/8/26, 12:30 PM", datetime(2026, 10, 8, 12, 30, tzinfo=UTC)),
        ("1/2/26, 3:04 pm", datetime(2026, 1, 2, 15, 4, tzinfo=UTC)),
        ("12/31/2025, 11:59 PM", datetime(2025, 12, 31, 23, 59, tzinfo=UTC)),
        ("10/8/26, 9:05\u202fAM", datetime(2026, 10, 8, 9, 5, tzinfo=UTC)),
        ("10/8/26, 21:05", datetime(2026, 10, 8, 21, 5, tzinfo=UTC)),
        ("2026-10-08 09:05:00 UTC", datetime(2026, 10, 8, 9, 5, tzinfo=UTC)),
    ],
)
def test_read_export_invitation_sent_at_formats(text: str, expected: datetime) -> None:
    line = f'Rita,Ada,"{text}",,OUTGOING,{OWNER},{ADA}\n'
    export = read_csv("Invitations.csv", f"{INVITATIONS_HEADER}\n{line}")
    assert export.problems == []
    assert export.invitations[0].sent_at == expected
    assert export.invitations[0].sent_at.tzinfo is UTC


@pytest.mark.parametrize("bad", ["13/45/26, 1:00 AM", "10/8/26, 13:00 PM", "10/8/26"])
def test_read_export_invitation_bad_sent_at_is_problem(bad: str) -> None:
    export = read_csv("Invitations.csv", f'{INVITATIONS_HEADER}\nRita,Ada,"{bad}",,OUTGOING,,\n')
    assert export.invitations == []
    assert export.problems == [
        Problem(
            "Invitations.csv",
            2,
            f'"Sent At": "{bad}" is not a date and time like "10/8/26, 12:00 AM"',
        )
    ]


def test_read_export_invitation_bad_direction_is_problem() -> None:
    text = f'{INVITATIONS_HEADER}\nRita,Ada,"10/8/26, 1:00 AM",,SIDEWAYS,,\n'
    export = read_csv("Invitations.csv", text)
    assert export.problems == [
        Problem("Invitations.csv", 2, '"Direction": "SIDEWAYS" is not INCOMING or OUTGOING')
    ]


def test_read_export_invitation_without_profile_url_columns() -> None:
    text = 'From,To,Sent At,Message,Direction\nRita,Ada,"10/8/26, 1:00 AM",,OUTGOING\n'
    export = read_csv("Invitations.csv", text)
    assert export.problems == []
    assert (export.invitations[0].name, export.invitations[0].profile_url) == ("Ada", None)


# --- messages.csv --------------------------------------------------------------------------------


def test_read_export_messages_fields() -> None:
    to = f"Ada Lovelace, Bob Builder|{ADA}/,{BOB}?trk=x"
    text = messages_csv(message_line("c1", RITA, to, "2023-06-11 15:33:58 UTC", "Hello both"))
    export = read_csv("messages.csv", text, owner_profile_url=OWNER)
    assert export.problems == []
    assert export.messages == [
        MessageRow(
            row=2,
            conversation_id="c1",
            sender_name="Rita Recruiter",
            sender_url=OWNER_NORMAL,
            recipient_names=("Ada Lovelace", "Bob Builder"),
            recipient_urls=("https://linkedin.com/in/ada-l", "https://linkedin.com/in/bob-b"),
            sent_at=datetime(2023, 6, 11, 15, 33, 58, tzinfo=UTC),
            content="Hello both",
        )
    ]


def test_read_export_message_recipient_name_with_comma_stays_whole() -> None:
    text = messages_csv(message_line("c1", RITA, f"Lovelace, Ada|{ADA}", "2023-06-11 15:33:58"))
    export = read_csv("messages.csv", text, owner_profile_url=OWNER)
    assert export.messages[0].recipient_names == ("Lovelace, Ada",)


def test_read_export_bad_recipient_is_a_problem_on_every_row_naming_it() -> None:
    """The recipients of a conversation are read once and remembered: the problem they make
    still lands on each row, and the same cell in a later export is judged again alike."""
    to = f"Ada Lovelace|{ADA} not-a-url"
    rows = [message_line("c1", RITA, to, f"2026-05-0{day} 09:00:00 UTC") for day in (1, 2)]
    expected = [
        Problem("messages.csv", row, '"RECIPIENT PROFILE URLS": "not-a-url" is not a profile URL')
        for row in (2, 3)
    ]
    for _ in range(2):
        export = read_csv("messages.csv", messages_csv(*rows), owner_profile_url=OWNER)
        assert export.messages == []
        assert export.problems == expected


def test_read_export_row_with_empty_first_cell_is_read_not_skipped() -> None:
    text = f"{CONNECTIONS_HEADER}\n,Lovelace,,,,,15 Mar 2024\n ,,,,,,\n,Hopper,,,,\n"
    export = read_csv("Connections.csv", text)
    assert [(c.row, c.full_name) for c in export.connections] == [(2, "Lovelace")]
    assert export.problems == [Problem("Connections.csv", 4, "has 6 fields but the header has 7")]


def test_read_export_skips_draft_messages() -> None:
    draft = [*message_line("c1", RITA, ADA_P, "2026-05-01 09:00:00 UTC"), "true"]
    export = read_csv("messages.csv", messages_csv(draft), owner_profile_url=OWNER)
    assert (export.messages, export.problems) == ([], [])


def test_read_export_message_without_sender_is_problem() -> None:
    row = message_line("c1", "|", ADA_P, "2026-05-01 09:00:00 UTC")
    export = read_csv("messages.csv", messages_csv(row), owner_profile_url=OWNER)
    assert export.problems == [
        Problem("messages.csv", 2, '"FROM" and "SENDER PROFILE URL" are both empty')
    ]


# --- pairing -------------------------------------------------------------------------------------


def test_pair_messages_sorts_out_of_order_rows_and_measures_response_time() -> None:
    export = read_csv("messages.csv", MESSAGES, owner_profile_url=OWNER)
    pairs = pair_messages(export.messages, OWNER)
    assert [(p.conversation_id, p.other_name, p.sent.row) for p in pairs] == [
        ("c-ada", "Ada Lovelace", 4),
        ("c-bob", "Bob Builder", 5),
    ]
    ada, bob = pairs
    assert ada.response is not None and ada.response.row == 2
    assert ada.other_url == "https://linkedin.com/in/ada-l"
    assert ada.response_time == timedelta(hours=2, minutes=30)
    assert (bob.response, bob.response_time) == (None, None)


def test_pair_messages_follow_up_before_reply_answers_both() -> None:
    messages = [
        message(1, "ada", "2026-05-05 10:00", to="rita"),
        message(2, "rita", "2026-05-04 09:00"),
        message(3, "rita", "2026-05-01 09:00"),
        message(4, "ada", "2026-05-05 11:00", to="rita"),  # a second reply answers nothing
        message(5, "rita", "2026-05-06 09:00"),
    ]
    pairs = pair_messages(messages, "linkedin.com/in/rita")
    assert [(p.sent.row, p.response and p.response.row, p.response_time) for p in pairs] == [
        (3, 1, timedelta(days=4, hours=1)),
        (2, 1, timedelta(days=1, hours=1)),
        (5, None, None),
    ]
    assert inbound_messages(messages, "linkedin.com/in/rita") == []


def test_pair_messages_unanswered_names_the_recipient() -> None:
    pairs = pair_messages([message(1, "rita", "2026-05-01 09:00")], "https://linkedin.com/in/rita")
    assert [(p.other_name, p.other_url, p.response) for p in pairs] == [
        ("Ada", "https://linkedin.com/in/ada", None)
    ]


def test_pair_messages_keeps_conversations_apart() -> None:
    messages = [
        message(1, "rita", "2026-05-01 09:00", conversation="c1"),
        message(2, "bob", "2026-05-01 10:00", conversation="c2", to="rita"),
    ]
    pairs = pair_messages(messages, "https://linkedin.com/in/rita")
    assert [(p.sent.row, p.response) for p in pairs] == [(1, None)]


def test_inbound_messages_are_those_before_the_owners_first_message() -> None:
    export = read_csv("messages.csv", MESSAGES, owner_profile_url=OWNER)
    inbound = inbound_messages(export.messages, OWNER)
    assert [(m.row, m.sender_name) for m in inbound] == [(3, "Bob Builder")]
    # the owner's answer to an inbound message is an outreach of its own
    assert [p.sent.row for p in pair_messages(export.messages, OWNER)] == [4, 5]


@pytest.mark.parametrize("owner", ["", "not a url"])
def test_pair_messages_rejects_an_owner_that_is_not_a_url(owner: str) -> None:
    with pytest.raises(ValueError, match="not a profile URL"):
        pair_messages([], owner)


# --- the owner -----------------------------------------------------------------------------------


def test_detect_owner_profile_from_invitations() -> None:
    export = read_csv("Invitations.csv", INVITATIONS)
    assert detect_owner_profile(export) == OWNER_NORMAL
    assert export.owner_profile_url == OWNER_NORMAL


def test_detect_owner_profile_from_messages() -> None:
    export = read_csv("messages.csv", MESSAGES)
    assert detect_owner_profile(export) == OWNER_NORMAL
    assert export.problems == []


def test_detect_owner_profile_none_when_it_cannot_be_told() -> None:
    one_conversation = messages_csv(message_line("c1", RITA, ADA_P, "2026-05-01 09:00:00 UTC"))
    export = read_csv("messages.csv", one_conversation)
    assert detect_owner_profile(export) is None
    assert detect_owner_profile(LinkedInExport()) is None
    assert export.problems == [
        Problem(
            "messages.csv",
            None,
            "cannot tell whose messages these are: no invitation names the owner and no profile"
            " URL stands out; give the owner's LinkedIn profile URL",
        )
    ]


def test_detect_owner_profile_prefers_invitations_over_messages() -> None:
    export = LinkedInExport(
        invitations=read_csv("Invitations.csv", INVITATIONS).invitations,
        messages=[message(1, "ada", "2026-05-01 09:00", conversation=c) for c in "abc"],
    )
    assert detect_owner_profile(export) == OWNER_NORMAL


def test_read_export_owner_argument_overrides_detection() -> None:
    export = read_csv("messages.csv", MESSAGES, owner_profile_url=f"http://{ADA[8:]}/")
    assert export.owner_profile_url == "https://linkedin.com/in/ada-l"


def test_read_export_problem_when_owner_is_in_no_message() -> None:
    export = read_csv("messages.csv", MESSAGES, owner_profile_url="linkedin.com/in/nobody")
    assert export.problems == [
        Problem(
            "messages.csv",
            None,
            "the owner's profile https://linkedin.com/in/nobody sends or receives none of these"
            " messages",
        )
    ]


def test_read_export_problem_when_owner_argument_is_not_a_url() -> None:
    export = read_csv("Invitations.csv", INVITATIONS, owner_profile_url="Rita")
    assert export.owner_profile_url is None
    assert export.problems == [Problem("", None, 'owner profile "Rita" is not a URL')]


# --- profile URLs --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.linkedin.com/in/ada-l", "https://linkedin.com/in/ada-l"),
        ("http://www.linkedin.com/in/ada-l/", "https://linkedin.com/in/ada-l"),
        ("HTTPS://WWW.LinkedIn.COM/in/Ada-L", "https://linkedin.com/in/ada-l"),
        ("https://linkedin.com/in/ada-l?trk=people#top", "https://linkedin.com/in/ada-l"),
        ("  https://linkedin.com/in/ada-l//  ", "https://linkedin.com/in/ada-l"),
        ("www.linkedin.com/in/ada-l", "https://linkedin.com/in/ada-l"),
        ("linkedin.com/in/ada-l", "https://linkedin.com/in/ada-l"),
        ("https://uk.linkedin.com/in/ada-l", "https://linkedin.com/in/ada-l"),
        ("https://www.linkedin.com:443/in/ada-l", "https://linkedin.com/in/ada-l"),
        ("https://linkedin.com/in/J%C3%B6rg", "https://linkedin.com/in/j%c3%b6rg"),
        ("https://linkedin.com/in/jörg", "https://linkedin.com/in/jörg"),
        ("https://example.org/people/Ada", "https://example.org/people/ada"),
        ("", None),
        (None, None),
        ("   ", None),
        ("not a url", None),
        ("ftp://linkedin.com/in/ada", None),
        ("https://localhost/in/ada", None),
        ("mailto:ada@example.org", None),
        ("https://[::1", None),
    ],
)
def test_normalise_profile_url_cases(url: str | None, expected: str | None) -> None:
    assert normalise_profile_url(url) == expected


# --- sources: zip, folder, single files ----------------------------------------------------------


EXPORT_FILES = {
    "Connections.csv": CONNECTIONS,
    "Invitations.csv": INVITATIONS,
    "messages.csv": MESSAGES,
    "Profile.csv": "First Name,Last Name\nRita,Recruiter\n",
    "guide_messages.csv": "garbage",
}


def check_full_export(export: LinkedInExport, prefix: str) -> None:
    assert export.problems == []
    assert sorted(export.files) == [
        f"{prefix}Connections.csv",
        f"{prefix}Invitations.csv",
        f"{prefix}messages.csv",
    ]
    assert (len(export.connections), len(export.invitations), len(export.messages)) == (2, 2, 4)
    assert export.owner_profile_url == OWNER_NORMAL


@pytest.mark.parametrize("prefix", ["", "Basic_LinkedInDataExport_11-22-2026/"])
@pytest.mark.parametrize("given_as", ["bytes", "path", "file object"])
def test_read_export_zip_with_the_three_files(prefix: str, given_as: str, tmp_path: Path) -> None:
    data = make_zip({prefix + name: text for name, text in EXPORT_FILES.items()})
    path = tmp_path / "export.zip"
    path.write_bytes(data)
    if given_as == "bytes":
        export = read_export(data)
    elif given_as == "path":
        export = read_export(str(path))
    else:
        with path.open("rb") as handle:
            export = read_export(handle)
    check_full_export(export, prefix)


def test_read_export_zip_matches_names_case_insensitively() -> None:
    export = read_export(make_zip({"export/CONNECTIONS.CSV": CONNECTIONS}))
    assert (export.files, len(export.connections)) == (["export/CONNECTIONS.CSV"], 2)


def test_read_export_zip_with_two_files_of_a_kind_reads_the_shallowest() -> None:
    export = read_export(make_zip({"a/b/Connections.csv": "x", "a/Connections.csv": CONNECTIONS}))
    assert len(export.connections) == 2
    assert export.problems == [
        Problem("a/b/Connections.csv", None, "ignored: a/Connections.csv was read instead")
    ]


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04 this is not really a zip",
        make_zip(EXPORT_FILES)[:200],
        b"",
    ],
)
def test_read_export_corrupt_zip_is_problem(data: bytes) -> None:
    export = read_export(data, filename="export.zip")
    assert export.connections == [] and export.files == []
    assert len(export.problems) == 1
    assert export.problems[0].file == "export.zip"
    message = export.problems[0].message
    assert ("is empty" if not data.strip() else "not a readable zip file") in message
    assert "Get a copy of your data" in message  # what was expected


def test_read_export_zip_member_with_bad_crc_is_problem() -> None:
    data = bytearray(make_zip({"Connections.csv": CONNECTIONS, "Invitations.csv": INVITATIONS}))
    start = data.index(b"PK\x03\x04") + 30 + len("Connections.csv")
    data[start + 5] ^= 0xFF
    export = read_export(bytes(data), filename="export.zip")
    assert len(export.invitations) == 2
    assert [(p.file, p.row) for p in export.problems] == [("Connections.csv", None)]
    assert "cannot be read from export.zip" in export.problems[0].message


def test_read_export_zip_without_export_files_is_problem() -> None:
    export = read_export(make_zip({"Profile.csv": "a,b\n"}), filename="other.zip")
    assert export.problems == [
        Problem("other.zip", None, "holds no Connections.csv, Invitations.csv or messages.csv")
    ]


def test_read_export_folder_with_subfolder(tmp_path: Path) -> None:
    folder = tmp_path / "export" / "Basic_LinkedInDataExport"
    folder.mkdir(parents=True)
    for name, text in EXPORT_FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    check_full_export(read_export(tmp_path / "export"), "Basic_LinkedInDataExport/")


def test_read_export_single_csv_path_and_bytes(tmp_path: Path) -> None:
    path = tmp_path / "invitations.CSV"
    path.write_text(INVITATIONS, encoding="utf-8")
    from_path = read_export(path)
    from_bytes = read_export(INVITATIONS.encode(), filename="C:\\Downloads\\Invitations.csv")
    assert from_path.files == ["invitations.CSV"]
    assert from_path.invitations == from_bytes.invitations
    assert len(from_path.invitations) == 2


def test_read_export_recognises_a_renamed_file_by_its_header() -> None:
    export = read_csv("Connections (1).csv", CONNECTIONS)
    assert (export.files, len(export.connections)) == (["Connections (1).csv"], 2)


def test_read_export_other_file_is_problem() -> None:
    export = read_csv("resume.csv", "Name,Skills\nAda,Maths\n")
    assert export.problems == [
        Problem(
            "resume.csv",
            None,
            "is a text file without the columns of a LinkedIn export, "
            "not Connections.csv, Invitations.csv or messages.csv from a LinkedIn export",
        )
    ]


def test_read_export_not_utf8_is_problem() -> None:
    data = f"{CONNECTIONS_HEADER}\nJosé,Núñez,,,,,1 Aug 2022\n".encode("cp1252")
    export = read_export(data, filename="Connections.csv")
    assert export.connections == []
    assert export.problems == [
        Problem("Connections.csv", 2, "is not UTF-8 text; save it as UTF-8 CSV")
    ]


def test_read_export_missing_path_is_problem(tmp_path: Path) -> None:
    export = read_export(tmp_path / "nowhere.zip")
    assert [(p.file, p.row) for p in export.problems] == [("nowhere.zip", None)]
    assert export.problems[0].message.startswith("cannot be read")


def test_read_export_oversized_csv_field_is_problem_not_exception() -> None:
    text = f'{CONNECTIONS_HEADER}\nAda,"{"x" * 200_000}",,,,,1 Aug 2022\nGrace,Hopper,,,,,\n'
    export = read_csv("Connections.csv", text)
    assert [c.full_name for c in export.connections] == ["Grace Hopper"]
    assert [(p.row, p.message.startswith("cannot be read as CSV")) for p in export.problems] == [
        (2, True)
    ]


@settings(deadline=None, database=None, max_examples=150)
@given(
    name=st.sampled_from(["Connections.csv", "Invitations.csv", "messages.csv", "x.zip"]),
    data=st.one_of(
        st.binary(),
        st.text().map(str.encode),
        st.lists(st.sampled_from([*CONNECTIONS.splitlines(), *MESSAGES.splitlines(), ",", '"']))
        .map("\n".join)
        .map(str.encode),
    ),
)
def test_read_export_property_never_raises_on_bad_data(name: str, data: bytes) -> None:
    export = read_export(data, filename=name)
    assert all(isinstance(p, Problem) for p in export.problems)


def test_linkedin_imports_nothing_from_flask_or_the_app() -> None:
    # The package alone, outside `recruiter`: every module of it is loaded from its __init__.
    folder = Path(__file__).resolve().parents[1] / "recruiter" / "linkedin"
    code = (
        "import importlib.util, sys\n"
        f"init, folder = {str(folder / '__init__.py')!r}, {str(folder)!r}\n"
        "spec = importlib.util.spec_from_file_location(\n"
        "    'linkedin', init, submodule_search_locations=[folder]\n"
        ")\n"
        "module = importlib.util.module_from_spec(spec)\n"
        "sys.modules['linkedin'] = module\n"
        "spec.loader.exec_module(module)\n"
        f"names = {sorted(p.stem for p in folder.glob('*.py') if p.stem != '__init__')!r}\n"
        "assert all(f'linkedin.{n}' in sys.modules for n in names), names\n"
        "bad = {'flask', 'sqlalchemy', 'recruiter'} & {m.split('.')[0] for m in sys.modules}\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["c1", "c2", "c3"]),
            st.sampled_from(["rita-recruiter", "ada", "bob"]),
            st.integers(min_value=0, max_value=5),
        ),
        max_size=25,
    )
)
def test_read_conversations_property_is_pair_and_inbound_messages(
    rows: list[tuple[str, str, int]],
) -> None:
    """Grouping the conversations once gives what the two functions give on their own."""
    messages = [
        message(row, sender, f"2026-05-0{day + 1} 09:00:00", conversation, to="rita-recruiter")
        for row, (conversation, sender, day) in enumerate(rows, start=2)
    ]
    assert read_conversations(messages, OWNER) == (
        pair_messages(messages, OWNER),
        inbound_messages(messages, OWNER),
    )
