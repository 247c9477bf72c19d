"""Teams: who is in one, joining by invitation, removing a member, roles, assigning work.

A team owns every row its members create (``services.scoping``); these are the changes to
the team itself. Owners invite, remove and change roles (:class:`Forbidden` for a member);
a team always keeps at least one active owner.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update

from recruiter.extensions import db
from recruiter.models import (
    ROLES,
    Interview,
    Invitation,
    Recruiter,
    Reminder,
    Team,
    new_session_token,
)
from recruiter.services import Forbidden, NotFound, ServiceError, accounts, audit
from recruiter.services.reminders.queries import OPEN
from recruiter.services.scoping import get_owned, owned

INVITATION_LIFETIME = timedelta(days=7)
INVITATION_PREFIX = "inv_"


@dataclass(frozen=True)
class Member:
    """A member as pages and the API show them: plain values, no lazy loads."""

    id: int
    email: str
    name: str
    role: str
    active: bool

    def as_json(self) -> dict[str, Any]:
        return {"email": self.email, "name": self.name, "role": self.role}


def _member(r: Recruiter) -> Member:
    return Member(r.id, r.email, r.name, r.role, r.active)


def team_of(actor: Recruiter) -> Team:
    team = db.session.get(Team, actor.team_id)
    assert team is not None  # recruiter.team_id is NOT NULL with a foreign key
    return team


def members(actor: Recruiter, include_removed: bool = False) -> list[Member]:
    """The actor's team, owners first, then by name."""
    query = select(Recruiter).where(Recruiter.team_id == actor.team_id)
    if not include_removed:
        query = query.where(Recruiter.active.is_(True))
    rows = db.session.scalars(query.order_by(Recruiter.role != "owner", Recruiter.name))
    return [_member(r) for r in rows]


def team_json(actor: Recruiter) -> dict[str, Any]:
    return {"name": team_of(actor).name, "members": [m.as_json() for m in members(actor)]}


def _require_owner(actor: Recruiter) -> None:
    if actor.role != "owner":
        raise Forbidden()


def get_member(actor: Recruiter, member_id: Any) -> Recruiter:
    """A recruiter of the actor's team (active or removed); anyone else is :class:`NotFound`."""
    try:
        member_id = int(member_id)
    except (TypeError, ValueError):
        raise NotFound("Recruiter") from None
    member = db.session.get(Recruiter, member_id) if 0 < member_id < 2**31 else None
    if member is None or member.team_id != actor.team_id:
        raise NotFound("Recruiter")
    return member


def active_member(actor: Recruiter, member_id: Any, field: str) -> Recruiter:
    """An active member of the actor's team, as a body names one (refused as ``field``)."""
    try:
        member = get_member(actor, member_id)
    except NotFound:
        raise ServiceError.field(field, "Not a member of your team.") from None
    if not member.active:
        raise ServiceError.field(field, f"{member.name} is no longer in the team.")
    return member


def _owners_left(team_id: int, without: int) -> int:
    return len(
        db.session.scalars(
            select(Recruiter.id).where(
                Recruiter.team_id == team_id,
                Recruiter.role == "owner",
                Recruiter.active.is_(True),
                Recruiter.id != without,
            )
        ).all()
    )


# --- invitations ------------------------------------------------------------------------------


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_invitation(
    actor: Recruiter, now: datetime, email: str | None = None, role: str = "member"
) -> tuple[Invitation, str]:
    """A one-time link to join the actor's team, valid for 7 days. The plain token is returned
    once; only its hash is stored."""
    _require_owner(actor)
    if role not in ROLES:
        raise ServiceError.field("role", f"Must be one of: {', '.join(ROLES)}.")
    address = accounts.normalise_email(email) if email and email.strip() else None
    if address and accounts.find_recruiter(address):
        raise ServiceError.field("email", f"An account for {address} already exists.")
    plain = INVITATION_PREFIX + secrets.token_urlsafe(32)
    invitation = Invitation(
        team_id=actor.team_id,
        token_hash=_hash(plain),
        email=address,
        role=role,
        invited_by_id=actor.id,
        created_at=now,
        expires_at=now + INVITATION_LIFETIME,
    )
    db.session.add(invitation)
    db.session.flush()
    audit.record(
        actor,
        actor.team_id,
        "invitation",
        invitation.id,
        "created",
        {"role": (None, role)},
        now=now,
    )
    return invitation, plain


def pending_invitations(actor: Recruiter, now: datetime) -> list[Invitation]:
    query = owned(Invitation, actor).where(
        Invitation.used_at.is_(None), Invitation.expires_at > now
    )
    return list(db.session.scalars(query.order_by(Invitation.created_at.desc())))


def withdraw_invitation(actor: Recruiter, invitation_id: Any, now: datetime) -> None:
    invitation = get_owned(Invitation, actor, invitation_id)  # another team's: 404 first
    _require_owner(actor)
    if invitation.used_at is None and invitation.expires_at > now:
        invitation.expires_at = now
        audit.record(actor, actor.team_id, "invitation", invitation.id, "withdrawn", now=now)
    db.session.flush()


def open_invitation(plain: str, now: datetime) -> Invitation:
    """The invitation this link holds, while it can still be used; otherwise
    :class:`ServiceError` saying why (used, expired) or :class:`NotFound` (no such link)."""
    if not plain.startswith(INVITATION_PREFIX) or len(plain) > 100:
        raise NotFound("Invitation")
    invitation = db.session.scalar(select(Invitation).where(Invitation.token_hash == _hash(plain)))
    if invitation is None:
        raise NotFound("Invitation")
    if invitation.used_at is not None:
        raise ServiceError("This invitation was already used: ask for a new one.")
    if invitation.expires_at <= now:
        raise ServiceError("This invitation has expired: ask for a new one.")
    return invitation


def accept_invitation(
    plain: str,
    now: datetime,
    email: str,
    password: str,
    name: str | None = None,
    time_zone: str = "UTC",
) -> Recruiter:
    """Join the invitation's team as a new recruiter; the link then works no more."""
    invitation = open_invitation(plain, now)
    if invitation.email and accounts.normalise_email(email) != invitation.email:
        raise ServiceError.field("email", f"This invitation is for {invitation.email}.")
    team = db.session.get(Team, invitation.team_id)
    recruiter = accounts.create_recruiter(
        email, password, name, time_zone, team=team, role=invitation.role
    )
    # Conditional, so two people opening one link cannot both join.
    taken = db.session.execute(
        update(Invitation)
        .where(Invitation.id == invitation.id, Invitation.used_at.is_(None))
        .values(used_at=now, used_by_id=recruiter.id)
        .execution_options(synchronize_session="fetch")
    )
    if not taken.rowcount:
        raise ServiceError("This invitation was already used: ask for a new one.")
    audit.record(
        recruiter,
        recruiter.team_id,
        "recruiter",
        recruiter.id,
        "joined",
        {"role": (None, recruiter.role)},
        now=now,
    )
    return recruiter


def add_member(
    actor: Recruiter,
    email: str,
    password: str,
    now: datetime,
    name: str | None = None,
    role: str = "member",
    time_zone: str | None = None,
) -> Recruiter:
    """A new account in the actor's team (``users create --team-of``)."""
    _require_owner(actor)
    recruiter = accounts.create_recruiter(
        email, password, name, time_zone or actor.time_zone, team=team_of(actor), role=role
    )
    audit.record(
        actor, actor.team_id, "recruiter", recruiter.id, "added", {"role": (None, role)}, now=now
    )
    return recruiter


# --- members ----------------------------------------------------------------------------------


def change_role(actor: Recruiter, member_id: Any, role: str, now: datetime) -> Recruiter:
    member = get_member(actor, member_id)
    _require_owner(actor)
    if role not in ROLES:
        raise ServiceError.field("role", f"Must be one of: {', '.join(ROLES)}.")
    if not member.active:
        raise ServiceError.field("member", f"{member.name} is no longer in the team.")
    if member.role == role:
        return member
    if role != "owner" and not _owners_left(member.team_id, without=member.id):
        raise ServiceError.field("role", "A team needs an owner: make someone else owner first.")
    audit.record(
        actor,
        actor.team_id,
        "recruiter",
        member.id,
        "role",
        {"role": (member.role, role)},
        now=now,
    )
    member.role = role
    db.session.flush()
    return member


def remove_member(actor: Recruiter, member_id: Any, now: datetime) -> int:
    """Take a member out of the team: they can no longer sign in (their sessions and tokens
    stop working), everything they created stays with the team, and their open reminders and
    the interviews they were in charge of pass to ``actor``. Returns how many reminders."""
    member = get_member(actor, member_id)
    _require_owner(actor)
    if not member.active:
        raise ServiceError.field("member", f"{member.name} is no longer in the team.")
    if member.role == "owner" and not _owners_left(member.team_id, without=member.id):
        raise ServiceError.field("member", "A team needs an owner: make someone else owner first.")
    member.active = False
    member.session_token = new_session_token()
    moved = db.session.execute(
        update(Reminder)
        .where(
            Reminder.team_id == actor.team_id,
            Reminder.assignee_id == member.id,
            Reminder.status.in_(OPEN),
        )
        .values(assignee_id=actor.id)
        .execution_options(synchronize_session="fetch")
    )
    db.session.execute(
        update(Interview)
        .where(Interview.team_id == actor.team_id, Interview.recruiter_id == member.id)
        .values(recruiter_id=actor.id)
        .execution_options(synchronize_session="fetch")
    )
    audit.record(
        actor,
        actor.team_id,
        "recruiter",
        member.id,
        "removed",
        {"active": (True, False)},
        now=now,
    )
    db.session.flush()
    return moved.rowcount or 0


def assign_reminder(
    actor: Recruiter, reminder_id: Any, assignee_id: Any, now: datetime
) -> Reminder:
    """Give a reminder to another (active) member of the team; anyone in the team may."""
    reminder = get_owned(Reminder, actor, reminder_id)
    assignee = active_member(actor, assignee_id, "assignee")
    if reminder.assignee_id != assignee.id:
        audit.record(
            actor,
            actor.team_id,
            "reminder",
            reminder.id,
            "assigned",
            {"assignee": (reminder.assignee_id, assignee.id)},
            now=now,
        )
        reminder.assignee_id = assignee.id
    db.session.flush()
    return reminder
