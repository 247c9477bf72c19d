"""What a unit of work touched.

Services that change a candidate's history (interviews, events, outreach, the candidate
itself) call :func:`touch`; :mod:`recruiter.services.consequences` takes the list once, just
before the unit of work commits, and settles what follows for exactly those candidates. Writes
that move what the dashboard's month charts count (an interview's start or stored outcome, an
outreach's send or reply) also note the instants with :func:`touch_instants`, so the settle
step drops the cached months holding them. A leaf: it knows nothing of what the consequences
are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from recruiter.extensions import db

KEY = "reliant.touched"


@dataclass
class Touched:
    candidate_ids: set[int] = field(default_factory=set)
    now: datetime | None = None  # the latest ``now`` a service acted at in this unit of work
    instants: dict[int, set[datetime]] = field(default_factory=dict)  # by team id


def touch(candidate_id: int, now: datetime, session: Session | None = None) -> None:
    """Note that ``candidate_id``'s history changed at ``now`` in the current unit of work."""
    info = (session or db.session).info
    touched: Touched = info.setdefault(KEY, Touched())
    touched.candidate_ids.add(candidate_id)
    if touched.now is None or now > touched.now:
        touched.now = now


def touch_instants(
    team_id: int, instants: Iterable[datetime | None], session: Session | None = None
) -> None:
    """Note that what the charts count changed at these instants of ``team_id``'s history."""
    wanted = {at for at in instants if at is not None}
    if not wanted:
        return
    touched: Touched = (session or db.session).info.setdefault(KEY, Touched())
    touched.instants.setdefault(team_id, set()).update(wanted)


def take_instants(session: Session | None = None) -> dict[int, set[datetime]]:
    """The instants noted so far, forgotten once taken (the touched candidates stay)."""
    touched: Touched | None = (session or db.session).info.get(KEY)
    if touched is None:
        return {}
    instants, touched.instants = touched.instants, {}
    return instants


def take(session: Session | None = None) -> Touched:
    """The candidates touched so far, forgotten once taken."""
    return (session or db.session).info.pop(KEY, None) or Touched()


def forget(session: Session) -> None:
    session.info.pop(KEY, None)
