"""The team: members and roles, invitation links, and joining from one (no login)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user
from flask_wtf import FlaskForm

from recruiter.extensions import db
from recruiter.forms import InvitationForm, JoinForm, RoleForm
from recruiter.models import Recruiter, Team
from recruiter.services import Forbidden, NotFound, ServiceError, accounts, audit, mail, teams
from recruiter.settings import current as current_settings
from recruiter.views.helpers import apply_errors, paginate, utcnow

bp = Blueprint("team", __name__)

NEW_INVITATION_KEY = "new_invitation_link"  # the session key carrying a new link to the page


def _page(invitation_form: InvitationForm | None = None):  # type: ignore[no-untyped-def]
    now = utcnow()
    return render_template(
        "team/index.html",
        team=teams.team_of(current_user),
        members=teams.members(current_user, include_removed=True),
        invitations=teams.pending_invitations(current_user, now),
        invitation_form=invitation_form or InvitationForm(formdata=None),
        role_form=RoleForm(formdata=None),
        action_form=FlaskForm(formdata=None),
        new_link=session.pop(NEW_INVITATION_KEY, None),
        is_owner=current_user.is_owner,
    )


@bp.route("/settings/team")
@login_required
def index():  # type: ignore[no-untyped-def]
    return _page()


def _owner_only(exc: Forbidden):  # type: ignore[no-untyped-def]
    db.session.rollback()
    flash(exc.message, "danger")
    return redirect(url_for("team.index")), 303


@bp.route("/settings/team/activity")
@login_required
def activity():  # type: ignore[no-untyped-def]
    """The audit trail: who in the team changed what, newest first."""
    entity = request.args.get("entity") or None
    return render_template(
        "team/activity.html",
        page=paginate(audit.trail(current_user, entity)),
        entity=entity,
        entities=audit.trail_entities(current_user),
        names=accounts.member_names(current_user.team_id),
    )


@bp.route("/settings/team/invitations", methods=["POST"])
@login_required
def invite():  # type: ignore[no-untyped-def]
    """A new link, shown once on the next page (and e-mailed when mail is set up)."""
    form = InvitationForm()
    if not form.validate_on_submit():
        return _page(invitation_form=form), 422
    now = utcnow()
    try:
        invitation, plain = teams.create_invitation(
            current_user, now, form.email.data, form.role.data
        )
    except Forbidden as exc:
        return _owner_only(exc)
    except ServiceError as exc:
        db.session.rollback()
        apply_errors(form, exc)
        return _page(invitation_form=form), 422
    db.session.commit()
    link = url_for("team.join", token=plain, _external=True)
    session[NEW_INVITATION_KEY] = link
    mail_settings = current_settings().mail
    if invitation.email and mail_settings is not None:
        message = mail.invitation_message(
            current_user,
            teams.team_of(current_user).name,
            invitation.email,
            link,
            invitation.expires_at,
            now,
            mail_settings,
        )
        error = mail.send(message, mail_settings)
        if error:
            flash(f"Invitation made, but the e-mail failed ({error}): copy the link.", "warning")
            return redirect(url_for("team.index"))
        flash(f"Invitation e-mailed to {invitation.email}; the link is also below.", "success")
        return redirect(url_for("team.index"))
    flash("Invitation made: copy the link and send it. It works once, for 7 days.", "success")
    return redirect(url_for("team.index"))


@bp.route("/settings/team/invitations/<int:invitation_id>/withdraw", methods=["POST"])
@login_required
def withdraw(invitation_id: int):  # type: ignore[no-untyped-def]
    if not FlaskForm().validate_on_submit():
        abort(400)
    try:
        teams.withdraw_invitation(current_user, invitation_id, utcnow())
    except Forbidden as exc:
        return _owner_only(exc)
    db.session.commit()
    flash("Invitation withdrawn: its link no longer works.", "info")
    return redirect(url_for("team.index"))


def _member_change(change, done: str):  # type: ignore[no-untyped-def]
    try:
        member = change()
    except Forbidden as exc:
        return _owner_only(exc)
    except ServiceError as exc:
        db.session.rollback()
        flash(exc.message, "danger")
        return redirect(url_for("team.index")), 303
    db.session.commit()
    flash(done.format(member=member), "success")
    return redirect(url_for("team.index"))


@bp.route("/settings/team/members/<int:member_id>/role", methods=["POST"])
@login_required
def change_role(member_id: int):  # type: ignore[no-untyped-def]
    teams.get_member(current_user, member_id)  # another team's: 404
    form = RoleForm()
    if not form.validate_on_submit():
        flash("Choose a role: owner or member.", "danger")
        return redirect(url_for("team.index")), 303
    return _member_change(
        lambda: teams.change_role(current_user, member_id, form.role.data, utcnow()),
        "{member.name} is now {member.role}.",
    )


@bp.route("/settings/team/members/<int:member_id>/remove", methods=["POST"])
@login_required
def remove(member_id: int):  # type: ignore[no-untyped-def]
    if not FlaskForm().validate_on_submit():
        abort(400)
    member = teams.get_member(current_user, member_id)
    return _member_change(
        lambda: (teams.remove_member(current_user, member_id, utcnow()), member)[1],
        "{member.name} was removed; what they did stays, their open reminders are yours.",
    )


@bp.route("/join/<token>", methods=["GET", "POST"])
def join(token: str):  # type: ignore[no-untyped-def]
    """Open to anyone holding the link: set name and password, and you are in the team."""
    now = utcnow()
    try:
        invitation = teams.open_invitation(token, now)
    except NotFound:
        return render_template("team/join_invalid.html", reason=None), 404
    except ServiceError as exc:
        return render_template("team/join_invalid.html", reason=exc.message), 410
    team = db.session.get(Team, invitation.team_id)
    inviter = (
        db.session.get(Recruiter, invitation.invited_by_id) if invitation.invited_by_id else None
    )
    page = {"team": team, "invitation": invitation, "inviter": inviter.name if inviter else None}
    form = JoinForm()
    form.time_zone.choices = accounts.time_zone_choices()
    if request.method != "POST":
        form.email.data = invitation.email
        form.time_zone.data = current_settings().default_time_zone
        form.time_zone.render_kw = {"data-browser-zone": ""}
        return render_template("team/join.html", form=form, **page)
    if form.validate():
        try:
            recruiter = teams.accept_invitation(
                token,
                now,
                form.email.data,
                form.password.data,
                form.name.data,
                form.time_zone.data,
            )
        except ServiceError as exc:
            db.session.rollback()
            apply_errors(form, exc)
        else:
            db.session.commit()
            login_user(recruiter)
            flash(f"Welcome to {team.name}: its candidates are yours to work on.", "success")
            return redirect(url_for("dashboard.index"))
    return render_template("team/join.html", form=form, **page), 422
