"""Plain numbers for the dashboard charts (each chart also shows them as a table)."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, timedelta
from statistics import median
from typing import Any

from sqlalchemy.orm import selectinload

from recruiter import localtime, scoring
from recruiter.extensions import db
from recruiter.models import Candidate, Interview, Outreach, Recruiter
from recruiter.services import reliability
from recruiter.services.scoping import owned

OUTCOMES = ("attended", "cancelled_with_notice", "explained_no_show", "silent_no_show")
OUTCOME_LABELS = {
    "attended": "Attended",
    "cancelled_with_notice": "Cancelled with notice",
    "explained_no_show": "Explained no-show",
    "silent_no_show": "Silent no-show",
}


def _months(now: datetime, tz: str, count: int) -> list[str]:
    local = localtime.to_local(now, tz)
    year, month = local.year, local.month
    keys = []
    for _ in range(count):
        keys.append(f"{year:04d}-{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(keys))


def _month(value: datetime, tz: str) -> str:
    return localtime.to_local(value, tz).strftime("%Y-%m")


def _outcome(interview: Interview, now: datetime) -> str | None:
    """The scoring module's own classification: the chart and the score never disagree."""
    return scoring.classify_interview(reliability.to_interview_in(interview), now)


def attendance_by_month(owner: Recruiter, now: datetime, months: int = 12) -> dict[str, Any]:
    keys = _months(now, owner.time_zone, months)
    since = now - timedelta(days=31 * months)
    rows = db.session.scalars(
        owned(Interview, owner)
        .where(Interview.scheduled_at >= since, Interview.scheduled_at <= now)
        .options(selectinload(Interview.events))
    )
    counts: dict[str, Counter] = {k: Counter() for k in keys}
    for interview in rows:
        outcome = _outcome(interview, now)
        key = _month(interview.scheduled_at, owner.time_zone)
        if outcome and key in counts:
            counts[key][outcome] += 1
    return {
        "months": keys,
        "series": {o: [counts[k][o] for k in keys] for o in OUTCOMES},
        "labels": OUTCOME_LABELS,
    }


def score_distribution(owner: Recruiter) -> dict[str, Any]:
    scores = db.session.scalars(
        owned(Candidate, owner)
        .with_only_columns(Candidate.score)
        .where(Candidate.score.is_not(None))
    )
    buckets = [0] * 10
    for score in scores:
        buckets[min(int(score // 10), 9)] += 1
    unscored = db.session.scalar(
        owned(Candidate, owner)
        .with_only_columns(db.func.count(Candidate.id))
        .where(Candidate.score.is_(None))
    )
    return {
        "labels": [f"{i * 10}–{i * 10 + 9 if i < 9 else 100}" for i in range(10)],
        "counts": buckets,
        "unscored": unscored or 0,
    }


def response_time_by_month(owner: Recruiter, now: datetime, months: int = 12) -> dict[str, Any]:
    keys = _months(now, owner.time_zone, months)
    since = now - timedelta(days=31 * months)
    rows = db.session.execute(
        owned(Outreach, owner)
        .with_only_columns(Outreach.sent_at, Outreach.responded_at)
        .where(Outreach.direction == "outbound", Outreach.sent_at >= since)
    )
    hours: dict[str, list[float]] = defaultdict(list)
    unanswered: Counter = Counter()
    for sent_at, responded_at in rows:
        key = _month(sent_at, owner.time_zone)
        if responded_at is None:
            unanswered[key] += 1
        else:
            hours[key].append((responded_at - sent_at).total_seconds() / 3600)
    return {
        "months": keys,
        "median_hours": [round(median(hours[k]), 1) if hours[k] else None for k in keys],
        "answered": [len(hours[k]) for k in keys],
        "unanswered": [unanswered[k] for k in keys],
    }
