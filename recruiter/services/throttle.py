"""Throttling of failed authentication: logins, the first-run setup, API tokens, the password
form.

Each failure is a row under one or more keys (``login:email:<address>``, ``login:ip:<address>``,
...). Before an attempt costs anything (an argon2 hash, a token lookup) the caller asks
:func:`retry_after`: once any of its keys has ``max_failures`` rows within the window, the
answer is how many seconds until the oldest of them leaves it. The rows live in the database,
so every worker process sees the same counts. Attempts that are refused do not count, so the
wait never grows; a success clears the account's key (not the address's).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import ScalarSelect, bindparam, delete, select

from recruiter.extensions import db
from recruiter.models import AuthFailure

KEY_LENGTH = AuthFailure.__table__.c.key.type.length  # type: ignore[attr-defined]


@dataclass(frozen=True)
class ThrottleSettings:
    """``LOGIN_MAX_FAILURES`` failures per key within ``LOGIN_WINDOW_SECONDS``."""

    max_failures: int = 10
    window: timedelta = timedelta(minutes=15)


def key(kind: str, what: str, value: str) -> str:
    """``kind:what:value``, the value stripped and case-folded, cut to fit the column."""
    return f"{kind}:{what}:{value.strip().casefold()}"[:KEY_LENGTH]


def retry_after(keys: Iterable[str], now: datetime, settings: ThrottleSettings) -> int | None:
    """Seconds to wait before the next attempt, or None when none of ``keys`` is throttled."""
    since = now - settings.window
    waits = []
    for name in set(keys):
        times = db.session.scalars(
            select(AuthFailure.failed_at)
            .where(AuthFailure.key == name, AuthFailure.failed_at > since)
            .order_by(AuthFailure.failed_at.desc())
            .limit(settings.max_failures)
        ).all()
        if len(times) >= settings.max_failures:
            # Allowed again once the oldest of the last max_failures leaves the window.
            waits.append((times[-1] + settings.window - now).total_seconds())
    if not waits:
        return None
    return max(1, math.ceil(max(waits)))


@cache
def nth_failure() -> ScalarSelect[datetime]:
    """:func:`retry_after` of one key as a column another query can carry: the time of the
    ``max_failures``-th latest failure within the window, NULL when there are fewer. Built
    once (its values are bound parameters: :func:`nth_failure_values`), so the request that
    carries it does not rebuild it."""
    return (
        select(AuthFailure.failed_at)
        .where(
            AuthFailure.key == bindparam("throttle_key"),
            AuthFailure.failed_at > bindparam("throttle_since"),
        )
        .order_by(AuthFailure.failed_at.desc())
        .offset(bindparam("throttle_skip"))
        .limit(1)
        .scalar_subquery()
    )


def nth_failure_values(name: str, now: datetime, settings: ThrottleSettings) -> dict[str, Any]:
    """The values of :func:`nth_failure`'s parameters for this key."""
    return {
        "throttle_key": name,
        "throttle_since": now - settings.window,
        "throttle_skip": settings.max_failures - 1,
    }


def wait_after(nth: datetime | None, now: datetime, settings: ThrottleSettings) -> int | None:
    """What :func:`retry_after` answers, from what :func:`nth_failure` read."""
    if nth is None:
        return None
    return max(1, math.ceil((nth + settings.window - now).total_seconds()))


def record_failure(keys: Iterable[str], now: datetime, settings: ThrottleSettings) -> None:
    """One failure under each key; rows that left the window are deleted on the way (an index
    on the time makes that cheap)."""
    db.session.execute(delete(AuthFailure).where(AuthFailure.failed_at <= now - settings.window))
    db.session.add_all(AuthFailure(key=name, failed_at=now) for name in set(keys))
    db.session.flush()


def clear(key: str) -> None:
    db.session.execute(delete(AuthFailure).where(AuthFailure.key == key))
    db.session.flush()
