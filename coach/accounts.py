"""Users and bearer API tokens.

A token is 256 random bits shown once at creation; the store keeps only its SHA-256 hash.
A plain hash (not bcrypt) is right here: the secret has full entropy, so there is nothing to
brute-force, and a fast hash keeps every authenticated request cheap.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from coach.domain import ApiToken, User
from coach.errors import FieldProblem, InputValidationError
from coach.store import Store

TOKEN_PREFIX = "cch_"
# Web session secrets have their own prefix and kind: they are never accepted as API
# tokens, and an API token is never accepted as a session.
SESSION_PREFIX = "cchw_"
SESSION_HOURS = 24
DEFAULT_TTL_DAYS = 90
MAX_TTL_DAYS = 365


def now_utc() -> datetime:
    return datetime.now(UTC)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_token(
    store: Store, user_id: int, name: str, *, ttl_days: int = DEFAULT_TTL_DAYS
) -> tuple[ApiToken, str]:
    """Create a token for a user; returns its record and the secret (shown only now)."""
    if not 1 <= ttl_days <= MAX_TTL_DAYS:
        raise InputValidationError(
            f"A token must expire within 1 to {MAX_TTL_DAYS} days.",
            [FieldProblem("ttl_days", f"must be 1 to {MAX_TTL_DAYS}", value=str(ttl_days))],
        )
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    record = store.accounts.add_token(
        user_id, name, hash_token(secret), now_utc() + timedelta(days=ttl_days)
    )
    return record, secret


def authenticate(store: Store, token: str) -> User | None:
    """The user a bearer token belongs to, or None if unknown, revoked or expired."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    return store.accounts.user_for_token_hash(hash_token(token), now_utc(), kind="api")


def open_session(store: Store, api_token: str) -> str | None:
    """A web session secret opened with ``api_token``, or None if that token is not live.

    The session is bound to the token: it ends when the token is revoked or expires, and
    never lasts past it. Its secret is not an API token, and cannot open another session.
    """
    if not api_token.startswith(TOKEN_PREFIX) or len(api_token) > 200:
        return None
    now = now_utc()
    parent = store.accounts.live_token(hash_token(api_token), "api", now)
    if parent is None:
        return None
    secret = SESSION_PREFIX + secrets.token_urlsafe(32)
    expires = min(now + timedelta(hours=SESSION_HOURS), parent.expires_at)
    store.accounts.add_token(
        parent.user_id, "web session", hash_token(secret), expires, kind="web", parent_id=parent.id
    )
    return secret


def session_user(store: Store, secret: str) -> User | None:
    """The user of a live web session (its token live too), or None."""
    if not secret.startswith(SESSION_PREFIX) or len(secret) > 200:
        return None
    return store.accounts.user_for_token_hash(hash_token(secret), now_utc(), kind="web")
