"""Possible duplicates an import met, reported beside its counts (never a problem: the import
stays all-or-nothing on its problems alone, and two people may share a name and an employer).

- **created**: a new candidate with the same name at the same company, or the same e-mail, as
  a candidate the recruiter already had (found set-based by ``services.duplicates``: a few
  ``IN`` queries for the whole import);
- **matched**: a person the import matched by e-mail to a candidate who has another profile
  URL (the candidate was updated, and keeps their URL): perhaps two profiles of one person,
  perhaps two people sharing an address.

The candidate page then shows the warning with its merge buttons.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from recruiter.models import Candidate, Recruiter
from recruiter.services import duplicates
from recruiter.services.imports.reading import Person

CREATED = "created"
MATCHED = "matched"


@dataclass
class PossibleDuplicate:
    file: str
    row: int | None
    full_name: str
    profile_url: str | None
    action: str  # CREATED or MATCHED
    reasons: list[str] = field(default_factory=list)  # duplicates.EMAIL, duplicates.NAME_COMPANY
    existing_ids: list[int] = field(default_factory=list)
    existing_names: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def matched_elsewhere(person: Person, candidate: Candidate) -> PossibleDuplicate | None:
    """The person matched ``candidate`` by e-mail although their profile URLs differ."""
    if not person.profile_url or not candidate.profile_url:
        return None
    if person.profile_url == candidate.profile_url:
        return None
    return PossibleDuplicate(
        person.file,
        person.row,
        person.full_name,
        person.profile_url,
        MATCHED,
        [duplicates.EMAIL],
        [candidate.id],
        [candidate.full_name],
    )


def among_created(
    owner: Recruiter, created: list[tuple[Person, Candidate]]
) -> list[PossibleDuplicate]:
    """The new candidates who look like one the recruiter had before this import."""
    new_ids = {candidate.id for _, candidate in created}
    by_email, by_key = duplicates.matches_for(
        owner,
        (c.email for _, c in created if c.email),
        (c.name_company_key for _, c in created if c.name_company_key),
    )
    found: list[PossibleDuplicate] = []
    for person, candidate in created:
        reasons: list[str] = []
        existing: dict[int, str] = {}
        for reason, matches in (
            (duplicates.EMAIL, by_email.get(candidate.email or "", [])),
            (duplicates.NAME_COMPANY, by_key.get(candidate.name_company_key or "", [])),
        ):
            old = [m for m in matches if m.id not in new_ids]
            if old:
                reasons.append(reason)
                existing.update((m.id, m.full_name) for m in old)
        if existing:
            ids = sorted(existing)
            found.append(
                PossibleDuplicate(
                    person.file,
                    person.row,
                    person.full_name,
                    person.profile_url,
                    CREATED,
                    reasons,
                    ids,
                    [existing[i] for i in ids],
                )
            )
    return found
