"""The ``Store``: every read and write of coach data goes through here.

Methods take and return the typed records of ``coach.domain``; each public method is one
transaction, so a failure part-way leaves nothing half-written.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from coach.domain import (
    ApiToken,
    Feedback,
    FeedbackIn,
    FeedbackStage,
    MatchingRun,
    Membership,
    Pairing,
    PairingActionRecord,
    PairingEvent,
    PairingStatus,
    Participant,
    ParticipantIn,
    Programme,
    ProgrammeIn,
    Role,
    SessionStatus,
    Stage,
    User,
    UserRole,
    validated,
)
from coach.errors import ConflictError, NotFoundError, StoreError
from coach.store.db import make_engine, migrate, schema_revision
from coach.store.models import (
    ApiTokenRow,
    FeedbackRow,
    IndexStateRow,
    MatchingRunRow,
    PairingActionRow,
    PairingEventRow,
    PairingRow,
    ParticipantRow,
    ProgrammeCoordinatorRow,
    ProgrammeRow,
    SessionNoteRow,
    SessionRow,
    UserRow,
    utcnow,
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
        version=row.version,
        details=row.details or {},
        run_id=row.run_id,
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

    def add_user(self, email: str, name: str, *, role: UserRole = UserRole.MEMBER) -> User:
        """Create a user and link them to participant records with the same email."""
        with self.transaction() as session:
            row = UserRow(email=email.lower(), name=name, role=role.value)
            session.add(row)
            try:
                session.flush()
            except IntegrityError:
                raise ConflictError(
                    f"A user with email {email} already exists.",
                    hint="use that user, or pick another email.",
                ) from None
            for participant in session.scalars(
                select(ParticipantRow).where(
                    func.lower(ParticipantRow.email) == row.email, ParticipantRow.user_id.is_(None)
                )
            ):
                participant.user_id = row.id
            return User.model_validate(row)

    def get_user(self, user_id: int) -> User:
        with self.transaction() as session:
            row = session.get(UserRow, user_id)
            if row is None:
                raise NotFoundError("user", user_id)
            return User.model_validate(row)

    def get_user_by_email(self, email: str) -> User:
        with self.transaction() as session:
            row = session.scalar(select(UserRow).where(UserRow.email == email.lower()))
            if row is None:
                raise NotFoundError("user", email)
            return User.model_validate(row)

    def list_users(self, page: Page = Page()) -> tuple[list[User], int]:
        page = page.clamp()
        with self.transaction() as session:
            total = session.scalar(select(func.count()).select_from(UserRow)) or 0
            rows = session.scalars(
                select(UserRow).order_by(UserRow.id).offset(page.offset).limit(page.limit)
            )
            return [User.model_validate(row) for row in rows], total

    def membership(self, user_id: int) -> Membership:
        with self.transaction() as session:
            user = session.get(UserRow, user_id)
            if user is None:
                raise NotFoundError("user", user_id)
            coordinates = frozenset(
                session.scalars(
                    select(ProgrammeCoordinatorRow.programme_id).where(
                        ProgrammeCoordinatorRow.user_id == user_id
                    )
                )
            )
            participates = {
                programme_id: (participant_id, Role(role))
                for participant_id, programme_id, role in session.execute(
                    select(
                        ParticipantRow.id, ParticipantRow.programme_id, ParticipantRow.role
                    ).where(ParticipantRow.user_id == user_id, ParticipantRow.active)
                )
            }
            return Membership(
                user_id=user_id,
                role=UserRole(user.role),
                coordinates=coordinates,
                participates=participates,
            )

    # -- API tokens ----------------------------------------------------------------

    def add_token(
        self,
        user_id: int,
        name: str,
        token_hash: str,
        expires_at: datetime,
        *,
        kind: str = "api",
        parent_id: int | None = None,
    ) -> ApiToken:
        with self.transaction() as session:
            if session.get(UserRow, user_id) is None:
                raise NotFoundError("user", user_id)
            row = ApiTokenRow(
                user_id=user_id,
                name=name,
                token_hash=token_hash,
                expires_at=expires_at,
                kind=kind,
                parent_id=parent_id,
            )
            session.add(row)
            session.flush()
            return ApiToken.model_validate(row)

    def live_token(self, token_hash: str, kind: str, now: datetime) -> ApiToken | None:
        """The token of this hash and kind if it is live: known, not revoked, not expired,
        and (for a web session) the API token that opened it live too."""
        with self.transaction() as session:
            row = session.scalar(select(ApiTokenRow).where(ApiTokenRow.token_hash == token_hash))
            if row is None or row.kind != kind or not _live(row, now):
                return None
            if row.parent_id is not None:
                parent = session.get(ApiTokenRow, row.parent_id)
                if parent is None or not _live(parent, now):
                    return None
            return ApiToken.model_validate(row)

    def user_for_token_hash(
        self, token_hash: str, now: datetime, *, kind: str = "api"
    ) -> User | None:
        """The user of a live token of this kind, else None (see ``live_token``)."""
        token = self.live_token(token_hash, kind, now)
        if token is None:
            return None
        with self.transaction() as session:
            user = session.get(UserRow, token.user_id)
            return User.model_validate(user) if user else None

    def get_token(self, token_id: int) -> ApiToken:
        with self.transaction() as session:
            row = session.get(ApiTokenRow, token_id)
            if row is None:
                raise NotFoundError("token", token_id)
            return ApiToken.model_validate(row)

    def list_tokens(self, user_id: int) -> list[ApiToken]:
        """A user's API tokens and web sessions, oldest first."""
        with self.transaction() as session:
            rows = session.scalars(
                select(ApiTokenRow).where(ApiTokenRow.user_id == user_id).order_by(ApiTokenRow.id)
            )
            return [ApiToken.model_validate(row) for row in rows]

    def revoke_token_hash(self, token_hash: str, now: datetime) -> None:
        """Revoke the token with this hash (a web sign-out); unknown hashes are ignored."""
        with self.transaction() as session:
            row = session.scalar(select(ApiTokenRow).where(ApiTokenRow.token_hash == token_hash))
            if row is not None:
                _revoke_with_sessions(session, [row], now)

    def revoke_token(self, token_id: int, now: datetime) -> ApiToken:
        """Revoke a token and every web session it opened."""
        with self.transaction() as session:
            row = session.get(ApiTokenRow, token_id)
            if row is None:
                raise NotFoundError("token", token_id)
            _revoke_with_sessions(session, [row], now)
            session.flush()
            return ApiToken.model_validate(row)

    def revoke_user_tokens(self, user_id: int, now: datetime) -> int:
        """Revoke every live token and session of a user (an offboarding); how many."""
        with self.transaction() as session:
            if session.get(UserRow, user_id) is None:
                raise NotFoundError("user", user_id)
            rows = list(
                session.scalars(
                    select(ApiTokenRow).where(
                        ApiTokenRow.user_id == user_id, ApiTokenRow.revoked_at.is_(None)
                    )
                )
            )
            return _revoke_with_sessions(session, rows, now)

    # -- what the index should hold ------------------------------------------------

    def record_index_state(self, name: str, entries: int, fingerprint: str) -> None:
        """Remember what a sync left in the index (see ``Services.index_health``)."""
        with self.transaction() as session:
            row = session.get(IndexStateRow, name)
            if row is None:
                row = IndexStateRow(name=name)
                session.add(row)
            row.entries = entries
            row.fingerprint = fingerprint
            row.updated_at = datetime.now(UTC)

    def index_state(self, name: str) -> tuple[int, str] | None:
        """(entries, fingerprint) recorded by the last sync of ``name``, or None."""
        with self.transaction() as session:
            row = session.get(IndexStateRow, name)
            return None if row is None else (row.entries, row.fingerprint)

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

    def create_programme(
        self, data: ProgrammeIn, *, coordinator_user_id: int | None = None
    ) -> Programme:
        """Create a programme (its slug must be new), optionally with its first coordinator."""
        with self.transaction() as session:
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
        with self.transaction() as session:
            row = self._programme_row(session, programme_id)
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
        with self.transaction() as session:
            return session.scalar(select(func.count()).select_from(ProgrammeRow)) or 0

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
        with self.transaction() as session:
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
        with self.transaction() as session:
            counts = session.execute(
                select(ParticipantRow.role, func.count())
                .where(ParticipantRow.programme_id == programme_id, ParticipantRow.active)
                .group_by(ParticipantRow.role)
            ).all()
            return {role: count for role, count in counts}

    def create_participant(self, programme_id: int, data: ParticipantIn) -> Participant:
        """Register one new participant; an existing employee id or email is a conflict."""
        with self.transaction() as session:
            self._programme_row(session, programme_id)
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
        with self.transaction() as session:
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
        with self.transaction() as session:
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
        with self.transaction() as session:
            row = session.get(ParticipantRow, participant_id)
            if row is None or (programme_id is not None and row.programme_id != programme_id):
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
        details: dict[str, Any] | None = None,
    ) -> Pairing:
        with self.transaction() as session:
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
        with self.transaction() as session:
            _check_members(session, programme_id, mentor_id, mentee_id)
            open_rows = session.scalars(
                select(PairingRow).where(
                    PairingRow.programme_id == programme_id,
                    PairingRow.mentee_id == mentee_id,
                    PairingRow.status == PairingStatus.SUGGESTED.value,
                )
            )
            for old in open_rows:
                self._transition(old, PairingStatus.WITHDRAWN, actor_user_id, f"replaced: {reason}")
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
        with self.transaction() as session:
            row = session.get(PairingRow, pairing_id, with_for_update=True)
            if row is None:
                raise NotFoundError("pairing", pairing_id)
            if expected_version is not None and row.version != expected_version:
                raise ConflictError(
                    f"Pairing {pairing_id} was changed by someone else meanwhile.",
                    hint="reload the pairing and decide again.",
                )
            self._transition(row, status, actor_user_id, reason)
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
        with self.transaction() as session:
            self._programme_row(session, programme_id)
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
                self._transition(
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

    @staticmethod
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

    def latest_matching_run(self, programme_id: int) -> MatchingRun | None:
        with self.transaction() as session:
            row = session.scalar(
                select(MatchingRunRow)
                .where(MatchingRunRow.programme_id == programme_id)
                .order_by(MatchingRunRow.id.desc())
                .limit(1)
            )
            return MatchingRun.model_validate(row) if row else None

    def get_pairing(self, pairing_id: int, *, programme_id: int | None = None) -> Pairing:
        """The pairing; with ``programme_id``, only if it belongs to that programme."""
        with self.transaction() as session:
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
        with self.transaction() as session:
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

    def review_pairing(
        self,
        pairing_id: int,
        decide: Any,
        *,
        expected_version: int | None = None,
    ) -> Pairing:
        """Lock a pairing and apply ``decide(session_view) -> (status, actor, reason)``.

        ``decide`` gets the locked pairing and the programme's approved pairings, and may
        raise to refuse; the change and its history event are one transaction.
        """
        with self.transaction() as session:
            row = session.get(PairingRow, pairing_id, with_for_update=True)
            if row is None:
                raise NotFoundError("pairing", pairing_id)
            if expected_version is not None and row.version != expected_version:
                raise ConflictError(
                    f"Pairing {pairing_id} was changed by someone else meanwhile.",
                    hint="reload the pairing and decide again.",
                )
            approved = [
                _to_pairing(other)
                for other in session.scalars(
                    select(PairingRow)
                    .where(
                        PairingRow.programme_id == row.programme_id,
                        PairingRow.status == PairingStatus.APPROVED.value,
                        PairingRow.id != row.id,
                    )
                    .with_for_update()
                )
            ]
            status, actor, reason = decide(_to_pairing(row), approved)
            self._transition(row, status, actor, reason)
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

    @staticmethod
    def _session_row(session: Session, pairing_id: int, number: int, stage: Stage) -> SessionRow:
        """A pairing's session ``number`` in this transaction, created (planned) if new."""
        if session.get(PairingRow, pairing_id) is None:
            raise NotFoundError("pairing", pairing_id)
        row = session.scalar(
            select(SessionRow).where(
                SessionRow.pairing_id == pairing_id, SessionRow.number == number
            )
        )
        if row is None:
            row = SessionRow(pairing_id=pairing_id, number=number, stage=stage.value)
            session.add(row)
            session.flush()
        return row

    def ensure_session(self, pairing_id: int, number: int, stage: Stage) -> int:
        """The id of a pairing's session ``number``, created (planned) if it is new."""
        with self.transaction() as session:
            return self._session_row(session, pairing_id, number, stage).id

    def save_session_document(
        self, pairing_id: int, number: int, stage: Stage, kind: str, document: dict[str, Any]
    ) -> None:
        """Store a session's agenda or prompts (kind), creating the session if needed."""
        if kind not in ("agenda", "prompts"):
            raise ValueError(f"unknown session document {kind}")
        with self.transaction() as session:
            row = self._session_row(session, pairing_id, number, stage)
            setattr(row, kind, document)

    def session_document(self, pairing_id: int, number: int, kind: str) -> dict[str, Any] | None:
        with self.transaction() as session:
            row = session.scalar(
                select(SessionRow).where(
                    SessionRow.pairing_id == pairing_id, SessionRow.number == number
                )
            )
            return None if row is None else getattr(row, kind)

    def session_documents(self, pairing_id: int, *, before: int) -> list[dict[str, Any]]:
        """Agendas and prompts of a pairing's earlier sessions, oldest first."""
        with self.transaction() as session:
            rows = session.scalars(
                select(SessionRow)
                .where(SessionRow.pairing_id == pairing_id, SessionRow.number < before)
                .order_by(SessionRow.number)
            )
            return [{"number": r.number, "agenda": r.agenda, "prompts": r.prompts} for r in rows]

    def goal_ratings(self, pairing_id: int, author_id: int) -> dict[str, list[int]]:
        """The author's self-ratings per goal in this pairing's feedback, oldest first."""
        with self.transaction() as session:
            rows = session.scalars(
                select(FeedbackRow.goal_progress)
                .where(FeedbackRow.pairing_id == pairing_id, FeedbackRow.author_id == author_id)
                .order_by(FeedbackRow.id)
            )
            history: dict[str, list[int]] = {}
            for ratings in rows:
                for goal, value in (ratings or {}).items():
                    history.setdefault(goal, []).append(int(value))
            return history

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

    def add_feedback(
        self, author_id: int, data: FeedbackIn, *, session_stage: Stage | None = None
    ) -> Feedback:
        """Store one answer; feedback after a session also marks that session as held.

        One answer per author, pairing, stage and session: a second one is a conflict, so
        a retried submission is never counted twice.
        """
        with self.transaction() as session:
            pairing = session.get(PairingRow, data.pairing_id)
            if pairing is None or author_id not in (pairing.mentor_id, pairing.mentee_id):
                raise NotFoundError("pairing of this participant", data.pairing_id)
            same = select(FeedbackRow.id).where(
                FeedbackRow.pairing_id == data.pairing_id,
                FeedbackRow.author_id == author_id,
                FeedbackRow.stage == data.stage.value,
            )
            if data.session_number is None:
                same = same.where(FeedbackRow.session_number.is_(None))
            else:
                same = same.where(FeedbackRow.session_number == data.session_number)
            if session.scalar(same.with_for_update()) is not None:
                what = f"session {data.session_number}" if data.session_number else data.stage.value
                raise ConflictError(
                    f"You have already given {what} feedback for this pairing.",
                    hint="each person answers once per session or stage; nothing was changed.",
                )
            row = FeedbackRow(
                programme_id=pairing.programme_id, author_id=author_id, **data.model_dump()
            )
            session.add(row)
            if data.session_number is not None and session_stage is not None:
                held = session.scalar(
                    select(SessionRow).where(
                        SessionRow.pairing_id == data.pairing_id,
                        SessionRow.number == data.session_number,
                    )
                )
                if held is None:
                    held = SessionRow(
                        pairing_id=data.pairing_id,
                        number=data.session_number,
                        stage=session_stage.value,
                    )
                    session.add(held)
                if held.status != SessionStatus.HELD.value:
                    held.status = SessionStatus.HELD.value
                    held.held_at = utcnow()
            session.flush()
            return Feedback.model_validate(row)

    def feedback_for(self, programme_id: int, stage: FeedbackStage | None = None) -> list[Feedback]:
        """Raw feedback of a programme, for the summary and KPI jobs only.

        Never returned to a coordinator: the API exposes summaries, and each author's own
        answers (``feedback_by_author``).
        """
        with self.transaction() as session:
            query = select(FeedbackRow).where(FeedbackRow.programme_id == programme_id)
            if stage is not None:
                query = query.where(FeedbackRow.stage == stage.value)
            rows = session.scalars(query.order_by(FeedbackRow.id))
            return [Feedback.model_validate(row) for row in rows]

    def feedback_by_author(self, programme_id: int, author_id: int) -> list[Feedback]:
        with self.transaction() as session:
            rows = session.scalars(
                select(FeedbackRow)
                .where(FeedbackRow.programme_id == programme_id, FeedbackRow.author_id == author_id)
                .order_by(FeedbackRow.id)
            )
            return [Feedback.model_validate(row) for row in rows]

    def add_pairing_action(
        self, pairing_id: int, author_user_id: int | None, kind: str, text_: str
    ) -> PairingActionRecord:
        with self.transaction() as session:
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
        with self.transaction() as session:
            query = select(PairingActionRow).where(
                PairingActionRow.pairing_id == pairing_id, PairingActionRow.kind == kind
            )
            if author_user_id is not None:
                query = query.where(PairingActionRow.author_user_id == author_user_id)
            rows = session.scalars(query.order_by(PairingActionRow.id)).all()
            return [PairingActionRecord.model_validate(row) for row in rows]

    def sessions_of_programme(
        self, programme_id: int
    ) -> list[tuple[int, int, str, datetime | None]]:
        """(pairing id, number, status, held_at) of every session in a programme."""
        with self.transaction() as session:
            rows = session.execute(
                select(
                    SessionRow.pairing_id, SessionRow.number, SessionRow.status, SessionRow.held_at
                )
                .join(PairingRow, PairingRow.id == SessionRow.pairing_id)
                .where(PairingRow.programme_id == programme_id)
                .order_by(SessionRow.pairing_id, SessionRow.number)
            ).all()
            return [(p, n, status, at) for p, n, status, at in rows]

    def registration_times(self, programme_id: int) -> dict[int, datetime]:
        """Participant id -> when they registered (start of "time to match")."""
        with self.transaction() as session:
            rows = session.execute(
                select(ParticipantRow.id, ParticipantRow.created_at).where(
                    ParticipantRow.programme_id == programme_id
                )
            ).all()
            return {pid: at for pid, at in rows}

    def count_feedback(self, programme_id: int) -> int:
        with self.transaction() as session:
            return (
                session.scalar(select(func.count()).where(FeedbackRow.programme_id == programme_id))
                or 0
            )


def _live(row: ApiTokenRow, now: datetime) -> bool:
    return row.revoked_at is None and row.expires_at > now


def _revoke_with_sessions(session: Session, rows: list[ApiTokenRow], now: datetime) -> int:
    """Revoke these tokens and the web sessions they opened; how many were still live."""
    ids = [row.id for row in rows]
    children = (
        list(
            session.scalars(
                select(ApiTokenRow).where(
                    ApiTokenRow.parent_id.in_(ids), ApiTokenRow.revoked_at.is_(None)
                )
            )
        )
        if ids
        else []
    )
    revoked = 0
    for row in [*rows, *children]:
        if row.revoked_at is None:
            row.revoked_at = now
            revoked += 1
    return revoked


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
