"""``flask --app app import linkedin PATH``: a LinkedIn export (zip, folder or one CSV) or a
candidates CSV, all-or-nothing unless ``--skip-bad-rows``."""

from __future__ import annotations

import time
from pathlib import Path

import click
from flask.cli import AppGroup

from recruiter.cli import fail, parse_now
from recruiter.cli.reports import resolve_owner
from recruiter.extensions import db
from recruiter.services import ServiceError, imports
from recruiter.services.imports import background

import_group = AppGroup("import", help="Import a LinkedIn data export or a candidates CSV.")


def _options(fn):  # type: ignore[no-untyped-def]
    for option in reversed(
        [
            click.argument("path", type=click.Path(exists=True, path_type=Path)),
            click.option("--owner", "owner_email", help="Whose candidates (optional with one)."),
            click.option("--dry-run", is_flag=True, help="Show what would change; write nothing."),
            click.option("--skip-bad-rows", is_flag=True, help="Import the good rows only."),
            click.option("--now", "now_text", help="As of this time (ISO 8601 with offset)."),
        ]
    ):
        fn = option(fn)
    return fn


@import_group.command("linkedin")
@_options
@click.option("--owner-profile", help="Your own LinkedIn profile URL, if it cannot be told.")
def import_linkedin(
    path: Path,
    owner_email: str | None,
    dry_run: bool,
    skip_bad_rows: bool,
    now_text: str | None,
    owner_profile: str | None,
) -> None:
    """Import PATH: the LinkedIn export zip, the unzipped folder, or one CSV file from it."""
    _run(path, owner_email, dry_run, skip_bad_rows, now_text, owner_profile, "auto")


@import_group.command("candidates")
@_options
def import_candidates(
    path: Path, owner_email: str | None, dry_run: bool, skip_bad_rows: bool, now_text: str | None
) -> None:
    """Import PATH: a candidates CSV with the candidates report's columns."""
    _run(path, owner_email, dry_run, skip_bad_rows, now_text, None, "candidates")


def _run(
    path: Path,
    owner_email: str | None,
    dry_run: bool,
    skip_bad_rows: bool,
    now_text: str | None,
    owner_profile: str | None,
    kind: str,
) -> None:
    owner = resolve_owner(owner_email)
    try:
        result = imports.run_import(
            owner,
            path,
            parse_now(now_text),
            owner_profile_url=owner_profile,
            skip_bad_rows=skip_bad_rows,
            dry_run=dry_run,
            kind=kind,
            progress=_Progress(),
        )
    except ServiceError as exc:
        fail(exc)
    _echo(result)
    if dry_run or result.refused:
        db.session.rollback()
    else:
        click.echo("Scoring the candidates it touched...", err=True)
        db.session.commit()
    if result.refused:
        count = len(result.problems)
        raise click.ClickException(
            f"Import refused ({count} problem{'s' if count != 1 else ''}): nothing was written. "
            "Fix the rows above, or use --skip-bad-rows to import the others."
        )
    click.echo("Dry run: nothing was written." if dry_run else "Imported.")


class _Progress:
    """Where the import stands, on standard error: each phase, then at most one line every
    :data:`EVERY_SECONDS` (standard output keeps only the summary)."""

    EVERY_SECONDS = 1.0

    def __init__(self) -> None:
        self.phase: str | None = None
        self.last = 0.0

    def __call__(self, phase: str, rows_read: int, rows_applied: int, total: int | None) -> None:
        now = time.monotonic()
        if phase == self.phase and now - self.last < self.EVERY_SECONDS:
            return
        self.phase, self.last = phase, now
        label = background.PHASE_LABELS.get(phase, phase)
        counts = f": {rows_read} of {total} rows read, {rows_applied} applied" if total else ""
        click.echo(f"{label}{counts}", err=True)


def _echo(result: imports.ImportResult) -> None:
    if result.files:
        click.echo(f"Read: {', '.join(result.files)}")
    if result.owner_profile_url:
        click.echo(f"Owner profile: {result.owner_profile_url}")
    for label, counts in (
        ("Candidates", result.candidates),
        ("Messages", result.messages),
        ("Connection requests", result.connection_requests),
    ):
        click.echo(
            f"{label}: {counts.created} created, {counts.updated} updated, {counts.skipped} skipped"
        )
    if result.possible_duplicates:
        click.echo(f"Possible duplicates: {len(result.possible_duplicates)}")
        for flag in result.possible_duplicates:
            where = f"row {flag.row}" if flag.row is not None else "file"
            like = ", ".join(
                f"{n} (candidate {i})"
                for i, n in zip(flag.existing_ids, flag.existing_names, strict=True)
            )
            click.echo(f"  {flag.file}, {where}: {flag.full_name} {flag.action}, like {like}")
    if result.problems:
        left_out = " (left out)" if result.skip_bad_rows else ""
        click.echo(f"Problems{left_out}: {len(result.problems)}")
        for problem in result.problems:
            where = f"row {problem.row}" if problem.row is not None else "file"
            click.echo(f"  {problem.file}, {where}: {problem.message}")
