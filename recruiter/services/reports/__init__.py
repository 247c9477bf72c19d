"""CSV reports: candidates, interviews, outreach and suggestions, as a header and a lazy row
iterator.

Rows are read with ``yield_per`` as they are written, so memory stays flat however many rows a
report has; per-row figures (interview counts, ghosted, last contact) come from grouped
subqueries joined into the one main query, never a query per row. Times are in the
recruiter's time zone as ``YYYY-MM-DD HH:MM``; dates as ``YYYY-MM-DD``. Only the recruiter's
own rows, through :func:`recruiter.services.scoping.owned`.

The column lists (:mod:`.columns`) are a public contract, documented in the README.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from recruiter.models import Recruiter
from recruiter.services.reports import queries
from recruiter.services.reports.columns import (
    CANDIDATE_COLUMNS,
    COLUMNS,
    COMPONENTS,
    CONTACT_FIELDS,
    INTERVIEW_COLUMNS,
    OUTREACH_COLUMNS,
    SUGGESTION_COLUMNS,
    check_name,
)
from recruiter.services.reports.filters import (
    DATE_FIELDS,
    FILTERS,
    Filters,
    parse_filters,
    window,
)
from recruiter.services.reports.queries import BATCH

__all__ = [
    "CANDIDATE_COLUMNS",
    "COLUMNS",
    "COMPONENTS",
    "CONTACT_FIELDS",
    "DATE_FIELDS",
    "FILTERS",
    "INTERVIEW_COLUMNS",
    "OUTREACH_COLUMNS",
    "SUGGESTION_COLUMNS",
    "Filters",
    "Report",
    "build",
    "check_name",
    "filename",
    "parse_filters",
    "window",
]


@dataclass(frozen=True)
class Report:
    name: str
    header: tuple[str, ...]
    rows: Iterator[list[Any]]


def filename(name: str, today: date) -> str:
    return f"reliant-{name}-{today:%Y-%m-%d}.csv"


def build(owner: Recruiter, name: str, filters: Filters, batch: int = BATCH) -> Report:
    """The report's header and rows. The query is built now (so bad input fails before anything
    is sent) and run only when the rows are read."""
    builders = {
        "candidates": queries.candidates,
        "interviews": queries.interviews,
        "outreach": queries.outreach,
        "suggestions": queries.suggestions,
    }
    rows = builders[check_name(name)](owner, filters, batch)
    return Report(name, COLUMNS[name], rows)
