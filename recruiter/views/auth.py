"""Log in and out, the first-run account, the recruiter's settings and API tokens."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from recruiter.extensions import db, login_manager
from recruiter.forms import LoginForm, SettingsForm, SetupForm, TokenForm
from recruiter.models import Recruiter
from recruiter.services import ServiceError, accounts
from recruiter.views.helpers import apply_errors, utcnow

bp = Blueprint("auth", __name__)


@login_manager.user_loader
def load_user(user_id: str) -> Recruiter | None:
    return db.session.get(Recruiter, int(user_id))


def _safe_next(target: str | None) -> str:
    if target and urlsplit(target).netloc == "" and target.startswith("/"):
        return target
    return url_for("dashboard.index")


@bp.route("/login", methods=["GET", "POST"])
def login():  # type: ignore[no-untyped-def]
    if accounts.count_recruiters() == 0:
        return redirect(url_for("auth.setup"))
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.index"))
    form = LoginForm()
    if form.validate_on_submit():
        recruiter = accounts.authenticate(form.email.data, form.password.data)
        if recruiter is None:
            form.form_errors.append("Wrong email or password.")
        else:
            db.session.commit()
            login_user(recruiter, remember=form.remember.data)
            flash(f"Welcome back, {recruiter.name}.", "success")
            return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form), 200 if not form.errors else 422


@bp.route("/setup", methods=["GET", "POST"])
def setup():  # type: ignore[no-untyped-def]
    """First run only: creates the first account when there is none at all."""
    if accounts.count_recruiters() > 0:
        abort(404)
    form = SetupForm()
    form.time_zone.choices = accounts.time_zone_choices()
    if form.validate_on_submit():
        try:
            recruiter = accounts.create_recruiter(
                form.email.data, form.password.data, form.name.data, form.time_zone.data
            )
        except ServiceError as exc:
            apply_errors(form, exc)
        else:
            db.session.commit()
            login_user(recruiter)
            flash("Your account is ready. Start by adding a candidate.", "success")
            return redirect(url_for("dashboard.index"))
    return render_template("auth/setup.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():  # type: ignore[no-untyped-def]
    logout_user()
    flash("You are logged out.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():  # type: ignore[no-untyped-def]
    form = SettingsForm(obj=current_user)
    form.time_zone.choices = accounts.time_zone_choices()
    token_form = TokenForm(prefix="token")
    if form.validate_on_submit():
        try:
            accounts.update_settings(current_user, form.name.data, form.time_zone.data)
        except ServiceError as exc:
            apply_errors(form, exc)
        else:
            db.session.commit()
            flash("Settings saved.", "success")
            return redirect(url_for("auth.settings"))
    tokens = accounts.list_tokens(current_user)
    return render_template(
        "auth/settings.html", form=form, token_form=token_form, tokens=tokens, new_token=None
    )


@bp.route("/settings/tokens", methods=["POST"])
@login_required
def create_token():  # type: ignore[no-untyped-def]
    token_form = TokenForm(prefix="token")
    if not token_form.validate_on_submit():
        flash(
            "Could not create the token: "
            + "; ".join(m for ms in token_form.errors.values() for m in ms),
            "danger",
        )
        return redirect(url_for("auth.settings"))
    _, plain = accounts.create_token(current_user, token_form.name.data or "")
    db.session.commit()
    form = SettingsForm(obj=current_user, formdata=None)
    form.time_zone.choices = accounts.time_zone_choices()
    flash("Token created. Copy it now: it is shown only once.", "success")
    return render_template(
        "auth/settings.html",
        form=form,
        token_form=TokenForm(prefix="token", formdata=None),
        tokens=accounts.list_tokens(current_user),
        new_token=plain,
    )


@bp.route("/settings/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke_token(token_id: int):  # type: ignore[no-untyped-def]
    accounts.revoke_token(current_user, token_id, utcnow())
    db.session.commit()
    flash("Token revoked.", "info")
    return redirect(url_for("auth.settings"))
