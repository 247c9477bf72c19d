"""The scheduler: the periodic jobs on their timers, in a process of their own."""

from __future__ import annotations

import logging
import signal
import sys
import time

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from recruiter import jobs as periodic
from recruiter import scheduler_lock
from recruiter.settings import current_of

log = logging.getLogger(__name__)


@click.command("scheduler")
@click.option(
    "--wait",
    is_flag=True,
    help="If another scheduler holds the lock, stand by and take over when it goes "
    "(instead of exiting with status 1). `serve` runs the scheduler this way.",
)
@with_appcontext
def scheduler(wait: bool) -> None:
    """Run the periodic jobs on their triggers until stopped (one scheduler per database).

    Run it beside the web app (never inside it), e.g. as its own systemd service. A second
    scheduler on the same database refuses to start, or with --wait stands by.
    """
    if not logging.getLogger().handlers:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
    logging.getLogger("apscheduler").setLevel(logging.WARNING)  # no line per run
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    lock = take_lock(app, wait)
    try:
        code = periodic.run_scheduler(app, lock)
    finally:
        lock.release()
    if code:
        raise SystemExit(code)


def take_lock(app: Flask, wait: bool) -> scheduler_lock.SchedulerLock:
    """The scheduler lock; without ``wait`` a held lock is an error, with it we stand by."""
    every = current_of(app).scheduler_standby_seconds
    announced = False
    previous = {sig: signal.signal(sig, _exit_quietly) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        while True:
            try:
                return scheduler_lock.acquire(app)
            except scheduler_lock.LockHeld as exc:
                if not wait:
                    raise click.ClickException(str(exc)) from None
                if not announced:
                    log.warning("%s Standing by: trying again every %g s.", exc, every)
                    announced = True
            time.sleep(every)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _exit_quietly(signum: int, frame: object) -> None:
    log.info("scheduler stopping while standing by (signal %s)", signum)
    sys.exit(0)
