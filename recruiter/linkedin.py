"""Read a LinkedIn data export: Connections.csv, Invitations.csv and messages.csv.

Pure and stdlib-only. Bad data never raises: a row that cannot be read is left out and becomes a
`Problem` naming the file, the row as a spreadsheet shows it (1-based, counting the notes and
the header; a quoted cell that spans several lines is one row) and the field at fault.
"""

import csv
import functools
import io
import os
import re
import zipfile
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import BinaryIO, TypeVar
from urllib.parse import urlsplit

CONNECTIONS = "connections.csv"
INVITATIONS = "invitations.csv"
MESSAGES = "messages.csv"
MAX_FILE_BYTES = 256 * 1024 * 1024
_T = TypeVar("_T")

# Required columns first, then the optional ones we read; other columns are ignored.
_COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    CONNECTIONS: (
        ("First Name", "Last Name", "Connected On"),
        ("URL", "Email Address", "Company", "Position"),
    ),
    INVITATIONS: (
        ("From", "To", "Sent At", "Direction"),
        ("Message", "inviterProfileUrl", "inviteeProfileUrl"),
    ),
    MESSAGES: (
        ("CONVERSATION ID", "FROM", "SENDER PROFILE URL", "DATE", "CONTENT"),
        ("TO", "RECIPIENT PROFILE URLS", "IS MESSAGE DRAFT"),
    ),
}
_EXPORT_FILES = "Connections.csv, Invitations.csv or messages.csv"
# What a damaged, encrypted or unusual zip can raise.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    EOFError,
    RuntimeError,
    NotImplementedError,
    ValueError,
    zlib.error,
)


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


# --- profile URLs --------------------------------------------------------------------------------

_COUNTRY_HOST = re.compile(r"[a-z]{2}\.linkedin\.com")


@functools.lru_cache(maxsize=65536)  # an export names the same few profiles on every message
def normalise_profile_url(url: str | None) -> str | None:
    """One spelling per profile: https, no "www." (nor a country prefix on linkedin.com),
    lower-case host and path, no trailing slash, query or fragment. Not a URL -> None."""
    text = (url or "").strip()
    if not text or any(ch.isspace() for ch in text):
        return None
    if "://" not in text:
        text = "https://" + text.lstrip("/")
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    host = (parts.hostname or "").removeprefix("www.")
    if "." not in host or "@" in parts.netloc or parts.scheme.lower() not in {"http", "https"}:
        return None
    if _COUNTRY_HOST.fullmatch(host):
        host = "linkedin.com"
    return f"https://{host}{parts.path.rstrip('/')}".lower()


# --- dates ---------------------------------------------------------------------------------------

_MONTH_NAMES = "january february march april may june july august september october november"
_MONTHS = {
    name: number
    for number, full in enumerate([*_MONTH_NAMES.split(), "december"], start=1)
    for name in (full, full[:3])
} | {"sept": 9}
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ -]([a-z]+)\.?[ -](\d{4}|\d{2})", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(r"([a-z]+)\.? (\d{1,2}),? (\d{4})", re.IGNORECASE)
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_US_DATETIME = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2}),? (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([ap])\.?m\.?)?",
    re.IGNORECASE,
)


def _year(text: str) -> int:
    return 2000 + int(text) if len(text) == 2 else int(text)


def _day(year: int, month: int | None, day: int) -> date | None:
    try:
        return date(year, month or 0, day)
    except ValueError:
        return None


def _parse_date(text: str) -> date | None:
    """ "15 Mar 2024", "15-Mar-24", "March 15, 2024" or "2024-03-15"."""
    text = " ".join(text.split())
    if match := _DAY_MONTH_YEAR.fullmatch(text):
        day, month, year = match.groups()
    elif match := _MONTH_DAY_YEAR.fullmatch(text):
        month, day, year = match.groups()
    elif match := _ISO_DAY.fullmatch(text):
        return _day(int(match[1]), int(match[2]), int(match[3]))
    else:
        return None
    return _day(_year(year), _MONTHS.get(month.lower()), int(day))


def _parse_datetime(text: str) -> datetime | None:
    """ "10/8/26, 12:00 AM" (M/D/YY) or ISO like "2023-06-11 15:33:58 UTC"; naive means UTC."""
    text = " ".join(text.split())
    if match := _US_DATETIME.fullmatch(text):
        return _us_datetime(*match.groups())
    try:
        value = datetime.fromisoformat(text.removesuffix(" UTC").removesuffix(" GMT"))
        value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    except (ValueError, OverflowError):
        return None
    return value if 1900 <= value.year <= 2200 else None


def _us_datetime(*parts: str | None) -> datetime | None:
    month, day, year, hour_text, minute, second, half = parts
    hour = int(hour_text or 0)
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half in "pP" else 0)
    try:
        return datetime(
            _year(year or ""),
            int(month or 0),
            int(day or 0),
            hour,
            int(minute or 0),
            int(second or 0),
            tzinfo=UTC,
        )
    except ValueError:
        return None


# --- finding the files ---------------------------------------------------------------------------


def _basename(name: str) -> str:
    return name.replace("\\", "/").rsplit("/", 1)[-1]


def _kind_by_name(name: str) -> str | None:
    base = _basename(name).lower()
    return base if base in _COLUMNS else None


def _open_source(
    source: str | os.PathLike[str] | bytes | BinaryIO, filename: str | None, problems: list[Problem]
) -> Iterator[tuple[str, str, bytes]]:
    """Yield (display name, kind, contents) for each export file found in `source`."""
    if isinstance(source, bytes | bytearray | memoryview):
        yield from _from_bytes(bytes(source), filename or "upload", problems)
    elif hasattr(source, "read"):
        name = filename or _basename(str(getattr(source, "name", "") or "")) or "upload"
        yield from _from_bytes(source.read(MAX_FILE_BYTES + 1), name, problems)
    elif (path := Path(source)).is_dir():
        yield from _from_folder(path, problems)
    else:
        yield from _from_path(path, filename or path.name, problems)


def _from_path(path: Path, name: str, problems: list[Problem]) -> Iterator[tuple[str, str, bytes]]:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        problems.append(Problem(name, None, f"cannot be read: {exc.strerror or exc}"))
        return
    yield from _from_bytes(data, name, problems)


def _from_bytes(
    data: bytes, name: str, problems: list[Problem]
) -> Iterator[tuple[str, str, bytes]]:
    if not _fits(data, name, problems):
        return
    if not data.strip():
        problems.append(Problem(name, None, f"is empty: expected {_EXPECTED}"))
        return
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06") or name.lower().endswith(".zip"):
        yield from _from_zip(data, name, problems)
        return
    kind = _kind_by_name(name) or _sniff(data)
    if kind is None:
        what = _describe(data)
        problems.append(
            Problem(name, None, f"is {what}, not {_EXPORT_FILES} from a LinkedIn export")
        )
    else:
        yield name, kind, data


_EXPECTED = (
    "the .zip LinkedIn e-mails you (Settings > Data privacy > Get a copy of your data), "
    "or Connections.csv / messages.csv taken from it"
)
_SIGNATURES = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"\x1f\x8b": "a gzip archive",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
}


def _describe(data: bytes) -> str:
    """What the file looks like, in words, for a refusal the recruiter can act on."""
    for signature, words in _SIGNATURES.items():
        if data.startswith(signature):
            return words
    try:
        data[:4096].decode("utf-8")
    except UnicodeDecodeError:
        return "a binary file"
    return "a text file without the columns of a LinkedIn export"


def _fits(data: bytes, name: str, problems: list[Problem]) -> bool:
    if len(data) <= MAX_FILE_BYTES:
        return True
    problems.append(Problem(name, None, f"is larger than {MAX_FILE_BYTES // 2**20} MB"))
    return False


def _sniff(data: bytes) -> str | None:
    """Tell a renamed export file (e.g. "Connections (1).csv") by its header."""
    records = list(_records("", data[:16384].decode("utf-8-sig", "replace"), []))[:20]
    for kind, (required, _) in _COLUMNS.items():
        if _find_header(records, required) is not None:
            return kind
    return None


def _pick(candidates: list[tuple[str, str]], where: str, problems: list[Problem]) -> list[str]:
    """Of (name, kind) pairs keep the shallowest file of each kind; report the others."""
    chosen: dict[str, str] = {}
    for name, kind in sorted(candidates, key=lambda c: (c[0].count("/"), c[0])):
        if kind in chosen:
            problems.append(Problem(name, None, f"ignored: {chosen[kind]} was read instead"))
        else:
            chosen[kind] = name
    if not chosen:
        problems.append(Problem(where, None, f"holds no {_EXPORT_FILES}"))
    return list(chosen.values())


def _from_zip(data: bytes, name: str, problems: list[Problem]) -> Iterator[tuple[str, str, bytes]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [(i.filename, _kind_by_name(i.filename)) for i in archive.infolist()]
    except _ZIP_ERRORS as exc:
        problems.append(
            Problem(name, None, f"is not a readable zip file ({exc}): expected {_EXPECTED}")
        )
        return
    for member in _pick([(m, k) for m, k in members if k], name, problems):
        try:
            with archive.open(member) as handle:
                content = handle.read(MAX_FILE_BYTES + 1)
        except _ZIP_ERRORS as exc:
            problems.append(Problem(member, None, f"cannot be read from {name}: {exc}"))
            continue
        if _fits(content, member, problems):
            yield member, _kind_by_name(member) or "", content


def _from_folder(folder: Path, problems: list[Problem]) -> Iterator[tuple[str, str, bytes]]:
    found = [(p.relative_to(folder).as_posix(), _kind_by_name(p.name)) for p in folder.rglob("*")]
    files = [(name, kind) for name, kind in found if kind and (folder / name).is_file()]
    for name in _pick(files, folder.name or str(folder), problems):
        yield from _from_path(folder / name, name, problems)


# --- reading a table -----------------------------------------------------------------------------


def _records(name: str, text: str, problems: list[Problem]) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    row = 0
    while True:
        row += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.append(Problem(name, row, f"cannot be read as CSV: {exc}"))
            continue
        yield row, cells


def _key(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").split()).casefold()


def _find_header(records: Sequence[tuple[int, list[str]]], required: Sequence[str]) -> int | None:
    wanted = {_key(column) for column in required}
    for index, (_, cells) in enumerate(records):
        if wanted <= {_key(cell) for cell in cells}:
            return index
    return None


def _missing_columns(name: str, records: list[tuple[int, list[str]]], kind: str) -> Problem:
    required, optional = _COLUMNS[kind]
    known = {_key(column) for column in required + optional}
    best = max(records, key=lambda r: len(known & {_key(c) for c in r[1]}), default=(None, []))
    present = {_key(cell) for cell in best[1]}
    missing = ", ".join(f'"{c}"' for c in required if _key(c) not in present)
    if not known & present:
        return Problem(name, None, f"no header row found; expected the columns {missing}")
    return Problem(name, best[0], f"missing required column(s) {missing}")


@dataclass
class _Values:
    """One data row by column name, collecting what is wrong with it."""

    row: int
    cells: dict[str, str]
    errors: list[str] = field(default_factory=list)

    def __getitem__(self, column: str) -> str:
        return self.cells[column]

    def url(self, column: str) -> str | None:
        raw = self.cells[column]
        url = normalise_profile_url(raw)
        if raw and url is None:
            self.errors.append(f'"{column}": "{_clip(raw)}" is not a profile URL')
        return url

    def when(self, column: str, like: str, parse: Callable[[str], _T | None]) -> _T | None:
        """Parse a required date or time cell; "" and bad values become errors."""
        raw = self.cells[column]
        value = parse(raw) if raw else None
        if value is None:
            self.errors.append(f'"{column}" is empty' if not raw else _not_like(column, raw, like))
        return value

    def need(self, *columns: str) -> None:
        if not any(self.cells[column] for column in columns):
            names = " and ".join(f'"{column}"' for column in columns)
            self.errors.append(f"{names} {'is' if len(columns) == 1 else 'are both'} empty")


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _not_like(column: str, raw: str, like: str) -> str:
    return f'"{column}": "{_clip(raw)}" is not a {like}'


def _positions(header: list[str], columns: Sequence[str]) -> dict[str, int]:
    """Where each known column is; the first of duplicates wins."""
    keys = [_key(cell) for cell in header]
    return {column: keys.index(_key(column)) for column in columns if _key(column) in keys}


def _read_table(name: str, text: str, kind: str, problems: list[Problem]) -> list[_Values]:
    records = list(_records(name, text, problems))
    required, optional = _COLUMNS[kind]
    start = _find_header(records, required)
    if start is None:
        problems.append(_missing_columns(name, records, kind))
        return []
    header = records[start][1]
    while not header[-1].strip():
        header = header[:-1]  # a trailing comma on the header line
    position = _positions(header, required + optional)
    table = []
    for row, cells in records[start + 1 :]:
        if not "".join(cells[len(header) :]).strip():
            cells = cells[: len(header)]  # trailing empty cells, as some spreadsheets save them
        if not "".join(cells).strip():
            continue
        if len(cells) != len(header):
            message = f"has {len(cells)} fields but the header has {len(header)}"
            problems.append(Problem(name, row, message))
            continue
        values = dict.fromkeys(required + optional, "")
        values |= {column: cells[i].strip() for column, i in position.items()}
        table.append(_Values(row, values))
    return table


# --- rows ----------------------------------------------------------------------------------------


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
    raw_urls = re.split(r"[\s,;]+", v["RECIPIENT PROFILE URLS"].strip())
    urls = tuple(url for raw in raw_urls if raw and (url := _listed_url(v, raw)))
    if sent_at is None:
        return None
    return MessageRow(
        row=v.row,
        conversation_id=v["CONVERSATION ID"],
        sender_name=v["FROM"],
        sender_url=sender_url,
        recipient_names=_split_names(v["TO"], len(urls)),
        recipient_urls=urls,
        sent_at=sent_at,
        content=v["CONTENT"],
    )


def _listed_url(v: _Values, raw: str) -> str | None:
    url = normalise_profile_url(raw)
    if url is None:
        v.errors.append(f'"RECIPIENT PROFILE URLS": "{_clip(raw)}" is not a profile URL')
    return url


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


# --- the export ----------------------------------------------------------------------------------


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


# --- conversations -------------------------------------------------------------------------------


def _conversations(messages: Sequence[MessageRow]) -> list[list[MessageRow]]:
    """Messages grouped by conversation, each in time order (ties keep file order)."""
    groups: defaultdict[str, list[MessageRow]] = defaultdict(list)
    for message in messages:
        groups[message.conversation_id].append(message)
    return [sorted(group, key=lambda m: (m.sent_at, m.row)) for group in groups.values()]


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
    owner = _owner_url(owner_profile_url)
    pairs: list[MessagePair] = []
    for conversation in _conversations(messages):
        waiting: list[MessageRow] = []
        for message in conversation:
            if message.sender_url == owner:
                waiting.append(message)
            elif waiting:
                pairs += [_pair(sent, message, owner) for sent in waiting]
                waiting = []
        pairs += [_pair(sent, None, owner) for sent in waiting]
    return sorted(pairs, key=lambda p: (p.sent.sent_at, p.sent.row))


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
    owner = _owner_url(owner_profile_url)
    inbound: list[MessageRow] = []
    for conversation in _conversations(messages):
        for message in conversation:
            if message.sender_url == owner:
                break
            inbound.append(message)
    return sorted(inbound, key=lambda m: (m.sent_at, m.row))
