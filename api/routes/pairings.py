"""Pairings: coordinators review suggestions; participants see their approved pairing."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import CurrentUser, Id, PageDep, ServicesDep, StoreDep, Who
from api.schemas import (
    AlternativePublic,
    BulkApprovePublic,
    PagePublic,
    PairingApprove,
    PairingBulkApprove,
    PairingManual,
    PairingPublic,
    PairingReject,
    PairingSwap,
    RefusedPublic,
)
from coach.domain import Membership, Pairing, PairingStatus
from coach.pairing_choices import alternatives, approve_many, pair_manually
from coach.pairings import approve, member_view, reject, swap
from coach.privacy.policy import Action, Target, require, sees_every_pairing

router = APIRouter(prefix="/programmes/{programme_id}/pairings", tags=["pairings"])


def _target(pairing: Pairing) -> Target:
    return Target(
        programme_id=pairing.programme_id,
        members=frozenset({pairing.mentor_id, pairing.mentee_id}),
        approved=pairing.status is PairingStatus.APPROVED,
    )


def _visible(store: StoreDep, who: Membership, programme_id: int, pairing_id: int) -> Pairing:
    pairing = store.pairings.get_pairing(pairing_id, programme_id=programme_id)
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
    coordinator = sees_every_pairing(who, programme_id)
    if coordinator:
        items, total = store.pairings.list_pairings(
            programme_id, statuses=[status] if status else None, page=page
        )
    else:
        own = who.participates[programme_id][0]
        wanted = [PairingStatus.APPROVED] if status in (None, PairingStatus.APPROVED) else []
        items, total = (
            store.pairings.list_pairings(
                programme_id, statuses=wanted, participant_id=own, page=page
            )
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


@router.get("/alternatives", response_model=list[AlternativePublic])
def next_best_mentors(
    programme_id: Id,
    who: Who,
    services: ServicesDep,
    mentee_id: Annotated[int, Query(ge=1, le=2**31 - 1)],
) -> list[AlternativePublic]:
    """The five best mentors this mentee may be paired with, with scores, pros and cons."""
    require(who, Action.PAIRING_REVIEW, Target(programme_id=programme_id))
    found = alternatives(services, programme_id, mentee_id)
    return [AlternativePublic.model_validate(a.model_dump()) for a in found]


@router.post("/manual", response_model=PairingPublic, status_code=201)
def make_pair(
    programme_id: Id, body: PairingManual, who: Who, user: CurrentUser, services: ServicesDep
) -> PairingPublic:
    """A suggestion made by hand, checked against the hard rules (an override needs a
    reason, kept in the history); it replaces the mentee's undecided suggestion."""
    require(who, Action.PAIRING_REVIEW, Target(programme_id=programme_id))
    return PairingPublic.model_validate(
        pair_manually(
            services,
            programme_id,
            body.mentee_id,
            body.mentor_id,
            user.id,
            reason=body.reason,
            override=body.override,
        )
    )


@router.post("/approve", response_model=BulkApprovePublic)
def approve_selected(
    programme_id: Id,
    body: PairingBulkApprove,
    who: Who,
    user: CurrentUser,
    services: ServicesDep,
) -> BulkApprovePublic:
    """Approve the selected suggestions, each on its own; with dual approval each still
    needs a second, different reviewer. Those that cannot be approved are listed."""
    require(who, Action.PAIRING_REVIEW, Target(programme_id=programme_id))
    outcome = approve_many(services, programme_id, body.pairing_ids, user.id)
    return BulkApprovePublic(
        approved=[PairingPublic.model_validate(p) for p in outcome.approved],
        refused=[RefusedPublic(pairing_id=i, reason=why) for i, why in outcome.refused.items()],
    )


@router.get("/{pairing_id}", response_model=PairingPublic)
def get_pairing(programme_id: Id, pairing_id: Id, who: Who, store: StoreDep) -> PairingPublic:
    pairing = _visible(store, who, programme_id, pairing_id)
    if not sees_every_pairing(who, programme_id):
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
