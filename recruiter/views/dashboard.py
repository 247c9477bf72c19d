"""The landing page after login."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, render_template
from flask_login import current_user, login_required

from recruiter.services import dashboard
from recruiter.views.helpers import utcnow

bp = Blueprint("dashboard", __name__)
bp.before_request(login_required(lambda: None))


@bp.route("/")
def index():  # type: ignore[no-untyped-def]
    now = utcnow()
    data = dashboard.overview(current_user, now, horizon=timedelta(days=7))
    return render_template("dashboard/index.html", data=data, now=now)
