"""List filters, parsed once from a query string and applied to a select in one place.

Each list's web page, its JSON API and its CSV report read the same parameters with the same
rules, so they cannot drift: each takes its filter object's ``parse(args)`` (a
:class:`ServiceError` naming every bad parameter and why) and its ``apply(query, ...)``.
Blank values mean "any"; parameters a list does not take are ignored. The reminders' filter
lives with their due rule (:mod:`recruiter.services.reminders.queries`).
"""

from __future__ import annotations

from recruiter.services.filters.activity import InterviewFilter, OutreachFilter
from recruiter.services.filters.base import ListFilter, present, window
from recruiter.services.filters.candidates import CANDIDATE_SORTS, CONFIDENCES, CandidateFilter
from recruiter.services.filters.inbox import SuggestionFilter

__all__ = [
    "CANDIDATE_SORTS",
    "CONFIDENCES",
    "CandidateFilter",
    "InterviewFilter",
    "ListFilter",
    "OutreachFilter",
    "SuggestionFilter",
    "present",
    "window",
]
