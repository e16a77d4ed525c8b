"""Web sign-in: an API token is exchanged for a session cookie, forms carry a CSRF token.

The session cookie holds a fresh token of the user's own (issued by ``coach.accounts``,
stored only as a hash, valid for a working day), so signing out revokes it and nothing
long-lived sits in the browser. The CSRF token is an HMAC of the session secret: it
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
from coach.accounts import authenticate, hash_token, issue_token, now_utc
from coach.domain import Membership, User
from coach.errors import AccessDeniedError
from coach.store import Store

COOKIE = "coach_session"
SESSION_DAYS = 1


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
    """A new session secret for the owner of ``api_token``, or None if it is not valid."""
    user = authenticate(store, api_token.strip())
    if user is None:
        return None
    _, secret = issue_token(store, user.id, "web session", ttl_days=SESSION_DAYS)
    return secret


def sign_out(store: Store, secret: str) -> None:
    store.revoke_token_hash(hash_token(secret), now_utc())


def current(request: Request, store: StoreDep) -> WebUser:
    secret = request.cookies.get(COOKIE, "")
    user = authenticate(store, secret) if secret else None
    if user is None:
        path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise SignInRequired(path)
    return WebUser(user=user, who=store.membership(user.id), secret=secret)


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
