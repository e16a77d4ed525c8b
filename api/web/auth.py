"""Sign-in, sign-out and the home page that sends each person where they work."""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import StoreDep
from api.web.render import page
from api.web.session import COOKIE, SESSION_SECONDS, Poster, Viewer, sign_in, sign_out
from coach.domain import UserRole

router = APIRouter(include_in_schema=False)


def _safe_next(value: str) -> str:
    # Only paths of this site: never redirect a signed-in user somewhere else.
    return value if value.startswith("/web") and "//" not in value else "/web"


@router.get("/")
def root() -> RedirectResponse:
    return RedirectResponse("/web", status_code=303)


# The sign-in form has no session yet, so its CSRF token is a double-submit value: a
# random cookie that only this site can set (SameSite=Strict), repeated in the form.
LOGIN_COOKIE = "coach_login"


def _login_page(
    request: Request, next: str, error: str | None, status_code: int = 200
) -> HTMLResponse:
    token = request.cookies.get(LOGIN_COOKIE, "")
    if len(token) != 43:
        token = secrets.token_urlsafe(32)
    response = page(
        request,
        "login.html",
        next=_safe_next(next),
        error=error,
        csrf=token,
        status_code=status_code,
    )
    response.set_cookie(
        LOGIN_COOKIE,
        token,
        max_age=3600,
        httponly=True,
        secure=True,
        samesite="strict",
        path="/login",
    )
    return response


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/web") -> HTMLResponse:
    return _login_page(request, next, None)


@router.post("/login")
def login(
    request: Request,
    store: StoreDep,
    token: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=500)] = "/web",
    csrf: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    expected = request.cookies.get(LOGIN_COOKIE, "")
    if not expected or not hmac.compare_digest(csrf, expected):
        return _login_page(
            request,
            next,
            "The sign-in form was out of date. It has been reloaded: paste your token again.",
            status_code=403,
        )
    secret = sign_in(store, token)
    if secret is None:
        return _login_page(
            request,
            next,
            "That token is unknown, revoked or expired. Ask your coordinator or an "
            "admin for a new one (coach token create).",
            status_code=401,
        )
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.delete_cookie(LOGIN_COOKIE, path="/login")
    response.set_cookie(
        COOKIE,
        secret,
        max_age=SESSION_SECONDS,
        httponly=True,
        secure=True,  # browsers accept secure cookies from http://localhost and 127.0.0.1
        samesite="lax",
        path="/",
    )
    return response


@router.post("/logout")
def logout(viewer: Poster, store: StoreDep) -> RedirectResponse:
    sign_out(store, viewer.secret)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.get("/web", response_class=HTMLResponse)
def home(request: Request, viewer: Viewer, store: StoreDep) -> HTMLResponse:
    """Programmes the person coordinates and takes part in, with where to go next."""
    who = viewer.who
    if who.role is UserRole.ADMIN:
        coordinated = store.programmes.list_programmes()
    else:
        coordinated = [store.programmes.get_programme(pid) for pid in sorted(who.coordinates)]
    taking_part = [
        (store.programmes.get_programme(pid), role.value)
        for pid, (_, role) in sorted(who.participates.items())
    ]
    return page(request, "home.html", viewer, coordinated=coordinated, taking_part=taking_part)
