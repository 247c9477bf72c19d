"""Log in and out, the first-run account, the recruiter's settings, password and API tokens.

Logins, the setup form and the password form are throttled (``services.throttle``): the check
comes before any password is hashed, so a refused attempt costs no argon2.
"""

from __future__ import annotations

import math
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required, login_url, login_user, logout_user
from flask_wtf import FlaskForm

from recruiter.extensions import db, login_manager
from recruiter.forms import LoginForm, PasswordForm, SettingsForm, SetupForm, TokenForm
from recruiter.models import Recruiter
from recruiter.services import ServiceError, accounts, calendar, teams, throttle
from recruiter.settings import current as current_settings
from recruiter.views.helpers import apply_errors, calendar_url, handle_form, saved, utcnow

bp = Blueprint("auth", __name__)

NEW_TOKEN_KEY = "new_api_token"  # noqa: S105 (the session key that carries a new token to the next page)


@login_manager.unauthorized_handler
def unauthorized():  # type: ignore[no-untyped-def]
    """Flask-Login's default (a "please log in" flash and the login page, with ``next``), except
    on a brand-new installation: there is nobody to log in yet, so straight to ``/setup``."""
    if accounts.count_recruiters() == 0:
        return redirect(url_for("auth.setup"))
    flash(login_manager.login_message, login_manager.login_message_category)
    return redirect(login_url("auth.login", request.url))


@login_manager.user_loader
def load_user(user_id: str) -> Recruiter | None:
    return accounts.recruiter_for_session(user_id)


def _safe_next(target: str | None) -> str:
    if target and urlsplit(target).netloc == "" and target.startswith("/"):
        return target
    return url_for("dashboard.index")


def _settings() -> throttle.ThrottleSettings:
    return current_settings().throttle


def _address_key(kind: str) -> str:
    return throttle.key(kind, "ip", request.remote_addr or "unknown")


def _account_key(email: str) -> str:
    return throttle.key("login", "email", email)


def wait_message(seconds: int) -> str:
    minutes = math.ceil(seconds / 60)
    when = "in a minute" if minutes <= 1 else f"in {minutes} minutes"
    return f"Too many failed attempts. Try again {when}."


def _throttled(template: str, form: FlaskForm, seconds: int, **context: object):  # type: ignore[no-untyped-def]
    form.form_errors.append(wait_message(seconds))
    return render_template(template, form=form, **context), 429, {"Retry-After": str(seconds)}


@bp.route("/login", methods=["GET", "POST"])
def login():  # type: ignore[no-untyped-def]
    if accounts.count_recruiters() == 0:
        return redirect(url_for("auth.setup"))
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.index"))
    form = LoginForm()
    if form.validate_on_submit():
        now, settings = utcnow(), _settings()
        keys = [_account_key(form.email.data), _address_key("login")]
        wait = throttle.retry_after(keys, now, settings)
        if wait:
            return _throttled("auth/login.html", form, wait)
        recruiter = accounts.authenticate(form.email.data, form.password.data)
        if recruiter is None:
            throttle.record_failure(keys, now, settings)
            db.session.commit()
            form.form_errors.append("Wrong email or password.")
        else:
            throttle.clear(keys[0])
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
    if request.method != "POST":
        form.time_zone.data = current_settings().default_time_zone
        form.time_zone.render_kw = {"data-browser-zone": ""}  # static/app.js proposes the browser's
        return render_template("auth/setup.html", form=form)
    now, settings, keys = utcnow(), _settings(), [_address_key("setup")]
    wait = throttle.retry_after(keys, now, settings)
    if wait:
        return _throttled("auth/setup.html", form, wait)
    if form.validate():
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
    db.session.rollback()
    throttle.record_failure(keys, now, settings)
    db.session.commit()
    return render_template("auth/setup.html", form=form), 422


@bp.route("/logout", methods=["POST"])
@login_required
def logout():  # type: ignore[no-untyped-def]
    logout_user()
    flash("You are logged out.", "info")
    return redirect(url_for("auth.login"))


def _settings_page(
    form: SettingsForm | None = None, password_form: PasswordForm | None = None
) -> str:
    if form is None:
        form = SettingsForm(obj=current_user, formdata=None)
        form.time_zone.choices = accounts.time_zone_choices()
    return render_template(
        "auth/settings.html",
        form=form,
        password_form=password_form or PasswordForm(prefix="password", formdata=None),
        token_form=TokenForm(prefix="token", formdata=None),
        tokens=accounts.list_tokens(current_user),
        calendar_url=calendar_url(current_user),
        rotate_form=FlaskForm(formdata=None),
        new_token=session.pop(NEW_TOKEN_KEY, None),
        team_name=teams.team_of(current_user).name,
        member_count=len(teams.members(current_user)),
    )


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():  # type: ignore[no-untyped-def]
    form = SettingsForm(obj=current_user)
    form.time_zone.choices = accounts.time_zone_choices()
    return handle_form(
        form,
        lambda: accounts.update_settings(
            current_user, form.name.data, form.time_zone.data, form.clock.data
        ),
        lambda _: saved("Settings saved.", url_for("auth.settings")),
        lambda: _settings_page(form=form),
    )


@bp.route("/settings/password", methods=["POST"])
@login_required
def change_password():  # type: ignore[no-untyped-def]
    """A new password ends the account's other sessions; this one stays logged in."""
    form = PasswordForm(prefix="password")
    if not form.validate_on_submit():
        return _settings_page(password_form=form), 422
    now, settings = utcnow(), _settings()
    keys = [_account_key(current_user.email), _address_key("login")]
    wait = throttle.retry_after(keys, now, settings)
    if wait:
        form.form_errors.append(wait_message(wait))
        return _settings_page(password_form=form), 429, {"Retry-After": str(wait)}
    if not accounts.verify_password(current_user, form.current_password.data):
        throttle.record_failure(keys, now, settings)
        db.session.commit()
        form.current_password.errors = ["That is not your current password."]
        return _settings_page(password_form=form), 422
    try:
        accounts.change_password(current_user, form.new_password.data)
    except ServiceError as exc:
        db.session.rollback()
        apply_errors(form, exc)
        return _settings_page(password_form=form), 422
    throttle.clear(keys[0])
    db.session.commit()
    cookie = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
    remembered = bool(request.cookies.get(cookie))
    login_user(current_user._get_current_object(), remember=remembered)
    flash("Password changed. Your other sessions are logged out.", "success")
    return redirect(url_for("auth.settings"))


@bp.route("/settings/tokens", methods=["POST"])
@login_required
def create_token():  # type: ignore[no-untyped-def]
    """Redirect after the POST (a refresh makes no second token); the new token rides in the
    session to the settings page, which shows it once and forgets it."""
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
    session[NEW_TOKEN_KEY] = plain
    flash("Token created. Copy it now: it is shown only once.", "success")
    return redirect(url_for("auth.settings"))


@bp.route("/settings/calendar/rotate", methods=["POST"])
@login_required
def rotate_calendar():  # type: ignore[no-untyped-def]
    if FlaskForm().validate_on_submit():
        calendar.rotate(current_user, utcnow())
        db.session.commit()
        flash("New calendar address made: the old one no longer works.", "success")
    return redirect(url_for("auth.settings"))


@bp.route("/settings/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke_token(token_id: int):  # type: ignore[no-untyped-def]
    accounts.revoke_token(current_user, token_id, utcnow())
    db.session.commit()
    flash("Token revoked.", "info")
    return redirect(url_for("auth.settings"))
