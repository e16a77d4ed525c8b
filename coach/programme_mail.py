"""Messages the programme sends on its own events: a pairing approved, a check-in from
the programme team, and the mid-point and closing feedback requests.

Each is written to the outbox in the unit of work of its event, so a rolled-back approval
tells nobody. The texts are the Jinja2 files in ``knowledge/messages``.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from coach.domain import (
    FeedbackStage,
    Pairing,
    PairingStatus,
    Participant,
    Programme,
    first_name,
)
from coach.messages.outbox import send_later
from coach.services import Services

# Pairing actions that record a feedback request was sent (kind is at most 10 characters).
REQUEST_KINDS = {FeedbackStage.MIDPOINT: "ask_mid", FeedbackStage.CLOSING: "ask_close"}


def participant_page(services: Services, programme_id: int) -> str:
    """The link to a participant's own page of a programme, for emails."""
    return f"{services.settings.public_url}/web/programmes/{programme_id}/me"


def pair_members(services: Services, pairing: Pairing) -> tuple[Participant, Participant]:
    """(mentee, mentor) of a pairing."""
    store = services.store
    return (
        store.programmes.get_participant(pairing.mentee_id),
        store.programmes.get_participant(pairing.mentor_id),
    )


def tell_pairing_approved(services: Services, programme: Programme, pairing: Pairing) -> None:
    """Both members learn who their partner is and where their first session is prepared."""
    mentee, mentor = pair_members(services, pairing)
    for person, partner in ((mentee, mentor), (mentor, mentee)):
        send_later(
            services,
            "pairing_approved",
            str(person.email),
            name=first_name(person.name),
            partner=partner.name,
            partner_department=partner.department,
            partner_role="mentor" if partner.id == pairing.mentor_id else "mentee",
            programme=programme.name,
            page=participant_page(services, programme.id),
            first_session=participant_page(services, programme.id) + f"#next-{pairing.id}",
            document="agenda" if person.id == pairing.mentee_id else "conversation prompts",
            sessions=programme.sessions_planned,
            minutes=programme.session_minutes,
        )


def tell_check_in(services: Services, programme: Programme, pairing: Pairing, text: str) -> None:
    mentee, mentor = pair_members(services, pairing)
    for person in (mentee, mentor):
        send_later(
            services,
            "check_in",
            str(person.email),
            name=first_name(person.name),
            programme=programme.name,
            text=text,
            page=participant_page(services, programme.id),
        )


def feedback_due(
    programme: Programme, approved_at: datetime, held: int, now: datetime
) -> list[FeedbackStage]:
    """The stages whose feedback is due for a pair: the mid-point once half the planned
    sessions are held or half the programme's span has passed since approval, the close
    once all are held or the span has passed."""
    span = timedelta(days=programme.cadence_days * programme.sessions_planned)
    due = []
    if held >= math.ceil(programme.sessions_planned / 2) or now - approved_at >= span / 2:
        due.append(FeedbackStage.MIDPOINT)
    if held >= programme.sessions_planned or now - approved_at >= span:
        due.append(FeedbackStage.CLOSING)
    return due


def send_feedback_requests(services: Services, now: datetime) -> int:
    """Ask each member of every approved pair for mid-point and closing feedback when it
    is due, once per pair and stage; how many requests were written."""
    sent = 0
    with services.unit_of_work() as unit:
        store = unit.store
        for programme in store.programmes.list_programmes():
            pairings, _ = store.pairings.list_pairings(
                programme.id, statuses=[PairingStatus.APPROVED]
            )
            if not pairings:
                continue
            held: dict[int, int] = {}
            for pairing_id, _number, status, _at in store.sessions.sessions_of_programme(
                programme.id
            ):
                held[pairing_id] = held.get(pairing_id, 0) + (status == "held")
            for pairing in pairings:
                approved_at = next(
                    (
                        e.at
                        for e in reversed(pairing.history)
                        if e.to_status is PairingStatus.APPROVED
                    ),
                    None,
                )
                if approved_at is None:
                    continue
                for stage in feedback_due(programme, approved_at, held.get(pairing.id, 0), now):
                    kind = REQUEST_KINDS[stage]
                    # Locked first: a second web worker's round waits here, then finds
                    # the request recorded and sends nothing twice.
                    store.pairings.lock_pairing(pairing.id)
                    if store.pairings.pairing_actions(pairing.id, kind):
                        continue
                    mentee, mentor = pair_members(unit, pairing)
                    for person in (mentee, mentor):
                        send_later(
                            unit,
                            "feedback_request",
                            str(person.email),
                            name=first_name(person.name),
                            programme=programme.name,
                            stage="mid-point" if stage is FeedbackStage.MIDPOINT else "closing",
                            page=participant_page(unit, programme.id),
                        )
                    store.pairings.add_pairing_action(pairing.id, None, kind, stage.value)
                    sent += 2
    return sent
