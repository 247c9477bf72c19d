"""E-mail digests of due reminders: one message per recruiter per sweep, sent at least once.

A digest goes through three steps, each its own short transaction (the caller commits between
them, see ``recruiter.jobs.email_digests``):

1. :func:`claim_digest` stamps the recruiter's due, unsent reminders with ``email_claimed_at``
   (a conditional ``UPDATE ... RETURNING``), so a second sender running at the same moment
   finds nothing to send;
2. :func:`deliver` talks to the SMTP server (no database work);
3. :func:`record_delivery` marks the reminders ``emailed_at`` only if the server accepted the
   message, or else releases the claim and keeps the error: they stay unsent and the next
   sweep tries again. ``email_attempts`` counts the tries.

If the process dies between 2 and 3 (the server accepted, nothing recorded), the claim expires
after ``claim_lease`` and a later sweep sends the digest again: delivery is *at least once*.
That is the right way round for reminders: a lost reminder is a missed interview, a duplicate
is a second look at the same list; and "exactly once" cannot be had across two systems (the
SMTP server and the database) without a shared transaction, which SMTP does not offer. The
``Message-ID`` is derived from the recruiter and the reminder ids, so the repeat of a digest
carries the same ``Message-ID`` as the first and mail clients that de-duplicate by it show it
once.
"""

from __future__ import annotations

import hashlib
import logging
import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import selectinload

from recruiter import localtime
from recruiter.extensions import db
from recruiter.models import Recruiter, Reminder
from recruiter.services.reminders.queries import OPEN, due_clause
from recruiter.services.scoping import owned

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MailSettings:
    server: str
    port: int = 25
    username: str | None = None
    password: str | None = None
    use_tls: bool = False  # STARTTLS on a plain connection (port 587)
    use_ssl: bool = False  # TLS from the first byte (port 465)
    sender: str = "reliant@localhost"
    base_url: str | None = None  # e.g. https://reliant.example.com, for the link in the mail
    timeout: float = 30.0
    # A claim older than this is taken as a sender that died: its digest is sent again.
    claim_lease: timedelta = timedelta(minutes=10)


@dataclass(frozen=True)
class Digest:
    owner_id: int
    reminder_ids: tuple[int, ...]
    message: EmailMessage


def _unsent(now: datetime, lease: timedelta) -> Any:
    return and_(
        Reminder.status.in_(OPEN),
        due_clause(now),
        Reminder.emailed_at.is_(None),
        or_(Reminder.email_claimed_at.is_(None), Reminder.email_claimed_at <= now - lease),
    )


def owners_with_mail_due(now: datetime, settings: MailSettings) -> list[int]:
    """Active recruiters with due reminders of their own not yet e-mailed (nor being e-mailed)."""
    query = (
        select(Reminder.assignee_id)
        .join(Recruiter, Recruiter.id == Reminder.assignee_id)
        .where(Recruiter.active.is_(True), _unsent(now, settings.claim_lease))
        .distinct()
        .order_by(Reminder.assignee_id)
    )
    return list(db.session.scalars(query))


def claim_digest(owner_id: int, now: datetime, settings: MailSettings) -> Digest | None:
    """Claim the due, unsent reminders assigned to the recruiter and build their digest
    (flushes only; the caller commits the claim before sending)."""
    owner = db.session.get(Recruiter, owner_id)
    if owner is None or not owner.active:
        return None
    claimed = db.session.scalars(
        update(Reminder)
        .where(Reminder.assignee_id == owner.id, _unsent(now, settings.claim_lease))
        .values(email_claimed_at=now, email_attempts=Reminder.email_attempts + 1)
        .returning(Reminder.id)
        .execution_options(synchronize_session=False)
    ).all()
    if not claimed:
        return None
    rows = list(
        db.session.scalars(
            owned(Reminder, owner)
            .where(Reminder.id.in_(claimed))
            .options(selectinload(Reminder.candidate))
            .order_by(Reminder.due_at, Reminder.id)
            .execution_options(populate_existing=True)
        )
    )
    ids = tuple(r.id for r in rows)
    return Digest(owner.id, ids, build_message(owner, rows, now, settings))


def message_id(owner_id: int, reminder_ids: tuple[int, ...], sender: str) -> str:
    """The same recruiter and reminders give the same Message-ID (see the module docstring)."""
    digest = hashlib.sha256(
        f"{owner_id}:{','.join(map(str, sorted(reminder_ids)))}".encode()
    ).hexdigest()[:32]
    domain = sender.rpartition("@")[2] or "reliant.invalid"
    return f"<reminders.{owner_id}.{digest}@{domain}>"


def build_message(
    owner: Recruiter, rows: list[Reminder], now: datetime, settings: MailSettings
) -> EmailMessage:
    count = len(rows)
    noun = "reminder" if count == 1 else "reminders"
    lines = [f"Hello {owner.name},", "", f"{count} {noun} due in Reliant:", ""]
    for row in rows:
        local = localtime.to_local(row.due_at, owner.time_zone)
        lines.append(
            f"- {local:%a %d %b} {localtime.clock_text(local, owner.clock)} - {row.message}"
        )
    lines.append("")
    if settings.base_url:
        lines.append(f"Act on them in one click: {settings.base_url.rstrip('/')}/")
    else:
        lines.append("Act on them on your Today page in Reliant.")
    message = EmailMessage()
    message["Subject"] = f"Reliant: {count} {noun} due"
    message["From"] = settings.sender
    message["To"] = formataddr((owner.name, owner.email))
    message["Date"] = format_datetime(now)
    message["Message-ID"] = message_id(owner.id, tuple(r.id for r in rows), settings.sender)
    message["X-Reliant-Reminders"] = ",".join(str(r.id) for r in rows)
    message.set_content("\n".join(lines) + "\n")
    return message


def send(message: EmailMessage, settings: MailSettings) -> str | None:
    """Hand a message to the SMTP server. ``None`` once it accepted, else why it did not."""
    try:
        # Either way the server's certificate is verified against the system's CAs.
        context = ssl.create_default_context()
        if settings.use_ssl:
            smtp = smtplib.SMTP_SSL(
                settings.server, settings.port, timeout=settings.timeout, context=context
            )
        else:
            smtp = smtplib.SMTP(settings.server, settings.port, timeout=settings.timeout)
        with smtp:
            if settings.use_tls and not settings.use_ssl:
                smtp.starttls(context=context)
            if settings.username:
                smtp.login(settings.username, settings.password or "")
            smtp.send_message(message)
    except (smtplib.SMTPException, OSError) as exc:
        log.warning("mail to %s not delivered: %s", message["To"], exc)
        return f"{exc.__class__.__name__}: {exc}"[:1000]
    return None


def deliver(digest: Digest, settings: MailSettings) -> str | None:
    """Hand the digest to the SMTP server. ``None`` once it accepted, else why it did not."""
    return send(digest.message, settings)


def invitation_message(
    inviter: Recruiter,
    team_name: str,
    to: str,
    link: str,
    expires_at: datetime,
    now: datetime,
    settings: MailSettings,
) -> EmailMessage:
    """The e-mail that carries an invitation link to the person invited."""
    until = localtime.to_local(expires_at, inviter.time_zone)
    message = EmailMessage()
    message["Subject"] = f"{inviter.name} invites you to {team_name} on Reliant"
    message["From"] = settings.sender
    message["To"] = to
    message["Date"] = format_datetime(now)
    message.set_content(
        f"Hello,\n\n{inviter.name} ({inviter.email}) invites you to join {team_name} on "
        f"Reliant, to share its candidates, interviews and follow-ups.\n\n"
        f"Set your name and password here (the link works once, until "
        f"{until:%a %d %b %Y %H:%M} {inviter.time_zone}):\n{link}\n"
    )
    return message


def record_delivery(digest: Digest, now: datetime, error: str | None) -> None:
    """After the server answered: sent (``emailed_at``), or released for the next sweep."""
    values: dict[str, Any] = {"email_claimed_at": None, "email_error": error}
    if error is None:
        values["emailed_at"] = now
    db.session.execute(
        update(Reminder)
        .where(Reminder.id.in_(digest.reminder_ids), Reminder.emailed_at.is_(None))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    db.session.flush()
