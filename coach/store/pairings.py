"""Pairings with their history, matching runs and coordinator actions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coach.domain import (
    MatchingRun,
    Pairing,
    PairingActionRecord,
    PairingEvent,
    PairingStatus,
    Role,
)
from coach.errors import ConflictError, NotFoundError
from coach.store.models import (
    MatchingRunRow,
    PairingActionRow,
    PairingEventRow,
    PairingRow,
    ParticipantRow,
)
from coach.store.programmes import programme_row
from coach.store.repository import Page, Repository


class PairingRepository(Repository):
    """Pairings, their history of decisions, the matching runs that suggested them and the
    check-ins and notes coordinators keep on them."""

    def create_pairing(
        self,
        programme_id: int,
        mentor_id: int,
        mentee_id: int,
        *,
        score: float | None = None,
        actor_user_id: int | None = None,
        details: dict[str, Any] | None = None,
    ) -> Pairing:
        with self._transaction() as session:
            _check_members(session, programme_id, mentor_id, mentee_id)
            pairing = _suggestion(
                programme_id,
                mentor_id,
                mentee_id,
                score=score,
                details=details or {},
                actor_user_id=actor_user_id,
                reason=None,
            )
            session.add(pairing)
            session.flush()
            return _to_pairing(pairing)

    def replace_suggestion(
        self,
        programme_id: int,
        mentor_id: int,
        mentee_id: int,
        *,
        score: float,
        details: dict[str, Any],
        actor_user_id: int | None,
        reason: str,
    ) -> Pairing:
        """In one transaction: withdraw the mentee's undecided suggestions and add this
        one (a coordinator's manual pairing), with ``reason`` in both histories."""
        with self._transaction() as session:
            _check_members(session, programme_id, mentor_id, mentee_id)
            open_rows = session.scalars(
                select(PairingRow).where(
                    PairingRow.programme_id == programme_id,
                    PairingRow.mentee_id == mentee_id,
                    PairingRow.status == PairingStatus.SUGGESTED.value,
                )
            )
            for old in open_rows:
                _transition(old, PairingStatus.WITHDRAWN, actor_user_id, f"replaced: {reason}")
            pairing = _suggestion(
                programme_id,
                mentor_id,
                mentee_id,
                score=score,
                details=details,
                actor_user_id=actor_user_id,
                reason=reason,
            )
            session.add(pairing)
            session.flush()
            return _to_pairing(pairing)

    def set_pairing_status(
        self,
        pairing_id: int,
        status: PairingStatus,
        *,
        expected_version: int | None = None,
        actor_user_id: int | None = None,
        reason: str | None = None,
    ) -> Pairing:
        """Change a pairing's status and append the change to its history."""
        with self._transaction() as session:
            row = _locked(session, pairing_id, expected_version)
            _transition(row, status, actor_user_id, reason)
            session.flush()
            return _to_pairing(row)

    def record_matching_run(
        self,
        programme_id: int,
        solver: str,
        summary: dict[str, Any],
        suggestions: Sequence[tuple[int, int, float, dict[str, Any]]],
        *,
        actor_user_id: int | None = None,
    ) -> tuple[MatchingRun, list[Pairing]]:
        """Store a run and its suggestions; undecided suggestions of earlier runs are
        withdrawn. Pairings with any decision (an approval, a first approval, a
        rejection) are never touched. One transaction: a failure stores nothing.
        """
        with self._transaction() as session:
            programme_row(session, programme_id)
            run = MatchingRunRow(
                programme_id=programme_id,
                solver=solver,
                summary=summary,
                created_by=actor_user_id,
            )
            session.add(run)
            session.flush()
            open_rows = session.scalars(
                select(PairingRow).where(
                    PairingRow.programme_id == programme_id,
                    # Only suggestions nobody has decided on: a first approval stays.
                    PairingRow.status == PairingStatus.SUGGESTED.value,
                )
            )
            for row in open_rows:
                _transition(
                    row,
                    PairingStatus.WITHDRAWN,
                    actor_user_id,
                    f"superseded by matching run {run.id}",
                )
            created = []
            for mentee_id, mentor_id, score, details in suggestions:
                row = _suggestion(
                    programme_id,
                    mentor_id,
                    mentee_id,
                    score=score,
                    details=details,
                    actor_user_id=actor_user_id,
                    reason=f"matching run {run.id} ({solver})",
                    run_id=run.id,
                )
                session.add(row)
                created.append(row)
            session.flush()
            return MatchingRun.model_validate(run), [_to_pairing(row) for row in created]

    def latest_matching_run(self, programme_id: int) -> MatchingRun | None:
        with self._transaction() as session:
            row = session.scalar(
                select(MatchingRunRow)
                .where(MatchingRunRow.programme_id == programme_id)
                .order_by(MatchingRunRow.id.desc())
                .limit(1)
            )
            return MatchingRun.model_validate(row) if row else None

    def get_pairing(self, pairing_id: int, *, programme_id: int | None = None) -> Pairing:
        """The pairing; with ``programme_id``, only if it belongs to that programme."""
        with self._transaction() as session:
            row = session.get(PairingRow, pairing_id)
            if row is None or (programme_id is not None and row.programme_id != programme_id):
                raise NotFoundError("pairing", pairing_id)
            return _to_pairing(row)

    def list_pairings(
        self,
        programme_id: int,
        *,
        statuses: Sequence[PairingStatus] | None = None,
        participant_id: int | None = None,
        page: Page | None = None,
    ) -> tuple[list[Pairing], int]:
        with self._transaction() as session:
            query = select(PairingRow).where(PairingRow.programme_id == programme_id)
            if statuses:
                query = query.where(PairingRow.status.in_([s.value for s in statuses]))
            if participant_id is not None:
                query = query.where(
                    (PairingRow.mentee_id == participant_id)
                    | (PairingRow.mentor_id == participant_id)
                )
            total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
            query = query.order_by(PairingRow.id)
            if page is not None:
                page = page.clamp()
                query = query.offset(page.offset).limit(page.limit)
            return [_to_pairing(row) for row in session.scalars(query)], total

    def lock_pairing(self, pairing_id: int, *, expected_version: int | None = None) -> Pairing:
        """The pairing as it is now, locked until the unit of work ends, so a decision
        made on it cannot race another; a stale ``expected_version`` is a conflict."""
        with self._transaction() as session:
            return _to_pairing(_locked(session, pairing_id, expected_version))

    def approved_pairings(
        self, programme_id: int, *, excluding: int | None = None
    ) -> list[Pairing]:
        """The programme's approved pairings, locked until the unit of work ends (the
        capacity checks of an approval count them)."""
        with self._transaction() as session:
            query = select(PairingRow).where(
                PairingRow.programme_id == programme_id,
                PairingRow.status == PairingStatus.APPROVED.value,
            )
            if excluding is not None:
                query = query.where(PairingRow.id != excluding)
            rows = session.scalars(query.order_by(PairingRow.id).with_for_update())
            return [_to_pairing(row) for row in rows]

    def add_pairing_action(
        self, pairing_id: int, author_user_id: int | None, kind: str, text_: str
    ) -> PairingActionRecord:
        with self._transaction() as session:
            if session.get(PairingRow, pairing_id) is None:
                raise NotFoundError("pairing", pairing_id)
            row = PairingActionRow(
                pairing_id=pairing_id, author_user_id=author_user_id, kind=kind, text=text_
            )
            session.add(row)
            session.flush()
            return PairingActionRecord.model_validate(row)

    def pairing_actions(
        self, pairing_id: int, kind: str, *, author_user_id: int | None = None
    ) -> list[PairingActionRecord]:
        """Check-ins of a pairing (for its members and coordinators), or one author's own
        notes on it: there is no way to read another coordinator's notes."""
        with self._transaction() as session:
            query = select(PairingActionRow).where(
                PairingActionRow.pairing_id == pairing_id, PairingActionRow.kind == kind
            )
            if author_user_id is not None:
                query = query.where(PairingActionRow.author_user_id == author_user_id)
            rows = session.scalars(query.order_by(PairingActionRow.id)).all()
            return [PairingActionRecord.model_validate(row) for row in rows]


def _transition(
    row: PairingRow, status: PairingStatus, actor_user_id: int | None, reason: str | None
) -> None:
    row.events.append(
        PairingEventRow(
            from_status=row.status,
            to_status=status.value,
            actor_user_id=actor_user_id,
            reason=reason,
        )
    )
    row.status = status.value
    row.version += 1


def _to_pairing(row: PairingRow) -> Pairing:
    return Pairing(
        id=row.id,
        programme_id=row.programme_id,
        mentor_id=row.mentor_id,
        mentee_id=row.mentee_id,
        status=PairingStatus(row.status),
        score=row.score,
        version=row.version,
        details=row.details or {},
        run_id=row.run_id,
        history=[PairingEvent.model_validate(event) for event in row.events],
    )


def _check_members(session: Session, programme_id: int, mentor_id: int, mentee_id: int) -> None:
    """Both people are of this programme, in the role the pairing gives them."""
    for participant_id, role in ((mentor_id, Role.MENTOR), (mentee_id, Role.MENTEE)):
        row = session.get(ParticipantRow, participant_id)
        if row is None or row.programme_id != programme_id or row.role != role.value:
            raise NotFoundError(f"{role.value} in programme {programme_id}", participant_id)


def _suggestion(
    programme_id: int,
    mentor_id: int,
    mentee_id: int,
    *,
    score: float | None,
    details: dict[str, Any],
    actor_user_id: int | None,
    reason: str | None,
    run_id: int | None = None,
) -> PairingRow:
    """A new suggested pairing with the first event of its history."""
    row = PairingRow(
        programme_id=programme_id,
        mentor_id=mentor_id,
        mentee_id=mentee_id,
        status=PairingStatus.SUGGESTED.value,
        score=score,
        details=details,
        run_id=run_id,
    )
    row.events.append(
        PairingEventRow(
            from_status=None,
            to_status=PairingStatus.SUGGESTED.value,
            actor_user_id=actor_user_id,
            reason=reason,
        )
    )
    return row


def _locked(session: Session, pairing_id: int, expected_version: int | None) -> PairingRow:
    """The pairing's row read afresh with a row lock (FOR UPDATE on PostgreSQL; SQLite
    has one writer at a time), checked against the version the caller decided on."""
    row = session.get(PairingRow, pairing_id, with_for_update=True, populate_existing=True)
    if row is None:
        raise NotFoundError("pairing", pairing_id)
    if expected_version is not None and row.version != expected_version:
        raise ConflictError(
            f"Pairing {pairing_id} was changed by someone else meanwhile.",
            hint="reload the pairing and decide again.",
        )
    return row
