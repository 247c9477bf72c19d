"""Which candidates an import's people already are: looked up once, by profile address (or a
merged duplicate's alias), e-mail, or a name alone, and held as plain rows until the import
writes to one (then as the ORM object a service can change)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Row, select

from recruiter.extensions import db
from recruiter.models import Candidate, CandidateAlias, Recruiter
from recruiter.services.imports.reading import Person
from recruiter.services.imports.values import changes
from recruiter.services.scoping import owned_rows

LOOKUP_CHUNK = 500
# What an import compares on a candidate it matched (``values.changes``), read as plain rows.
COMPARED = (
    "id",
    "full_name",
    "email",
    "profile_url",
    "connection_status",
    "connected_on",
    "phone",
    "company",
    "title",
    "location",
    "notes",
    "mutual_connections",
)
Known = Candidate | Row[Any]  # a matched candidate: a plain row until the import writes to it


def chunks(values: Iterable[Any], size: int = LOOKUP_CHUNK) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for value in values:
        batch.append(value)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class Matches:
    """The candidates met, by id: plain rows as read, ORM objects once the import writes to
    them (or created them); the look-ups hold ids, so each finds the latest."""

    def __init__(self, owner: Recruiter) -> None:
        self.owner = owner
        self.known: dict[int, Known] = {}
        self.by_url: dict[str, int] = {}
        self.by_email: dict[str, int] = {}
        self.by_name: dict[str, list[int]] = {}

    def look_up(self, people: list[Person]) -> None:
        """The candidates the people may be, as plain rows (not ORM objects: most of a
        re-import's are only compared, and their stored score is not read)."""
        urls = {p.profile_url for p in people if p.profile_url}
        emails = {p.email for p in people if p.email}
        names = {p.full_name for p in people if not p.profile_url and not p.email}
        for column, wanted in (("profile_url", urls), ("email", emails), ("full_name", names)):
            for chunk in chunks(sorted(wanted)):
                query = owned_rows(Candidate, self.owner, *COMPARED).where(
                    Candidate.__table__.c[column].in_(chunk)
                )
                for candidate in db.session.execute(query.order_by(Candidate.id)):
                    self.remember(candidate)
        self._look_up_aliases(urls - set(self.by_url))

    def _look_up_aliases(self, urls: set[str]) -> None:
        """Profile URLs of duplicates merged into a candidate find the candidate kept."""
        table = Candidate.__table__
        for chunk in chunks(sorted(urls)):
            query = (
                owned_rows(CandidateAlias, self.owner)
                .join(table, table.c.id == CandidateAlias.candidate_id)
                .add_columns(CandidateAlias.profile_url.label("alias_url"))
                .add_columns(*(table.c[name] for name in COMPARED))
                .where(CandidateAlias.profile_url.in_(chunk))
            )
            for candidate in db.session.execute(query):
                self.remember(candidate)
                self.by_url[candidate.alias_url] = candidate.id

    def load_to_write(self, people: list[Person]) -> None:
        """The matched candidates the import will update, as ORM objects, in a few queries."""
        ids = sorted(
            {
                candidate.id
                for person in people
                if (candidate := self.match(person)) is not None and changes(person, candidate)
            }
        )
        for chunk in chunks(ids):
            for candidate in db.session.scalars(select(Candidate).where(Candidate.id.in_(chunk))):
                self.known[candidate.id] = candidate

    def writable(self, candidate: Known) -> Candidate:
        """The candidate as an ORM object, for a service to write to."""
        if isinstance(candidate, Candidate):
            return candidate
        loaded = db.session.get(Candidate, candidate.id)
        assert loaded is not None
        self.known[loaded.id] = loaded
        return loaded

    def remember(self, candidate: Known) -> None:
        if isinstance(candidate, Candidate) or candidate.id not in self.known:
            self.known[candidate.id] = candidate
        if candidate.profile_url:
            self.by_url.setdefault(candidate.profile_url, candidate.id)
        if candidate.email:
            self.by_email.setdefault(candidate.email, candidate.id)
        same_name = self.by_name.setdefault(candidate.full_name, [])
        if candidate.id not in same_name:
            same_name.append(candidate.id)

    def match(self, person: Person) -> Known | None:
        if person.profile_url and person.profile_url in self.by_url:
            return self.known[self.by_url[person.profile_url]]
        if person.email and person.email in self.by_email:
            return self.known[self.by_email[person.email]]
        if not person.profile_url and not person.email:
            same_name = self.by_name.get(person.full_name, [])
            return self.known[same_name[0]] if len(same_name) == 1 else None
        return None
