"""The periodic jobs, run once by hand."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from recruiter import jobs as periodic
from recruiter.cli import parse_now

jobs = AppGroup("jobs", help="Periodic jobs (the scheduler runs these on a timer).")


@jobs.command("run")
@click.option("--now", "now_text", help="Run as of this time (ISO 8601 with offset); default now.")
@click.option("--only", multiple=True, help="Run only this job id (repeatable).")
def run(now_text: str | None, only: tuple[str, ...]) -> None:
    """Run every periodic job once, as of NOW, and print what each did."""
    known = {job.id for job in periodic.JOBS}
    unknown = set(only) - known
    if unknown:
        raise click.BadParameter(
            f"unknown job {', '.join(sorted(unknown))}; known: {', '.join(sorted(known))}",
            param_hint="--only",
        )
    now = parse_now(now_text)
    results = periodic.run_all(now, set(only) or None)
    for result in results:
        click.echo(f"{result.id}: {result.summary}")
    if not all(r.ok for r in results):
        raise SystemExit(1)
