"""Programmes, their coordinators and participants."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from coach.domain import (
    Participant,
    ParticipantIn,
    Programme,
    ProgrammeIn,
    Role,
    validated,
)
from coach.errors import ConflictError, NotFoundError
from coach.store.models import (
    ParticipantRow,
    ProgrammeCoordinatorRow,
    ProgrammeRow,
    UserRow,
)
from coach.store.repository import Page, Repository


@dataclass(frozen=True)
class UpsertResult:
    created: int
    updated: int
    unchanged: int


class ProgrammeRepository(Repository):
    """Programmes with their coordinators and participants."""

    def add_coordinator(self, programme_id: int, user_id: int) -> None:
        with self._transaction() as session:
            programme_row(session, programme_id)
            if session.get(ProgrammeCoordinatorRow, (programme_id, user_id)) is None:
                session.add(ProgrammeCoordinatorRow(programme_id=programme_id, user_id=user_id))

    def coordinator_ids(self, programme_id: int) -> list[int]:
        with self._transaction() as session:
            return list(
                session.scalars(
                    select(ProgrammeCoordinatorRow.user_id).where(
                        ProgrammeCoordinatorRow.programme_id == programme_id
                    )
                )
            )

    def upsert_programme(self, data: ProgrammeIn) -> Programme:
        """Create the programme, or update the one with the same slug."""
        with self._transaction() as session:
            row = session.scalar(select(ProgrammeRow).where(ProgrammeRow.slug == data.slug))
            values = data.model_dump(mode="json")
            if row is None:
                row = ProgrammeRow(**values)
                session.add(row)
            else:
                for key, value in values.items():
                    setattr(row, key, value)
            session.flush()
            return _to_programme(row)

    def create_programme(
        self, data: ProgrammeIn, *, coordinator_user_id: int | None = None
    ) -> Programme:
        """Create a programme (its slug must be new), optionally with its first coordinator."""
        with self._transaction() as session:
            row = ProgrammeRow(**data.model_dump(mode="json"))
            session.add(row)
            try:
                session.flush()
            except IntegrityError:
                raise ConflictError(
                    f"A programme with slug '{data.slug}' already exists.",
                    hint="choose another slug, or update that programme.",
                ) from None
            if coordinator_user_id is not None:
                session.add(
                    ProgrammeCoordinatorRow(programme_id=row.id, user_id=coordinator_user_id)
                )
            return _to_programme(row)

    def update_programme(self, programme_id: int, changes: dict[str, Any]) -> Programme:
        """Apply ``changes`` (validated together with the current values) to a programme."""
        with self._transaction() as session:
            row = programme_row(session, programme_id)
            current = _to_programme(row).model_dump(exclude={"id", "created_at"})
            merged = validated(ProgrammeIn, {**current, **changes}, "programme")
            for key, value in merged.model_dump(mode="json").items():
                setattr(row, key, value)
            try:
                session.flush()
            except IntegrityError:
                raise ConflictError(
                    f"A programme with slug '{merged.slug}' already exists.",
                    hint="choose another slug.",
                ) from None
            return _to_programme(row)

    def count_programmes(self) -> int:
        with self._transaction() as session:
            return session.scalar(select(func.count()).select_from(ProgrammeRow)) or 0

    def get_programme(self, key: int | str) -> Programme:
        """Find a programme by id or slug."""
        with self._transaction() as session:
            return _to_programme(programme_row(session, key))

    def list_programmes(self, page: Page = Page()) -> list[Programme]:
        page = page.clamp()
        with self._transaction() as session:
            rows = session.scalars(
                select(ProgrammeRow).order_by(ProgrammeRow.id).offset(page.offset).limit(page.limit)
            )
            return [_to_programme(row) for row in rows]

    def upsert_participants(self, programme_id: int, rows: Sequence[ParticipantIn]) -> UpsertResult:
        """Insert new participants and update known ones (matched by employee id).

        All rows are written in one transaction: either the whole roster lands or none.
        """
        created = updated = unchanged = 0
        with self._transaction() as session:
            programme_row(session, programme_id)
            existing = {
                row.external_id: row
                for row in session.scalars(
                    select(ParticipantRow).where(ParticipantRow.programme_id == programme_id)
                )
            }
            users = {
                email: user_id
                for email, user_id in session.execute(select(UserRow.email, UserRow.id))
            }
            for data in rows:
                values = _participant_values(data)
                row = existing.get(data.external_id)
                if row is None:
                    session.add(
                        ParticipantRow(
                            programme_id=programme_id,
                            user_id=users.get(str(data.email).lower()),
                            **values,
                        )
                    )
                    created += 1
                    continue
                changed = {k: v for k, v in values.items() if getattr(row, k) != v}
                if changed or not row.active:
                    for key, value in changed.items():
                        setattr(row, key, value)
                    row.active = True
                    updated += 1
                else:
                    unchanged += 1
            try:
                session.flush()
            except IntegrityError as exc:
                raise ConflictError(
                    "Two participants of this programme would share an employee id or email.",
                    hint="give every participant their own id and email.",
                ) from exc
        return UpsertResult(created, updated, unchanged)

    def list_participants(
        self,
        programme_id: int,
        *,
        role: Role | None = None,
        page: Page | None = None,
        include_inactive: bool = False,
    ) -> list[Participant]:
        """Active participants in id order; ``page=None`` means all (internal jobs).

        Redaction asks for leavers too: a name stays confidential after its owner leaves.
        """
        with self._transaction() as session:
            query = (
                select(ParticipantRow)
                .where(ParticipantRow.programme_id == programme_id)
                .order_by(ParticipantRow.id)
            )
            if not include_inactive:
                query = query.where(ParticipantRow.active)
            if role is not None:
                query = query.where(ParticipantRow.role == role.value)
            if page is not None:
                page = page.clamp()
                query = query.offset(page.offset).limit(page.limit)
            return [_to_participant(row) for row in session.scalars(query)]

    def count_participants(self, programme_id: int) -> dict[str, int]:
        with self._transaction() as session:
            counts = session.execute(
                select(ParticipantRow.role, func.count())
                .where(ParticipantRow.programme_id == programme_id, ParticipantRow.active)
                .group_by(ParticipantRow.role)
            ).all()
            return {role: count for role, count in counts}

    def create_participant(self, programme_id: int, data: ParticipantIn) -> Participant:
        """Register one new participant; an existing employee id or email is a conflict."""
        with self._transaction() as session:
            programme_row(session, programme_id)
            user_id = session.scalar(
                select(UserRow.id).where(UserRow.email == str(data.email).lower())
            )
            row = ParticipantRow(
                programme_id=programme_id, user_id=user_id, **_participant_values(data)
            )
            session.add(row)
            try:
                session.flush()
            except IntegrityError:
                raise ConflictError(
                    f"Participant {data.external_id} (or the email {data.email}) is already "
                    "in this programme.",
                    hint="update that participant instead, or use another id and email.",
                ) from None
            return _to_participant(row)

    def update_participant(self, participant_id: int, changes: dict[str, Any]) -> Participant:
        """Apply ``changes`` (validated together with the current profile)."""
        with self._transaction() as session:
            row = session.get(ParticipantRow, participant_id)
            if row is None:
                raise NotFoundError("participant", participant_id)
            current = _to_participant(row).model_dump(
                include=set(ParticipantIn.model_fields), mode="json"
            )
            merged = validated(ParticipantIn, {**current, **changes}, "participant")
            for key, value in _participant_values(merged).items():
                setattr(row, key, value)
            try:
                session.flush()
            except IntegrityError:
                raise ConflictError(
                    "Another participant of this programme has that employee id or email.",
                    hint="use an id and email of this participant's own.",
                ) from None
            return _to_participant(row)

    def count_participants_total(self, programme_id: int, role: Role | None = None) -> int:
        with self._transaction() as session:
            query = select(func.count()).where(
                ParticipantRow.programme_id == programme_id, ParticipantRow.active
            )
            if role is not None:
                query = query.where(ParticipantRow.role == role.value)
            return session.scalar(query) or 0

    def get_participant(
        self, participant_id: int, *, programme_id: int | None = None
    ) -> Participant:
        """The participant; with ``programme_id``, only if they belong to that programme
        (another programme's participant is as unknown as a missing one)."""
        with self._transaction() as session:
            row = session.get(ParticipantRow, participant_id)
            if row is None or (programme_id is not None and row.programme_id != programme_id):
                raise NotFoundError("participant", participant_id)
            return _to_participant(row)

    def registration_times(self, programme_id: int) -> dict[int, datetime]:
        """Participant id -> when they registered (start of "time to match")."""
        with self._transaction() as session:
            rows = session.execute(
                select(ParticipantRow.id, ParticipantRow.created_at).where(
                    ParticipantRow.programme_id == programme_id
                )
            ).all()
            return {pid: at for pid, at in rows}


def programme_row(session: Session, key: int | str) -> ProgrammeRow:
    if isinstance(key, int) or (isinstance(key, str) and key.isdigit()):
        row = session.get(ProgrammeRow, int(key))
    else:
        row = session.scalar(select(ProgrammeRow).where(ProgrammeRow.slug == key))
    if row is None:
        raise NotFoundError(
            "programme", key, hint="list programmes with `coach programmes` or create one."
        )
    return row


def _participant_values(row: ParticipantIn) -> dict[str, Any]:
    values = row.model_dump(mode="json")
    values["manager_id"] = row.manager_id
    return values


def _to_participant(row: ParticipantRow) -> Participant:
    return Participant.model_validate(row)


def _to_programme(row: ProgrammeRow) -> Programme:
    return Programme.model_validate(row)
