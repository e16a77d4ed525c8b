"""A pairing's sessions on the calendar: propose, accept, mark held or cancelled, .ics."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, status
from fastapi.responses import Response

from api.deps import Id, ServicesDep, Who
from api.schemas import SessionOutcome, SessionProposal
from coach.domain import (
    MAX_SESSIONS,
    Pairing,
    PairingStatus,
    Participant,
    ScheduledSession,
    SessionStatus,
)
from coach.errors import NotFoundError
from coach.privacy.policy import Action, Target, require
from coach.scheduling import accept_session, mark_session, propose_session, session_ics
from coach.services import Services

router = APIRouter(
    prefix="/programmes/{programme_id}/pairings/{pairing_id}/sessions", tags=["calendar"]
)
Number = Annotated[int, Path(ge=1, le=MAX_SESSIONS, description="Session number, from 1.")]


def member(
    services: Services, who: Who, programme_id: int, pairing_id: int
) -> tuple[Pairing, Participant]:
    """The pairing and the caller's own participant record, if the caller may schedule."""
    store = services.store
    pairing = store.pairings.get_pairing(pairing_id, programme_id=programme_id)
    members = frozenset({pairing.mentor_id, pairing.mentee_id})
    approved = pairing.status is PairingStatus.APPROVED
    require(
        who,
        Action.SESSION_SCHEDULE,
        Target(programme_id=programme_id, members=members, approved=approved),
    )
    me = store.programmes.get_participant(
        who.participates[programme_id][0], programme_id=programme_id
    )
    return pairing, me


@router.get("", response_model=list[ScheduledSession])
def list_sessions(
    programme_id: Id, pairing_id: Id, who: Who, services: ServicesDep
) -> list[ScheduledSession]:
    """The pairing's sessions with their times, proposals and outcomes."""
    pairing, _me = member(services, who, programme_id, pairing_id)
    return services.store.sessions.sessions_of_pairing(pairing.id)


@router.post(
    "/{number}/proposal", response_model=ScheduledSession, status_code=status.HTTP_201_CREATED
)
def propose(
    programme_id: Id,
    pairing_id: Id,
    number: Number,
    body: SessionProposal,
    who: Who,
    services: ServicesDep,
) -> ScheduledSession:
    """Propose a start time (inside both people's availability); the partner is emailed."""
    pairing, me = member(services, who, programme_id, pairing_id)
    return propose_session(services, pairing, me, number, body.start)


@router.post("/{number}/acceptance", response_model=ScheduledSession)
def accept(
    programme_id: Id, pairing_id: Id, number: Number, who: Who, services: ServicesDep
) -> ScheduledSession:
    """Accept the partner's proposed time: both are emailed the .ics file."""
    pairing, me = member(services, who, programme_id, pairing_id)
    return accept_session(services, pairing, me, number)


@router.post("/{number}/outcome", response_model=ScheduledSession)
def outcome(
    programme_id: Id,
    pairing_id: Id,
    number: Number,
    body: SessionOutcome,
    who: Who,
    services: ServicesDep,
) -> ScheduledSession:
    """Mark the session held, or cancelled with a reason."""
    pairing, me = member(services, who, programme_id, pairing_id)
    return mark_session(services, pairing, me, number, SessionStatus(body.status), body.reason)


@router.get(
    "/{number}/calendar.ics",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}, "description": "An iCalendar file."}},
)
def calendar_file(
    programme_id: Id, pairing_id: Id, number: Number, who: Who, services: ServicesDep
) -> Response:
    """The agreed session as an .ics file to add to a calendar."""
    pairing, _me = member(services, who, programme_id, pairing_id)
    store = services.store
    session = next(
        (s for s in store.sessions.sessions_of_pairing(pairing.id) if s.number == number), None
    )
    if session is None:
        raise NotFoundError("session", number, hint="propose a time for it first.")
    programme = store.programmes.get_programme(programme_id)
    mentee = store.programmes.get_participant(pairing.mentee_id)
    mentor = store.programmes.get_participant(pairing.mentor_id)
    body = session_ics(services, programme, session, mentee, mentor)
    return Response(
        body,
        media_type="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="session-{number}.ics"'},
    )
