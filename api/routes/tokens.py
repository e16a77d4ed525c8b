"""API tokens and web sessions: issue (admins), list your own or (admins) anyone's,
revoke one (owner or admin) or all of a user's (admins, e.g. when someone leaves)."""

from __future__ import annotations

from fastapi import APIRouter, status

from api.deps import CurrentUser, Id, StoreDep, Who
from api.schemas import TokenCreate, TokenCreated, TokenPublic, TokensRevoked
from coach.accounts import issue_token, now_utc
from coach.privacy.policy import Action, Target, require

router = APIRouter(tags=["tokens"])


@router.get("/me/tokens", response_model=list[TokenPublic])
def my_tokens(user: CurrentUser, store: StoreDep) -> list[TokenPublic]:
    return [TokenPublic.model_validate(t) for t in store.accounts.list_tokens(user.id)]


@router.post(
    "/users/{user_id}/tokens", response_model=TokenCreated, status_code=status.HTTP_201_CREATED
)
def create_token(user_id: Id, body: TokenCreate, who: Who, store: StoreDep) -> TokenCreated:
    """Issue a token for a user (admins only). The secret is in this response only."""
    require(who, Action.USER_ADMIN)
    record, secret = issue_token(store, user_id, body.name, ttl_days=body.ttl_days)
    return TokenCreated(**record.model_dump(), token=secret)


@router.get("/users/{user_id}/tokens", response_model=list[TokenPublic])
def user_tokens(user_id: Id, who: Who, store: StoreDep) -> list[TokenPublic]:
    """A user's API tokens and web sessions (admins only); secrets are never shown."""
    require(who, Action.USER_ADMIN)
    store.accounts.get_user(user_id)
    return [TokenPublic.model_validate(t) for t in store.accounts.list_tokens(user_id)]


@router.delete("/users/{user_id}/tokens", response_model=TokensRevoked)
def revoke_user_tokens(user_id: Id, who: Who, store: StoreDep) -> TokensRevoked:
    """Cut a user off (admins only): every token and web session ends at once."""
    require(who, Action.USER_ADMIN)
    return TokensRevoked(
        user_id=user_id, revoked=store.accounts.revoke_user_tokens(user_id, now_utc())
    )


@router.delete("/tokens/{token_id}", response_model=TokenPublic)
def revoke_token(token_id: Id, who: Who, store: StoreDep) -> TokenPublic:
    """Revoke a token or web session (its owner or an admin); it stops working at once,
    and so does every web session the token opened."""
    token = store.accounts.get_token(token_id)
    require(who, Action.TOKEN_REVOKE, Target(owner_user_id=token.user_id))
    return TokenPublic.model_validate(store.accounts.revoke_token(token_id, now_utc()))
