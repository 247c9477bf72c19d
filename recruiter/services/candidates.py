"""Candidates: create, edit, list, delete."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import Select, select, union_all

from recruiter.extensions import db
from recruiter.linkedin import normalise_profile_url
from recruiter.linkedin.urls import is_profile_url
from recruiter.localtime import MAX_YEAR, MIN_YEAR
from recruiter.models import (
    CANDIDATE_FIELDS,
    CANDIDATE_NAME_COMPANY_KEY_LENGTH,
    CANDIDATE_SEARCH_KEY_LENGTH,
    CONNECTION_STATUSES,
    Candidate,
    CandidateAlias,
    Interview,
    Outreach,
    Recommendation,
    Recruiter,
)
from recruiter.services import Conflict, ServiceError, audit, candidate_counts, planner, unit
from recruiter.services.filters import CandidateFilter
from recruiter.services.scoping import get_owned, get_owned_many, owned
from recruiter.textkey import name_company_key, record_search_key

FIELDS = CANDIDATE_FIELDS
TEXT_LIMITS = {
    "full_name": 200,
    "email": 254,
    "phone": 50,
    "profile_url": 500,
    "company": 200,
    "title": 200,
    "location": 200,
}

# From this many candidates created at once, their table's statistics are refreshed in the
# transaction (PostgreSQL): the import's duplicate look-ups that follow then seek the
# (team_id, name_company_key) index instead of filtering every row of the team per batch.
ANALYZE_AFTER = 1000

# What a search matches, in this order in the key (``Candidate.search_key``).
SEARCHED_FIELDS = ("full_name", "email", "company", "profile_url")


def candidate_search_key(
    full_name: str | None,
    email: str | None = None,
    company: str | None = None,
    profile_url: str | None = None,
) -> str:
    """The value of ``Candidate.search_key`` for these fields: pure, so a bulk writer (the
    LinkedIn import) can fill the column without going through :func:`create_candidate`."""
    return record_search_key(
        full_name, email, company, profile_url, limit=CANDIDATE_SEARCH_KEY_LENGTH
    )


def candidate_name_company_key(full_name: str | None, company: str | None) -> str | None:
    """The value of ``Candidate.name_company_key`` (pure, for bulk writers too)."""
    return name_company_key(full_name, company, limit=CANDIDATE_NAME_COMPANY_KEY_LENGTH)


def refresh_keys(candidate: Candidate) -> None:
    """Recompute the keys stored beside the fields (search, possible duplicates)."""
    candidate.search_key = candidate_search_key(
        *(getattr(candidate, name) for name in SEARCHED_FIELDS)
    )
    candidate.name_company_key = candidate_name_company_key(candidate.full_name, candidate.company)


def _clean_text(values: dict[str, Any], errors: dict[str, list[str]]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for name, value in values.items():
        if isinstance(value, str):
            value = value.strip() or None
        limit = TEXT_LIMITS.get(name)
        if limit and value is not None and len(value) > limit:
            errors.setdefault(name, []).append(f"At most {limit} characters.")
        clean[name] = value
    return clean


def _validate(
    owner: Recruiter,
    values: dict[str, Any],
    candidate: Candidate | None,
    check_unique: bool = True,
) -> dict:
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise ServiceError(f"Unknown fields: {', '.join(sorted(unknown))}")
    errors: dict[str, list[str]] = {}
    existing_id: int | None = None
    clean = _clean_text(values, errors)
    if ("full_name" in clean or candidate is None) and not clean.get("full_name"):
        errors.setdefault("full_name", []).append("A name is required.")
    if clean.get("email"):
        try:
            clean["email"] = validate_email(
                clean["email"], check_deliverability=False
            ).normalized.lower()
        except EmailNotValidError as exc:
            errors.setdefault("email", []).append(f"Not a valid email address: {exc}")
    if clean.get("profile_url"):
        url = clean["profile_url"]
        if not url.lower().startswith(("http://", "https://", "www.", "linkedin.com")):
            errors.setdefault("profile_url", []).append("Use a web address (https://...).")
        else:
            clean["profile_url"] = normalise_profile_url(url)
            if clean["profile_url"] is None or not is_profile_url(clean["profile_url"]):
                errors.setdefault("profile_url", []).append(
                    "Not a LinkedIn profile address: use one like https://linkedin.com/in/name"
                    " (another website can go in the notes)."
                )
            elif check_unique:
                existing_id = _check_unique_url(owner, clean["profile_url"], candidate, errors)
    if "connection_status" in clean:
        status = clean["connection_status"] or "none"
        if status not in CONNECTION_STATUSES:
            errors.setdefault("connection_status", []).append(
                f"Must be one of: {', '.join(CONNECTION_STATUSES)}."
            )
        clean["connection_status"] = status
    connected_on = clean.get("connected_on")
    if connected_on is not None and not isinstance(connected_on, date):
        errors.setdefault("connected_on", []).append("Must be a date (YYYY-MM-DD).")
    elif connected_on is not None and not MIN_YEAR <= connected_on.year <= MAX_YEAR:
        errors.setdefault("connected_on", []).append(
            f"Use a year between {MIN_YEAR} and {MAX_YEAR}."
        )
    mutual = clean.get("mutual_connections")
    if mutual is not None and (
        not isinstance(mutual, int) or isinstance(mutual, bool) or not 0 <= mutual <= 1_000_000
    ):
        errors.setdefault("mutual_connections", []).append(
            "Must be a whole number from 0 to 1,000,000."
        )
    if existing_id is not None:
        raise Conflict(errors["profile_url"][-1], existing_id, errors)
    if errors:
        raise ServiceError("Please correct the highlighted fields.", errors)
    return clean


def _check_unique_url(
    owner: Recruiter, url: str, candidate: Candidate | None, errors: dict[str, list[str]]
) -> int | None:
    """The id of the owner's other candidate with this profile URL (and a field error), if any."""
    query = owned(Candidate, owner).where(Candidate.profile_url == url)
    if candidate is not None:
        query = query.where(Candidate.id != candidate.id)
    other = db.session.scalar(query)
    merged = ""
    if other is None:  # the URL of a duplicate merged into another candidate stays theirs
        alias = db.session.scalar(
            owned(CandidateAlias, owner).where(CandidateAlias.profile_url == url)
        )
        if alias is None or (candidate is not None and alias.candidate_id == candidate.id):
            return None
        other = get_owned(Candidate, owner, alias.candidate_id)
        merged = ", merged from a duplicate with this profile"
    errors.setdefault("profile_url", []).append(
        f"Already used by {other.full_name} (candidate {other.id}{merged})."
    )
    return other.id


def _new_candidate(owner: Recruiter, clean: dict[str, Any], now: datetime) -> Candidate:
    """A candidate from validated values (not yet added to the session)."""
    candidate = Candidate(
        team_id=owner.team_id, added_by_id=owner.id, created_at=now, updated_at=now
    )
    for name in FIELDS:
        if name in clean:
            setattr(candidate, name, clean[name])
    candidate.connection_status = candidate.connection_status or "none"
    if candidate.connection_status == "connected" and candidate.connected_on is None:
        candidate.connected_on = now.date()
    refresh_keys(candidate)
    return candidate


def create_candidate(
    owner: Recruiter,
    values: dict[str, Any],
    now: datetime,
    actor: Recruiter | None = None,
) -> Candidate:
    candidate = _new_candidate(owner, _validate(owner, values, None), now)
    db.session.add(candidate)
    db.session.flush()
    audit.record(actor or owner, owner.team_id, "candidate", candidate.id, "created", now=now)
    unit.touch(candidate.id, now)
    return candidate


def create_candidates(
    owner: Recruiter, rows: list[dict[str, Any]], now: datetime, taken_urls: set[str]
) -> list[Candidate | ServiceError]:
    """:func:`create_candidate` for many at once (an import): the same rules, one flush and
    one audit INSERT for all. ``taken_urls`` are the owner's profile URLs the caller already
    read (so no row needs a look-up of its own). Answers, row by row, the new candidate or
    why that row was refused."""
    answers: list[Candidate | ServiceError] = []
    taken = set(taken_urls)
    made: list[Candidate] = []
    for values in rows:
        try:
            clean = _validate(owner, values, None, check_unique=False)
        except ServiceError as exc:
            answers.append(exc)
            continue
        url = clean.get("profile_url")
        if url and url in taken:
            answers.append(ServiceError.field("profile_url", "Already used by another candidate."))
            continue
        if url:
            taken.add(url)
        candidate = _new_candidate(owner, clean, now)
        made.append(candidate)
        answers.append(candidate)
    db.session.add_all(made)
    db.session.flush()
    if len(made) >= ANALYZE_AFTER:  # a first import: the statistics still say there are none
        planner.analyze_table(Candidate.__tablename__)
    audit.record_many(owner, owner.team_id, "candidate", [c.id for c in made], "created", now)
    for candidate in made:
        unit.touch(candidate.id, now)
    return answers


def update_candidate(
    owner: Recruiter,
    candidate: Candidate,
    values: dict[str, Any],
    now: datetime,
    actor: Recruiter | None = None,
    reason: str | None = None,
) -> dict[str, tuple[Any, Any]]:
    clean = _validate(owner, values, candidate)
    if clean.get("connection_status") == "connected" and candidate.connected_on is None:
        clean.setdefault("connected_on", now.date())
    changes = audit.diff(candidate, clean)
    if changes.keys() & set(SEARCHED_FIELDS):  # the name-and-company key reads two of them
        refresh_keys(candidate)
    if changes:
        candidate.updated_at = now
        audit.record(
            actor or owner,
            owner.team_id,
            "candidate",
            candidate.id,
            "updated",
            changes,
            reason,
            now,
        )
        unit.touch(candidate.id, now)  # a removed connection is no longer chased
    db.session.flush()
    return changes


def set_connection_status_many(
    owner: Recruiter, candidate_ids: Iterable[Any], status: str, now: datetime
) -> list[Candidate]:
    """Set several candidates' connection status in one unit of work: all or none (one id that
    is not the owner's is :class:`NotFound` for all). Each goes through
    :func:`update_candidate`, so each change is audited and settled like a single edit."""
    if status not in CONNECTION_STATUSES:
        raise ServiceError.field(
            "connection_status", f"Must be one of: {', '.join(CONNECTION_STATUSES)}."
        )
    rows = get_owned_many(Candidate, owner, candidate_ids)
    for candidate in rows:
        update_candidate(owner, candidate, {"connection_status": status}, now)
    return rows


def delete_candidate(owner: Recruiter, candidate: Candidate, now: datetime) -> None:
    audit.record(
        owner,
        owner.team_id,
        "candidate",
        candidate.id,
        "deleted",
        now=now,
        changes={"full_name": (candidate.full_name, None)},
    )
    unit.touch_instants(owner.team_id, _chart_instants(candidate.id))
    db.session.delete(candidate)
    db.session.flush()


def _chart_instants(candidate_id: int) -> list[datetime]:
    """What the dashboard's month charts count of this candidate (their interviews with an
    outcome, their outbound outreach), as the instants that place it in a month."""
    interviews = select(Interview.scheduled_at).where(
        Interview.candidate_id == candidate_id, Interview.outcome.is_not(None)
    )
    outreach = select(Outreach.sent_at).where(
        Outreach.candidate_id == candidate_id, Outreach.direction == "outbound"
    )
    return list(db.session.scalars(union_all(interviews, outreach)))


def get_candidate(owner: Recruiter, candidate_id: Any) -> Candidate:
    return get_owned(Candidate, owner, candidate_id)


def search_candidates(
    owner: Recruiter, filters: CandidateFilter | None = None, **values: Any
) -> Select[tuple[Candidate]]:
    """The owner's candidates, narrowed and ordered by ``filters`` (or a
    :class:`CandidateFilter` of ``values``): one query; callers paginate or stream it."""
    filters = filters or CandidateFilter(**values)
    return filters.apply(owned(Candidate, owner), owner.time_zone)


def list_total(owner: Recruiter, filters: CandidateFilter) -> int | None:
    """The total of the candidate list when it is known without counting the page's query:
    the team's count (:mod:`~recruiter.services.candidate_counts`) when no filter narrows the
    list; None when one does, for the caller to count the matches."""
    return None if filters.narrows else candidate_counts.team_total(owner)


def add_recommendation(
    owner: Recruiter,
    candidate: Candidate,
    recommender_name: str,
    recommender_role: str | None,
    relationship: str | None,
    now: datetime,
) -> Recommendation:
    name = (recommender_name or "").strip()
    if not name:
        raise ServiceError.field("recommender_name", "Who vouched for them?")
    rec = Recommendation(
        team_id=owner.team_id,
        candidate_id=candidate.id,
        recommender_name=name[:200],
        recommender_role=(recommender_role or "").strip()[:200] or None,
        relationship_=(relationship or "").strip()[:100] or None,
        created_at=now,
    )
    db.session.add(rec)
    db.session.flush()
    audit.record(
        owner,
        owner.team_id,
        "candidate",
        candidate.id,
        "recommendation_added",
        {"recommender": (None, name)},
        now=now,
    )
    return rec


def candidate_choices(owner: Recruiter) -> list[tuple[int, str]]:
    rows = db.session.execute(
        select(Candidate.id, Candidate.full_name, Candidate.company)
        .where(Candidate.team_id == owner.team_id)
        .order_by(Candidate.full_name)
    )
    return [(r.id, f"{r.full_name} ({r.company})" if r.company else r.full_name) for r in rows]
