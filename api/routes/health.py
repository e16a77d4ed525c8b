"""Liveness and readiness: public, no data."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import ServicesDep
from api.schemas import HealthPublic
from coach.errors import CoachError

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=HealthPublic)
def healthz() -> HealthPublic:
    """The process answers."""
    return HealthPublic(status="ok")


@router.get("/readyz", response_model=HealthPublic, responses={503: {"model": HealthPublic}})
def readyz(services: ServicesDep) -> JSONResponse:
    """The store is reachable and migrated, and the index answers."""
    checks: dict[str, str] = {}
    for name, check in (("store", services.store.check), ("index", services.index.check)):
        try:
            check()
            checks[name] = "ok"
        except CoachError as exc:
            checks[name] = f"{exc.code}: {exc.hint or exc.message}"
    ready = all(value == "ok" for value in checks.values())
    body = HealthPublic(status="ready" if ready else "unavailable", checks=checks)
    return JSONResponse(body.model_dump(), status_code=200 if ready else 503)
