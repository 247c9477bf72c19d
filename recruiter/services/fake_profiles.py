"""Possible fake profiles: one profile photo on candidates with different names.

Photos are compared by perceptual hash (``services.profiles.photo_hash``, 64-bit pHash), so a
resized or re-encoded copy still matches: two hashes match when they differ in at most
``settings.photo_max_distance`` bits. Names are compared normalised (case, accents, spacing,
punctuation), so "José  García" and "jose garcia" are the same person, not a fake.

Each candidate with a match opens one ``possible_fake_profile`` suggestion (key
``possible_fake_profile:candidate:<id>``); an open one is withdrawn when no match is left.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from recruiter.extensions import db
from recruiter.models import Candidate, Recruiter, Suggestion
from recruiter.services import suggestions
from recruiter.services.ghost_rule import DEFAULT_SETTINGS, GhostSettings
from recruiter.services.scoping import owned

KIND = "possible_fake_profile"


@dataclass(frozen=True)
class PhotoRow:
    id: int
    full_name: str
    photo_hash: str


@dataclass(frozen=True)
class Match:
    candidate_id: int
    full_name: str
    distance: int


def normalise_name(name: str | None) -> str:
    """Case, accents, punctuation and spacing removed: the same person's name compares equal."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[^\w]+", " ", text)
    return " ".join(text.split())


def distance(a: str, b: str) -> int:
    """Hamming distance between two hex hashes (bits that differ)."""
    return (int(a, 16) ^ int(b, 16)).bit_count()


def _chunks(photo_hash: str, parts: int) -> list[tuple[int, int]]:
    """The hash cut into ``parts`` bit ranges: (part index, value)."""
    bits = len(photo_hash) * 4
    value = int(photo_hash, 16)
    bounds = [round(i * bits / parts) for i in range(parts + 1)]
    out = []
    for i in range(parts):
        width = bounds[i + 1] - bounds[i]
        out.append((i, (value >> (bits - bounds[i + 1])) & ((1 << width) - 1)))
    return out


def find_matches(
    rows: Sequence[PhotoRow], max_distance: int, only: set[int] | None = None
) -> dict[int, list[Match]]:
    """For each candidate (of ``only``, or all), the others whose photo matches under a
    different name.

    For everyone, a pigeonhole search: two 64-bit hashes within ``max_distance`` bits agree
    exactly on at least one of ``max_distance + 1`` parts, so only hashes sharing a part are
    compared, not all pairs. For a few candidates (a page, an upload), a straight scan.
    """
    names = {row.id: normalise_name(row.full_name) for row in rows}
    found: dict[int, dict[int, Match]] = defaultdict(dict)

    def compare(a: PhotoRow, b: PhotoRow) -> int | None:
        if a.id == b.id or names[a.id] == names[b.id] or len(a.photo_hash) != len(b.photo_hash):
            return None
        d = distance(a.photo_hash, b.photo_hash)
        return d if d <= max_distance else None

    if only is not None:
        for target in (r for r in rows if r.id in only):
            for row in rows:
                d = compare(target, row)
                if d is not None:
                    found[target.id][row.id] = Match(row.id, row.full_name, d)
    else:
        buckets: dict[tuple[int, int, int], list[PhotoRow]] = defaultdict(list)
        for row in rows:
            for index, value in _chunks(row.photo_hash, max_distance + 1):
                buckets[(len(row.photo_hash), index, value)].append(row)
        for bucket in buckets.values():
            for i, a in enumerate(bucket):
                for b in bucket[i + 1 :]:
                    if b.id in found[a.id]:
                        continue
                    d = compare(a, b)
                    if d is not None:
                        found[a.id][b.id] = Match(b.id, b.full_name, d)
                        found[b.id][a.id] = Match(a.id, a.full_name, d)
    return {
        cid: sorted(matches.values(), key=lambda m: (m.distance, m.candidate_id))
        for cid, matches in found.items()
        if matches
    }


def photo_rows(owner: Recruiter | int) -> list[PhotoRow]:
    rows = db.session.execute(
        owned(Candidate, owner)
        .with_only_columns(Candidate.id, Candidate.full_name, Candidate.photo_hash)
        .where(Candidate.photo_hash.is_not(None))
    )
    return [PhotoRow(r.id, r.full_name, r.photo_hash) for r in rows if r.photo_hash]


def matches_for(
    owner: Recruiter, candidate_ids: Iterable[int], settings: GhostSettings = DEFAULT_SETTINGS
) -> dict[int, list[Match]]:
    """Matches for a few candidates: their photos against all of the owner's photos (an index
    on ``(team_id, photo_hash)`` reads only candidates with one; none read without a photo)."""
    ids = set(candidate_ids)
    if not ids:
        return {}
    with_photo = db.session.scalar(
        owned(Candidate, owner)
        .with_only_columns(Candidate.id)
        .where(Candidate.id.in_(ids), Candidate.photo_hash.is_not(None))
        .limit(1)
    )
    if with_photo is None:
        return {}
    return find_matches(photo_rows(owner), settings.photo_max_distance, ids)


def _opening(
    owner: Recruiter, row: PhotoRow, matches: list[Match], settings: GhostSettings
) -> suggestions.Opening:
    others = "; ".join(f"{m.full_name} (candidate {m.candidate_id})" for m in matches)
    reasons = [
        f"The profile photo of {row.full_name} is also on {others}, under a different name.",
        "One photo under several names is a common sign of a fake profile: check before you "
        "accept a connection or share a role.",
    ]
    evidence: dict[str, Any] = {
        "photo_hash": row.photo_hash,
        "max_distance": settings.photo_max_distance,
        "matches": [
            {"candidate_id": m.candidate_id, "full_name": m.full_name, "distance": m.distance}
            for m in matches
        ],
    }
    key = suggestions.candidate_key(KIND, row.id)
    return suggestions.Opening(owner.team_id, KIND, key, row.id, None, reasons, evidence)


def _open(
    owner: Recruiter,
    flagged: list[tuple[PhotoRow, list[Match]]],
    settings: GhostSettings,
    now: datetime,
) -> int:
    """Open a flag for each candidate and its matches, unless it has one (in any status), in
    a few statements however many (:func:`suggestions.open_many`). Returns how many opened."""
    openings = [_opening(owner, row, matches, settings) for row, matches in flagged]
    return len(suggestions.open_many(openings, now)) if openings else 0


def check_owner(
    owner: Recruiter, now: datetime, settings: GhostSettings = DEFAULT_SETTINGS
) -> tuple[int, int]:
    """Flag every candidate of ``owner`` whose photo appears under another name; withdraw open
    flags with no match left. Returns (opened, withdrawn)."""
    rows = photo_rows(owner)
    found = find_matches(rows, settings.photo_max_distance)
    opened = _open(owner, [(row, found[row.id]) for row in rows if row.id in found], settings, now)
    return opened, _withdraw_stale(owner, None, set(found), now)


def sweep(now: datetime, settings: GhostSettings = DEFAULT_SETTINGS) -> tuple[int, int]:
    """Every recruiter's photo matches, as of ``now``. Returns (opened, withdrawn)."""
    opened = withdrawn = 0
    for owner in list(db.session.scalars(select(Recruiter).order_by(Recruiter.id))):
        o, w = check_owner(owner, now, settings)
        opened, withdrawn = opened + o, withdrawn + w
    return opened, withdrawn


def check_candidate(
    owner: Recruiter,
    candidate: Candidate,
    now: datetime,
    settings: GhostSettings = DEFAULT_SETTINGS,
) -> int:
    """After a photo is set: flag this candidate and every candidate it matches (the sweep
    re-checks everyone, withdrawing flags left without a match)."""
    if not candidate.photo_hash:
        return 0
    rows = photo_rows(owner)
    mine = find_matches(rows, settings.photo_max_distance, {candidate.id})
    involved = {candidate.id} | {m.candidate_id for m in mine.get(candidate.id, [])}
    found = find_matches(rows, settings.photo_max_distance, involved)
    by_id = {row.id: row for row in rows}
    opened = _open(owner, [(by_id[cid], found[cid]) for cid in found], settings, now)
    if candidate.id not in found:
        _withdraw_stale(owner, {candidate.id}, set(), now)
    return opened


def _withdraw_stale(
    owner: Recruiter, among: set[int] | None, flagged: set[int], now: datetime
) -> int:
    """Withdraw open flags (of candidates ``among``, or all) whose candidate has no match."""
    query = owned(Suggestion, owner).where(Suggestion.kind == KIND, Suggestion.status == "open")
    if among is not None:
        query = query.where(Suggestion.candidate_id.in_(among))
    open_rows = list(db.session.scalars(query))
    reason = "No other candidate shows this photo under another name any more."
    return sum(
        suggestions.withdraw(row, reason, now)
        for row in open_rows
        if row.candidate_id not in flagged
    )
