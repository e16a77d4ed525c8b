"""Rendering pages: one Jinja2 environment (autoescaped) and the HTML error page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from api.web.session import WebUser
from coach.domain import UserRole
from coach.numbers import FORMATS, counted, kpi_label, kpi_value

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
# One number format for every page (coach.numbers): {{ value | rate }}, {{ value | rating }}.
# {{ n | counted("pair") }} reads "1 pair" or "3 pairs".
for _name, _format in {**FORMATS, "kpi_label": kpi_label, "counted": counted}.items():
    templates.env.filters[_name] = _format
templates.env.globals["kpi_value"] = kpi_value


def page(
    request: Request,
    template: str,
    viewer: WebUser | None = None,
    *,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    programme = context.get("programme")
    coordinates = bool(
        viewer
        and programme is not None
        and (viewer.who.role is UserRole.ADMIN or programme.id in viewer.who.coordinates)
    )
    return templates.TemplateResponse(
        request,
        template,
        {
            "viewer": viewer,
            "csrf": viewer.csrf if viewer else "",
            "coordinates": coordinates,
            "done": "",
            **context,
        },
        status_code=status_code,
    )


def error_page(
    request: Request,
    status: int,
    message: str,
    hint: str | None = None,
    fields: list[tuple[str, str]] | None = None,
) -> HTMLResponse:
    titles = {
        401: "Please sign in",
        403: "Not allowed",
        404: "Not found",
        409: "That changed meanwhile",
        413: "Too large",
        422: "Please check the form",
    }
    return templates.TemplateResponse(
        request,
        "error.html",
        {
            "viewer": None,
            "csrf": "",
            "title": titles.get(status, "Something went wrong"),
            "status": status,
            "message": message,
            "hint": hint,
            "fields": fields or [],
            "coordinates": False,
            "done": "",
            "request_id": getattr(request.state, "request_id", None),
        },
        status_code=status,
    )


def wants_html(request: Request) -> bool:
    path = request.url.path
    return path == "/" or path.startswith(("/web", "/login", "/logout"))


def form_lines(text: str) -> list[str]:
    """A textarea's items, one per line (or separated by ";"), trimmed, blanks left out."""
    return [line.strip() for line in text.replace(";", "\n").splitlines() if line.strip()]
