"""Profile photos: only a perceptual hash is kept, to spot one photo under several names."""

from __future__ import annotations

import io
from datetime import datetime

import imagehash
from PIL import Image, UnidentifiedImageError

from recruiter.extensions import db
from recruiter.models import Candidate, Recruiter
from recruiter.services import ServiceError, audit, fake_profiles
from recruiter.services.ghosts import DEFAULT_SETTINGS, GhostSettings


def photo_hash(data: bytes) -> str:
    """The perceptual hash (pHash) of an image: resized or re-encoded copies hash alike."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            return str(imagehash.phash(image.convert("RGB")))
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError):
        raise ServiceError.field("photo", "That file is not an image Reliant can read.") from None


def set_photo(
    owner: Recruiter,
    candidate: Candidate,
    data: bytes,
    now: datetime,
    settings: GhostSettings | None = None,
) -> str:
    """Keep the photo's hash, and flag it if another candidate shows it under another name."""
    new_hash = photo_hash(data)
    if candidate.photo_hash != new_hash:
        audit.record(
            owner,
            owner.team_id,
            "candidate",
            candidate.id,
            "photo",
            {"photo_hash": (candidate.photo_hash, new_hash)},
            now=now,
        )
        candidate.photo_hash = new_hash
    db.session.flush()
    fake_profiles.check_candidate(owner, candidate, now, settings or DEFAULT_SETTINGS)
    return new_hash
