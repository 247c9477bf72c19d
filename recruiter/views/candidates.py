"""Candidates: list, detail with timeline, add, edit, delete, quick actions."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import false

from recruiter.extensions import db
from recruiter.forms import (
    STATUS_LABELS,
    CandidateForm,
    DeleteForm,
    EventForm,
    MergeForm,
    QuickForm,
    RecommendationForm,
)
from recruiter.models import Outreach
from recruiter.services import (
    ServiceError,
    alerts,
    candidates,
    clients,
    duplicates,
    merging,
    outreach,
    timeline,
)
from recruiter.services.filters import CandidateFilter
from recruiter.settings import current as current_settings
from recruiter.views.helpers import (
    form_time,
    handle_form,
    paginate,
    read_filters,
    safe_next,
    utcnow,
)

bp = Blueprint("candidates", __name__)
bp.before_request(login_required(lambda: None))


@bp.route("/")
def index():  # type: ignore[no-untyped-def]
    filters, status = read_filters(CandidateFilter)
    query = candidates.search_candidates(current_user, filters)
    if status == 200:
        page = paginate(query, total=candidates.list_total(current_user, filters))
    else:
        page = paginate(query.where(false()))
    return render_template(
        "candidates/index.html",
        page=page,
        filters=filters,
        statuses=STATUS_LABELS,
        client_choices=clients.client_choices(current_user),
    ), status


def _values(form: CandidateForm) -> dict:
    return {name: getattr(form, name).data for name in CandidateForm.SERVICE_FIELDS}


@bp.route("/bulk", methods=["POST"])
def bulk():  # type: ignore[no-untyped-def]
    """Set the connection status of the ticked candidates, in one unit of work (all or none)."""
    back = redirect(safe_next(url_for("candidates.index")))
    if not FlaskForm().validate_on_submit():
        flash("This form has expired: reload the page and try again.", "danger")
        return back
    status = request.form.get("connection_status", "")
    try:
        rows = candidates.set_connection_status_many(
            current_user, request.form.getlist("ids"), status, utcnow()
        )
    except ServiceError as exc:
        db.session.rollback()
        messages = [m for ms in exc.fields.values() for m in ms] or [exc.message]
        flash("Nothing changed: " + "; ".join(messages), "danger")
        return back
    db.session.commit()
    label = STATUS_LABELS.get(status, status)
    flash(f"{len(rows)} candidate{'s' if len(rows) != 1 else ''} set to “{label}”.", "success")
    return back


@bp.route("/new", methods=["GET", "POST"])
def create():  # type: ignore[no-untyped-def]
    form = CandidateForm()

    def save():  # type: ignore[no-untyped-def]
        candidate = candidates.create_candidate(current_user, _values(form), utcnow())
        _save_photo(candidate, form)
        return candidate

    return handle_form(
        form,
        save,
        lambda c: _saved(c, f"{c.full_name} added."),
        lambda: render_template("candidates/form.html", form=form, candidate=None),
    )


def _saved(candidate, message: str):  # type: ignore[no-untyped-def]
    """Say so, warn if they may already be here (the page lists who), show the candidate."""
    flash(message, "success")
    found = duplicates.find_duplicates(current_user, candidate)
    if found:
        names = ", ".join(d.full_name for d in found)
        flash(
            f"Possible duplicate: {names}. Check the warning below, and merge if it is the"
            " same person.",
            "warning",
        )
    return redirect(url_for("candidates.detail", candidate_id=candidate.id))


def _save_photo(candidate, form: CandidateForm) -> None:  # type: ignore[no-untyped-def]
    upload = form.photo.data
    if upload is None or not getattr(upload, "filename", ""):
        return
    from recruiter.services import profiles

    settings = current_settings().ghost
    profiles.set_photo(current_user, candidate, upload.read(), utcnow(), settings)


@bp.route("/<int:candidate_id>")
def detail(candidate_id: int):  # type: ignore[no-untyped-def]
    candidate = candidates.get_candidate(current_user, candidate_id)
    extras = timeline.candidate_extras(current_user, candidate, utcnow())
    return render_template(
        "candidates/detail.html",
        candidate=candidate,
        timeline=extras["timeline"],
        event_form=EventForm(),
        quick_form=QuickForm(),
        recommendation_form=RecommendationForm(),
        delete_form=DeleteForm(),
        status_labels=STATUS_LABELS,
        extras=extras,
        alerts=alerts.for_candidate(current_user, candidate, utcnow(), current_settings().ghost),
        duplicates=duplicates.find_duplicates(current_user, candidate),
        merge_form=MergeForm(),
    )


@bp.route("/<int:candidate_id>/merge", methods=["POST"])
def merge(candidate_id: int):  # type: ignore[no-untyped-def]
    """Merge this candidate into ``into`` (the one kept), from the duplicate warning."""
    duplicate = candidates.get_candidate(current_user, candidate_id)
    form = MergeForm()
    back = redirect(url_for("candidates.detail", candidate_id=duplicate.id))
    if not form.validate_on_submit():
        flash("Could not merge: choose the candidate to keep.", "danger")
        return back
    into = candidates.get_candidate(current_user, form.into.data)
    name = duplicate.full_name
    try:
        merged = merging.merge_candidates(current_user, duplicate, into, utcnow())
    except ServiceError as exc:
        db.session.rollback()
        flash(f"Not merged: {exc.message}", "danger")
        return back
    db.session.commit()
    flash(f"{name} merged into {merged.kept.full_name}: one candidate, one history.", "success")
    return redirect(url_for("candidates.detail", candidate_id=merged.kept.id))


@bp.route("/<int:candidate_id>/edit", methods=["GET", "POST"])
def edit(candidate_id: int):  # type: ignore[no-untyped-def]
    candidate = candidates.get_candidate(current_user, candidate_id)
    form = CandidateForm(obj=candidate)

    def save() -> None:
        candidates.update_candidate(current_user, candidate, _values(form), utcnow())
        _save_photo(candidate, form)

    return handle_form(
        form,
        save,
        lambda _: _saved(candidate, "Changes saved."),
        lambda: render_template("candidates/form.html", form=form, candidate=candidate),
    )


@bp.route("/<int:candidate_id>/delete", methods=["POST"])
def delete(candidate_id: int):  # type: ignore[no-untyped-def]
    candidate = candidates.get_candidate(current_user, candidate_id)
    form = DeleteForm()
    if form.validate_on_submit():
        name = candidate.full_name
        candidates.delete_candidate(current_user, candidate, utcnow())
        db.session.commit()
        flash(f"{name} deleted, with their interviews and outreach.", "info")
    return redirect(url_for("candidates.index"))


@bp.route("/<int:candidate_id>/quick", methods=["POST"])
def quick(candidate_id: int):  # type: ignore[no-untyped-def]
    """One click: called / texted / emailed / messaged, or "they replied"."""
    candidate = candidates.get_candidate(current_user, candidate_id)
    form = QuickForm()
    action = request.form.get("action", "")
    back = redirect(safe_next(url_for("candidates.detail", candidate_id=candidate.id)))
    if not form.validate_on_submit():
        said = "; ".join(str(m) for ms in form.errors.values() for m in ms)
        flash(f"Not logged: {said or 'check the time.'}", "danger")
        return back
    try:
        at = form_time(form, "at", default_now=True)
        interview_id = request.form.get("interview_id", type=int)
        logged = outreach.log_contact(current_user, candidate, action, at, utcnow(), interview_id)
    except ServiceError as exc:
        db.session.rollback()
        flash(
            "Not logged: " + "; ".join(m for ms in exc.fields.values() for m in ms) or exc.message,
            "danger",
        )
        return back
    db.session.commit()
    flash(_contact_message(candidate.full_name, action, logged), "success")
    return back


def _contact_message(name: str, action: str, logged: list[Outreach]) -> str:
    if action != outreach.REPLIED:
        return f"Logged: you {action} {name}."
    if logged[0].direction == "outbound":
        return f"Logged: {name} replied (answers {len(logged)} outreach)."
    return f"Logged: {name} replied (they reached out)."


@bp.route("/<int:candidate_id>/recommendations", methods=["POST"])
def add_recommendation(candidate_id: int):  # type: ignore[no-untyped-def]
    candidate = candidates.get_candidate(current_user, candidate_id)
    form = RecommendationForm()
    if form.validate_on_submit():
        candidates.add_recommendation(
            current_user,
            candidate,
            form.recommender_name.data,
            form.recommender_role.data,
            form.relationship.data,
            utcnow(),
        )
        db.session.commit()
        flash("Recommendation added.", "success")
    else:
        flash("Say who vouched for them.", "danger")
    return redirect(url_for("candidates.detail", candidate_id=candidate.id))
