"""Candidates: list, detail with timeline, add, edit, delete, quick actions."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from recruiter.extensions import db
from recruiter.forms import (
    STATUS_LABELS,
    CandidateForm,
    DeleteForm,
    EventForm,
    QuickForm,
    RecommendationForm,
)
from recruiter.models import CONNECTION_STATUSES
from recruiter.services import ServiceError, alerts, candidates, clients, outreach, timeline
from recruiter.services.ghosts import GhostSettings
from recruiter.views.helpers import (
    apply_errors,
    form_time,
    int_arg,
    paginate,
    safe_next,
    utcnow,
)

bp = Blueprint("candidates", __name__)
bp.before_request(login_required(lambda: None))

QUICK_OUTREACH = {"called": "call", "texted": "text", "emailed": "email", "messaged": "message"}


def _float_arg(name: str) -> float | None:
    try:
        return float(request.args[name])
    except (KeyError, ValueError):
        return None


def _filters() -> dict:
    status = request.args.get("connection_status") or None
    return {
        "q": (request.args.get("q") or "").strip() or None,
        "connection_status": status if status in CONNECTION_STATUSES else None,
        "client_id": int_arg("client_id"),
        "min_score": _float_arg("min_score"),
        "max_score": _float_arg("max_score"),
        "confidence": request.args.get("confidence") or None,
        "sort": request.args.get("sort") or "name",
    }


@bp.route("/")
def index():  # type: ignore[no-untyped-def]
    filters = _filters()
    page = paginate(candidates.search_candidates(current_user, **filters))
    return render_template(
        "candidates/index.html",
        page=page,
        filters=filters,
        statuses=STATUS_LABELS,
        client_choices=clients.client_choices(current_user),
    )


def _values(form: CandidateForm) -> dict:
    return {name: getattr(form, name).data for name in CandidateForm.SERVICE_FIELDS}


@bp.route("/new", methods=["GET", "POST"])
def create():  # type: ignore[no-untyped-def]
    form = CandidateForm()
    if form.validate_on_submit():
        try:
            candidate = candidates.create_candidate(current_user, _values(form), utcnow())
            _save_photo(candidate, form)
        except ServiceError as exc:
            db.session.rollback()
            apply_errors(form, exc)
        else:
            db.session.commit()
            flash(f"{candidate.full_name} added.", "success")
            return redirect(url_for("candidates.detail", candidate_id=candidate.id))
    status = 422 if form.errors or form.form_errors else 200
    return render_template("candidates/form.html", form=form, candidate=None), status


def _save_photo(candidate, form: CandidateForm) -> None:  # type: ignore[no-untyped-def]
    upload = form.photo.data
    if upload is None or not getattr(upload, "filename", ""):
        return
    from recruiter.services import profiles

    settings = GhostSettings.from_config(current_app.config)
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
        alerts=alerts.for_candidate(
            current_user, candidate, utcnow(), GhostSettings.from_config(current_app.config)
        ),
    )


@bp.route("/<int:candidate_id>/edit", methods=["GET", "POST"])
def edit(candidate_id: int):  # type: ignore[no-untyped-def]
    candidate = candidates.get_candidate(current_user, candidate_id)
    form = CandidateForm(obj=candidate)
    if form.validate_on_submit():
        try:
            candidates.update_candidate(current_user, candidate, _values(form), utcnow())
            _save_photo(candidate, form)
        except ServiceError as exc:
            db.session.rollback()
            apply_errors(form, exc)
        else:
            db.session.commit()
            flash("Changes saved.", "success")
            return redirect(url_for("candidates.detail", candidate_id=candidate.id))
    status = 422 if form.errors or form.form_errors else 200
    return render_template("candidates/form.html", form=form, candidate=candidate), status


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
        flash("Could not log that: check the time.", "danger")
        return back
    try:
        at = form_time(form, "at", default_now=True)
        now = utcnow()
        if action in QUICK_OUTREACH:
            values = {
                "candidate_id": candidate.id,
                "channel": QUICK_OUTREACH[action],
                "direction": "outbound",
                "sent_at": at,
                "interview_id": request.form.get("interview_id", type=int),
            }
            outreach.create_outreach(current_user, values, now)
            message = f"Logged: you {action} {candidate.full_name}."
        elif action == "replied":
            answered = outreach.candidate_replied(current_user, candidate, at, now)
            message = f"Logged: {candidate.full_name} replied" + (
                f" (answers {len(answered)} outreach)."
                if answered[0].direction == "outbound"
                else " (they reached out)."
            )
        else:
            flash("Unknown action.", "danger")
            return back
    except ServiceError as exc:
        db.session.rollback()
        flash(
            "Not logged: " + "; ".join(m for ms in exc.fields.values() for m in ms) or exc.message,
            "danger",
        )
        return back
    db.session.commit()
    flash(message, "success")
    return back


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
