"""Candidate signals from the candidate page: they asked to connect, or announced a new job."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, url_for
from flask_login import current_user, login_required

from recruiter.extensions import db
from recruiter.forms import SIGNAL_LABELS, SignalForm
from recruiter.services import ServiceError, candidates, signals
from recruiter.settings import current as current_settings
from recruiter.views.helpers import form_time, utcnow

bp = Blueprint("signals", __name__)
bp.before_request(login_required(lambda: None))


@bp.route("/<int:candidate_id>/signals", methods=["POST"])
def create(candidate_id: int):  # type: ignore[no-untyped-def]
    candidate = candidates.get_candidate(current_user, candidate_id)
    back = redirect(url_for("candidates.detail", candidate_id=candidate.id))
    form = SignalForm()
    try:
        if not form.validate_on_submit():
            raise ServiceError("Check the fields.", dict(form.errors))
        result = signals.record_signal(
            current_user,
            candidate,
            form.type.data,
            form_time(form, "at", default_now=True),
            form.detail.data,
            utcnow(),
            current_settings().ghost,
        )
    except ServiceError as exc:
        db.session.rollback()
        messages = [m for ms in exc.fields.values() for m in ms] or [exc.message]
        flash("Not logged: " + "; ".join(str(m) for m in messages), "danger")
        return back
    db.session.commit()
    message = f"Logged: {SIGNAL_LABELS[result.signal.type].lower()}."
    if result.suggestions:
        message += " They ghosted an interview: a “do not reconnect” suggestion is open."
    flash(message, "success" if not result.suggestions else "warning")
    return back
