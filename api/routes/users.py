"""Users: who am I, and user administration (admins)."""

from __future__ import annotations

from fastapi import APIRouter, status

from api.deps import CurrentUser, PageDep, StoreDep, Who
from api.schemas import (
    MembershipPublic,
    MePublic,
    PagePublic,
    UserCreate,
    UserPublic,
)
from coach.privacy.policy import Action, require

router = APIRouter(tags=["users"])


@router.get("/me", response_model=MePublic)
def me(user: CurrentUser, who: Who) -> MePublic:
    """Who the token belongs to, and their part in each programme."""
    return MePublic(
        user=UserPublic.model_validate(user),
        coordinates=sorted(who.coordinates),
        participates=[
            MembershipPublic(programme_id=programme, participant_id=participant, role=role)
            for programme, (participant, role) in sorted(who.participates.items())
        ],
    )


@router.post("/users", response_model=UserPublic, status_code=status.HTTP_201_CREATED)
def create_user(body: UserCreate, who: Who, store: StoreDep) -> UserPublic:
    require(who, Action.USER_ADMIN)
    return UserPublic.model_validate(
        store.accounts.add_user(str(body.email), body.name, role=body.role)
    )


@router.get("/users", response_model=PagePublic[UserPublic])
def list_users(who: Who, store: StoreDep, page: PageDep) -> PagePublic[UserPublic]:
    require(who, Action.USER_ADMIN)
    users, total = store.accounts.list_users(page)
    page = page.clamp()
    return PagePublic(
        items=[UserPublic.model_validate(u) for u in users],
        offset=page.offset,
        limit=page.limit,
        total=total,
    )
