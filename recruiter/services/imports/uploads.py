"""Uploads kept between the preview and the confirmation: under a random token, readable by
the app only, owned by one recruiter, deleted once applied or after an hour."""

from __future__ import annotations

import json
import os
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from recruiter.models import Recruiter
from recruiter.services import NotFound

UPLOAD_LIFETIME = timedelta(hours=1)
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


@dataclass(frozen=True)
class Upload:
    token: str
    path: Path
    filename: str
    owner_profile_url: str | None
    created_at: datetime


def stash_upload(
    directory: Path,
    owner: Recruiter,
    data: bytes,
    filename: str,
    now: datetime,
    owner_profile_url: str | None = None,
) -> Upload:
    """Keep an uploaded file for its confirmation, under a random token, readable by us only."""
    directory.mkdir(parents=True, exist_ok=True)
    purge_expired(directory, now)
    token = secrets.token_urlsafe(24)
    path = directory / f"{token}.upload"
    _write_private(path, data)
    meta = {
        "owner_id": owner.id,
        "filename": Path(filename or "upload").name[:200],
        "owner_profile_url": owner_profile_url,
        "created_at": now.isoformat(),
    }
    _write_private(directory / f"{token}.json", json.dumps(meta).encode())
    return Upload(token, path, meta["filename"], owner_profile_url, now)


def _write_private(path: Path, data: bytes) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)


def load_upload(directory: Path, owner: Recruiter, token: str, now: datetime) -> Upload:
    """The owner's stashed upload; :class:`NotFound` for a bad, foreign or expired token."""
    if not _TOKEN.fullmatch(token or ""):
        raise NotFound("upload")
    try:
        meta = json.loads((directory / f"{token}.json").read_text())
        created_at = datetime.fromisoformat(meta["created_at"])
    except (OSError, ValueError, KeyError, TypeError):
        raise NotFound("upload") from None
    path = directory / f"{token}.upload"
    if meta.get("owner_id") != owner.id or not path.is_file():
        raise NotFound("upload")
    if created_at + UPLOAD_LIFETIME < now:
        discard_upload(directory, token)
        raise NotFound("upload")
    return Upload(
        token, path, meta.get("filename") or "upload", meta.get("owner_profile_url"), created_at
    )


def discard_upload(directory: Path, token: str) -> None:
    if not _TOKEN.fullmatch(token or ""):
        return
    for suffix in (".upload", ".json"):
        (directory / f"{token}{suffix}").unlink(missing_ok=True)


def purge_expired(directory: Path, now: datetime) -> int:
    """Delete stashed uploads older than :data:`UPLOAD_LIFETIME`. Returns how many."""
    if not directory.is_dir():
        return 0
    limit = (now - UPLOAD_LIFETIME).timestamp()
    removed = 0
    for path in directory.glob("*.upload"):
        token = path.stem
        try:
            stale = path.stat().st_mtime < limit
        except OSError:
            continue
        if stale:
            discard_upload(directory, token)
            removed += 1
    return removed
