"""Suggestions the recruiter accepts or dismisses."""

from __future__ import annotations

from sqlalchemy import func, select

from recruiter.extensions import db
from recruiter.models import Recruiter, Suggestion


def count_open(owner: Recruiter) -> int:
    return (
        db.session.scalar(
            select(func.count(Suggestion.id)).where(
                Suggestion.owner_id == owner.id, Suggestion.status == "open"
            )
        )
        or 0
    )
