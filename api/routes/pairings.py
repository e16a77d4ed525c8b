"""Pairings: coordinators review suggestions; participants see their approved pairing."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import CurrentUser, Id, PageDep, ServicesDep, StoreDep, Who
from api.schemas import PagePublic, PairingApprove, PairingPublic, PairingReject, PairingSwap
from coach.domain import Membership, Pairing, PairingStatus
from coach.errors import NotFoundError
from coach.pairings import approve, member_view, reject, swap
from coach.privacy.policy import Action, Target, decide, require

router = APIRouter(prefix="/programmes/{programme_id}/pairings", tags=["pairings"])


def _target(pairing: Pairing) -> Target:
    return Target(
        programme_id=pairing.programme_id,
        members=frozenset({pairing.mentor_id, pairing.mentee_id}),
        approved=pairing.status is PairingStatus.APPROVED,
    )


def _visible(store: StoreDep, who: Membership, programme_id: int, pairing_id: int) -> Pairing:
    pairing = store.get_pairing(pairing_id)
    if pairing.programme_id != programme_id:
        raise NotFoundError("pairing", pairing_id)
    require(who, Action.PAIRING_READ, _target(pairing))
    return pairing


@router.get("", response_model=PagePublic[PairingPublic])
def list_pairings(
    programme_id: Id,
    who: Who,
    store: StoreDep,
    page: PageDep,
    status: Annotated[PairingStatus | None, Query()] = None,
) -> PagePublic[PairingPublic]:
    """All pairings for coordinators; a participant's own approved pairings otherwise."""
    require(who, Action.PAIRING_LIST, Target(programme_id=programme_id))
    coordinator = decide(who, Action.PAIRING_REVIEW, Target(programme_id=programme_id)).allowed
    if coordinator:
        items, total = store.list_pairings(
            programme_id, statuses=[status] if status else None, page=page
        )
    else:
        own = who.participates[programme_id][0]
        wanted = [PairingStatus.APPROVED] if status in (None, PairingStatus.APPROVED) else []
        items, total = (
            store.list_pairings(programme_id, statuses=wanted, participant_id=own, page=page)
            if wanted
            else ([], 0)
        )
    page = page.clamp()
    return PagePublic(
        items=[PairingPublic.model_validate(p if coordinator else member_view(p)) for p in items],
        offset=page.offset,
        limit=page.limit,
        total=total,
    )


@router.get("/{pairing_id}", response_model=PairingPublic)
def get_pairing(programme_id: Id, pairing_id: Id, who: Who, store: StoreDep) -> PairingPublic:
    pairing = _visible(store, who, programme_id, pairing_id)
    if not decide(who, Action.PAIRING_REVIEW, Target(programme_id=programme_id)).allowed:
        pairing = member_view(pairing)
    return PairingPublic.model_validate(pairing)


@router.post("/{pairing_id}/approve", response_model=PairingPublic)
def approve_pairing(
    programme_id: Id,
    pairing_id: Id,
    body: PairingApprove,
    who: Who,
    user: CurrentUser,
    services: ServicesDep,
) -> PairingPublic:
    """Approve a suggestion (with dual approval, a second different reviewer completes it)."""
    require(who, Action.PAIRING_REVIEW, Target(programme_id=programme_id))
    _visible(services.store, who, programme_id, pairing_id)
    return PairingPublic.model_validate(
        approve(services, pairing_id, user.id, expected_version=body.expected_version)
    )


@router.post("/{pairing_id}/reject", response_model=PairingPublic)
def reject_pairing(
    programme_id: Id,
    pairing_id: Id,
    body: PairingReject,
    who: Who,
    user: CurrentUser,
    services: ServicesDep,
) -> PairingPublic:
    require(who, Action.PAIRING_REVIEW, Target(programme_id=programme_id))
    _visible(services.store, who, programme_id, pairing_id)
    return PairingPublic.model_validate(
        reject(services, pairing_id, user.id, body.reason, expected_version=body.expected_version)
    )


@router.post("/swap", response_model=list[PairingPublic])
def swap_pairings(
    programme_id: Id, body: PairingSwap, who: Who, user: CurrentUser, services: ServicesDep
) -> list[PairingPublic]:
    """Exchange the mentors of two suggestions; both new pairs must pass every rule."""
    require(who, Action.PAIRING_REVIEW, Target(programme_id=programme_id))
    for pairing_id in (body.first_id, body.second_id):
        _visible(services.store, who, programme_id, pairing_id)
    return [
        PairingPublic.model_validate(p)
        for p in swap(services, body.first_id, body.second_id, user.id)
    ]
