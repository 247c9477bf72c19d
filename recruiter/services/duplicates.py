"""Possible duplicates: another candidate of the same recruiter with the same e-mail, or the
same name at the same company (case and accents ignored: ``Candidate.name_company_key``).

Allowed, only flagged: two people may share a name and an employer. (The same profile URL is
refused outright, by ``services.candidates``, as a :class:`~recruiter.services.Conflict`.)
Every look-up reads the ``candidate.email`` and ``(team_id, name_company_key)`` indexes: the
cost follows the duplicates found, never the size of the network.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select, union

from recruiter.extensions import db
from recruiter.models import Candidate, Recruiter
from recruiter.services import planner
from recruiter.services.scoping import owned

LIMIT = 20  # a page warns about this many at most
CHUNK = 500

EMAIL = "email"
NAME_COMPANY = "name_company"
REASON_LABELS = {EMAIL: "same e-mail", NAME_COMPANY: "same name at the same company"}

_COLUMNS = (
    Candidate.id,
    Candidate.full_name,
    Candidate.company,
    Candidate.email,
    Candidate.profile_url,
    Candidate.name_company_key,
)


@dataclass(frozen=True)
class Duplicate:
    """Another candidate who may be the same person, and why (plain values, for pages)."""

    id: int
    full_name: str
    company: str | None
    email: str | None
    profile_url: str | None
    reasons: tuple[str, ...]

    @property
    def reason_text(self) -> str:
        return " and ".join(REASON_LABELS[r] for r in self.reasons)


def _reasons(row: Any, email: str | None, key: str | None) -> tuple[str, ...]:
    reasons = []
    if email and row.email == email:
        reasons.append(EMAIL)
    if key and row.name_company_key == key:
        reasons.append(NAME_COMPANY)
    return tuple(reasons)


def duplicates_query(owner: Recruiter, candidate: Candidate, limit: int = LIMIT) -> Select | None:
    """The owner's other candidates with ``candidate``'s e-mail or name-and-company key, oldest
    first (None when they have neither): one statement, a UNION of one seek per index (an OR
    would let a planner read the whole owner's network instead)."""
    conditions = []
    if candidate.email:
        conditions.append(Candidate.email == candidate.email)
    if candidate.name_company_key:
        conditions.append(Candidate.name_company_key == candidate.name_company_key)
    if not conditions:
        return None
    parts = [
        owned(Candidate, owner)
        .with_only_columns(*_COLUMNS)
        .where(condition, Candidate.id != candidate.id)
        for condition in conditions
    ]
    found = union(*parts).subquery() if len(parts) > 1 else parts[0].subquery()
    return select(found).order_by(found.c.id).limit(limit)


def find_duplicates(owner: Recruiter, candidate: Candidate, limit: int = LIMIT) -> list[Duplicate]:
    """Who may be the same person as ``candidate``, and why (see :func:`duplicates_query`)."""
    query = duplicates_query(owner, candidate, limit)
    if query is None:
        return []
    return [
        Duplicate(
            r.id,
            r.full_name,
            r.company,
            r.email,
            r.profile_url,
            _reasons(r, candidate.email, candidate.name_company_key),
        )
        for r in db.session.execute(query)
    ]


def duplicate_ids(owner: Recruiter, candidate: Candidate) -> list[int]:
    """The ids of :func:`find_duplicates` (what the API answers as ``possible_duplicates``)."""
    return [d.id for d in find_duplicates(owner, candidate)]


@dataclass(frozen=True)
class Match:
    """An existing candidate with one of the e-mails or keys asked about."""

    id: int
    full_name: str
    email: str | None
    name_company_key: str | None


def _chunks(values: Iterable[str], size: int = CHUNK) -> Iterator[list[str]]:
    ordered = sorted(set(values))
    for i in range(0, len(ordered), size):
        yield ordered[i : i + size]


def matches_for(
    owner: Recruiter, emails: Iterable[str], keys: Iterable[str]
) -> tuple[dict[str, list[Match]], dict[str, list[Match]]]:
    """The owner's candidates by e-mail and by name-and-company key, for many at once (an
    import): a few ``IN`` queries per 500 values, never one per row."""
    by_email: dict[str, list[Match]] = {}
    by_key: dict[str, list[Match]] = {}
    columns = (Candidate.id, Candidate.full_name, Candidate.email, Candidate.name_company_key)
    for column, wanted, found in (
        (Candidate.email, emails, by_email),
        (Candidate.name_company_key, keys, by_key),
    ):
        for chunk in _chunks(wanted):
            query = (
                owned(Candidate, owner)
                .with_only_columns(*columns)
                .where(planner.among(column, chunk))
                .order_by(Candidate.id)
            )
            for row in db.session.execute(query):
                match = Match(row.id, row.full_name, row.email, row.name_company_key)
                value = match.email if column is Candidate.email else match.name_company_key
                assert value is not None
                found.setdefault(value, []).append(match)
    return by_email, by_key
