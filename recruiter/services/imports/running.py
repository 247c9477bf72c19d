"""Writing what was read through the services, counting what changed, naming each problem."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, select

from recruiter.extensions import db
from recruiter.linkedin import MessageRow, Problem
from recruiter.models import Candidate, CandidateSignal, Outreach, Recruiter
from recruiter.services import ServiceError, candidates, outreach, planner, signals
from recruiter.services.collecting import paused_collector
from recruiter.services.imports import possible
from recruiter.services.imports.matching import Matches, chunks
from recruiter.services.imports.reading import Person, Read, Source, read_source
from recruiter.services.imports.result import ImportResult
from recruiter.services.imports.values import (
    changes,
    new_values,
    note,
    source_key,
    utc,
)

REPORT_EVERY = 2000  # rows between two progress reports

Progress = Callable[[str, int, int, int | None], None]  # phase, rows read, applied, total


def run_import(
    owner: Recruiter,
    source: Source,
    now: datetime,
    *,
    filename: str | None = None,
    owner_profile_url: str | None = None,
    skip_bad_rows: bool = False,
    dry_run: bool = False,
    kind: str = "auto",
    progress: Progress | None = None,
) -> ImportResult:
    """Read ``source`` and write what it holds through the services (flush only); the
    candidates it touched are settled (scored once each) when the caller commits.

    Commit only when the result is :attr:`ImportResult.accepted` and it is not a dry run;
    otherwise roll back: nothing is then written. ``progress(phase, rows_read, rows_applied,
    rows_total)`` is told where the run stands: ``reading`` the file, ``matching`` it against
    the candidates (reads only), ``applying`` it (the first write comes after that call).
    """
    report = progress or _quiet
    report("reading", 0, 0, None)
    with paused_collector():
        read = read_source(source, filename, owner_profile_url, kind)
        return _Run(owner, read, now, skip_bad_rows, dry_run, report).run()


def _quiet(phase: str, rows_read: int, rows_applied: int, rows_total: int | None) -> None:
    return None


class _Run:
    REASON = "import"

    def __init__(
        self,
        owner: Recruiter,
        read: Read,
        now: datetime,
        skip_bad_rows: bool,
        dry_run: bool,
        report: Progress,
    ) -> None:
        self.owner, self.read, self.now, self.report = owner, read, now, report
        self.result = ImportResult(
            kind=read.kind,
            skip_bad_rows=skip_bad_rows,
            dry_run=dry_run,
            files=list(read.files),
            owner_profile_url=read.owner_profile_url,
            problems=list(read.problems),
            rows_total=len(read.people) + len(read.pairs) + len(read.inbound),
        )
        self.matches = Matches(owner)
        self.saved: dict[str, int] = {}  # person key -> their candidate's id
        self.created: list[tuple[Person, Candidate]] = []
        self.seen_keys: set[str] = set()
        # Each message's source key, worked out once (a hash per message, used twice).
        self.pair_keys = [source_key(pair.sent) for pair in read.pairs]
        self.inbound_keys = [source_key(message) for message in read.inbound]

    def run(self) -> ImportResult:
        total = self.result.rows_total
        self.report("matching", total, 0, total)
        # The services flush after each write; flushing again before each of their look-ups
        # would only write the pending audit entries, and doubles the time of a big import.
        with db.session.no_autoflush:
            self.matches.look_up(self.read.people)
            self.matches.load_to_write(self.read.people)
            existing = self._existing_messages()
            requested = self._existing_requests()
            self.report("applying", total, 0, total)
            self._save_all()
            self._flag_duplicates()
            for person in self.read.people:
                self._connection_request(person, requested)
            self._messages(existing)
        self.report("applying", total, self.result.rows_applied, total)
        return self.result

    def _applied(self, rows: int = 1) -> None:
        before = self.result.rows_applied
        self.result.rows_applied += rows
        if before // REPORT_EVERY != self.result.rows_applied // REPORT_EVERY:
            total = self.result.rows_total
            self.report("applying", total, self.result.rows_applied, total)

    def _problem(self, file: str, row: int | None, exc: ServiceError) -> None:
        details = "; ".join(f"{name}: {' '.join(ms)}" for name, ms in exc.fields.items())
        self.result.problems.append(Problem(file, row, details or exc.message))

    def _flag_duplicates(self) -> None:
        flagged = self.result.possible_duplicates
        flagged.extend(possible.among_created(self.owner, self.created))
        flagged.sort(key=lambda p: (p.file, p.row or 0))
        self.result.candidates.possible_duplicates = len(flagged)

    def _save_all(self) -> None:
        """Update the matched candidates, then create the new ones in one bulk write. A new
        person who could match another new one (same email, or a bare name) waits for the
        bulk write and is then saved alone, so nobody is created twice."""
        new: list[Person] = []
        later: list[Person] = []
        emails: set[str] = set()
        names: set[str] = set()
        for person in self.read.people:
            if self.matches.match(person) is not None:
                self._save(person)
                self._applied()
                continue
            bare = not person.profile_url and not person.email
            if (person.email and person.email in emails) or (bare and person.full_name in names):
                later.append(person)
                continue
            new.append(person)
            names.add(person.full_name)
            if person.email:
                emails.add(person.email)
        self._create(new)
        for person in later:
            self._save(person)
            self._applied()

    def _create(self, people: list[Person]) -> None:
        taken = set(self.matches.by_url)
        answers = candidates.create_candidates(
            self.owner, [new_values(p) for p in people], self.now, taken
        )
        for person, answer in zip(people, answers, strict=True):
            if isinstance(answer, ServiceError):
                self._problem(person.file, person.row, answer)
            else:
                self.result.candidates.created += 1
                self.created.append((person, answer))
                self.saved[person.key] = answer.id
                self.matches.remember(answer)
        self._applied(len(people))

    def _save(self, person: Person) -> None:
        candidate = self.matches.match(person)
        # Matched by e-mail, not by the profile URL (nor an alias of it): perhaps another person.
        by_email = candidate is not None and person.profile_url not in self.matches.by_url
        counts = self.result.candidates
        try:
            if candidate is None:
                candidate = candidates.create_candidate(self.owner, new_values(person), self.now)
                counts.created += 1
                self.created.append((person, candidate))
            elif values := changes(person, candidate):
                candidate = self.matches.writable(candidate)
                candidates.update_candidate(
                    self.owner, candidate, values, self.now, reason=self.REASON
                )
                counts.updated += 1
            else:
                counts.skipped += 1
        except ServiceError as exc:
            self._problem(person.file, person.row, exc)
            return
        if by_email and (flag := possible.matched_elsewhere(person, candidate)):
            self.result.possible_duplicates.append(flag)
        self.saved[person.key] = candidate.id
        self.matches.remember(candidate)

    def _existing_requests(self) -> set[tuple[int, datetime]]:
        """The connection requests already recorded for the candidates asking again."""
        ids = sorted(
            {
                c.id
                for p in self.read.people
                if p.request and (c := self.matches.match(p)) is not None
            }
        )
        found: set[tuple[int, datetime]] = set()
        for chunk in chunks(ids):
            query = (
                select(CandidateSignal.candidate_id, CandidateSignal.at)
                .where(CandidateSignal.team_id == self.owner.team_id)
                .where(CandidateSignal.candidate_id.in_(chunk))
                .where(CandidateSignal.type == "connection_request")
            )
            found.update((row.candidate_id, utc(row.at)) for row in db.session.execute(query))
        return found

    def _connection_request(self, person: Person, requested: set[tuple[int, datetime]]) -> None:
        """A pending incoming invitation is the candidate asking to connect (a signal)."""
        candidate_id = self.saved.get(person.key)
        request = person.request
        if candidate_id is None or request is None:
            return
        candidate = self.matches.known[candidate_id]
        counts = self.result.connection_requests
        if candidate.connection_status != "pending_incoming":
            counts.skipped += 1
            return
        if (candidate.id, utc(request.sent_at)) in requested:
            counts.skipped += 1
            return
        try:
            # The same service as the form and the API: audited, and a ghost who asks to
            # connect opens do_not_reconnect.
            signals.record_signal(
                self.owner,
                self.matches.writable(candidate),
                "connection_request",
                request.sent_at,
                request.message,
                self.now,
            )
        except ServiceError as exc:
            self._problem(person.file, person.row, exc)
            return
        counts.created += 1

    # messages

    def _existing_messages(self) -> dict[str, int | None]:
        """source key -> the messages imported before: the id of one that still waits for a
        reply (outbound, unanswered), else None. Plain rows and no times to decode: a
        re-import of 100,000 messages reads just their keys."""
        keys = set(self.pair_keys) | set(self.inbound_keys)
        existing: dict[str, int | None] = {}
        table = Outreach.__table__
        waiting = case(
            (and_(table.c.direction == "outbound", table.c.responded_at.is_(None)), table.c.id)
        )
        for chunk in chunks(sorted(keys), 5000):
            query = select(table.c.source_key, waiting).where(
                table.c.team_id == self.owner.team_id, planner.among(table.c.source_key, chunk)
            )
            existing.update(db.session.execute(query).all())
        return existing

    def _messages(self, existing: dict[str, int | None]) -> None:
        new: list[dict[str, Any]] = []
        for pair, key in zip(self.read.pairs, self.pair_keys, strict=True):
            response = pair.response
            self._message(
                pair.sent,
                key,
                pair.other_url,
                "outbound",
                response.sent_at if response else None,
                response.row if response else None,
                existing,
                new,
            )
        for message, key in zip(self.read.inbound, self.inbound_keys, strict=True):
            self._message(message, key, message.sender_url, "inbound", None, None, existing, new)
        if new:
            outreach.create_outreach_many(self.owner, new, self.now)
            self.result.messages.created += len(new)
            self._applied(len(new))

    def _message(
        self,
        message: MessageRow,
        key: str,
        other_url: str | None,
        direction: str,
        responded_at: datetime | None,
        response_row: int | None,
        existing: dict[str, int | None],
        new: list[dict[str, Any]],
    ) -> None:
        counts = self.result.messages
        candidate_id = self.saved.get(f"url:{other_url}") if other_url else None
        if candidate_id is None or key in self.seen_keys:
            counts.skipped += 1  # a group conversation, a repeated row, or a refused person
            self._applied()
            return
        self.seen_keys.add(key)
        if key not in existing:
            values = {
                "channel": "message",
                "direction": direction,
                "sent_at": message.sent_at,
                "responded_at": responded_at,
                "note": note(message.content),
            }
            clean, errors = outreach.check_fields(values, self.now)
            if errors:
                exc = ServiceError("Please correct the highlighted fields.", errors)
                late_reply = "responded_at" in errors and response_row is not None
                self._problem(
                    self.read.messages_file, response_row if late_reply else message.row, exc
                )
                return
            new.append({"candidate_id": candidate_id, "source_key": key, **clean})
            return  # counted when inserted
        row_id = existing[key]
        if row_id is not None and responded_at:
            row = db.session.get(Outreach, row_id)
            assert row is not None
            try:
                outreach.record_response(self.owner, row, responded_at, self.now)
            except ServiceError as exc:
                self._problem(self.read.messages_file, response_row, exc)
                return
            counts.updated += 1
        else:
            counts.skipped += 1
        self._applied()
