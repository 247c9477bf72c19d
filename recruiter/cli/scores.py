"""Reliability scores."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from recruiter.cli import owner_by_email, parse_now
from recruiter.extensions import db

scores = AppGroup("scores", help="Reliability scores.")


@scores.command("recompute")
@click.option("--now", "now_text", help="As of this time (ISO 8601 with offset); default now.")
@click.option("--owner", help="Only the candidates of this recruiter's team.")
def scores_recompute(now_text: str | None, owner: str | None) -> None:
    """Recompute every candidate's reliability and ghost verdicts (both move with time)."""
    from recruiter.services import consequences, planner
    from recruiter.settings import current as current_settings

    team_id = owner_by_email(owner).team_id if owner else None
    settings = current_settings().ghost
    done = consequences.recompute(parse_now(now_text), settings, team_id=team_id)
    db.session.commit()
    planner.analyze(db.session, vacuum=True)
    click.echo(f"Recomputed {done.candidates} candidates ({done.ghosts}).")
