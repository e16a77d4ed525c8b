"""The FastAPI application: ``api.main:app`` (uvicorn) or ``create_app()`` (tests)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api.errors import install_error_handlers
from api.middleware import RequestContextMiddleware
from api.routes import health, participants, programmes, users
from coach import __version__
from coach.config import Settings, load_settings
from coach.services import Services


def create_app(settings: Settings | None = None, *, services: Services | None = None) -> FastAPI:
    settings = settings or load_settings()
    services = services or Services(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        services.close()

    app = FastAPI(
        title="Mentoring coach",
        version=__version__,
        description="Pairing, session prep and confidential feedback for reverse mentoring.",
        lifespan=lifespan,
    )
    app.state.services = services
    install_error_handlers(app)
    app.add_middleware(RequestContextMiddleware, max_body_bytes=settings.max_body_bytes)
    for module in (health, users, programmes, participants):
        app.include_router(module.router)
    logging.getLogger("coach.http").setLevel(logging.INFO)
    return app


app = create_app()
