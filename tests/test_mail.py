"""E-mail digests against a real SMTP server (aiosmtpd on 127.0.0.1): one message per recruiter
per sweep, marked sent only once the server accepted it, retried after a refusal, never sent
twice after success."""

from __future__ import annotations

import email
import socket
import threading
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.policy import default

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from sqlalchemy import select

from recruiter import jobs
from recruiter.extensions import db
from recruiter.models import Reminder
from recruiter.services import mail, reminders
from recruiter.settings import current_of

SWEPT = datetime(2026, 3, 12, 9, 30, tzinfo=UTC)  # a Thursday, in working hours


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Mailbox:
    """An aiosmtpd handler that keeps what it accepts, or refuses everything with 550."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refuse = False
        self.logins: list[tuple[str, str]] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        if self.refuse:
            return "550 5.7.1 Message refused by policy"
        self.messages.append(email.message_from_bytes(envelope.content, policy=default))
        return "250 2.0.0 OK"

    def authenticate(self, server, session, envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
        login = (auth_data.login.decode(), auth_data.password.decode())
        self.logins.append(login)
        return AuthResult(success=login == ("reliant", "s3cret"))


@pytest.fixture
def mailbox(app, configure):  # type: ignore[no-untyped-def]
    box = Mailbox()
    port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    configure(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_FROM="reliant@example.com")
    yield box
    controller.stop()


@pytest.fixture
def due(recruiter, make_recruiter, make_candidate, make_interview, make_outreach):  # type: ignore[no-untyped-def]
    """Morgan has two due reminders, Robin one."""
    made = SWEPT - timedelta(days=3, hours=1)
    ada = make_candidate(recruiter, now=made)
    make_interview(recruiter, ada, now=made, scheduled_at=SWEPT - timedelta(hours=4))
    make_outreach(recruiter, ada, now=made, sent_at=made)
    robin = make_recruiter(email="robin@example.com", name="Robin Reyes")
    bob = make_candidate(robin, now=made, full_name="Bob Babbage")
    make_outreach(robin, bob, now=made, sent_at=made)
    reminders.sweep(SWEPT, reminders.ReminderSettings())
    db.session.commit()
    return {"morgan": recruiter, "robin": robin}


def run_digests(now: datetime) -> str:
    (result,) = jobs.run_all(now, {"email_digests"})
    assert result.ok, result.summary
    return result.summary


def reminder_rows() -> list[Reminder]:
    db.session.expire_all()
    return list(db.session.scalars(select(Reminder).order_by(Reminder.id)))


def test_mail_digest_arrives_once_per_recruiter_per_sweep(mailbox, due):
    assert run_digests(SWEPT) == "2 digests sent, 0 failed"
    assert sorted(m["To"] for m in mailbox.messages) == [
        "Morgan Avery <morgan@example.com>",
        "Robin Reyes <robin@example.com>",
    ]
    morgan = next(m for m in mailbox.messages if "morgan" in m["To"])
    body = morgan.get_content()
    assert morgan["Subject"] == "Reliant: 2 reminders due"
    assert morgan["From"] == "reliant@example.com"
    for row in reminder_rows():
        if row.assignee_id == due["morgan"].id:
            assert row.message in body
    assert all(r.emailed_at == SWEPT and r.email_attempts == 1 for r in reminder_rows())

    assert run_digests(SWEPT + timedelta(minutes=1)) == "0 digests sent, 0 failed"
    assert len(mailbox.messages) == 2  # never twice after success


def test_mail_later_reminders_make_a_new_digest_of_only_them(mailbox, due, make_candidate):
    run_digests(SWEPT)
    owner = due["morgan"]
    later = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)  # Monday: Cy's text of Thursday is due
    cy = make_candidate(owner, now=SWEPT, full_name="Cy Hopper")
    from recruiter.services import outreach

    outreach.create_outreach(
        owner, {"candidate_id": cy.id, "channel": "text", "sent_at": SWEPT}, SWEPT
    )
    db.session.commit()
    reminders.sweep(later, reminders.ReminderSettings())
    db.session.commit()
    assert run_digests(later) == "1 digests sent, 0 failed"
    newest = mailbox.messages[-1]
    assert newest["Subject"] == "Reliant: 1 reminder due"
    assert "Cy Hopper" in newest.get_content()
    assert "Ada Lovelace" not in newest.get_content()


def test_mail_refused_digest_stays_unsent_and_goes_out_later_once(mailbox, due):
    mailbox.refuse = True
    assert run_digests(SWEPT) == "0 digests sent, 2 failed"
    rows = reminder_rows()
    assert all(r.emailed_at is None for r in rows)
    assert all(r.email_attempts == 1 and "550" in (r.email_error or "") for r in rows)
    assert all(r.email_claimed_at is None for r in rows)  # released for the next sweep

    mailbox.refuse = False
    assert run_digests(SWEPT + timedelta(minutes=1)) == "2 digests sent, 0 failed"
    assert run_digests(SWEPT + timedelta(minutes=2)) == "0 digests sent, 0 failed"
    assert len(mailbox.messages) == 2
    rows = reminder_rows()
    assert all(r.emailed_at == SWEPT + timedelta(minutes=1) for r in rows)
    assert all(r.email_attempts == 2 and r.email_error is None for r in rows)


def test_mail_server_down_is_retried_later(app, configure, due):
    configure(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())  # nobody listens
    assert run_digests(SWEPT) == "0 digests sent, 2 failed"
    assert all(r.emailed_at is None and r.email_error for r in reminder_rows())


def test_mail_off_without_a_server(app, configure, due):
    configure(MAIL_SERVER=None)
    assert run_digests(SWEPT) == "skipped: MAIL_SERVER is not set"
    assert all(r.email_attempts == 0 for r in reminder_rows())


def test_mail_waits_until_the_reminder_is_due(mailbox, recruiter, make_candidate, make_outreach):
    sent = datetime(2026, 3, 9, 3, 0, tzinfo=UTC)
    make_outreach(recruiter, make_candidate(recruiter, now=sent), now=sent, sent_at=sent)
    made = sent + timedelta(days=3)  # 03:00: made now, due at 08:00
    reminders.sweep(made, reminders.ReminderSettings())
    db.session.commit()
    assert run_digests(made) == "0 digests sent, 0 failed"
    assert run_digests(made.replace(hour=8)) == "1 digests sent, 0 failed"


def test_mail_crash_after_sending_resends_once_with_the_same_message_id(app, mailbox, due):
    """The server accepted, then the process died before recording it: at least once."""
    settings = current_of(app).mail
    owner = due["robin"]
    digest = mail.claim_digest(owner.id, SWEPT, settings)
    db.session.commit()
    assert mail.deliver(digest, settings) is None
    db.session.rollback()  # ... and the process died here: nothing recorded

    run_digests(SWEPT + timedelta(minutes=5))  # the claim is still fresh: not resent yet
    robin = [m for m in mailbox.messages if "robin" in m["To"]]
    assert len(robin) == 1
    run_digests(SWEPT + settings.claim_lease + timedelta(minutes=1))  # the claim expired
    robin = [m for m in mailbox.messages if "robin" in m["To"]]
    assert len(robin) == 2
    assert robin[0]["Message-ID"] == robin[1]["Message-ID"]  # clients can drop the repeat
    run_digests(SWEPT + timedelta(hours=1))
    assert len([m for m in mailbox.messages if "robin" in m["To"]]) == 2


def test_mail_two_senders_at_once_send_each_digest_once(app, mailbox, due):
    barrier = threading.Barrier(2)
    errors: list[Exception] = []

    def send() -> None:
        try:
            with app.app_context():
                barrier.wait(timeout=30)
                run_digests(SWEPT)
                db.session.remove()
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(m["To"] for m in mailbox.messages) == [
        "Morgan Avery <morgan@example.com>",
        "Robin Reyes <robin@example.com>",
    ]


# A test server on 127.0.0.1 without TLS: aiosmtpd's warning about it is expected.
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
def test_mail_logs_in_when_given_credentials(app, configure, due):
    box = Mailbox()
    port = free_port()
    controller = Controller(
        box,
        hostname="127.0.0.1",
        port=port,
        authenticator=box.authenticate,
        auth_require_tls=False,
        auth_required=True,
    )
    controller.start()
    try:
        configure(
            MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_USERNAME="reliant", MAIL_PASSWORD="s3cret"
        )
        assert run_digests(SWEPT) == "2 digests sent, 0 failed"
    finally:
        controller.stop()
    assert box.logins == [("reliant", "s3cret")] * 2 and len(box.messages) == 2


def test_mail_settings_from_config():
    from recruiter import config, settings

    defaults = {name: getattr(config, name) for name in dir(config) if name.isupper()}
    assert settings.build(defaults).mail is None
    built = settings.build(
        defaults | {"MAIL_SERVER": "smtp.example.com", "MAIL_PORT": "587", "MAIL_USE_TLS": True}
    ).mail
    assert (built.server, built.port, built.use_tls) == ("smtp.example.com", 587, True)


def test_mail_message_id_depends_only_on_recruiter_and_reminders():
    a = mail.message_id(1, (3, 2), "reliant@example.com")
    assert a == mail.message_id(1, (2, 3), "reliant@example.com")
    assert a != mail.message_id(1, (2, 4), "reliant@example.com")
    assert a != mail.message_id(2, (2, 3), "reliant@example.com")
    assert a.endswith("@example.com>")


def test_mail_smtp_ssl_verifies_the_servers_certificate(monkeypatch):
    """Port 465 (MAIL_USE_SSL): the connection is opened with a verifying SSL context."""
    import ssl

    opened = {}

    class FakeSSL:
        def __init__(self, host, port, timeout, context):  # type: ignore[no-untyped-def]
            opened.update(host=host, port=port, context=context)

        def __enter__(self):  # type: ignore[no-untyped-def]
            return self

        def __exit__(self, *exc):  # type: ignore[no-untyped-def]
            return False

        def send_message(self, message):  # type: ignore[no-untyped-def]
            opened["sent"] = message["Subject"]

    monkeypatch.setattr(mail.smtplib, "SMTP_SSL", FakeSSL)
    message = EmailMessage()
    message["Subject"] = "Reliant: 1 reminder due"
    digest = mail.Digest(owner_id=1, reminder_ids=(1,), message=message)
    settings = mail.MailSettings(server="smtp.example.com", port=465, use_ssl=True)
    assert mail.deliver(digest, settings) is None
    context = opened["context"]
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    assert opened["sent"] == "Reliant: 1 reminder due"
