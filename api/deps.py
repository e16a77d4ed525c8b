"""Dependencies shared by the routes, as ``Annotated`` aliases."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from coach.accounts import authenticate
from coach.domain import Membership, User
from coach.errors import AuthenticationError
from coach.services import Services
from coach.store import Page, Store

READ_METHODS = {"GET", "HEAD", "OPTIONS"}

_bearer = HTTPBearer(auto_error=False, description="An API token from `coach token create`.")


def get_services(request: Request) -> Iterator[Services]:
    """The request's unit of work: every store call of the request joins one transaction,
    committed when the route returns and before the response is sent (``scope`` below),
    rolled back if the route raises, so a failed request changes nothing."""
    services: Services = request.app.state.services
    with services.unit_of_work(writes=request.method not in READ_METHODS) as unit:
        yield unit


ServicesDep = Annotated[Services, Depends(get_services, scope="function")]


def get_store(services: ServicesDep) -> Store:
    return services.store


StoreDep = Annotated[Store, Depends(get_store)]


def get_current_user(
    store: StoreDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> User:
    if credentials is None:
        raise AuthenticationError(
            "This endpoint needs an API token.",
            hint="send 'Authorization: Bearer <token>'; create one with `coach token create`.",
        )
    user = authenticate(store, credentials.credentials)
    if user is None:
        raise AuthenticationError(
            "The API token is unknown, revoked or expired.",
            hint="ask an admin for a new token (`coach token create`).",
        )
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]


def get_membership(store: StoreDep, user: CurrentUser) -> Membership:
    return store.accounts.membership(user.id)


Who = Annotated[Membership, Depends(get_membership)]


def get_page(
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> Page:
    return Page(offset, limit)


PageDep = Annotated[Page, Depends(get_page)]


MAX_ID = 2**31 - 1  # the integer primary keys of both engines
Id = Annotated[int, Path(ge=1, le=MAX_ID, description="A numeric id.")]
