"""The outbox against a real SMTP server on loopback (aiosmtpd), on both databases."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email import message_from_bytes as _parse
from email import policy
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from coach.config import load_settings
from coach.domain import Attachment
from coach.messages.delivery import BACKOFF, FolderTransport, SmtpTransport, deliver_due
from coach.messages.outbox import send_later
from coach.services import Services

SENDER = "Mentoring coach <coach@example.org>"
NOW = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


class Inbox:
    """An aiosmtpd handler that keeps what it accepts, or answers with ``refuse``."""

    def __init__(self) -> None:
        self.received: list[Any] = []
        self.refuse: str | None = None  # e.g. "451 try later" or "550 no such user"
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse:
            return self.refuse
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.received.append(message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"


def message_from_bytes(data: bytes) -> Any:
    return _parse(data, policy=policy.default)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """A real SMTP server on a loopback port that can go away and come back."""

    def __init__(self) -> None:
        self.inbox = Inbox()
        self.port = _free_port()
        self._controller: Controller | None = None

    def start(self) -> None:
        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int, Server]]:
    server = Server()
    server.start()
    yield server.inbox, server.port, server
    server.stop()


@pytest.fixture
def services(database_url: str, tmp_path: Path) -> Iterator[Services]:
    services = Services(load_settings(database_url=database_url, data_dir=tmp_path / "d"))
    services.store.migrate()
    yield services
    services.close()


def _queue(services: Services, *recipients: str) -> list[int]:
    with services.unit_of_work() as unit:
        return [
            send_later(unit, "sign_in_link", to, name="Sam", link="http://x/y", minutes=30).id
            for to in recipients
        ]


def test_due_messages_reach_the_server_once_with_their_message_id(services, smtp):
    inbox, port, _ = smtp
    ids = _queue(services, "a@example.org", "b@example.org")
    transport = SmtpTransport("127.0.0.1", port, starttls=False, timeout=5)
    report = deliver_due(services.store, transport, SENDER, NOW)
    assert report.sent == ids and not report.retrying and not report.failed
    assert sorted(m["To"] for m in inbox.received) == ["a@example.org", "b@example.org"]
    stored = {m.id: m for m in services.store.outbox.list_messages()}
    assert {m["Message-ID"] for m in inbox.received} == {stored[i].message_id for i in ids}
    assert inbox.received[0]["Subject"] == "Your sign-in link"
    assert "http://x/y" in inbox.received[0].get_content()
    # Sent is sent: a second round sends nothing again.
    assert deliver_due(services.store, transport, SENDER, NOW + timedelta(hours=1)).sent == []
    assert len(inbox.received) == 2


def test_a_server_that_is_down_is_tried_again_later_and_nothing_is_lost(services, smtp):
    inbox, port, controller = smtp
    controller.stop()  # the mail server is away
    (message_id,) = _queue(services, "a@example.org")
    transport = SmtpTransport("127.0.0.1", port, starttls=False, timeout=2)
    report = deliver_due(services.store, transport, SENDER, NOW)
    assert list(report.retrying) == [message_id]
    assert "could not be reached" in report.retrying[message_id]
    (stored,) = services.store.outbox.list_messages()
    assert stored.attempts == 1 and stored.sent_at is None and stored.failed_at is None
    assert stored.next_attempt_at == NOW + timedelta(seconds=BACKOFF[0])
    controller.start()
    # Not yet due: the backoff is kept even though the server is back.
    assert deliver_due(services.store, transport, SENDER, NOW + timedelta(seconds=30)).sent == []
    later = NOW + timedelta(seconds=BACKOFF[0] + 1)
    assert deliver_due(services.store, transport, SENDER, later).sent == [message_id]
    assert len(inbox.received) == 1


def test_a_refused_address_is_given_up_at_once_with_the_reason(services, smtp):
    inbox, port, _ = smtp
    inbox.refuse = "550 5.1.1 no such mailbox"
    (message_id,) = _queue(services, "nobody@example.org")
    transport = SmtpTransport("127.0.0.1", port, starttls=False, timeout=5)
    report = deliver_due(services.store, transport, SENDER, NOW)
    assert list(report.failed) == [message_id] and "550" in report.failed[message_id]
    (stored,) = services.store.outbox.list_messages()
    assert stored.failed_at == NOW and "550" in (stored.last_error or "")
    inbox.refuse = None
    assert deliver_due(services.store, transport, SENDER, NOW + timedelta(days=1)).sent == []


def test_a_temporary_refusal_backs_off_and_gives_up_after_the_last_attempt(services, smtp):
    inbox, port, _ = smtp
    inbox.refuse = "451 4.3.0 try again later"
    (message_id,) = _queue(services, "a@example.org")
    transport = SmtpTransport("127.0.0.1", port, starttls=False, timeout=5)
    when = NOW
    for wait in BACKOFF:
        report = deliver_due(services.store, transport, SENDER, when)
        assert list(report.retrying) == [message_id]
        when += timedelta(seconds=wait)
    report = deliver_due(services.store, transport, SENDER, when)
    assert list(report.failed) == [message_id]
    (stored,) = services.store.outbox.list_messages()
    assert stored.attempts == len(BACKOFF) + 1 and stored.failed_at == when


def test_two_senders_at_once_send_each_message_once(services, smtp):
    inbox, port, _ = smtp
    ids = _queue(services, *(f"p{i}@example.org" for i in range(12)))
    barrier = threading.Barrier(2)
    reports: list[Any] = []

    def sender() -> None:
        transport = SmtpTransport("127.0.0.1", port, starttls=False, timeout=5)
        barrier.wait()
        reports.append(deliver_due(services.store, transport, SENDER, NOW))

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(i for report in reports for i in report.sent) == ids
    assert sorted(m["To"] for m in inbox.received) == sorted(f"p{i}@example.org" for i in range(12))


def test_a_message_of_an_event_that_rolled_back_is_never_sent(services, smtp):
    inbox, port, _ = smtp
    with pytest.raises(RuntimeError), services.unit_of_work() as unit:
        send_later(unit, "sign_in_link", "a@example.org", name="Sam", link="x", minutes=30)
        raise RuntimeError("the event failed after its message was written")
    transport = SmtpTransport("127.0.0.1", port, starttls=False, timeout=5)
    assert deliver_due(services.store, transport, SENDER, NOW).sent == []
    assert services.store.outbox.list_messages() == [] and inbox.received == []


def test_the_demo_writes_each_message_with_its_attachment_to_a_folder(services, tmp_path):
    with services.unit_of_work() as unit:
        send_later(
            unit,
            "sign_in_link",
            "a@example.org",
            name="Sam",
            link="http://x/y",
            minutes=30,
            attachments=[
                Attachment(filename="s.ics", content_type="text/calendar", content="BEGIN:X")
            ],
        )
    folder = tmp_path / "outbox"
    assert deliver_due(services.store, FolderTransport(folder), SENDER, NOW).sent
    (written,) = folder.glob("*.eml")
    email = message_from_bytes(written.read_bytes())
    assert email["To"] == "a@example.org"
    assert [part.get_filename() for part in email.iter_attachments()] == ["s.ics"]
