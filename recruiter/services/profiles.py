"""Profile photos: only a perceptual hash is kept, to spot one photo under several names."""

from __future__ import annotations

import io
from datetime import datetime

import imagehash
from PIL import Image, UnidentifiedImageError

from recruiter.extensions import db
from recruiter.models import Candidate, Recruiter
from recruiter.services import ServiceError, audit


def photo_hash(data: bytes) -> str:
    """The perceptual hash (pHash) of an image: resized or re-encoded copies hash alike."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            return str(imagehash.phash(image.convert("RGB")))
    except (UnidentifiedImageError, OSError, ValueError):
        raise ServiceError.field("photo", "That file is not an image Reliant can read.") from None


def set_photo(owner: Recruiter, candidate: Candidate, data: bytes, now: datetime) -> str:
    new_hash = photo_hash(data)
    if candidate.photo_hash != new_hash:
        audit.record(
            owner,
            owner.id,
            "candidate",
            candidate.id,
            "photo",
            {"photo_hash": (candidate.photo_hash, new_hash)},
            now=now,
        )
        candidate.photo_hash = new_hash
    db.session.flush()
    return new_hash
