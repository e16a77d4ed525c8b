"""Users and their API tokens and web sessions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from coach.domain import (
    ApiToken,
    Membership,
    Role,
    SignInLink,
    User,
    UserRole,
)
from coach.errors import ConflictError, NotFoundError
from coach.store.models import (
    ApiTokenRow,
    ParticipantRow,
    ProgrammeCoordinatorRow,
    SignInLinkRow,
    UserRow,
)
from coach.store.repository import Page, Repository


class AccountRepository(Repository):
    """Users, their memberships, API tokens and the web sessions opened with them."""

    def add_user(self, email: str, name: str, *, role: UserRole = UserRole.MEMBER) -> User:
        """Create a user and link them to participant records with the same email."""
        with self._transaction() as session:
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
        with self._transaction() as session:
            row = session.get(UserRow, user_id)
            if row is None:
                raise NotFoundError("user", user_id)
            return User.model_validate(row)

    def get_user_by_email(self, email: str) -> User:
        with self._transaction() as session:
            row = session.scalar(select(UserRow).where(UserRow.email == email.lower()))
            if row is None:
                raise NotFoundError("user", email)
            return User.model_validate(row)

    def list_users(self, page: Page = Page()) -> tuple[list[User], int]:
        page = page.clamp()
        with self._transaction() as session:
            total = session.scalar(select(func.count()).select_from(UserRow)) or 0
            rows = session.scalars(
                select(UserRow).order_by(UserRow.id).offset(page.offset).limit(page.limit)
            )
            return [User.model_validate(row) for row in rows], total

    def membership(self, user_id: int) -> Membership:
        with self._transaction() as session:
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
        with self._transaction() as session:
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
        with self._transaction() as session:
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
        with self._transaction() as session:
            user = session.get(UserRow, token.user_id)
            return User.model_validate(user) if user else None

    def get_token(self, token_id: int) -> ApiToken:
        with self._transaction() as session:
            row = session.get(ApiTokenRow, token_id)
            if row is None:
                raise NotFoundError("token", token_id)
            return ApiToken.model_validate(row)

    def list_tokens(self, user_id: int) -> list[ApiToken]:
        """A user's API tokens and web sessions, oldest first."""
        with self._transaction() as session:
            rows = session.scalars(
                select(ApiTokenRow).where(ApiTokenRow.user_id == user_id).order_by(ApiTokenRow.id)
            )
            return [ApiToken.model_validate(row) for row in rows]

    def revoke_token_hash(self, token_hash: str, now: datetime) -> None:
        """Revoke the token with this hash (a web sign-out); unknown hashes are ignored."""
        with self._transaction() as session:
            row = session.scalar(select(ApiTokenRow).where(ApiTokenRow.token_hash == token_hash))
            if row is not None:
                _revoke_with_sessions(session, [row], now)

    def revoke_token(self, token_id: int, now: datetime) -> ApiToken:
        """Revoke a token and every web session it opened."""
        with self._transaction() as session:
            row = session.get(ApiTokenRow, token_id)
            if row is None:
                raise NotFoundError("token", token_id)
            _revoke_with_sessions(session, [row], now)
            session.flush()
            return ApiToken.model_validate(row)

    def revoke_user_tokens(self, user_id: int, now: datetime) -> int:
        """Revoke every live token and session of a user (an offboarding); how many."""
        with self._transaction() as session:
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

    # -- sign-in links ---------------------------------------------------------------

    def add_sign_in_link(
        self, user_id: int, token_hash: str, purpose: str, expires_at: datetime
    ) -> SignInLink:
        with self._transaction() as session:
            if session.get(UserRow, user_id) is None:
                raise NotFoundError("user", user_id)
            row = SignInLinkRow(
                user_id=user_id, token_hash=token_hash, purpose=purpose, expires_at=expires_at
            )
            session.add(row)
            session.flush()
            return SignInLink.model_validate(row)

    def lock_sign_in_link(self, token_hash: str) -> SignInLink | None:
        """The link of this hash, locked until the unit of work ends (two clicks at once
        cannot both use it), or None."""
        with self._transaction() as session:
            row = session.scalar(
                select(SignInLinkRow)
                .where(SignInLinkRow.token_hash == token_hash)
                .with_for_update()
                .execution_options(populate_existing=True)
            )
            return SignInLink.model_validate(row) if row else None

    def count_sign_in_links(self, user_id: int, since: datetime) -> int:
        with self._transaction() as session:
            return (
                session.scalar(
                    select(func.count())
                    .select_from(SignInLinkRow)
                    .where(SignInLinkRow.user_id == user_id, SignInLinkRow.created_at >= since)
                )
                or 0
            )

    def use_sign_in_link(self, link_id: int, now: datetime) -> None:
        with self._transaction() as session:
            row = session.get(SignInLinkRow, link_id)
            if row is None:
                raise NotFoundError("sign-in link", link_id)
            row.used_at = now


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
