"""Sign-in, sign-out and the home page that sends each person where they work."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import StoreDep
from api.web.render import page
from api.web.session import COOKIE, SESSION_DAYS, Poster, Viewer, sign_in, sign_out
from coach.domain import UserRole

router = APIRouter(include_in_schema=False)


def _safe_next(value: str) -> str:
    # Only paths of this site: never redirect a signed-in user somewhere else.
    return value if value.startswith("/web") and "//" not in value else "/web"


@router.get("/")
def root() -> RedirectResponse:
    return RedirectResponse("/web", status_code=303)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/web") -> HTMLResponse:
    return page(request, "login.html", next=_safe_next(next), error=None)


@router.post("/login")
def login(
    request: Request,
    store: StoreDep,
    token: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=500)] = "/web",
) -> Response:
    secret = sign_in(store, token)
    if secret is None:
        return page(
            request,
            "login.html",
            next=_safe_next(next),
            error="That token is unknown, revoked or expired. Ask your coordinator or an "
            "admin for a new one (coach token create).",
            status_code=401,
        )
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        COOKIE,
        secret,
        max_age=SESSION_DAYS * 86400,
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
        coordinated = store.list_programmes()
    else:
        coordinated = [store.get_programme(pid) for pid in sorted(who.coordinates)]
    taking_part = [
        (store.get_programme(pid), role.value)
        for pid, (_, role) in sorted(who.participates.items())
    ]
    return page(request, "home.html", viewer, coordinated=coordinated, taking_part=taking_part)
