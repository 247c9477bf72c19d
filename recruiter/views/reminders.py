"""Reminders on the Today view: act in one click, mark done, snooze to tomorrow, dismiss."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, flash, redirect, request, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from recruiter.extensions import db
from recruiter.models import Reminder
from recruiter.services import ServiceError, reminders, teams
from recruiter.settings import current as current_settings
from recruiter.views.helpers import format_local, safe_next, utcnow

bp = Blueprint("reminders", __name__)
bp.before_request(login_required(lambda: None))


def _back():  # type: ignore[no-untyped-def]
    """Back where the click came from: a path on this site only (no open redirects)."""
    return redirect(safe_next(url_for("dashboard.index")))


def _settings() -> reminders.ReminderSettings:
    return current_settings().reminders


def _apply(reminder_id: int, change: Callable[[Reminder], object], said: Callable[[Reminder], str]):  # type: ignore[no-untyped-def]
    """Parse (CSRF) -> service -> commit -> flash and go back."""
    row = reminders.get_reminder(current_user, reminder_id)
    if not FlaskForm().validate_on_submit():
        flash("This form has expired: reload the page and try again.", "danger")
        return _back()
    try:
        change(row)
    except ServiceError as exc:
        db.session.rollback()
        messages = [m for ms in exc.fields.values() for m in ms] or [exc.message]
        flash("Not done: " + "; ".join(messages), "danger")
        return _back()
    db.session.commit()
    flash(said(row), "success")
    return _back()


@bp.route("/bulk", methods=["POST"])
def bulk():  # type: ignore[no-untyped-def]
    """Done, snooze or dismiss the ticked reminders, in one unit of work (all or none)."""
    if not FlaskForm().validate_on_submit():
        flash("This form has expired: reload the page and try again.", "danger")
        return _back()
    action = request.form.get("action", "")
    try:
        rows = reminders.apply_many(
            current_user, request.form.getlist("ids"), action, utcnow(), _settings()
        )
    except ServiceError as exc:
        db.session.rollback()
        messages = [m for ms in exc.fields.values() for m in ms] or [exc.message]
        flash("Nothing changed: " + "; ".join(messages), "danger")
        return _back()
    db.session.commit()
    said = {"done": "marked done", "snooze": "snoozed to tomorrow", "dismiss": "dismissed"}
    flash(f"{len(rows)} reminder{'s' if len(rows) != 1 else ''} {said[action]}.", "success")
    return _back()


@bp.route("/<int:reminder_id>/done", methods=["POST"])
def done(reminder_id: int):  # type: ignore[no-untyped-def]
    return _apply(
        reminder_id,
        lambda r: reminders.mark_done(current_user, r, utcnow()),
        lambda r: f"Done: {r.message}",
    )


@bp.route("/<int:reminder_id>/snooze", methods=["POST"])
def snooze(reminder_id: int):  # type: ignore[no-untyped-def]
    """Snooze to the first working hour tomorrow, in the recruiter's zone."""
    return _apply(
        reminder_id,
        lambda r: reminders.snooze_to_tomorrow(current_user, r, utcnow(), _settings()),
        lambda r: f"Snoozed until {format_local(r.snoozed_until)}.",
    )


@bp.route("/<int:reminder_id>/dismiss", methods=["POST"])
def dismiss(reminder_id: int):  # type: ignore[no-untyped-def]
    return _apply(
        reminder_id,
        lambda r: reminders.dismiss(current_user, r, utcnow()),
        lambda r: "Dismissed.",
    )


@bp.route("/<int:reminder_id>/assign", methods=["POST"])
def assign(reminder_id: int):  # type: ignore[no-untyped-def]
    """Give the reminder to another member of the team."""
    return _apply(
        reminder_id,
        lambda r: teams.assign_reminder(
            current_user, r.id, request.form.get("assignee_id", ""), utcnow()
        ),
        lambda r: "Reminder handed over.",
    )


@bp.route("/<int:reminder_id>/act", methods=["POST"])
def act(reminder_id: int):  # type: ignore[no-untyped-def]
    """One click: log what was done (an interview event or an outreach) and mark it done."""
    action = request.form.get("action", "")
    label = reminders.ACTION_LABELS.get(action, action)
    return _apply(
        reminder_id,
        lambda r: reminders.act(current_user, r, action, utcnow()),
        lambda r: f"Logged: {label.lower()}. Reminder done.",
    )
