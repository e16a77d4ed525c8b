"""Guidance cards as pages: what a summary's suggested action links to."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse

from api.deps import ServicesDep
from api.web.render import page
from api.web.session import Viewer
from coach.errors import NotFoundError

router = APIRouter(prefix="/web/guidance", include_in_schema=False)


@router.get("/{card_id}", response_class=HTMLResponse)
def card(
    request: Request,
    card_id: Annotated[str, Path(pattern=r"^[a-z0-9-]{1,80}$")],
    viewer: Viewer,
    services: ServicesDep,
):
    """Any signed-in person may read the programme's guidance (it holds nobody's data)."""
    found = services.card(card_id)
    if found is None:
        raise NotFoundError("guidance card", card_id)
    return page(request, "guidance.html", viewer, card=found)
