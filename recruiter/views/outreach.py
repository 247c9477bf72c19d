"""Outreach: the log of calls, texts, emails and messages, and logging a reply."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import false
from sqlalchemy.orm import selectinload

from recruiter.extensions import db
from recruiter.forms import CHANNEL_LABELS, OutreachForm, ResponseForm, options
from recruiter.models import DIRECTIONS, Outreach
from recruiter.services import ServiceError, candidates, interviews, outreach
from recruiter.services.filters import OutreachFilter
from recruiter.views.helpers import (
    form_time,
    handle_form,
    int_arg,
    paginate,
    read_filters,
    safe_next,
    saved,
    utcnow,
)

bp = Blueprint("outreach", __name__)
bp.before_request(login_required(lambda: None))


@bp.route("/")
def index():  # type: ignore[no-untyped-def]
    filters, status = read_filters(OutreachFilter)
    query = outreach.search_outreach(current_user, filters).options(
        selectinload(Outreach.candidate)
    )
    page = paginate(query if status == 200 else query.where(false()))
    return render_template(
        "outreach/index.html",
        page=page,
        response_form=ResponseForm(),
        filters=filters,
        channels=CHANNEL_LABELS,
        directions=DIRECTIONS,
    ), status


def _choices(form: OutreachForm, candidate_id: int | None) -> None:
    form.candidate_id.choices = options(
        [(0, "— choose —")] + candidates.candidate_choices(current_user)
    )
    rows = []
    if candidate_id:
        query = interviews.search_interviews(current_user, candidate_id=candidate_id)
        rows = [
            (i.id, f"{i.scheduled_at:%Y-%m-%d} {i.role or ''}") for i in db.session.scalars(query)
        ]
    form.interview_id.choices = options([(0, "— none —")] + rows)


@bp.route("/new", methods=["GET", "POST"])
def create():  # type: ignore[no-untyped-def]
    form = OutreachForm()
    candidate_id = int_arg("candidate_id", request.values)
    _choices(form, candidate_id)
    if request.method == "GET" and candidate_id:
        form.candidate_id.data = candidate_id

    def save():  # type: ignore[no-untyped-def]
        values = {
            "candidate_id": form.candidate_id.data,
            "interview_id": form.interview_id.data or None,
            "channel": form.channel.data,
            "direction": form.direction.data,
            "sent_at": form_time(form, "sent_at", default_now=True),
            "responded_at": form_time(form, "responded_at"),
            "note": form.note.data,
        }
        return outreach.create_outreach(current_user, values, utcnow())

    return handle_form(
        form,
        save,
        lambda row: saved(
            "Outreach logged.", url_for("candidates.detail", candidate_id=row.candidate_id)
        ),
        lambda: render_template("outreach/form.html", form=form),
    )


@bp.route("/<int:outreach_id>/response", methods=["POST"])
def respond(outreach_id: int):  # type: ignore[no-untyped-def]
    row = outreach.get_outreach(current_user, outreach_id)
    form = ResponseForm()
    back = safe_next(url_for("candidates.detail", candidate_id=row.candidate_id))
    try:
        if not form.validate_on_submit():
            raise ServiceError("Check the time.", dict(form.errors))
        outreach.record_response(
            current_user, row, form_time(form, "responded_at", default_now=True), utcnow()
        )
    except ServiceError as exc:
        db.session.rollback()
        flash("Not logged: " + "; ".join(m for ms in exc.fields.values() for m in ms), "danger")
        return redirect(back)
    db.session.commit()
    flash("Reply logged.", "success")
    return redirect(back)
