"""Clients: list, add, edit, and a page with their interviews."""

from __future__ import annotations

from flask import Blueprint, render_template, url_for
from flask_login import current_user, login_required

from recruiter.forms import ClientForm
from recruiter.services import clients, interviews
from recruiter.views.helpers import handle_form, paginate, saved, utcnow

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
    return handle_form(
        form,
        lambda: clients.create_client(current_user, _values(form), utcnow()),
        lambda c: saved(f"Client {c.name} added.", url_for("clients.detail", client_id=c.id)),
        lambda: render_template("clients/form.html", form=form, client=None),
    )


@bp.route("/<int:client_id>")
def detail(client_id: int):  # type: ignore[no-untyped-def]
    client = clients.get_client(current_user, client_id)
    page = paginate(interviews.search_interviews(current_user, client_id=client.id))
    return render_template("clients/detail.html", client=client, page=page)


@bp.route("/<int:client_id>/edit", methods=["GET", "POST"])
def edit(client_id: int):  # type: ignore[no-untyped-def]
    client = clients.get_client(current_user, client_id)
    form = ClientForm(obj=client)
    return handle_form(
        form,
        lambda: clients.update_client(current_user, client, _values(form), utcnow()),
        lambda _: saved("Changes saved.", url_for("clients.detail", client_id=client.id)),
        lambda: render_template("clients/form.html", form=form, client=client),
    )
