"""Clients: list, add, edit, and a page with their interviews."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from recruiter.extensions import db
from recruiter.forms import ClientForm
from recruiter.services import ServiceError, clients, interviews
from recruiter.views.helpers import apply_errors, paginate, utcnow

bp = Blueprint("clients", __name__)
bp.before_request(login_required(lambda: None))


def _values(form: ClientForm) -> dict:
    return {n: getattr(form, n).data for n in ("name", "contact_name", "contact_email", "notes")}


@bp.route("/")
def index():  # type: ignore[no-untyped-def]
    return render_template("clients/index.html", page=paginate(clients.list_clients(current_user)))


@bp.route("/new", methods=["GET", "POST"])
def create():  # type: ignore[no-untyped-def]
    form = ClientForm()
    if form.validate_on_submit():
        try:
            client = clients.create_client(current_user, _values(form), utcnow())
        except ServiceError as exc:
            db.session.rollback()
            apply_errors(form, exc)
        else:
            db.session.commit()
            flash(f"Client {client.name} added.", "success")
            return redirect(url_for("clients.detail", client_id=client.id))
    status = 422 if form.errors or form.form_errors else 200
    return render_template("clients/form.html", form=form, client=None), status


@bp.route("/<int:client_id>")
def detail(client_id: int):  # type: ignore[no-untyped-def]
    client = clients.get_client(current_user, client_id)
    page = paginate(interviews.search_interviews(current_user, client_id=client.id))
    return render_template("clients/detail.html", client=client, page=page)


@bp.route("/<int:client_id>/edit", methods=["GET", "POST"])
def edit(client_id: int):  # type: ignore[no-untyped-def]
    client = clients.get_client(current_user, client_id)
    form = ClientForm(obj=client)
    if form.validate_on_submit():
        try:
            clients.update_client(current_user, client, _values(form), utcnow())
        except ServiceError as exc:
            db.session.rollback()
            apply_errors(form, exc)
        else:
            db.session.commit()
            flash("Changes saved.", "success")
            return redirect(url_for("clients.detail", client_id=client.id))
    status = 422 if form.errors or form.form_errors else 200
    return render_template("clients/form.html", form=form, client=client), status
