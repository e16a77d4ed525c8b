"""Liveness and readiness (public, no details), and the status of each part (admins)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import ServicesDep, Who
from api.schemas import HealthPublic
from coach.errors import CoachError
from coach.privacy.policy import Action, require
from coach.services import Services

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=HealthPublic)
def healthz() -> HealthPublic:
    """The process answers."""
    return HealthPublic(status="ok")


def _checks(services: Services) -> dict[str, tuple[str, str]]:
    """part -> (state, detail). Details may name paths and library internals."""
    checks: dict[str, tuple[str, str]] = {}
    try:
        services.store.check()
        checks["store"] = ("ok", "reachable and migrated")
    except CoachError as exc:
        checks["store"] = ("unavailable", f"{exc.code}: {exc.message}")
    health = services.index_health(thorough=True)
    checks["index"] = (health.status, health.detail)
    return checks


@router.get("/readyz", response_model=HealthPublic, responses={503: {"model": HealthPublic}})
def readyz(services: ServicesDep) -> JSONResponse:
    """Ready when the store is reachable and migrated and the index holds what was indexed.

    Public, so it says only the state of each part; admins read the details at /status.
    """
    checks = {name: state for name, (state, _) in _checks(services).items()}
    ready = all(state == "ok" for state in checks.values())
    body = HealthPublic(status="ready" if ready else "unavailable", checks=checks)
    return JSONResponse(body.model_dump(), status_code=200 if ready else 503)


@router.get("/status", response_model=HealthPublic)
def status(who: Who, services: ServicesDep) -> HealthPublic:
    """Each part's state with its details and what to do (admins only)."""
    require(who, Action.USER_ADMIN)
    checks = _checks(services)
    ready = all(state == "ok" for state, _ in checks.values())
    hints = {
        "lost": " (run `coach index --rebuild`)",
        "not_indexed": " (run `coach index`)",
    }
    return HealthPublic(
        status="ready" if ready else "unavailable",
        checks={
            name: f"{state}: {detail}{hints.get(state, '')}"
            for name, (state, detail) in checks.items()
        },
    )
