"""The trigram index that lets a substring search of ``candidate.search_key`` seek instead of
reading every key of the team (migration ``a7b8c9d0e1f2``): on PostgreSQL, a ``pg_trgm`` GIN
index, which the planner uses for ``LIKE '%q%'`` on its own. SQLite has none (the migration
says why) and reads the team's narrow ``(team_id, search_key)`` index.

The index is not in the models (SQLAlchemy cannot describe an operator class on a GIN index
portably): :func:`include_object` keeps Alembic's comparison of models and schema from reading
it as a stray.
"""

from __future__ import annotations

from typing import Any

PG_INDEX = "ix_candidate_search_key_trgm"


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Alembic's filter: leave out the PostgreSQL trigram index, which the migration makes by
    hand."""
    return not (reflected and type_ == "index" and name == PG_INDEX)
