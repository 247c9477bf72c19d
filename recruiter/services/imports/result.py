"""What an import did: counts of what it created, updated and skipped, its problems and the
possible duplicates it met. Stored as ``ImportJob.result`` (:meth:`ImportResult.to_dict`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from recruiter.linkedin import Problem
from recruiter.services.imports.possible import PossibleDuplicate


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    skipped: int = 0


@dataclass
class CandidateCounts(Counts):
    possible_duplicates: int = 0  # of the created and updated (see ``possible``)


@dataclass
class ImportResult:
    kind: str
    skip_bad_rows: bool
    dry_run: bool = False
    files: list[str] = field(default_factory=list)
    owner_profile_url: str | None = None
    candidates: CandidateCounts = field(default_factory=CandidateCounts)
    messages: Counts = field(default_factory=Counts)
    connection_requests: Counts = field(default_factory=Counts)
    problems: list[Problem] = field(default_factory=list)
    possible_duplicates: list[PossibleDuplicate] = field(default_factory=list)
    rows_total: int = 0  # people and messages read
    rows_applied: int = 0  # of which written, matched or skipped so far

    @property
    def accepted(self) -> bool:
        """Whether the run may be committed: no problem, or bad rows are to be skipped."""
        return self.skip_bad_rows or not self.problems

    @property
    def refused(self) -> bool:
        return not self.accepted

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "files": list(self.files),
            "owner_profile_url": self.owner_profile_url,
            "skip_bad_rows": self.skip_bad_rows,
            "dry_run": self.dry_run,
            "refused": self.refused,
            "candidates": asdict(self.candidates),
            "messages": asdict(self.messages),
            "connection_requests": asdict(self.connection_requests),
            "problems": [asdict(p) for p in self.problems],
            "possible_duplicates": [p.to_dict() for p in self.possible_duplicates],
            "rows_total": self.rows_total,
            "rows_applied": self.rows_applied,
        }
