"""Glue between the database session and :mod:`recruiter.services.consequences`: every unit
of work is settled just before it commits, with the running app's ghost settings.

Kept out of ``services`` because it reads the app's settings (services take their settings as
arguments)."""

from __future__ import annotations

from flask import has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from recruiter.services import consequences, unit
from recruiter.services.ghost_rule import DEFAULT_SETTINGS, GhostSettings
from recruiter.settings import current as current_settings


def _settings() -> GhostSettings:
    return current_settings().ghost if has_app_context() else DEFAULT_SETTINGS


def _before_commit(session: Session) -> None:
    if unit.KEY in session.info:
        consequences.settle(settings=_settings(), session=session)


def register() -> None:
    """Settle every unit of work just before it commits (idempotent)."""
    if not event.contains(Session, "before_commit", _before_commit):
        event.listen(Session, "before_commit", _before_commit)
