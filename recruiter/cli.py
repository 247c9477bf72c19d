"""Command line: ``flask --app app <command>``. Parse -> service -> commit -> echo."""

from __future__ import annotations

from datetime import UTC, datetime

import click
from flask import Flask
from flask.cli import AppGroup

from recruiter.extensions import db
from recruiter.services import ServiceError, accounts

users = AppGroup("users", help="Recruiter accounts and API tokens.")
scores = AppGroup("scores", help="Reliability scores.")


def parse_now(value: str | None) -> datetime:
    """``--now`` as aware UTC; a value without an offset is refused."""
    if not value:
        return datetime.now(UTC)
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
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


@users.command("create")
@click.argument("email")
@click.option("--name", help="Display name (default: the part of the email before @).")
@click.option("--password", help="Prompted for (hidden, twice) when not given.")
@click.option("--time-zone", default="UTC", show_default=True, help="e.g. Europe/Paris")
def users_create(email: str, name: str | None, password: str | None, time_zone: str) -> None:
    """Create a recruiter account."""
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        recruiter = accounts.create_recruiter(email, password, name, time_zone)
    except ServiceError as exc:
        fail(exc)
    db.session.commit()
    click.echo(f"Created {recruiter.email} (id {recruiter.id}).", err=True)


@users.command("token")
@click.argument("email")
@click.option("--name", default="cli", help="A label to recognise the token by.")
def users_token(email: str, name: str) -> None:
    """Print one new API token (and nothing else) on standard output."""
    recruiter = owner_by_email(email)
    _, plain = accounts.create_token(recruiter, name)
    db.session.commit()
    click.echo(plain)


@scores.command("recompute")
@click.option("--now", "now_text", help="As of this time (ISO 8601 with offset); default now.")
@click.option("--owner", help="Only this recruiter's candidates.")
def scores_recompute(now_text: str | None, owner: str | None) -> None:
    """Recompute every candidate's reliability (scores decay with time)."""
    from recruiter.services import reliability

    owner_id = owner_by_email(owner).id if owner else None
    count = reliability.recompute_all(parse_now(now_text), owner_id=owner_id)
    db.session.commit()
    click.echo(f"Recomputed {count} candidates.")


@click.command("seed-demo")
@click.option("--email", default="demo@example.com", show_default=True)
@click.option("--password", default="reliant-demo", show_default=True)
@click.option("--seed", default=7, show_default=True, type=int)
def seed_demo(email: str, password: str, seed: int) -> None:
    """Create a demo recruiter with clients, candidates and months of history."""
    from recruiter.services import demo

    if accounts.find_recruiter(email):
        raise click.ClickException(f"{email} already exists; the demo is already seeded.")
    try:
        summary = demo.seed(email, password, datetime.now(UTC), seed=seed)
    except ServiceError as exc:
        fail(exc)
    db.session.commit()
    click.echo(
        f"Demo ready: log in as {email} / {password} "
        f"({summary['candidates']} candidates, {summary['interviews']} interviews, "
        f"{summary['outreach']} outreach)."
    )


def register(app: Flask) -> None:
    app.cli.add_command(users)
    app.cli.add_command(scores)
    app.cli.add_command(seed_demo)
