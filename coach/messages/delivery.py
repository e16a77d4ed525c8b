"""Delivering the outbox: SMTP, or a folder for the demo, with retries and backoff.

``deliver_due`` claims the messages that are due (a lease in the database, so two
senders never take the same one), hands each to the transport, and records the outcome.
A temporary failure (the server down, a 4xx answer) is tried again later, waiting longer
each time; a permanent one (a 5xx answer: the address refused) gives up at once and
says why. Delivery is at least once: a sender that stops between the server's "accepted"
and recording it will send that message again when its lease ends; every attempt keeps
the same Message-ID, so mail programs show the two as one.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from coach.domain import OutboxMessage
from coach.errors import DeliveryError

if TYPE_CHECKING:
    from coach.config import Settings
    from coach.store import Store

# Seconds to wait after the 1st, 2nd... failed attempt; after the last, the message fails.
BACKOFF = (60, 300, 1800, 7200, 43200)
LEASE = timedelta(minutes=5)  # longer than any one SMTP conversation (timeouts are 20 s)


class Transport(Protocol):
    def send(self, message: EmailMessage) -> None:
        """Hand one message over, or raise ``DeliveryError``."""


def email_of(message: OutboxMessage, sender: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Message-ID"] = message.message_id
    email["Date"] = format_datetime(message.created_at)
    email.set_content(message.body)
    for attachment in message.attachments:
        main, _, sub = attachment.content_type.partition("/")
        email.add_attachment(
            attachment.content.encode("utf-8"),
            maintype=main,
            subtype=sub or "octet-stream",
            filename=attachment.filename,
        )
    return email


class SmtpTransport:
    """One SMTP conversation per message (a sender sends a few a minute at most)."""

    def __init__(
        self,
        host: str,
        port: int,
        *,
        username: str | None = None,
        password: str | None = None,
        starttls: bool = True,
        timeout: float = 20.0,
    ) -> None:
        self.host, self.port = host, port
        self.username, self.password = username, password
        self.starttls, self.timeout = starttls, timeout

    def send(self, message: EmailMessage) -> None:
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                if self.starttls:
                    smtp.starttls(context=ssl.create_default_context())
                if self.username:
                    smtp.login(self.username, self.password or "")
                refused = smtp.send_message(message)
        except smtplib.SMTPResponseException as exc:
            error = exc.smtp_error
            text = error.decode("utf-8", "replace") if isinstance(error, bytes) else str(error)
            raise DeliveryError(
                f"the mail server answered {exc.smtp_code} {text}".strip(),
                permanent=500 <= exc.smtp_code < 600,
            ) from exc
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            raise DeliveryError(
                f"the mail server refused the recipient ({', '.join(map(str, codes))})",
                permanent=all(500 <= code < 600 for code in codes),
            ) from exc
        except (TimeoutError, smtplib.SMTPException, OSError) as exc:
            raise DeliveryError(
                f"the mail server could not be reached: {exc}", permanent=False
            ) from exc
        if refused:
            raise DeliveryError(f"the mail server refused {', '.join(refused)}", permanent=True)


class FolderTransport:
    """The demo's mail server: each message becomes an .eml file in a folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def send(self, message: EmailMessage) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = str(message["Message-ID"]).strip("<>").split("@")[0]
        (self.folder / f"{name}.eml").write_bytes(bytes(message))


def transport_for(settings: Settings) -> Transport:
    if settings.smtp_host:
        return SmtpTransport(
            settings.smtp_host,
            settings.smtp_port,
            username=settings.smtp_username,
            password=settings.smtp_password.get_secret_value() if settings.smtp_password else None,
            starttls=settings.smtp_starttls,
            timeout=settings.smtp_timeout_seconds,
        )
    return FolderTransport(settings.data_dir / "outbox")


@dataclass
class DeliveryReport:
    sent: list[int] = field(default_factory=list)
    retrying: dict[int, str] = field(default_factory=dict)  # message id -> why
    failed: dict[int, str] = field(default_factory=dict)


def deliver_due(
    store: Store,
    transport: Transport,
    sender: str,
    now: datetime,
    *,
    limit: int = 50,
) -> DeliveryReport:
    """Send the messages due at ``now``; each claim and each outcome commits on its own
    (``store`` is not inside a unit of work), so a crash loses no record already made."""
    report = DeliveryReport()
    for message in store.outbox.claim_due(now, now + LEASE, limit):
        try:
            transport.send(email_of(message, sender))
        except DeliveryError as exc:
            attempt = message.attempts + 1
            if exc.permanent or attempt > len(BACKOFF):
                store.outbox.mark_failed_attempt(message.id, now, exc.message, None)
                report.failed[message.id] = exc.message
            else:
                retry_at = now + timedelta(seconds=BACKOFF[attempt - 1])
                store.outbox.mark_failed_attempt(message.id, now, exc.message, retry_at)
                report.retrying[message.id] = exc.message
            continue
        store.outbox.mark_sent(message.id, now)
        report.sent.append(message.id)
    return report
