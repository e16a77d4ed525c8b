"""Sign-in, sign-out and the home page that sends each person where they work."""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import ServicesDep, StoreDep
from api.schemas import SignInLinkRequest
from api.web.render import page
from api.web.session import COOKIE, SESSION_SECONDS, Poster, Viewer, sign_in, sign_out
from coach.domain import UserRole, validated
from coach.errors import InputValidationError, SignInLinkError
from coach.invitations import redeem_sign_in_link, request_sign_in_link
from coach.privacy.policy import Action, require

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
    request: Request,
    next: str,
    error: str | None,
    status_code: int = 200,
    *,
    notice: str | None = None,
) -> HTMLResponse:
    return _sign_in_form(
        request,
        "login.html",
        status_code,
        next=_safe_next(next),
        error=error,
        notice=notice,
    )


def _sign_in_form(
    request: Request, template: str, status_code: int, **context: Any
) -> HTMLResponse:
    """A page with a sign-in form, its CSRF token kept in (or set as) the login cookie."""
    token = request.cookies.get(LOGIN_COOKIE, "")
    if len(token) != 43:
        token = secrets.token_urlsafe(32)
    response = page(request, template, csrf=token, status_code=status_code, **context)
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
    if not _form_is_ours(request, csrf):
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
    return _session_response(secret, next)


def _form_is_ours(request: Request, csrf: str) -> bool:
    expected = request.cookies.get(LOGIN_COOKIE, "")
    return bool(expected) and hmac.compare_digest(csrf, expected)


def _session_response(secret: str, next_path: str) -> RedirectResponse:
    response = RedirectResponse(_safe_next(next_path), status_code=303)
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


@router.post("/login/email")
def email_me_a_link(
    request: Request,
    services: ServicesDep,
    email: Annotated[str, Form(max_length=320)] = "",
    csrf: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    """Send a sign-in link; the page says the same whether or not the address is known."""
    if not _form_is_ours(request, csrf):
        return _login_page(
            request, "/web", "The form was out of date. It has been reloaded: try again.", 403
        )
    try:
        address = validated(SignInLinkRequest, {"email": email.strip()}, "sign-in").email
    except InputValidationError:
        return _login_page(
            request, "/web", f"'{email[:80]}' is not an email address.", status_code=422
        )
    request_sign_in_link(services, str(address))
    return _login_page(
        request,
        "/web",
        None,
        notice="If that address has an account here, a sign-in link is on its way. It works "
        "once, for 30 minutes.",
    )


@router.get("/login/link", response_class=HTMLResponse)
def confirm_link(request: Request, token: str = "") -> HTMLResponse:
    """The page an emailed link opens. Signing in takes a click, so that a mail
    program that opens links to check them cannot use up the single-use link."""
    return _link_page(request, token[:200], None)


def _link_page(
    request: Request, token: str, error: str | None, status_code: int = 200
) -> HTMLResponse:
    return _sign_in_form(request, "sign_in_link.html", status_code, token=token, error=error)


@router.post("/login/link")
def use_link(
    request: Request,
    services: ServicesDep,
    token: Annotated[str, Form(max_length=200)] = "",
    csrf: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    if not _form_is_ours(request, csrf):
        return _link_page(
            request, token, "The page was out of date. It has been reloaded: sign in again.", 403
        )
    try:
        secret = redeem_sign_in_link(services, token)
    except SignInLinkError as exc:
        status_code = 404 if exc.reason == "unknown" else 410
        return _link_page(request, "", exc.message, status_code=status_code)
    return _session_response(secret, "/web")


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


@router.get("/web/mailbox", response_class=HTMLResponse)
def mailbox(request: Request, viewer: Viewer, services: ServicesDep) -> HTMLResponse:
    """The outbox, newest first, for admins: what was sent, what waits and why. Without a
    mail server (the demo) this is where the messages are read."""
    require(viewer.who, Action.USER_ADMIN)
    return page(
        request,
        "mailbox.html",
        viewer,
        messages=services.store.outbox.list_messages(limit=200),
        demo=not services.settings.smtp_host,
    )
