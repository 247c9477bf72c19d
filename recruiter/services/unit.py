"""What a unit of work touched.

Services that change a candidate's history (interviews, events, outreach, the candidate
itself) call :func:`touch`; :mod:`recruiter.services.consequences` takes the list once, just
before the unit of work commits, and settles what follows for exactly those candidates. A
leaf: it knows nothing of what the consequences are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from recruiter.extensions import db

KEY = "reliant.touched"


@dataclass
class Touched:
    candidate_ids: set[int] = field(default_factory=set)
    now: datetime | None = None  # the latest ``now`` a service acted at in this unit of work


def touch(candidate_id: int, now: datetime, session: Session | None = None) -> None:
    """Note that ``candidate_id``'s history changed at ``now`` in the current unit of work."""
    info = (session or db.session).info
    touched: Touched = info.setdefault(KEY, Touched())
    touched.candidate_ids.add(candidate_id)
    if touched.now is None or now > touched.now:
        touched.now = now


def take(session: Session | None = None) -> Touched:
    """The candidates touched so far, forgotten once taken."""
    return (session or db.session).info.pop(KEY, None) or Touched()


def forget(session: Session) -> None:
    session.info.pop(KEY, None)
