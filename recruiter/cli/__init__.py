"""Command line: ``flask --app app <command>``. Parse -> service -> commit -> echo.

One module per area; :func:`register` adds them all to the app.
"""

from __future__ import annotations

from datetime import UTC, datetime

import click
from flask import Flask

from recruiter.extensions import db
from recruiter.services import ServiceError, accounts


def parse_now(value: str | None) -> datetime:
    """``--now`` as aware UTC; a value without an offset is refused."""
    if not value:
        return datetime.now(UTC)
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        if parsed.tzinfo is not None:
            parsed.astimezone(UTC)  # out-of-range instants fail here, not deep in a job
    except (ValueError, OverflowError):
        raise click.BadParameter(
            f"{value!r} is not an ISO 8601 time.", param_hint="--now"
        ) from None
    if parsed.tzinfo is None:
        raise click.BadParameter(
            "give an offset or Z, e.g. 2026-03-01T09:00:00Z", param_hint="--now"
        )
    return parsed.astimezone(UTC)


def fail(exc: ServiceError) -> None:
    db.session.rollback()
    details = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.fields.items())
    raise click.ClickException(details or exc.message)


def owner_by_email(email: str):  # type: ignore[no-untyped-def]
    recruiter = accounts.find_recruiter(email)
    if recruiter is None:
        raise click.ClickException(f"No account for {email}. Create it with `users create`.")
    return recruiter


def register(app: Flask) -> None:
    from recruiter.cli import imports, jobs, reports, scheduler, scores, serve, users

    app.cli.add_command(users.users)
    app.cli.add_command(users.seed_demo)
    app.cli.add_command(scores.scores)
    app.cli.add_command(jobs.jobs)
    app.cli.add_command(scheduler.scheduler)  # flask --app app scheduler (its own process)
    app.cli.add_command(serve.serve)  # flask --app app serve (gunicorn + scheduler)
    app.cli.add_command(reports.export)  # flask --app app export <report>
    app.cli.add_command(imports.import_group)  # flask --app app import linkedin PATH
