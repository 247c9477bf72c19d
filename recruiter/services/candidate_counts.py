"""How many candidates a team has, without counting them.

``candidate_count`` (:class:`~recruiter.models.CandidateCount`) is kept by triggers on
``candidate`` in every writer's own transaction (migration ``d0e1f2a3b4c5``): the sum of a
team's rows is its number of candidates, exact for whoever reads it, whatever added or removed
them (a form, the API, an import, a merge). Reading it costs a handful of index entries at any
size of the network, where ``count(*)`` read one entry per candidate.

On PostgreSQL every statement that adds or removes candidates adds a delta row, so concurrent
writers never wait on one counter row; :func:`fold` (the clock, each minute, and the triggers
past 64 rows) folds each team's rows into one. On SQLite the triggers keep one row per team.
"""

from __future__ import annotations

from functools import cache

from sqlalchemy import Select, func, text

from recruiter.extensions import db
from recruiter.models import CandidateCount, Recruiter
from recruiter.services.scoping import owned_statement, scope_values


@cache
def _total_statement() -> Select[tuple[int]]:
    return owned_statement(CandidateCount).with_only_columns(
        func.coalesce(func.sum(CandidateCount.candidates), 0)
    )


def team_total(scope: Recruiter | int) -> int:
    """How many candidates the team of ``scope`` (the acting recruiter, or a team id) has,
    counting what this transaction has added or removed so far."""
    total = db.session.scalar(_total_statement(), scope_values(CandidateCount, scope))
    return int(total or 0)


# The teams with more than one row, each folded (``candidate_count_fold``, in the migration).
_FOLD_ALL = text(
    "SELECT coalesce(sum(candidate_count_fold(team_id)), 0) FROM "
    "(SELECT team_id FROM candidate_count GROUP BY team_id HAVING count(*) > 1) AS teams"
)


def fold() -> int:
    """Fold every team's delta rows into one row (PostgreSQL), answering how many rows were
    folded. Rows another transaction holds (its own fold, not yet committed) are left for the
    next run, so this never waits. On SQLite there is nothing to fold: one row per team."""
    if db.session.get_bind().dialect.name != "postgresql":
        return 0
    return int(db.session.scalar(_FOLD_ALL) or 0)
