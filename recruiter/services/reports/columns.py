"""The reports' columns, in order: a public contract (the README documents them). Add columns
at the end; never rename or reorder them."""

from __future__ import annotations

from recruiter.services import NotFound

CONTACT_FIELDS = (
    "full_name",
    "email",
    "phone",
    "profile_url",
    "company",
    "title",
    "location",
    "connection_status",
)
COMPONENTS = ("attendance", "follow_through", "responsiveness")
CANDIDATE_COLUMNS = (
    "candidate_id",
    *CONTACT_FIELDS,
    "connected_on",
    "mutual_connections",
    "notes",
    "score",
    "score_low",
    "score_high",
    "confidence",
    *COMPONENTS,
    "no_show_probability",
    "median_response_hours",
    "interviews",
    "attended",
    "no_shows",
    "ghosted",
    "last_contact",
)
INTERVIEW_COLUMNS = (
    "interview_id",
    "candidate_id",
    "candidate",
    "client",
    "role",
    "start",
    "first_scheduled",
    "duration_minutes",
    "status",
    "confirmed_at",
    "outcome",
    "changed_by",
    "notice_hours",
    "reschedules",
    "explained",
)
OUTREACH_COLUMNS = (
    "outreach_id",
    "candidate_id",
    "candidate",
    "channel",
    "direction",
    "sent",
    "responded",
    "response_hours",
    "interview_id",
    "note",
)
SUGGESTION_COLUMNS = (
    "suggestion_id",
    "candidate_id",
    "candidate",
    "interview_id",
    "kind",
    "status",
    "reasons",
    "created",
    "resolved",
    "resolution_reason",
)
COLUMNS: dict[str, tuple[str, ...]] = {
    "candidates": CANDIDATE_COLUMNS,
    "interviews": INTERVIEW_COLUMNS,
    "outreach": OUTREACH_COLUMNS,
    "suggestions": SUGGESTION_COLUMNS,
}
# The query arguments each report understands (others, like ``page``, are ignored).


def check_name(name: str) -> str:
    """The report's name, or :class:`NotFound` (a 404) for any other."""
    if name not in COLUMNS:
        raise NotFound("report")
    return name
