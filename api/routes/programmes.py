"""Programmes: create, read, update objectives and settings, assign coordinators."""

from __future__ import annotations

from fastapi import APIRouter, status

from api.deps import Id, PageDep, StoreDep, Who
from api.schemas import (
    CoordinatorAssign,
    PagePublic,
    ProgrammeCreate,
    ProgrammePublic,
    ProgrammeUpdate,
)
from coach.domain import UserRole
from coach.privacy.policy import Action, Target, require, visible_programmes

router = APIRouter(prefix="/programmes", tags=["programmes"])


@router.post("", response_model=ProgrammePublic, status_code=status.HTTP_201_CREATED)
def create_programme(body: ProgrammeCreate, who: Who, store: StoreDep) -> ProgrammePublic:
    """Create a programme; a coordinator who creates one coordinates it."""
    require(who, Action.PROGRAMME_CREATE)
    coordinator = who.user_id if who.role is UserRole.COORDINATOR else None
    programme = store.programmes.create_programme(body, coordinator_user_id=coordinator)
    return ProgrammePublic.model_validate(programme.model_dump())


@router.get("", response_model=PagePublic[ProgrammePublic])
def list_programmes(who: Who, store: StoreDep, page: PageDep) -> PagePublic[ProgrammePublic]:
    """The programmes the caller coordinates or takes part in (all, for admins)."""
    visible = visible_programmes(who)
    if visible is None:
        items = store.programmes.list_programmes(page)
        total = store.programmes.count_programmes()
    else:
        total = len(visible)
        page = page.clamp()
        items = [
            store.programmes.get_programme(pid)
            for pid in visible[page.offset : page.offset + page.limit]
        ]
    page = page.clamp()
    return PagePublic(
        items=[ProgrammePublic.model_validate(p.model_dump()) for p in items],
        offset=page.offset,
        limit=page.limit,
        total=total,
    )


@router.get("/{programme_id}", response_model=ProgrammePublic)
def get_programme(programme_id: Id, who: Who, store: StoreDep) -> ProgrammePublic:
    require(who, Action.PROGRAMME_READ, Target(programme_id=programme_id))
    return ProgrammePublic.model_validate(store.programmes.get_programme(programme_id).model_dump())


@router.patch("/{programme_id}", response_model=ProgrammePublic)
def update_programme(
    programme_id: Id, body: ProgrammeUpdate, who: Who, store: StoreDep
) -> ProgrammePublic:
    """Change objectives and settings; only the fields sent are changed."""
    require(who, Action.PROGRAMME_UPDATE, Target(programme_id=programme_id))
    changes = body.model_dump(exclude_unset=True, mode="json")
    programme = store.programmes.update_programme(programme_id, changes)
    return ProgrammePublic.model_validate(programme.model_dump())


@router.post("/{programme_id}/coordinators", status_code=status.HTTP_204_NO_CONTENT)
def assign_coordinator(
    programme_id: Id, body: CoordinatorAssign, who: Who, store: StoreDep
) -> None:
    """Make a user a coordinator of this programme (admins only)."""
    require(who, Action.COORDINATOR_ASSIGN, Target(programme_id=programme_id))
    store.accounts.get_user(body.user_id)
    store.programmes.add_coordinator(programme_id, body.user_id)
