"""The sending round: reminders and feedback requests that are due are written, then
the outbox is delivered.

The web service runs a round every ``mail_sender_seconds`` on a thread of its own (each
worker one; the outbox leases keep them from sending a message twice); ``coach
send-mail`` runs the same round from the command line.
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime

from coach.messages.delivery import DeliveryReport, Transport, deliver_due, transport_for
from coach.programme_mail import send_feedback_requests
from coach.scheduling import send_reminders
from coach.services import Services


def mail_round(services: Services, transport: Transport, now: datetime) -> DeliveryReport:
    send_reminders(services, now)
    send_feedback_requests(services, now)
    return deliver_due(services.store, transport, services.settings.mail_from, now)


class OutboxSender:
    """Runs ``mail_round`` every ``interval`` seconds until stopped. A failed round (the
    database away) is logged and the next one tries again."""

    def __init__(self, services: Services, interval: float) -> None:
        self._services, self._interval = services, interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="outbox-sender", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=self._services.settings.smtp_timeout_seconds + 5)

    def _run(self) -> None:
        transport = transport_for(self._services.settings)
        while not self._stop.wait(self._interval):
            try:
                mail_round(self._services, transport, datetime.now(UTC))
            except Exception:  # the next round tries again
                logging.getLogger("coach.mail").exception("sending the outbox failed")
