"""The landing page after login."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from recruiter.extensions import db
from recruiter.services import ServiceError, alerts, chart_months, dashboard, demo
from recruiter.settings import current as current_settings
from recruiter.views import charts as svg
from recruiter.views.helpers import utcnow

bp = Blueprint("dashboard", __name__)
bp.before_request(login_required(lambda: None))


@bp.route("/")
def index():  # type: ignore[no-untyped-def]
    now = utcnow()
    # "Today" shows the recruiter's own reminders, or the whole team's (?reminders=team).
    whole_team = request.args.get("reminders") == "team"
    data = dashboard.overview(current_user, now, horizon=timedelta(days=7), whole_team=whole_team)
    attention = alerts.for_dashboard(current_user, now, current_settings().ghost)
    page = render_template(
        "dashboard/index.html",
        data=data,
        now=now,
        charts=_charts(now),
        attention=attention,
        demo_form=FlaskForm(formdata=None) if not data["has_data"] else None,
        demo_size=demo.CANDIDATES,
    )
    # The chart months this view had to count are kept for the next one. After rendering:
    # a commit expires the rows the page shows.
    db.session.commit()
    return page


@bp.route("/demo", methods=["POST"])
def load_demo():  # type: ignore[no-untyped-def]
    """ "Load demo data": the demo network in this (empty) account, so nobody needs the CLI."""
    back = redirect(url_for("dashboard.index"))
    if not FlaskForm().validate_on_submit():
        flash("This form has expired: reload the page and try again.", "danger")
        return back
    try:
        counts = demo.load(current_user, utcnow())
    except ServiceError as exc:
        db.session.rollback()
        flash(f"Nothing loaded: {exc.message}", "warning")
        return back
    db.session.commit()
    flash(
        f"Demo data loaded: {counts['candidates']} candidates, {counts['interviews']} interviews "
        f"and {counts['outreach']} outreach. Delete them one by one when you start for real.",
        "success",
    )
    return back


def _charts(now):  # type: ignore[no-untyped-def]
    figures = chart_months.dashboard(current_user, now)
    attendance, scores, response = figures["attendance"], figures["scores"], figures["response"]
    months = [month_label(m) for m in attendance["months"]]
    return {
        "attendance": attendance,
        "attendance_svg": svg.stacked_bars(months, list(attendance["series"].values())),
        "scores": scores,
        "scores_svg": svg.stacked_bars(
            [lbl.split("–")[0] for lbl in scores["labels"]], [scores["counts"]]
        ),
        "response": response,
        "response_svg": svg.line(months, response["median_hours"]),
    }


def month_label(key: str) -> str:
    from datetime import datetime

    return datetime.strptime(key, "%Y-%m").strftime("%b")
