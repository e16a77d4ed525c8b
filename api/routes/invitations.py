"""Invitations to a programme and sign-in links by email."""

from __future__ import annotations

from fastapi import APIRouter, status

from api.deps import CurrentUser, Id, ServicesDep, Who
from api.schemas import InvitationCreate, InvitationsPublic, SignInLinkRequest
from coach.invitations import invite, request_sign_in_link
from coach.privacy.policy import Action, Target, require

router = APIRouter(tags=["invitations"])


@router.post(
    "/programmes/{programme_id}/invitations",
    response_model=InvitationsPublic,
    status_code=status.HTTP_201_CREATED,
)
def invite_participants(
    programme_id: Id,
    body: InvitationCreate,
    who: Who,
    user: CurrentUser,
    services: ServicesDep,
) -> InvitationsPublic:
    """Email each chosen participant (all active ones by default) a single-use sign-in
    link, creating their account if they have none. All or nothing."""
    require(who, Action.PARTICIPANT_INVITE, Target(programme_id=programme_id))
    outcome = invite(services, programme_id, body.participant_ids, user)
    return InvitationsPublic(invited=outcome.invited, accounts_created=outcome.accounts_created)


@router.post("/sign-in-links", status_code=status.HTTP_202_ACCEPTED)
def email_a_sign_in_link(body: SignInLinkRequest, services: ServicesDep) -> dict[str, str]:
    """Email a sign-in link to this address if it has an account. The answer is the same
    either way, so nobody learns who has an account here."""
    request_sign_in_link(services, str(body.email))
    return {"status": "If the address has an account, a sign-in link is on its way."}
