"""Participants of a programme: register, read, update, list, import a roster."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Query, UploadFile, status

from api.deps import Id, PageDep, StoreDep, Who
from api.schemas import (
    ImportResultPublic,
    PagePublic,
    ParticipantCreate,
    ParticipantPublic,
    ParticipantUpdate,
)
from coach.domain import Membership, Participant, Role
from coach.privacy.policy import Action, Target, require, sees_background
from coach.roster import parse_bytes, validate_rows

router = APIRouter(prefix="/programmes/{programme_id}/participants", tags=["participants"])


def _public(participant: Participant, who: Membership) -> ParticipantPublic:
    data = participant.model_dump()
    if not sees_background(who, participant.id, participant.programme_id):
        data["background"] = None
    return ParticipantPublic.model_validate(data)


def _participant_in(store: StoreDep, programme_id: int, participant_id: int) -> Participant:
    return store.programmes.get_participant(participant_id, programme_id=programme_id)


@router.get("", response_model=PagePublic[ParticipantPublic])
def list_participants(
    programme_id: Id,
    who: Who,
    store: StoreDep,
    page: PageDep,
    role: Annotated[Role | None, Query()] = None,
) -> PagePublic[ParticipantPublic]:
    require(who, Action.PARTICIPANT_LIST, Target(programme_id=programme_id))
    page = page.clamp()
    items = store.programmes.list_participants(programme_id, role=role, page=page)
    return PagePublic(
        items=[_public(p, who) for p in items],
        offset=page.offset,
        limit=page.limit,
        total=store.programmes.count_participants_total(programme_id, role),
    )


@router.post("", response_model=ParticipantPublic, status_code=status.HTTP_201_CREATED)
def register_participant(
    programme_id: Id, body: ParticipantCreate, who: Who, store: StoreDep
) -> ParticipantPublic:
    require(who, Action.PARTICIPANT_CREATE, Target(programme_id=programme_id))
    return _public(store.programmes.create_participant(programme_id, body), who)


@router.post("/import", response_model=ImportResultPublic)
def import_roster(
    programme_id: Id,
    who: Who,
    store: StoreDep,
    file: Annotated[UploadFile, File(description="A roster as .csv or .json")],
) -> ImportResultPublic:
    """Import a roster file: all rows or none; every bad row and field is reported."""
    require(who, Action.ROSTER_IMPORT, Target(programme_id=programme_id))
    rows = validate_rows(parse_bytes(file.filename or "roster.csv", file.file.read()))
    result = store.programmes.upsert_participants(programme_id, rows)
    return ImportResultPublic(
        created=result.created, updated=result.updated, unchanged=result.unchanged
    )


@router.get("/{participant_id}", response_model=ParticipantPublic)
def get_participant(
    programme_id: Id, participant_id: Id, who: Who, store: StoreDep
) -> ParticipantPublic:
    target = Target(programme_id=programme_id, participant_id=participant_id)
    require(who, Action.PARTICIPANT_READ, target)
    return _public(_participant_in(store, programme_id, participant_id), who)


@router.patch("/{participant_id}", response_model=ParticipantPublic)
def update_participant(
    programme_id: Id, participant_id: Id, body: ParticipantUpdate, who: Who, store: StoreDep
) -> ParticipantPublic:
    """Coordinators change any field; participants only their own goals and preferences."""
    changes = body.model_dump(exclude_unset=True, mode="json")
    target = Target(
        programme_id=programme_id, participant_id=participant_id, fields=frozenset(changes)
    )
    require(who, Action.PARTICIPANT_UPDATE, target)
    _participant_in(store, programme_id, participant_id)
    return _public(store.programmes.update_participant(participant_id, changes), who)
