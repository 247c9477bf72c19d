"""Interviews: list, schedule, edit, the page with its event log, and logging events."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import false
from sqlalchemy.orm import selectinload

from recruiter.extensions import db
from recruiter.forms import (
    CHANNEL_LABELS,
    EVENT_LABELS,
    EventForm,
    InterviewForm,
    QuickForm,
    RetractForm,
    options,
)
from recruiter.localtime import local_naive
from recruiter.models import INTERVIEW_STATUSES, Interview
from recruiter.services import ServiceError, alerts, candidates, clients, interviews, outreach
from recruiter.services.filters import InterviewFilter
from recruiter.services.interviews import EventData
from recruiter.settings import current as current_settings
from recruiter.views.helpers import (
    form_time,
    handle_form,
    int_arg,
    paginate,
    read_filters,
    safe_next,
    saved,
    user_tz,
    utcnow,
)

bp = Blueprint("interviews", __name__)
bp.before_request(login_required(lambda: None))


@bp.route("/")
def index():  # type: ignore[no-untyped-def]
    """All interviews (latest first) or, on the Upcoming tab, from now on (soonest first)."""
    filters, status = read_filters(InterviewFilter)
    query = interviews.search_interviews(current_user, filters, utcnow()).options(
        selectinload(Interview.candidate), selectinload(Interview.client)
    )
    return render_template(
        "interviews/index.html",
        page=paginate(query if status == 200 else query.where(false())),
        statuses=INTERVIEW_STATUSES,
        client_choices=clients.client_choices(current_user),
        filters=filters,
    ), status


def _choices(form: InterviewForm) -> None:
    if getattr(form, "candidate_id", None) is not None:
        form.candidate_id.choices = options(
            [(0, "— choose —")] + candidates.candidate_choices(current_user)
        )
    form.client_id.choices = options([(0, "— none —")] + clients.client_choices(current_user))


def _values(form: InterviewForm) -> dict:
    values = {
        "client_id": form.client_id.data or None,
        "role": form.role.data,
        "scheduled_at": form_time(form, "scheduled_at"),
        "duration_minutes": form.duration_minutes.data,
    }
    if getattr(form, "candidate_id", None) is not None:
        values["candidate_id"] = form.candidate_id.data
    return values


@bp.route("/new", methods=["GET", "POST"])
def create():  # type: ignore[no-untyped-def]
    form = InterviewForm()
    _choices(form)
    if request.method == "GET" and int_arg("candidate_id"):
        form.candidate_id.data = int_arg("candidate_id")
    return handle_form(
        form,
        lambda: interviews.create_interview(current_user, _values(form), utcnow()),
        lambda i: saved("Interview scheduled.", url_for("interviews.detail", interview_id=i.id)),
        lambda: render_template("interviews/form.html", form=form, interview=None),
    )


@bp.route("/<int:interview_id>")
def detail(interview_id: int):  # type: ignore[no-untyped-def]
    interview = interviews.get_interview(current_user, interview_id)
    return render_template(
        "interviews/detail.html",
        interview=interview,
        candidate=interview.candidate,
        client=interview.client,
        events=list(interview.events),
        follow_ups=outreach.for_interview(current_user, interview),
        channel_labels=CHANNEL_LABELS,
        event_form=EventForm(),
        quick_form=QuickForm(),
        event_labels=EVENT_LABELS,
        alerts=alerts.for_interview(current_user, interview, utcnow(), current_settings().ghost),
    )


@bp.route("/<int:interview_id>/edit", methods=["GET", "POST"])
def edit(interview_id: int):  # type: ignore[no-untyped-def]
    interview = interviews.get_interview(current_user, interview_id)
    form = InterviewForm(obj=interview)
    del form.candidate_id  # an interview stays with its candidate
    _choices(form)
    if request.method == "GET":
        form.scheduled_at.data = local_naive(interview.scheduled_at, user_tz())
        form.client_id.data = interview.client_id or 0

    def save() -> None:
        values = _values(form)
        if form.scheduled_at.data == local_naive(interview.scheduled_at, user_tz()):
            values.pop("scheduled_at")  # unchanged: keep seconds and the DST fold as stored
        interviews.update_interview(current_user, interview, values, utcnow())

    return handle_form(
        form,
        save,
        lambda _: saved("Changes saved.", url_for("interviews.detail", interview_id=interview.id)),
        lambda: render_template("interviews/form.html", form=form, interview=interview),
    )


@bp.route("/<int:interview_id>/events", methods=["POST"])
def add_event(interview_id: int):  # type: ignore[no-untyped-def]
    """The full event form and the one-click buttons both post here."""
    interview = interviews.get_interview(current_user, interview_id)
    form = EventForm()
    back = safe_next(url_for("interviews.detail", interview_id=interview.id))
    if not form.validate_on_submit():
        flash("Not logged: " + _messages(form.errors), "danger")
        return redirect(back)
    try:
        event = EventData(
            type=form.type.data,
            at=form_time(form, "at", default_now=True),
            by=form.by.data or None,
            reason=form.reason.data,
            new_scheduled_at=form_time(form, "new_scheduled_at"),
        )
        interviews.add_event(current_user, interview, event, utcnow())
    except ServiceError as exc:
        db.session.rollback()
        flash("Not logged: " + (_messages(exc.fields) or exc.message), "danger")
        return redirect(back)
    db.session.commit()
    flash(f"Logged: {EVENT_LABELS[event.type].lower()}.", "success")
    return redirect(back)


@bp.route("/<int:interview_id>/events/<int:event_id>/retract", methods=["POST"])
def retract_event(interview_id: int, event_id: int):  # type: ignore[no-untyped-def]
    interview = interviews.get_interview(current_user, interview_id)
    form = RetractForm()
    back = url_for("interviews.detail", interview_id=interview.id)
    if not form.validate_on_submit():
        flash("Not undone: " + _messages(form.errors), "danger")
        return redirect(back)
    try:
        interviews.retract_event(current_user, interview, event_id, form.reason.data, utcnow())
    except ServiceError as exc:
        db.session.rollback()
        flash("Not undone: " + (_messages(exc.fields) or exc.message), "danger")
        return redirect(back)
    db.session.commit()
    flash("Undone: the event stays in the log, marked retracted.", "success")
    return redirect(back)


def _messages(errors: dict) -> str:
    return "; ".join(f"{m}" for ms in errors.values() for m in ms)
