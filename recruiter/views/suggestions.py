"""Suggestions: the inbox (open first, with the evidence; accept, dismiss with a reason, undo)
and the advice on pending connection requests."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import false

from recruiter.extensions import db
from recruiter.forms import SuggestionForm
from recruiter.services import ServiceError, advice, suggestions
from recruiter.services.filters import SuggestionFilter
from recruiter.settings import current as current_settings
from recruiter.views.helpers import (
    format_local,
    page_args,
    paginate,
    read_filters,
    safe_next,
    utcnow,
)

bp = Blueprint("suggestions", __name__)
bp.before_request(login_required(lambda: None))


@bp.app_template_filter("isotime")
def isotime(value: str | None) -> str:
    """An ISO 8601 time kept in a suggestion's evidence, shown in the recruiter's zone."""
    if not value:
        return ""
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (TypeError, ValueError):
        return str(value)
    return format_local(parsed)


def _inbox(errors: dict[int, list[str]] | None = None, status: int = 200):  # type: ignore[no-untyped-def]
    filters, parsed = read_filters(SuggestionFilter)
    query = suggestions.search_suggestions(current_user, filters)
    page = paginate(query if parsed == 200 else query.where(false()))
    status = max(status, parsed)
    return render_template(
        "suggestions/index.html",
        page=page,
        filters=filters,
        statuses=suggestions.STATUSES,
        kinds=suggestions.KIND_LABELS,
        errors=errors or {},
        back_url=url_for("suggestions.index", **page_args()),
    ), status


@bp.route("/")
def index():  # type: ignore[no-untyped-def]
    return _inbox()


@bp.route("/requests")
def connection_requests():  # type: ignore[no-untyped-def]
    """Pending incoming connection requests, each with a verdict and its reasons."""
    page = paginate(advice.pending_requests(current_user))
    settings = current_settings().ghost
    verdicts = advice.advise_many(current_user, page.items, utcnow(), settings)
    return render_template("suggestions/requests.html", page=page, verdicts=verdicts)


def _back():  # type: ignore[no-untyped-def]
    return redirect(safe_next(url_for("suggestions.index")))


@bp.route("/<int:suggestion_id>/accept", methods=["POST"])
def accept(suggestion_id: int):  # type: ignore[no-untyped-def]
    row = suggestions.get_suggestion(current_user, suggestion_id)
    form = SuggestionForm()
    if not form.validate_on_submit():
        flash("Not accepted: " + _messages(form.errors), "danger")
        return _back()
    try:
        suggestions.accept(current_user, row, utcnow(), form.reason.data)
    except ServiceError as exc:
        db.session.rollback()
        flash("Not accepted: " + (_messages(exc.fields) or exc.message), "danger")
        return _back()
    db.session.commit()
    flash(f"Accepted: {row.candidate.full_name} is marked removed. You can undo it.", "success")
    return _back()


@bp.route("/<int:suggestion_id>/dismiss", methods=["POST"])
def dismiss(suggestion_id: int):  # type: ignore[no-untyped-def]
    row = suggestions.get_suggestion(current_user, suggestion_id)
    form = SuggestionForm()
    try:
        if not form.validate_on_submit():
            raise ServiceError("Check the reason.", dict(form.errors))
        suggestions.dismiss(current_user, row, form.reason.data, utcnow())
    except ServiceError as exc:
        db.session.rollback()
        return _inbox({row.id: [m for ms in exc.fields.values() for m in ms] or [exc.message]}, 422)
    db.session.commit()
    flash("Dismissed. You can undo it.", "info")
    return _back()


@bp.route("/bulk", methods=["POST"])
def bulk():  # type: ignore[no-untyped-def]
    """Accept or dismiss the ticked suggestions with one reason, in one unit of work."""
    action = request.form.get("action", "")
    verb = "accepted" if action == "accept" else "dismissed"
    if not FlaskForm().validate_on_submit():
        flash("This form has expired: reload the page and try again.", "danger")
        return _back()
    try:
        rows = suggestions.decide_many(
            current_user, request.form.getlist("ids"), action, request.form.get("reason"), utcnow()
        )
    except ServiceError as exc:
        db.session.rollback()
        flash("Nothing changed: " + (_messages(exc.fields) or exc.message), "danger")
        return _back()
    db.session.commit()
    flash(
        f"{len(rows)} suggestion{'s' if len(rows) != 1 else ''} {verb}. You can undo each.",
        "success",
    )
    return _back()


@bp.route("/<int:suggestion_id>/undo", methods=["POST"])
def undo(suggestion_id: int):  # type: ignore[no-untyped-def]
    row = suggestions.get_suggestion(current_user, suggestion_id)
    form = SuggestionForm()
    if not form.validate_on_submit():
        flash("Not undone: " + _messages(form.errors), "danger")
        return _back()
    try:
        suggestions.undo(current_user, row, utcnow())
    except ServiceError as exc:
        db.session.rollback()
        flash("Not undone: " + (_messages(exc.fields) or exc.message), "danger")
        return _back()
    db.session.commit()
    flash("Undone: the suggestion is open again.", "info")
    return _back()


def _messages(errors: dict) -> str:
    return "; ".join(str(m) for ms in errors.values() for m in ms)
