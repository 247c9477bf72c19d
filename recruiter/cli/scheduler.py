"""The scheduler: the periodic jobs on their timers, in a process of their own."""

from __future__ import annotations

import logging

import click
from flask import current_app
from flask.cli import with_appcontext

from recruiter import jobs as periodic
from recruiter import scheduler_lock


@click.command("scheduler")
@with_appcontext
def scheduler() -> None:
    """Run the periodic jobs on their triggers until stopped (one scheduler per database).

    Run it beside the web app (never inside it), e.g. as its own systemd service. A second
    scheduler on the same database refuses to start.
    """
    if not logging.getLogger().handlers:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
    logging.getLogger("apscheduler").setLevel(logging.WARNING)  # no line per run
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    try:
        lock = scheduler_lock.acquire(app)
    except scheduler_lock.LockHeld as exc:
        raise click.ClickException(str(exc)) from None
    try:
        code = periodic.run_scheduler(app, lock)
    finally:
        lock.release()
    if code:
        raise SystemExit(code)
