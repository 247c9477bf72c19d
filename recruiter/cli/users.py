"""Accounts, API tokens and the demo."""

from __future__ import annotations

from datetime import UTC, datetime

import click
from flask.cli import AppGroup

from recruiter.cli import fail, owner_by_email
from recruiter.extensions import db
from recruiter.models import ROLES
from recruiter.services import ServiceError, accounts, teams
from recruiter.settings import current as current_settings

# Passes the password rule (12+ characters, not common, not the e-mail's name "demo").
DEMO_PASSWORD = "reliant-sample-2026"  # noqa: S105 (the documented demo account's)

users = AppGroup("users", help="Recruiter accounts and API tokens.")


@users.command("create")
@click.argument("email")
@click.option("--name", help="Display name (default: the part of the email before @).")
@click.option("--password", help="Prompted for (hidden, twice) when not given.")
@click.option("--time-zone", help="e.g. Europe/Paris (default: the DEFAULT_TIME_ZONE setting).")
@click.option(
    "--team-of",
    "team_of",
    metavar="OWNER_EMAIL",
    help="Join the team this owner belongs to (default: a new team of one).",
)
@click.option(
    "--role",
    type=click.Choice(ROLES),
    default="member",
    show_default=True,
    help="With --team-of: the new recruiter's role.",
)
def users_create(
    email: str,
    name: str | None,
    password: str | None,
    time_zone: str | None,
    team_of: str | None,
    role: str,
) -> None:
    """Create a recruiter account, alone or in an owner's team."""
    time_zone = time_zone or current_settings().default_time_zone
    owner = owner_by_email(team_of) if team_of else None
    if owner is not None and not owner.is_owner:
        raise click.ClickException(f"{owner.email} is not an owner of their team.")
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        if owner is None:
            recruiter = accounts.create_recruiter(email, password, name, time_zone)
        else:
            recruiter = teams.add_member(
                owner, email, password, datetime.now(UTC), name, role, time_zone
            )
    except ServiceError as exc:
        fail(exc)
    db.session.commit()
    where = f"in {owner.email}'s team as {role}" if owner else "in a new team"
    click.echo(f"Created {recruiter.email} (id {recruiter.id}) {where}.", err=True)


@users.command("token")
@click.argument("email")
@click.option("--name", default="cli", help="A label to recognise the token by.")
def users_token(email: str, name: str) -> None:
    """Print one new API token (and nothing else) on standard output."""
    recruiter = owner_by_email(email)
    _, plain = accounts.create_token(recruiter, name)
    db.session.commit()
    click.echo(plain)


@click.command("seed-demo")
@click.option("--email", default="demo@example.com", show_default=True)
@click.option("--password", default=DEMO_PASSWORD, show_default=True)
@click.option("--seed", default=7, show_default=True, type=int)
@click.option(
    "--candidates",
    type=click.IntRange(1, 1_000_000),
    help="Build a network of this many candidates (about 3 interviews and 7 outreach each, "
    "two years of history) instead of the small demo.",
)
def seed_demo(email: str, password: str, seed: int, candidates: int | None) -> None:
    """Create a demo recruiter with clients, candidates and months of history."""
    from recruiter.services import demo, demo_network, planner

    if accounts.find_recruiter(email):
        raise click.ClickException(f"{email} already exists; the demo is already seeded.")
    now = datetime.now(UTC)
    try:
        if candidates is None:
            summary = demo.seed(email, password, now, seed=seed)
        else:
            summary = demo_network.seed_network(
                email,
                password,
                now,
                candidates,
                seed=seed,
                settings=current_settings().ghost,
                reminder_settings=current_settings().reminders,
            ).as_dict()
    except ServiceError as exc:
        fail(exc)
    db.session.commit()
    if candidates is not None:
        planner.analyze(db.session, vacuum=True)
    click.echo(
        f"Demo ready: log in as {email} / {password} "
        f"({summary['candidates']} candidates, {summary['interviews']} interviews, "
        f"{summary['outreach']} outreach)."
    )
    if candidates is not None:
        click.echo(
            f"{summary['events']} interview events, {summary['ghosted']} ghosted and "
            f"{summary['possible']} possible-ghost interviews, {summary['suggestions']} "
            f"suggestions; the longest history is candidate {summary['heavy_candidate_id']}.",
            err=True,
        )
