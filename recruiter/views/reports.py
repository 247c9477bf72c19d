"""Reports: the page describing them, and the streamed CSV downloads."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request, stream_with_context
from flask_login import current_user, login_required

from recruiter.forms import STATUS_LABELS
from recruiter.localtime import to_local
from recruiter.models import (
    CHANNELS,
    DIRECTIONS,
    INTERVIEW_STATUSES,
    SUGGESTION_KINDS,
    SUGGESTION_STATUSES,
)
from recruiter.services import ServiceError, clients, reports
from recruiter.views.helpers import utcnow

bp = Blueprint("reports", __name__)
bp.before_request(login_required(lambda: None))

DESCRIPTIONS = {
    "candidates": "Contact details, connection status, the reliability score with its band, "
    "confidence and components, no-show probability, median response time, and per candidate "
    "the interviews, attended, no-shows, ghosted interviews and the last contact.",
    "interviews": "Each interview: candidate, client, role, start, status, when it was "
    "confirmed, the outcome, who changed it last and with how many hours' notice, and whether "
    "a no-show was explained.",
    "outreach": "Every call, text, email and message: channel, direction, when it was sent, "
    "when it was answered and the response time in hours.",
    "suggestions": "Suggestions (remove a connection, do not reconnect, possible fake "
    "profile): status, reasons and dates.",
}


def csv_response(report: reports.Report, time_zone: str | None) -> Response:
    """Stream the report: the header goes out at once, then each batch of rows as it is read."""
    today = to_local(utcnow(), time_zone).date()  # type: ignore[union-attr]
    response = Response(
        stream_with_context(report.csv()),
        mimetype="text/csv",
    )
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{reports.filename(report.name, today)}"'
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _page(errors: dict[str, list[str]] | None = None, status: int = 200):  # type: ignore[no-untyped-def]
    return render_template(
        "reports/index.html",
        descriptions=DESCRIPTIONS,
        columns=reports.COLUMNS,
        filters=reports.FILTERS,
        date_fields=reports.DATE_FIELDS,
        dates=reports.DATES,
        channels=CHANNELS,
        directions=DIRECTIONS,
        connection_statuses=STATUS_LABELS,
        interview_statuses=INTERVIEW_STATUSES,
        suggestion_statuses=SUGGESTION_STATUSES,
        suggestion_kinds=SUGGESTION_KINDS,
        client_choices=clients.client_choices(current_user),
        errors=errors or {},
        failed=request.view_args.get("name") if request.view_args else None,
    ), status


@bp.route("/")
def index():  # type: ignore[no-untyped-def]
    return _page()


@bp.route("/<name>.csv")
def download(name: str):  # type: ignore[no-untyped-def]
    reports.check_name(name)
    try:
        filters = reports.parse_filters(name, request.args)
    except ServiceError as exc:
        return _page(exc.fields, 422)
    owner = current_user._get_current_object()
    return csv_response(reports.build(owner, name, filters, utcnow()), owner.time_zone)
