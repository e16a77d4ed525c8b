"""Putting a message in the outbox, in the caller's unit of work."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from coach.domain import Attachment, OutboxMessage
from coach.messages.templates import render

if TYPE_CHECKING:
    from coach.services import Services


def send_later(
    services: Services,
    kind: str,
    recipient: str,
    *,
    attachments: list[Attachment] | None = None,
    **context: Any,
) -> OutboxMessage:
    """Render message ``kind`` for ``recipient`` and add it to the outbox.

    Call it inside the unit of work of the event that causes the message: if the event
    is rolled back, so is the message, and once the event is stored the message will be
    sent (``deliver_due``) however long the mail server is away.
    """
    subject, body = render(services.messages_dir, kind, **context)
    # One Message-ID for every attempt, so a reader's mail program shows a resend once.
    domain = services.settings.mail_from.rsplit("@", 1)[-1].strip("> ") or "coach.local"
    return services.store.outbox.add(
        kind,
        recipient.lower(),
        subject,
        body,
        f"<{uuid.uuid4().hex}@{domain}>",
        [a.model_dump() for a in attachments or []],
    )
