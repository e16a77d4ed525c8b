"""The FastAPI application: ``api.main:app`` (uvicorn) or ``create_app()`` (tests)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from api.errors import install_error_handlers
from api.middleware import RequestContextMiddleware
from api.routes import (
    calendar,
    feedback,
    health,
    invitations,
    matching,
    pairings,
    participants,
    programmes,
    sessions,
    tokens,
    users,
)
from api.schemas import ErrorPublic
from api.web import auth as web_auth
from api.web import coordinator as web_coordinator
from api.web import guidance as web_guidance
from api.web import participant as web_participant
from api.web.render import HERE as WEB_DIR
from coach import __version__
from coach.config import Settings, load_settings
from coach.messages.sender import OutboxSender
from coach.services import Services


def create_app(settings: Settings | None = None, *, services: Services | None = None) -> FastAPI:
    settings = settings or load_settings()
    services = services or Services(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        sender = None
        if settings.mail_sender_seconds > 0:
            sender = OutboxSender(services, settings.mail_sender_seconds)
            sender.start()
        yield
        if sender is not None:
            sender.stop()
        services.close()

    # Every route may answer with the one error shape (400 for a body that is not JSON or a
    # file that cannot be read, 503 when the store or index is down); documenting it keeps
    # the spec honest (and replaces FastAPI's default 422 body, which we do not use).
    error = {"model": ErrorPublic}
    app = FastAPI(
        responses={
            400: error,
            401: error,
            403: error,
            404: error,
            409: error,
            413: error,
            422: error,
            503: error,
        },
        title="Mentoring coach",
        version=__version__,
        description="Pairing, session prep and confidential feedback for reverse mentoring.",
        lifespan=lifespan,
    )
    app.state.services = services
    install_error_handlers(app)
    app.add_middleware(RequestContextMiddleware, max_body_bytes=settings.max_body_bytes)
    for module in (
        health,
        invitations,
        calendar,
        users,
        tokens,
        programmes,
        participants,
        matching,
        pairings,
        sessions,
        feedback,
        web_auth,
        web_coordinator,
        web_guidance,
        web_participant,
    ):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=str(WEB_DIR / "static")), name="static")
    _configure_request_log()
    return app


class _NoQueryString(logging.Filter):
    """Drops the query string from uvicorn's access log lines: queries can carry a token
    someone pasted, a CSRF token, a search or a name in a redirect target. Our own
    request log (below) names the route template only."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5 and isinstance(args[2], str):
            record.args = (args[0], args[1], args[2].split("?", 1)[0], args[3], args[4])
        return True


def _configure_request_log() -> None:
    """One JSON line per request on stderr; uvicorn configures only its own loggers."""
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, _NoQueryString) for f in access.filters):
        access.addFilter(_NoQueryString())
    logger = logging.getLogger("coach.http")
    logger.setLevel(logging.INFO)
    if not any(getattr(h, "coach_request_log", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        handler.coach_request_log = True  # type: ignore[attr-defined]
        logger.addHandler(handler)


app = create_app()
