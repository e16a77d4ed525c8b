"""Mentoring sessions, their documents and private notes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from coach.domain import (
    ScheduledSession,
    SessionStatus,
    Stage,
)
from coach.errors import ConflictError, NotFoundError
from coach.store.models import (
    PairingRow,
    SessionNoteRow,
    SessionRow,
)
from coach.store.repository import Repository


class SessionRepository(Repository):
    """A pairing's sessions, the agenda and prompts kept with each, and private notes."""

    def add_session(self, pairing_id: int, number: int, stage: Stage) -> int:
        with self._transaction() as session:
            if session.get(PairingRow, pairing_id) is None:
                raise NotFoundError("pairing", pairing_id)
            row = SessionRow(pairing_id=pairing_id, number=number, stage=stage.value)
            session.add(row)
            try:
                session.flush()
            except IntegrityError:
                raise ConflictError(
                    f"Pairing {pairing_id} already has a session number {number}."
                ) from None
            return row.id

    def ensure_session(self, pairing_id: int, number: int, stage: Stage) -> int:
        """The id of a pairing's session ``number``, created (planned) if it is new."""
        with self._transaction() as session:
            return _session_row(session, pairing_id, number, stage).id

    def save_session_document(
        self, pairing_id: int, number: int, stage: Stage, kind: str, document: dict[str, Any]
    ) -> None:
        """Store a session's agenda or prompts (kind), creating the session if needed."""
        if kind not in ("agenda", "prompts"):
            raise ValueError(f"unknown session document {kind}")
        with self._transaction() as session:
            row = _session_row(session, pairing_id, number, stage)
            setattr(row, kind, document)

    def session_document(self, pairing_id: int, number: int, kind: str) -> dict[str, Any] | None:
        with self._transaction() as session:
            row = session.scalar(
                select(SessionRow).where(
                    SessionRow.pairing_id == pairing_id, SessionRow.number == number
                )
            )
            return None if row is None else getattr(row, kind)

    def session_documents(self, pairing_id: int, *, before: int) -> list[dict[str, Any]]:
        """Agendas and prompts of a pairing's earlier sessions, oldest first."""
        with self._transaction() as session:
            rows = session.scalars(
                select(SessionRow)
                .where(SessionRow.pairing_id == pairing_id, SessionRow.number < before)
                .order_by(SessionRow.number)
            )
            return [{"number": r.number, "agenda": r.agenda, "prompts": r.prompts} for r in rows]

    def add_note(self, session_id: int, author_id: int, text_: str) -> int:
        with self._transaction() as session:
            row = SessionNoteRow(session_id=session_id, author_id=author_id, text=text_)
            session.add(row)
            session.flush()
            return row.id

    def notes_by_author(self, pairing_id: int, author_id: int) -> list[tuple[int, str]]:
        """(session number, text) of one author's own notes in a pairing, oldest first.

        There is deliberately no method that returns every note of a session: private
        notes are only ever read back by their author.
        """
        with self._transaction() as session:
            rows = session.execute(
                select(SessionRow.number, SessionNoteRow.text)
                .join(SessionNoteRow, SessionNoteRow.session_id == SessionRow.id)
                .where(SessionRow.pairing_id == pairing_id, SessionNoteRow.author_id == author_id)
                .order_by(SessionRow.number, SessionNoteRow.id)
            ).all()
            return [(number, note) for number, note in rows]

    def sessions_of_programme(
        self, programme_id: int
    ) -> list[tuple[int, int, str, datetime | None]]:
        """(pairing id, number, status, held_at) of every session in a programme."""
        with self._transaction() as session:
            rows = session.execute(
                select(
                    SessionRow.pairing_id, SessionRow.number, SessionRow.status, SessionRow.held_at
                )
                .join(PairingRow, PairingRow.id == SessionRow.pairing_id)
                .where(PairingRow.programme_id == programme_id)
                .order_by(SessionRow.pairing_id, SessionRow.number)
            ).all()
            return [(p, n, status, at) for p, n, status, at in rows]

    # -- the calendar: proposed, accepted, held or cancelled, reminded ------------------

    def lock_session(self, pairing_id: int, number: int, stage: Stage) -> ScheduledSession:
        """The session, created (planned) if new, locked until the unit of work ends."""
        with self._transaction() as session:
            row = _session_row(session, pairing_id, number, stage)
            session.refresh(row, with_for_update=True)
            return ScheduledSession.model_validate(row)

    def update_session(self, session_id: int, **changes: Any) -> ScheduledSession:
        allowed = {
            "status",
            "scheduled_at",
            "proposed_start",
            "proposed_by",
            "held_at",
            "cancel_reason",
            "reminder_sent_at",
        }
        unknown = set(changes) - allowed
        if unknown:
            raise ValueError(f"not a calendar field: {', '.join(sorted(unknown))}")
        with self._transaction() as session:
            row = session.get(SessionRow, session_id)
            if row is None:
                raise NotFoundError("session", session_id)
            for key, value in changes.items():
                setattr(row, key, value.value if isinstance(value, SessionStatus) else value)
            session.flush()
            return ScheduledSession.model_validate(row)

    def sessions_of_pairing(self, pairing_id: int) -> list[ScheduledSession]:
        with self._transaction() as session:
            rows = session.scalars(
                select(SessionRow)
                .where(SessionRow.pairing_id == pairing_id)
                .order_by(SessionRow.number)
            )
            return [ScheduledSession.model_validate(row) for row in rows]

    def calendar_counts(self, programme_id: int, now: datetime) -> dict[str, int]:
        """Sessions of a programme with an agreed time still ahead, and cancelled ones."""
        with self._transaction() as session:
            rows = session.execute(
                select(SessionRow.status, SessionRow.scheduled_at)
                .join(PairingRow, PairingRow.id == SessionRow.pairing_id)
                .where(PairingRow.programme_id == programme_id)
            ).all()
            return {
                "scheduled": sum(
                    status == SessionStatus.PLANNED.value and at is not None and at > now
                    for status, at in rows
                ),
                "cancelled": sum(status == SessionStatus.CANCELLED.value for status, _ in rows),
            }

    def due_reminders(self, now: datetime, until: datetime) -> list[ScheduledSession]:
        """Planned sessions starting between ``now`` and ``until`` not yet reminded, locked
        until the unit of work ends; rows another sender holds are skipped, so two web
        workers never remind of one session twice."""
        with self._transaction() as session:
            rows = session.scalars(
                select(SessionRow)
                .where(
                    SessionRow.status == SessionStatus.PLANNED.value,
                    SessionRow.scheduled_at.is_not(None),
                    SessionRow.scheduled_at > now,
                    SessionRow.scheduled_at <= until,
                    SessionRow.reminder_sent_at.is_(None),
                )
                .order_by(SessionRow.scheduled_at)
                .with_for_update(skip_locked=True)
            )
            return [ScheduledSession.model_validate(row) for row in rows]


def _session_row(session: Session, pairing_id: int, number: int, stage: Stage) -> SessionRow:
    """A pairing's session ``number`` in this transaction, created (planned) if new."""
    if session.get(PairingRow, pairing_id) is None:
        raise NotFoundError("pairing", pairing_id)
    row = session.scalar(
        select(SessionRow).where(SessionRow.pairing_id == pairing_id, SessionRow.number == number)
    )
    if row is None:
        row = SessionRow(pairing_id=pairing_id, number=number, stage=stage.value)
        session.add(row)
        session.flush()
    return row
