"""The ``Store``: every read and write of coach data goes through here.

Methods take and return the typed records of ``coach.domain``; each public method is one
transaction, so a failure part-way leaves nothing half-written.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from coach.domain import (
    FeedbackIn,
    Pairing,
    PairingEvent,
    PairingStatus,
    Participant,
    ParticipantIn,
    Programme,
    ProgrammeIn,
    Role,
    Stage,
    User,
)
from coach.errors import ConflictError, NotFoundError, StoreError
from coach.store.db import make_engine, migrate, schema_revision
from coach.store.models import (
    FeedbackRow,
    PairingEventRow,
    PairingRow,
    ParticipantRow,
    ProgrammeCoordinatorRow,
    ProgrammeRow,
    SessionNoteRow,
    SessionRow,
    UserRow,
)

DEFAULT_PAGE = 50
MAX_PAGE = 500


@dataclass(frozen=True)
class Page:
    """Offset pagination, clamped so no caller can ask for an unbounded list."""

    offset: int = 0
    limit: int = DEFAULT_PAGE

    def clamp(self) -> Page:
        return Page(max(0, self.offset), min(max(1, self.limit), MAX_PAGE))


@dataclass(frozen=True)
class UpsertResult:
    created: int
    updated: int
    unchanged: int


def _participant_values(row: ParticipantIn) -> dict[str, Any]:
    values = row.model_dump(mode="json")
    values["manager_id"] = row.manager_id
    return values


def _to_participant(row: ParticipantRow) -> Participant:
    return Participant.model_validate(row)


def _to_programme(row: ProgrammeRow) -> Programme:
    return Programme.model_validate(row)


def _to_pairing(row: PairingRow) -> Pairing:
    return Pairing(
        id=row.id,
        programme_id=row.programme_id,
        mentor_id=row.mentor_id,
        mentee_id=row.mentee_id,
        status=PairingStatus(row.status),
        score=row.score,
        history=[PairingEvent.model_validate(event) for event in row.events],
    )


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def from_url(cls, url: str) -> Store:
        return cls(make_engine(url))

    # -- lifecycle -----------------------------------------------------------------

    def migrate(self) -> None:
        migrate(self.engine)

    def check(self) -> None:
        """Raise ``StoreError`` unless the database answers and is at the newest schema."""
        try:
            current, head = schema_revision(self.engine)
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except SQLAlchemyError as exc:
            raise StoreError(
                "The database does not answer.",
                hint="check COACH_DATABASE_URL and that the server is running.",
            ) from exc
        if current != head:
            raise StoreError(
                f"The database schema is at {current or 'nothing'}, the code needs {head}.",
                hint="run `coach init` to apply the migrations.",
            )

    def dispose(self) -> None:
        self.engine.dispose()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back on any error."""
        with self._sessions.begin() as session:
            yield session

    # -- users ---------------------------------------------------------------------

    def add_user(self, email: str, name: str, *, is_admin: bool = False) -> User:
        with self.transaction() as session:
            row = UserRow(email=email.lower(), name=name, is_admin=is_admin)
            session.add(row)
            try:
                session.flush()
            except IntegrityError:
                raise ConflictError(
                    f"A user with email {email} already exists.",
                    hint="use that user, or pick another email.",
                ) from None
            return User.model_validate(row)

    def get_user_by_email(self, email: str) -> User:
        with self.transaction() as session:
            row = session.scalar(select(UserRow).where(UserRow.email == email.lower()))
            if row is None:
                raise NotFoundError("user", email)
            return User.model_validate(row)

    def add_coordinator(self, programme_id: int, user_id: int) -> None:
        with self.transaction() as session:
            self._programme_row(session, programme_id)
            if session.get(ProgrammeCoordinatorRow, (programme_id, user_id)) is None:
                session.add(ProgrammeCoordinatorRow(programme_id=programme_id, user_id=user_id))

    def coordinator_ids(self, programme_id: int) -> list[int]:
        with self.transaction() as session:
            return list(
                session.scalars(
                    select(ProgrammeCoordinatorRow.user_id).where(
                        ProgrammeCoordinatorRow.programme_id == programme_id
                    )
                )
            )

    # -- programmes ----------------------------------------------------------------

    def upsert_programme(self, data: ProgrammeIn) -> Programme:
        """Create the programme, or update the one with the same slug."""
        with self.transaction() as session:
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

    def get_programme(self, key: int | str) -> Programme:
        """Find a programme by id or slug."""
        with self.transaction() as session:
            return _to_programme(self._programme_row(session, key))

    def list_programmes(self, page: Page = Page()) -> list[Programme]:
        page = page.clamp()
        with self.transaction() as session:
            rows = session.scalars(
                select(ProgrammeRow).order_by(ProgrammeRow.id).offset(page.offset).limit(page.limit)
            )
            return [_to_programme(row) for row in rows]

    def _programme_row(self, session: Session, key: int | str) -> ProgrammeRow:
        if isinstance(key, int) or (isinstance(key, str) and key.isdigit()):
            row = session.get(ProgrammeRow, int(key))
        else:
            row = session.scalar(select(ProgrammeRow).where(ProgrammeRow.slug == key))
        if row is None:
            raise NotFoundError(
                "programme", key, hint="list programmes with `coach programmes` or create one."
            )
        return row

    # -- participants --------------------------------------------------------------

    def upsert_participants(self, programme_id: int, rows: Sequence[ParticipantIn]) -> UpsertResult:
        """Insert new participants and update known ones (matched by employee id).

        All rows are written in one transaction: either the whole roster lands or none.
        """
        created = updated = unchanged = 0
        with self.transaction() as session:
            self._programme_row(session, programme_id)
            existing = {
                row.external_id: row
                for row in session.scalars(
                    select(ParticipantRow).where(ParticipantRow.programme_id == programme_id)
                )
            }
            for data in rows:
                values = _participant_values(data)
                row = existing.get(data.external_id)
                if row is None:
                    session.add(ParticipantRow(programme_id=programme_id, **values))
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
        self, programme_id: int, *, role: Role | None = None, page: Page | None = None
    ) -> list[Participant]:
        """Active participants in id order; ``page=None`` means all (internal jobs)."""
        with self.transaction() as session:
            query = (
                select(ParticipantRow)
                .where(ParticipantRow.programme_id == programme_id, ParticipantRow.active)
                .order_by(ParticipantRow.id)
            )
            if role is not None:
                query = query.where(ParticipantRow.role == role.value)
            if page is not None:
                page = page.clamp()
                query = query.offset(page.offset).limit(page.limit)
            return [_to_participant(row) for row in session.scalars(query)]

    def count_participants(self, programme_id: int) -> dict[str, int]:
        with self.transaction() as session:
            counts = session.execute(
                select(ParticipantRow.role, func.count())
                .where(ParticipantRow.programme_id == programme_id, ParticipantRow.active)
                .group_by(ParticipantRow.role)
            ).all()
            return {role: count for role, count in counts}

    def get_participant(self, participant_id: int) -> Participant:
        with self.transaction() as session:
            row = session.get(ParticipantRow, participant_id)
            if row is None:
                raise NotFoundError("participant", participant_id)
            return _to_participant(row)

    # -- pairings ------------------------------------------------------------------

    def create_pairing(
        self,
        programme_id: int,
        mentor_id: int,
        mentee_id: int,
        *,
        score: float | None = None,
        actor_user_id: int | None = None,
    ) -> Pairing:
        with self.transaction() as session:
            for participant_id, role in ((mentor_id, Role.MENTOR), (mentee_id, Role.MENTEE)):
                row = session.get(ParticipantRow, participant_id)
                if row is None or row.programme_id != programme_id or row.role != role.value:
                    raise NotFoundError(f"{role.value} in programme {programme_id}", participant_id)
            pairing = PairingRow(
                programme_id=programme_id,
                mentor_id=mentor_id,
                mentee_id=mentee_id,
                status=PairingStatus.SUGGESTED.value,
                score=score,
            )
            pairing.events.append(
                PairingEventRow(
                    from_status=None,
                    to_status=PairingStatus.SUGGESTED.value,
                    actor_user_id=actor_user_id,
                )
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
        with self.transaction() as session:
            row = session.get(PairingRow, pairing_id, with_for_update=True)
            if row is None:
                raise NotFoundError("pairing", pairing_id)
            if expected_version is not None and row.version != expected_version:
                raise ConflictError(
                    f"Pairing {pairing_id} was changed by someone else meanwhile.",
                    hint="reload the pairing and decide again.",
                )
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
            session.flush()
            return _to_pairing(row)

    # -- sessions, notes and feedback ----------------------------------------------

    def add_session(self, pairing_id: int, number: int, stage: Stage) -> int:
        with self.transaction() as session:
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

    def add_note(self, session_id: int, author_id: int, text_: str) -> int:
        with self.transaction() as session:
            row = SessionNoteRow(session_id=session_id, author_id=author_id, text=text_)
            session.add(row)
            session.flush()
            return row.id

    def notes_by_author(self, pairing_id: int, author_id: int) -> list[tuple[int, str]]:
        """(session number, text) of one author's own notes in a pairing, oldest first.

        There is deliberately no method that returns every note of a session: private
        notes are only ever read back by their author.
        """
        with self.transaction() as session:
            rows = session.execute(
                select(SessionRow.number, SessionNoteRow.text)
                .join(SessionNoteRow, SessionNoteRow.session_id == SessionRow.id)
                .where(SessionRow.pairing_id == pairing_id, SessionNoteRow.author_id == author_id)
                .order_by(SessionRow.number, SessionNoteRow.id)
            ).all()
            return [(number, note) for number, note in rows]

    def add_feedback(self, author_id: int, data: FeedbackIn) -> int:
        with self.transaction() as session:
            pairing = session.get(PairingRow, data.pairing_id)
            if pairing is None or author_id not in (pairing.mentor_id, pairing.mentee_id):
                raise NotFoundError("pairing of this participant", data.pairing_id)
            row = FeedbackRow(
                programme_id=pairing.programme_id, author_id=author_id, **data.model_dump()
            )
            session.add(row)
            session.flush()
            return row.id

    def count_feedback(self, programme_id: int) -> int:
        with self.transaction() as session:
            return (
                session.scalar(select(func.count()).where(FeedbackRow.programme_id == programme_id))
                or 0
            )
