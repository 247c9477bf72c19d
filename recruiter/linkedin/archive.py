"""Finding the export files in what was given: a zip, an unzipped folder, or one CSV (path,
bytes or file object), renamed files told by their header."""

import io
import os
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from .data import Problem
from .tables import _COLUMNS, _find_header, _records

MAX_FILE_BYTES = 256 * 1024 * 1024
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
