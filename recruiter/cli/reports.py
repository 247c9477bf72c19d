"""``flask --app app export <report>``: a report as CSV, to a file or standard output."""

from __future__ import annotations

from datetime import UTC, datetime

import click
from sqlalchemy import select

from recruiter.cli import fail, owner_by_email
from recruiter.extensions import db
from recruiter.models import Recruiter
from recruiter.services import ServiceError, reports

# CLI option -> report filter (query argument) name.
OPTIONS = {
    "q": "q",
    "connection_status": "connection_status",
    "client_id": "client_id",
    "candidate_id": "candidate_id",
    "min_score": "min_score",
    "max_score": "max_score",
    "confidence": "confidence",
    "sort": "sort",
    "status": "status",
    "kind": "kind",
    "channel": "channel",
    "direction": "direction",
    "client": "client",
    "interview_id": "interview_id",
    "answered": "answered",
    "upcoming": "upcoming",
}


def resolve_owner(email: str | None) -> Recruiter:
    """The recruiter named by ``--owner``; it may be left out when there is only one."""
    if email:
        return owner_by_email(email)
    found = list(db.session.scalars(select(Recruiter).order_by(Recruiter.id).limit(2)))
    if not found:
        raise click.ClickException("No recruiter accounts yet; create one with `users create`.")
    if len(found) > 1:
        raise click.UsageError("There are several recruiters: say whose data with --owner EMAIL.")
    return found[0]


@click.command("export")
@click.argument("name", type=click.Choice(list(reports.COLUMNS)))
@click.option("--owner", "owner_email", help="The recruiter's email (optional with one recruiter).")
@click.option(
    "--out", default="-", show_default=True, help="File to write; '-' for standard output."
)
@click.option("--q", help="candidates, interviews, outreach: search the candidate.")
@click.option("--connection-status", help="candidates: none, pending_incoming, ... removed.")
@click.option("--client-id", help="candidates, interviews: this client's.")
@click.option("--client", help="interviews: client names containing this.")
@click.option("--candidate-id", help="interviews, outreach, suggestions: this candidate's.")
@click.option("--interview-id", help="outreach, suggestions: about this interview.")
@click.option("--min-score", help="candidates: score at least (0-100).")
@click.option("--max-score", help="candidates: score at most (0-100).")
@click.option("--confidence", help="candidates: none, low, medium or high.")
@click.option("--sort", help="candidates: name, -name, created, -created, score, -score.")
@click.option("--status", help="interviews or suggestions: this status.")
@click.option("--kind", help="suggestions: this kind.")
@click.option("--channel", help="outreach: call, text, email, message or voicemail.")
@click.option("--direction", help="outreach: outbound or inbound.")
@click.option("--answered", help="outreach: true (a reply logged) or false (none yet).")
@click.option("--upcoming", help="interviews: true: from now on, soonest first.")
@click.option("--from", "date_from", help="From this day (YYYY-MM-DD, the recruiter's zone).")
@click.option("--to", "date_to", help="To this day, inclusive (YYYY-MM-DD).")
def export(name: str, owner_email: str | None, out: str, **options: str | None) -> None:
    """Write the NAME report (candidates, interviews, outreach, suggestions) as CSV."""
    owner = resolve_owner(owner_email)
    # --from/--to are the report's own date range (sent_from for outreach, ...).
    names = {**OPTIONS, "date_from": reports.DATES[name][0], "date_to": reports.DATES[name][1]}
    args = {names[key]: value for key, value in options.items() if value is not None}
    unused = sorted(set(args) - set(reports.FILTERS[name]))
    if unused:
        flags = ", ".join("--" + key.replace("_", "-") for key in unused)
        raise click.UsageError(f"{flags} does not apply to the {name} report.")
    try:
        filters = reports.parse_filters(name, args)
    except ServiceError as exc:
        fail(exc)
    report = reports.build(owner, name, filters, datetime.now(UTC))
    count = write(report, out)
    db.session.rollback()  # read only
    click.echo(
        f"Wrote {count} {name} rows to {'standard output' if out == '-' else out}.", err=True
    )


def write(report: reports.Report, out: str) -> int:
    """Stream the report, a batch at a time, as UTF-8 with a BOM. Returns the number of rows."""
    counted = [0]

    def counting(batches):  # type: ignore[no-untyped-def]
        for batch in batches:
            counted[0] += len(batch)
            yield batch

    report = reports.Report(report.name, report.header, counting(report.batches))
    with click.open_file(out, "wb") as handle:
        for chunk in report.csv():
            handle.write(chunk.encode("utf-8"))
    return counted[0]
