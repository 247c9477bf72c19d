"""Recruiter accounts and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from importlib.resources import files
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from email_validator import EmailNotValidError, validate_email
from sqlalchemy import Select, bindparam, func, select

from recruiter.extensions import db
from recruiter.models import CLOCKS, ROLES, ApiToken, Recruiter, Team, new_session_token
from recruiter.services import ServiceError, throttle
from recruiter.services.scoping import get_owned, owned

# argon2id with the RFC 9106 "low memory" profile (64 MiB, 3 passes, 4 lanes): above OWASP's
# minimum (19 MiB, 2 passes, 1 lane).
_hasher = PasswordHasher()
MIN_PASSWORD_LENGTH = 12
NAME_MAX = Recruiter.__table__.c.name.type.length
# A local part shorter than this ("m@example.com") is not looked for in the password.
MIN_LOCAL_PART_IN_PASSWORD = 3
TOKEN_PREFIX = "rl_"  # noqa: S105 (a label, not a secret)
# A token's last use is kept to the minute: an API client making many calls a second does not
# rewrite its token row on each one.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def normalise_email(email: str) -> str:
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise ServiceError.field("email", f"Not a valid email address: {exc}") from None


def check_time_zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ServiceError.field(
            "time_zone", f"Unknown time zone {name!r}; use a name like Europe/Paris."
        ) from None
    return name


def time_zone_choices() -> list[str]:
    return sorted(available_timezones())


@cache
def common_passwords() -> frozenset[str]:
    """The common passwords shipped in ``recruiter/data/common-passwords.txt``, case-folded."""
    text = files("recruiter").joinpath("data/common-passwords.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip().casefold() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


def check_password(password: str, email: str, field: str = "password") -> None:
    """The password rule, the same for the setup form, the CLI and the password form: at least
    12 characters, not a common password, not containing the e-mail's local part (ignoring
    case)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ServiceError.field(field, f"Use at least {MIN_PASSWORD_LENGTH} characters.")
    folded = password.casefold()
    if folded in common_passwords() or folded.strip() in common_passwords():
        raise ServiceError.field(
            field, "This password is in a list of common passwords: choose another."
        )
    local = email.strip().rpartition("@")[0].casefold()
    if len(local) >= MIN_LOCAL_PART_IN_PASSWORD and local in folded:
        raise ServiceError.field(
            field, f"The password contains your e-mail's name ({local!r}): choose another."
        )


def count_recruiters() -> int:
    return db.session.scalar(select(func.count(Recruiter.id))) or 0


def find_recruiter(email: str) -> Recruiter | None:
    return db.session.scalar(select(Recruiter).where(Recruiter.email == email.strip().lower()))


def create_recruiter(
    email: str,
    password: str,
    name: str | None = None,
    time_zone: str = "UTC",
    team: Team | None = None,
    role: str = "owner",
) -> Recruiter:
    """A new account, in ``team`` with ``role``; without a team, the owner of a new
    one-person team named after them."""
    email = normalise_email(email)
    check_password(password, email)
    check_time_zone(time_zone)
    if role not in ROLES:
        raise ServiceError.field("role", f"Must be one of: {', '.join(ROLES)}.")
    if find_recruiter(email):
        raise ServiceError.field("email", f"An account for {email} already exists.")
    name = (name or "").strip() or email.split("@")[0]
    if len(name) > NAME_MAX:
        raise ServiceError.field("name", f"At most {NAME_MAX} characters.")
    if team is None:
        team, role = Team(name=name), "owner"
        db.session.add(team)
        db.session.flush()
    recruiter = Recruiter(
        email=email,
        name=name,
        password_hash=_hasher.hash(password),
        time_zone=time_zone,
        team_id=team.id,
        role=role,
    )
    db.session.add(recruiter)
    db.session.flush()
    return recruiter


def _members_by_id(team_id: int, column: Any) -> dict[int, str]:
    rows = db.session.execute(select(Recruiter.id, column).where(Recruiter.team_id == team_id))
    return {row[0]: row[1] for row in rows}


def member_names(team_id: int) -> dict[int, str]:
    """Every member's name by id, removed ones included: who did what, on pages."""
    return _members_by_id(team_id, Recruiter.name)


def member_emails(team_id: int) -> dict[int, str]:
    """Every member's e-mail by id, removed ones included: who did what, in the API."""
    return _members_by_id(team_id, Recruiter.email)


def stand_in(members: Iterable[Recruiter]) -> Recruiter | None:
    """Who acts for a team when the member in charge of something is gone (or nobody is): its
    first active owner, else its first active member; None if nobody is left."""
    active = [m for m in sorted(members, key=lambda m: m.id) if m.active]
    return next((m for m in active if m.role == "owner"), None) or next(iter(active), None)


def active_members(team_id: int) -> list[Recruiter]:
    """The team's active members by name (who a reminder can be given to)."""
    query = select(Recruiter).where(Recruiter.team_id == team_id, Recruiter.active.is_(True))
    return list(db.session.scalars(query.order_by(Recruiter.name, Recruiter.id)))


def authenticate(email: str, password: str) -> Recruiter | None:
    recruiter = find_recruiter(email)
    if recruiter is None or not recruiter.active:
        # Spend the same time as a real check so the answer does not reveal accounts.
        _hasher.hash(password)
        return None
    if not verify_password(recruiter, password):
        return None
    if _hasher.check_needs_rehash(recruiter.password_hash):
        recruiter.password_hash = _hasher.hash(password)
    return recruiter


def verify_password(recruiter: Recruiter, password: str) -> bool:
    try:
        return _hasher.verify(recruiter.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def change_password(recruiter: Recruiter, new_password: str) -> None:
    """Set a new password (checked by :func:`check_password`) and a new session token, which
    ends every session and remember-me cookie of the account: the caller logs the current one
    in again. The current password is the caller's to verify (and to throttle)."""
    check_password(new_password, recruiter.email, field="new_password")
    recruiter.password_hash = _hasher.hash(new_password)
    recruiter.session_token = new_session_token()
    db.session.flush()


def recruiter_for_session(user_id: str) -> Recruiter | None:
    """The active account of a Flask-Login user id ``<id>:<session_token>`` (a session or a
    remember-me cookie), if the token is still the account's."""
    raw_id, _, token = user_id.partition(":")
    if not raw_id.isdigit() or not token or int(raw_id) > 2**63 - 1:
        return None
    recruiter = db.session.get(Recruiter, int(raw_id))
    if recruiter is None or not recruiter.active:
        return None
    if not secrets.compare_digest(recruiter.session_token.encode(), token.encode()):
        return None
    return recruiter


def update_settings(
    recruiter: Recruiter, name: str, time_zone: str, clock: str | None = None
) -> None:
    """The recruiter's name, time zone and (when given) clock, ``24h`` or ``12h``."""
    recruiter.name = name.strip() or recruiter.name
    recruiter.time_zone = check_time_zone(time_zone)
    if clock is not None:
        if clock not in CLOCKS:
            raise ServiceError.field("clock", f"Choose one of: {', '.join(CLOCKS)}.")
        recruiter.clock = clock
    db.session.flush()


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(recruiter: Recruiter, name: str = "") -> tuple[ApiToken, str]:
    """A new API token. The plain token is returned once; only its hash is stored."""
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        owner_id=recruiter.id, name=name, token_hash=_hash_token(plain), prefix=plain[:10]
    )
    db.session.add(token)
    db.session.flush()
    return token, plain


def recruiter_for_token(plain: str, now: datetime) -> Recruiter | None:
    """The active account of an unrevoked token, in one query. The token's
    ``last_used_at`` is set (not flushed) only when it is a minute or more old, so it is
    written at most once a minute, by whatever commit comes next."""
    found = db.session.execute(_token_query(), {"token_hash": _hash_token(plain)}).first()
    return None if found is None else _use_token(found[0], found[1], now)


@dataclass(frozen=True)
class TokenCheck:
    recruiter: Recruiter | None  # None: unknown, revoked or inactive (a failure to record)
    retry_after: int | None = None  # the client is throttled: refuse, whatever the token


def check_token(
    plain: str, now: datetime, client_key: str, settings: throttle.ThrottleSettings
) -> TokenCheck:
    """:func:`throttle.retry_after` of the client's key, then :func:`recruiter_for_token`,
    in one statement when the token is known (the throttle rides along as a column); an
    unknown token asks the throttle on its own."""
    values = {
        "token_hash": _hash_token(plain),
        **throttle.nth_failure_values(client_key, now, settings),
    }
    found = db.session.execute(_token_check_query(), values).first()
    if found is None:
        return TokenCheck(None, throttle.retry_after([client_key], now, settings))
    recruiter, token, nth = found
    wait = throttle.wait_after(nth, now, settings)
    if wait:
        return TokenCheck(None, wait)
    return TokenCheck(_use_token(recruiter, token, now))


@cache
def _token_query() -> Select[tuple[Recruiter, ApiToken]]:
    """The account and the unrevoked token of a ``token_hash``. Built once: every API request
    runs it, and building it (two entities, their columns) cost more than running it."""
    return (
        select(Recruiter, ApiToken)
        .join(ApiToken, ApiToken.owner_id == Recruiter.id)
        .where(ApiToken.token_hash == bindparam("token_hash"), ApiToken.revoked_at.is_(None))
    )


@cache
def _token_check_query() -> Select[tuple[Recruiter, ApiToken, datetime | None]]:
    return _token_query().add_columns(throttle.nth_failure())


def _use_token(recruiter: Recruiter, token: ApiToken, now: datetime) -> Recruiter | None:
    if not recruiter.active:
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        token.last_used_at = now
    return recruiter


def list_tokens(recruiter: Recruiter) -> list[ApiToken]:
    return list(db.session.scalars(owned(ApiToken, recruiter).order_by(ApiToken.id.desc())))


def revoke_token(recruiter: Recruiter, token_id: int, now: datetime) -> ApiToken:
    token = get_owned(ApiToken, recruiter, token_id)
    if token.revoked_at is None:
        token.revoked_at = now
    db.session.flush()
    return token
