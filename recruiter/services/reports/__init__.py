"""CSV reports: candidates, interviews, outreach and suggestions, as a header and lazy batches
of rows.

Rows are read with ``yield_per`` as they are written, so memory stays flat however many rows a
report has; per-row figures (interview counts, ghosted, last contact) come from grouped
subqueries joined into the one main query, never a query per row. Times are in the
recruiter's time zone as ``YYYY-MM-DD HH:MM``; dates as ``YYYY-MM-DD``. Only the recruiter's
own rows, through :func:`recruiter.services.scoping.owned`.

Each report's columns are one table of ``(header, value)`` pairs (:mod:`.columns`); the
headers are a public contract, documented in the README. Text cells come out already
neutralised against spreadsheet formulas, so :meth:`Report.csv` writes each batch at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from recruiter.csvsafe import csv_chunks
from recruiter.models import Recruiter
from recruiter.services.filters import ListFilter
from recruiter.services.reports import queries
from recruiter.services.reports.columns import (
    CANDIDATE_COLUMNS,
    COLUMNS,
    COMPONENTS,
    CONTACT_FIELDS,
    INTERVIEW_COLUMNS,
    OUTREACH_COLUMNS,
    SUGGESTION_COLUMNS,
    TABLES,
    check_name,
)
from recruiter.services.reports.filters import (
    DATE_FIELDS,
    DATES,
    FILTERS,
    REPORT_FILTERS,
    parse_filters,
)
from recruiter.services.reports.queries import BATCH

__all__ = [
    "CANDIDATE_COLUMNS",
    "COLUMNS",
    "COMPONENTS",
    "CONTACT_FIELDS",
    "DATES",
    "DATE_FIELDS",
    "FILTERS",
    "INTERVIEW_COLUMNS",
    "OUTREACH_COLUMNS",
    "REPORT_FILTERS",
    "SUGGESTION_COLUMNS",
    "TABLES",
    "Report",
    "build",
    "check_name",
    "filename",
    "parse_filters",
]


@dataclass(frozen=True)
class Report:
    name: str
    header: tuple[str, ...]
    batches: Iterator[list[tuple[Any, ...]]]  # safe cells, read from the database as they are taken

    @property
    def rows(self) -> Iterator[tuple[Any, ...]]:
        for batch in self.batches:
            yield from batch

    def csv(self) -> Iterator[str]:
        """The CSV: BOM and header, then one chunk of text per batch of rows."""
        return csv_chunks(self.header, self.batches)


def filename(name: str, today: date) -> str:
    return f"reliant-{name}-{today:%Y-%m-%d}.csv"


def build(
    owner: Recruiter, name: str, filters: ListFilter, now: datetime, batch: int = BATCH
) -> Report:
    """The report's header and rows (``now`` for the upcoming interviews). The query is built
    now (so bad input fails before anything is sent) and run only when the rows are read."""
    builders = {
        "candidates": queries.candidates,
        "interviews": queries.interviews,
        "outreach": queries.outreach,
        "suggestions": queries.suggestions,
    }
    batches = builders[check_name(name)](owner, filters, now, batch)
    return Report(name, COLUMNS[name], batches)
