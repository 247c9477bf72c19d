"""Imports: a LinkedIn data export (zip, folder or one of its CSV files) or the generic
candidates CSV (the candidates report's own columns).

One run goes through the services (so their rules, the audit trail and the scores apply) and
only flushes. It answers what was created, updated and skipped and every problem (file, row,
reason). The caller then commits only when :attr:`ImportResult.accepted` and it is not a dry
run, and rolls back otherwise: a preview is the very same run, rolled back, so it can never
promise what the import would not do. All-or-nothing: a single problem refuses the whole
import, unless ``skip_bad_rows`` is chosen, in which case the bad rows are left out.

Matching: by normalised profile URL, then email, then (for a row with neither) a unique exact
name. An existing candidate is updated, never duplicated; empty cells never clear a value;
running the same import twice changes nothing (messages carry an ``Outreach.source_key``).
Connection status only moves forward: ``removed`` stays removed, ``connected`` is never
downgraded to a pending invitation.
"""

from recruiter.services import NotFound
from recruiter.services.imports import background
from recruiter.services.imports.reading import KINDS, read_source, unneutralise
from recruiter.services.imports.result import Counts, ImportResult
from recruiter.services.imports.running import run_import
from recruiter.services.imports.values import next_status, source_key

__all__ = [
    "KINDS",
    "Counts",
    "ImportResult",
    "NotFound",
    "background",
    "next_status",
    "read_source",
    "run_import",
    "source_key",
    "unneutralise",
]
