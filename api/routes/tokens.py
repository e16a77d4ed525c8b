"""API tokens: issue (admins), list your own, revoke (owner or admin)."""

from __future__ import annotations

from fastapi import APIRouter, status

from api.deps import CurrentUser, Id, StoreDep, Who
from api.schemas import TokenCreate, TokenCreated, TokenPublic
from coach.accounts import issue_token, now_utc
from coach.privacy.policy import Action, Target, require

router = APIRouter(tags=["tokens"])


@router.get("/me/tokens", response_model=list[TokenPublic])
def my_tokens(user: CurrentUser, store: StoreDep) -> list[TokenPublic]:
    return [TokenPublic.model_validate(t) for t in store.list_tokens(user.id)]


@router.post(
    "/users/{user_id}/tokens", response_model=TokenCreated, status_code=status.HTTP_201_CREATED
)
def create_token(user_id: Id, body: TokenCreate, who: Who, store: StoreDep) -> TokenCreated:
    """Issue a token for a user (admins only). The secret is in this response only."""
    require(who, Action.USER_ADMIN)
    record, secret = issue_token(store, user_id, body.name, ttl_days=body.ttl_days)
    return TokenCreated(**record.model_dump(), token=secret)


@router.delete("/tokens/{token_id}", response_model=TokenPublic)
def revoke_token(token_id: Id, who: Who, store: StoreDep) -> TokenPublic:
    """Revoke a token (its owner or an admin); it stops working at once."""
    token = store.get_token(token_id)
    require(who, Action.TOKEN_REVOKE, Target(owner_user_id=token.user_id))
    return TokenPublic.model_validate(store.revoke_token(token_id, now_utc()))
