"""Web sign-in: an API token is exchanged for a session cookie, forms carry a CSRF token.

The session cookie holds a session secret (issued by ``coach.accounts.open_session``,
stored only as a hash, valid for a working day at most) bound to the API token used to
sign in: revoking or expiring that token ends the session, signing out revokes it, and the
secret is never accepted as an API token. The CSRF token is an HMAC of the session secret: it
cannot be read by another site (the cookie is HTTP-only, SameSite=Lax) and needs no
storage.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Form, Request

from api.deps import StoreDep
from coach.accounts import SESSION_HOURS, hash_token, now_utc, open_session, session_user
from coach.domain import Membership, User
from coach.errors import AccessDeniedError
from coach.store import Store

COOKIE = "coach_session"
SESSION_SECONDS = SESSION_HOURS * 3600


class SignInRequired(Exception):
    """No valid session: the page answers with a redirect to the sign-in form."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.location = "/login?next=" + quote(next_path, safe="/")


@dataclass(frozen=True)
class WebUser:
    user: User
    who: Membership
    secret: str

    @property
    def csrf(self) -> str:
        return csrf_for(self.secret)


def csrf_for(secret: str) -> str:
    return hmac.new(secret.encode(), b"coach-csrf", hashlib.sha256).hexdigest()


def sign_in(store: Store, api_token: str) -> str | None:
    """A new session secret bound to ``api_token``, or None if it is not a live API token."""
    return open_session(store, api_token.strip())


def sign_out(store: Store, secret: str) -> None:
    store.accounts.revoke_token_hash(hash_token(secret), now_utc())


def current(request: Request, store: StoreDep) -> WebUser:
    secret = request.cookies.get(COOKIE, "")
    user = session_user(store, secret) if secret else None
    if user is None:
        path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise SignInRequired(path)
    return WebUser(user=user, who=store.accounts.membership(user.id), secret=secret)


Viewer = Annotated[WebUser, Depends(current)]


def checked(viewer: Viewer, csrf: Annotated[str, Form()] = "") -> WebUser:
    """The signed-in user of a form post whose CSRF token matches their session."""
    if not hmac.compare_digest(csrf, viewer.csrf):
        raise AccessDeniedError(
            "The form's security token is missing or out of date.",
            hint="reload the page and submit the form again.",
        )
    return viewer


Poster = Annotated[WebUser, Depends(checked)]
