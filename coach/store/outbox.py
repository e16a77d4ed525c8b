"""The outbox: emails written with the events that cause them, then sent with retries."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import or_, select, update

from coach.domain import OutboxMessage
from coach.errors import NotFoundError
from coach.store.models import OutboxRow
from coach.store.repository import Repository


class OutboxRepository(Repository):
    """Messages to send: added in the caller's unit of work, claimed by a sender with a
    lease so that two senders (two API workers) never send the same one at once."""

    def add(
        self,
        kind: str,
        recipient: str,
        subject: str,
        body: str,
        message_id: str,
        attachments: list[dict[str, Any]] | None = None,
    ) -> OutboxMessage:
        with self._transaction() as session:
            row = OutboxRow(
                kind=kind,
                recipient=recipient,
                subject=subject,
                body=body,
                message_id=message_id,
                attachments=attachments or [],
                attempts=0,
            )
            session.add(row)
            session.flush()
            return OutboxMessage.model_validate(row)

    def claim_due(self, now: datetime, lease_until: datetime, limit: int) -> list[OutboxMessage]:
        """Up to ``limit`` messages due now that no other sender holds, each now held by
        this caller until ``lease_until``. Meant to run in a transaction of its own, so
        the claim is seen by other senders at once."""
        with self._transaction() as session:
            due = session.scalars(
                select(OutboxRow.id)
                .where(
                    OutboxRow.sent_at.is_(None),
                    OutboxRow.failed_at.is_(None),
                    OutboxRow.next_attempt_at <= now,
                    or_(OutboxRow.claimed_until.is_(None), OutboxRow.claimed_until < now),
                )
                .order_by(OutboxRow.next_attempt_at, OutboxRow.id)
                .limit(limit)
            ).all()
            claimed = []
            for message_id in due:
                # Claimed only if nobody claimed it since it was read: one winner.
                result = session.execute(
                    update(OutboxRow)
                    .where(
                        OutboxRow.id == message_id,
                        OutboxRow.sent_at.is_(None),
                        or_(OutboxRow.claimed_until.is_(None), OutboxRow.claimed_until < now),
                    )
                    .values(claimed_until=lease_until)
                    .execution_options(synchronize_session=False)
                )
                if result.rowcount == 1:  # type: ignore[attr-defined]
                    claimed.append(message_id)
            rows = session.scalars(
                select(OutboxRow)
                .where(OutboxRow.id.in_(claimed))
                .order_by(OutboxRow.id)
                .execution_options(populate_existing=True)
            )
            return [OutboxMessage.model_validate(row) for row in rows]

    def mark_sent(self, message_id: int, now: datetime) -> None:
        with self._transaction() as session:
            row = self._row(session, message_id)
            row.sent_at = now
            row.attempts += 1
            row.claimed_until = None
            row.last_error = None

    def mark_failed_attempt(
        self, message_id: int, now: datetime, error: str, retry_at: datetime | None
    ) -> None:
        """One more failed attempt; ``retry_at`` None gives the message up for good."""
        with self._transaction() as session:
            row = self._row(session, message_id)
            row.attempts += 1
            row.claimed_until = None
            row.last_error = error[:500]
            if retry_at is None:
                row.failed_at = now
            else:
                row.next_attempt_at = retry_at

    def list_messages(
        self, *, recipient: str | None = None, limit: int = 100
    ) -> list[OutboxMessage]:
        """Newest first, for the demo mailbox and for admins."""
        with self._transaction() as session:
            query = select(OutboxRow)
            if recipient is not None:
                query = query.where(OutboxRow.recipient == recipient.lower())
            rows = session.scalars(query.order_by(OutboxRow.id.desc()).limit(limit))
            return [OutboxMessage.model_validate(row) for row in rows]

    @staticmethod
    def _row(session: Any, message_id: int) -> OutboxRow:
        row = session.get(OutboxRow, message_id)
        if row is None:
            raise NotFoundError("message", message_id)
        return row
