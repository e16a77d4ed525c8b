"""Session preparation: the mentee's agenda and the mentor's prompts, stored to reopen."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, status

from api.deps import Id, ServicesDep, Who
from coach.domain import MAX_SESSIONS, PairingStatus
from coach.prep.agenda import Agenda
from coach.prep.documents import prepare_agenda, prepare_prompts, stored_agenda, stored_prompts
from coach.prep.mentor_prompts import MentorPrompts
from coach.privacy.policy import Action, Target, require
from coach.services import Services

router = APIRouter(
    prefix="/programmes/{programme_id}/pairings/{pairing_id}/sessions/{number}",
    tags=["sessions"],
)
Number = Annotated[int, Path(ge=1, le=MAX_SESSIONS, description="Session number, from 1.")]


def _check(
    services: Services, who: Who, programme_id: int, pairing_id: int, action: Action
) -> None:
    pairing = services.store.pairings.get_pairing(pairing_id, programme_id=programme_id)
    asker = pairing.mentee_id if action is Action.AGENDA else pairing.mentor_id
    approved = pairing.status is PairingStatus.APPROVED
    require(who, action, Target(programme_id=programme_id, participant_id=asker, approved=approved))


@router.post("/agenda", response_model=Agenda, status_code=status.HTTP_201_CREATED)
def create_agenda(
    programme_id: Id, pairing_id: Id, number: Number, who: Who, services: ServicesDep
) -> Agenda:
    """The mentee generates (or regenerates) the agenda of a session."""
    _check(services, who, programme_id, pairing_id, Action.AGENDA)
    return prepare_agenda(services, pairing_id, number)


@router.get("/agenda", response_model=Agenda)
def get_agenda(
    programme_id: Id, pairing_id: Id, number: Number, who: Who, services: ServicesDep
) -> Agenda:
    """Reopen the stored agenda."""
    _check(services, who, programme_id, pairing_id, Action.AGENDA)
    return stored_agenda(services, pairing_id, number)


@router.post("/prompts", response_model=MentorPrompts, status_code=status.HTTP_201_CREATED)
def create_prompts(
    programme_id: Id, pairing_id: Id, number: Number, who: Who, services: ServicesDep
) -> MentorPrompts:
    """The mentor generates (or regenerates) conversation prompts for a session."""
    _check(services, who, programme_id, pairing_id, Action.PROMPTS)
    return prepare_prompts(services, pairing_id, number)


@router.get("/prompts", response_model=MentorPrompts)
def get_prompts(
    programme_id: Id, pairing_id: Id, number: Number, who: Who, services: ServicesDep
) -> MentorPrompts:
    _check(services, who, programme_id, pairing_id, Action.PROMPTS)
    return stored_prompts(services, pairing_id, number)
