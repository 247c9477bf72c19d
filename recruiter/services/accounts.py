"""Recruiter accounts and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select

from recruiter.extensions import db
from recruiter.models import ApiToken, Recruiter
from recruiter.services import ServiceError
from recruiter.services.scoping import get_owned, owned

# argon2id with the RFC 9106 "low memory" profile (64 MiB, 3 passes, 4 lanes): above OWASP's
# minimum (19 MiB, 2 passes, 1 lane).
_hasher = PasswordHasher()
MIN_PASSWORD_LENGTH = 10
TOKEN_PREFIX = "rl_"  # noqa: S105 (a label, not a secret)


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


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ServiceError.field("password", f"Use at least {MIN_PASSWORD_LENGTH} characters.")


def count_recruiters() -> int:
    return db.session.scalar(select(func.count(Recruiter.id))) or 0


def find_recruiter(email: str) -> Recruiter | None:
    return db.session.scalar(select(Recruiter).where(Recruiter.email == email.strip().lower()))


def create_recruiter(
    email: str, password: str, name: str | None = None, time_zone: str = "UTC"
) -> Recruiter:
    email = normalise_email(email)
    check_password(password)
    check_time_zone(time_zone)
    if find_recruiter(email):
        raise ServiceError.field("email", f"An account for {email} already exists.")
    recruiter = Recruiter(
        email=email,
        name=(name or "").strip() or email.split("@")[0],
        password_hash=_hasher.hash(password),
        time_zone=time_zone,
    )
    db.session.add(recruiter)
    db.session.flush()
    return recruiter


def authenticate(email: str, password: str) -> Recruiter | None:
    recruiter = find_recruiter(email)
    if recruiter is None or not recruiter.active:
        # Spend the same time as a real check so the answer does not reveal accounts.
        _hasher.hash(password)
        return None
    try:
        _hasher.verify(recruiter.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if _hasher.check_needs_rehash(recruiter.password_hash):
        recruiter.password_hash = _hasher.hash(password)
    return recruiter


def update_settings(recruiter: Recruiter, name: str, time_zone: str) -> None:
    recruiter.name = name.strip() or recruiter.name
    recruiter.time_zone = check_time_zone(time_zone)
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
    token = db.session.scalar(
        select(ApiToken).where(
            ApiToken.token_hash == _hash_token(plain), ApiToken.revoked_at.is_(None)
        )
    )
    if token is None or not token.owner.active:
        return None
    token.last_used_at = now
    return token.owner


def list_tokens(recruiter: Recruiter) -> list[ApiToken]:
    return list(db.session.scalars(owned(ApiToken, recruiter).order_by(ApiToken.id.desc())))


def revoke_token(recruiter: Recruiter, token_id: int, now: datetime) -> ApiToken:
    token = get_owned(ApiToken, recruiter, token_id)
    if token.revoked_at is None:
        token.revoked_at = now
    db.session.flush()
    return token
