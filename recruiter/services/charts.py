"""Plain numbers for the dashboard charts (each chart also shows them as a table).

Counted in SQL over stored columns: outcomes are the scoring module's own classification,
stored on each interview with the score (``Interview.outcome``, see
:mod:`recruiter.services.reliability`), so the chart and the score never disagree. Months are
the recruiter's own (their time zone), as UTC ranges. :func:`count_months` counts any span of
months in a few statements; the dashboard reads them through
:mod:`recruiter.services.chart_months`, which keeps each month once counted.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, select

from recruiter import localtime
from recruiter.extensions import db
from recruiter.models import INTERVIEW_OUTCOMES, Candidate, Interview, Outreach, Recruiter
from recruiter.services.scoping import owned

OUTCOMES = INTERVIEW_OUTCOMES
OUTCOME_LABELS = {
    "attended": "Attended",
    "cancelled_with_notice": "Cancelled with notice",
    "explained_no_show": "Explained no-show",
    "silent_no_show": "Silent no-show",
}


Starts = list[tuple[str, datetime]]


def month_starts(now: datetime, tz: str | None, count: int) -> list[tuple[str, datetime]]:
    """The last ``count`` months in ``tz`` up to ``now`` as (``YYYY-MM``, UTC start), and the
    start of the next one last: month ``i`` is ``starts[i] <= t < starts[i + 1]``."""
    local = localtime.to_local(now, tz)
    assert local is not None
    current = local.year * 12 + local.month - 1
    out = []
    for index in range(current - count + 1, current + 2):
        year, month = divmod(index, 12)
        start = datetime(year, month + 1, 1, tzinfo=localtime.zone(tz))
        out.append((f"{year:04d}-{month + 1:02d}", start.astimezone(UTC)))
    return out


def _bucket(column: Any, starts: Starts) -> ColumnElement[int]:
    """The month index of ``column`` (rows outside the months are filtered out by the caller)."""
    return case(*((column < start, i - 1) for i, (_, start) in enumerate(starts) if i > 0))


def count_months(team_id: int, starts: Starts, now: datetime) -> list[dict[str, Any]]:
    """The figures of months ``starts[:-1]`` (``month_starts``' shape: month ``i`` is
    ``starts[i] <= t < starts[i + 1]``) counted in SQL, a few statements for the whole span:
    outcomes of interviews started by ``now``, outreach answered and not, median response
    times, and ``valid_until``: the start of the month's first interview with an outcome after
    ``now`` (when its attendance next changes with time alone; None: never)."""
    figures = [
        {
            "month": key,
            "starts_at": start,
            "ends_at": starts[i + 1][1],
            "valid_from": now,
            "valid_until": None,
            **dict.fromkeys(OUTCOMES, 0),
            "answered": 0,
            "unanswered": 0,
            "median_hours": None,
        }
        for i, (key, start) in enumerate(starts[:-1])
    ]
    month = _bucket(Interview.scheduled_at, starts)
    in_span = owned(Interview, team_id).where(
        Interview.scheduled_at >= starts[0][1],
        Interview.scheduled_at < starts[-1][1],
        Interview.outcome.is_not(None),
    )
    for index, outcome, count in db.session.execute(
        in_span.where(Interview.scheduled_at <= now)
        .with_only_columns(month, Interview.outcome, func.count())
        .group_by(month, Interview.outcome)
    ):
        figures[index][outcome] = count
    for index, first in db.session.execute(
        in_span.where(Interview.scheduled_at > now)
        .with_only_columns(month, func.min(Interview.scheduled_at))
        .group_by(month)
    ):
        figures[index]["valid_until"] = _utc(first)
    _count_responses(team_id, starts, figures)
    return figures


def _utc(value: datetime | str) -> datetime:
    """``min()`` of a UTC column: SQLite gives back its stored text."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _count_responses(team_id: int, starts: Starts, figures: list[dict[str, Any]]) -> None:
    month = _bucket(Outreach.sent_at, starts)
    base = owned(Outreach, team_id).where(
        Outreach.direction == "outbound",
        Outreach.sent_at >= starts[0][1],
        Outreach.sent_at < starts[-1][1],
    )
    answered_now = Outreach.responded_at.is_not(None)
    for index, is_answered, count in db.session.execute(
        base.with_only_columns(month, answered_now, func.count()).group_by(month, answered_now)
    ):
        figures[index]["answered" if is_answered else "unanswered"] = count
    answered = [f["answered"] for f in figures]
    for index, median in enumerate(_medians(base.where(answered_now), month, starts, answered)):
        figures[index]["median_hours"] = median


def attendance(figures: list[dict[str, Any]]) -> dict[str, Any]:
    """The attendance chart of these months' figures."""
    return {
        "months": [f["month"] for f in figures],
        "series": {o: [f[o] for f in figures] for o in OUTCOMES},
        "labels": OUTCOME_LABELS,
    }


def response_times(figures: list[dict[str, Any]]) -> dict[str, Any]:
    """The response-time chart of these months' figures."""
    return {
        "months": [f["month"] for f in figures],
        "median_hours": [
            None if f["median_hours"] is None else round(f["median_hours"], 1) for f in figures
        ],
        "answered": [f["answered"] for f in figures],
        "unanswered": [f["unanswered"] for f in figures],
    }


def attendance_by_month(owner: Recruiter, now: datetime, months: int = 12) -> dict[str, Any]:
    """The attendance chart counted afresh (the dashboard reads it through
    :mod:`~recruiter.services.chart_months`, which caches these figures per month)."""
    starts = month_starts(now, owner.time_zone, months)
    return attendance(count_months(owner.team_id, starts, now))


def score_distribution(owner: Recruiter) -> dict[str, Any]:
    """Candidates per score band, now: eleven range counts on the ``(team_id, score)`` index in
    one statement (a range count walks the index without evaluating anything per row: about
    a tenth of one scan bucketing every score with CASE, measured at 100k candidates)."""
    bands = [
        Candidate.score.is_(None),
        Candidate.score < 10,
        *(and_(Candidate.score >= i * 10, Candidate.score < (i + 1) * 10) for i in range(1, 9)),
        Candidate.score >= 90,
    ]
    unscored, *counts = db.session.execute(
        select(
            *(
                owned(Candidate, owner)
                .with_only_columns(func.count())
                .where(band)
                .scalar_subquery()
                for band in bands
            )
        )
    ).one()
    return {
        "labels": [f"{i * 10}–{i * 10 + 9 if i < 9 else 100}" for i in range(10)],
        "counts": list(counts),
        "unscored": unscored,
    }


def _response_hours() -> ColumnElement[float]:
    if db.session.get_bind().dialect.name == "postgresql":
        return func.extract("epoch", Outreach.responded_at - Outreach.sent_at) / 3600.0
    return (func.julianday(Outreach.responded_at) - func.julianday(Outreach.sent_at)) * 24.0


def response_time_by_month(owner: Recruiter, now: datetime, months: int = 12) -> dict[str, Any]:
    """The response-time chart counted afresh (see :func:`attendance_by_month`)."""
    starts = month_starts(now, owner.time_zone, months)
    return response_times(count_months(owner.team_id, starts, now))


def _medians(
    answered_rows: Any,
    month: ColumnElement[int],
    starts: Starts,
    counts: list[int],
) -> list[float | None]:
    """Each month's median response time in hours (the mean of the two middle ones for an
    even count, as ``statistics.median``): PostgreSQL's ``percentile_cont``; on SQLite, the
    middle rows of each month read by offset."""
    hours = _response_hours()
    out: list[float | None] = [None] * len(counts)
    if db.session.get_bind().dialect.name == "postgresql":
        median = func.percentile_cont(0.5).within_group(hours)
        for index, value in db.session.execute(
            answered_rows.with_only_columns(month, median).group_by(month)
        ):
            out[index] = float(value)
        return out
    for index, n in enumerate(counts):
        if not n:
            continue
        middle = list(
            db.session.scalars(
                answered_rows.with_only_columns(hours)
                .where(
                    Outreach.sent_at >= starts[index][1], Outreach.sent_at < starts[index + 1][1]
                )
                .order_by(hours)
                .offset((n - 1) // 2)
                .limit(1 if n % 2 else 2)
            )
        )
        out[index] = sum(middle) / len(middle)
    return out
