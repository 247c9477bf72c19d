"""Glue between the database session and :mod:`recruiter.services.consequences`: every unit
of work is settled just before it commits, with the running app's ghost settings.

Kept out of ``services`` because it reads the app's configuration (services take their
settings as arguments)."""

from __future__ import annotations

from flask import current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from recruiter.services import consequences, unit
from recruiter.services.ghost_rule import DEFAULT_SETTINGS, GhostSettings


def _settings() -> GhostSettings:
    if has_app_context():
        return GhostSettings.from_config(current_app.config)
    return DEFAULT_SETTINGS


def _before_commit(session: Session) -> None:
    if unit.KEY in session.info:
        consequences.settle(settings=_settings(), session=session)


def register() -> None:
    """Settle every unit of work just before it commits (idempotent)."""
    if not event.contains(Session, "before_commit", _before_commit):
        event.listen(Session, "before_commit", _before_commit)
