"""Glue between the database session and :mod:`recruiter.services.consequences`: every unit
of work is settled just before it commits, with the running app's settings.

Kept out of ``services`` because it reads the app's settings (services take their settings as
arguments)."""

from __future__ import annotations

from flask import has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from recruiter.services import consequences, unit
from recruiter.services.ghost_rule import DEFAULT_SETTINGS
from recruiter.settings import current as current_settings


def _before_commit(session: Session) -> None:
    if unit.KEY not in session.info:
        return
    if has_app_context():
        running = current_settings()
        consequences.settle(
            settings=running.ghost, session=session, reminder_settings=running.reminders
        )
    else:
        consequences.settle(settings=DEFAULT_SETTINGS, session=session)


def register() -> None:
    """Settle every unit of work just before it commits (idempotent)."""
    if not event.contains(Session, "before_commit", _before_commit):
        event.listen(Session, "before_commit", _before_commit)
