"""Pairs a coordinator should look at: a low pairing-fit rating, or sessions behind plan.

Neither list says who rated what nor shows anything a participant wrote: a flag names the
pair, the reason in the programme's words and the day (never the time, which could tell
which side answered), and the actions a coordinator can take on the pairing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from coach.domain import Feedback, FeedbackStage, PairingActionRecord, PairingStatus
from coach.errors import FieldProblem, InputValidationError
from coach.programme_mail import tell_check_in

if TYPE_CHECKING:
    from coach.services import Services

LOW_FIT = 2  # a pairing-fit rating at or below this flags the pair for a conversation


class PairingFlag(BaseModel):
    """A pair to talk to: someone rated the fit low. Never says who, nor what was written."""

    pairing_id: int
    mentor_name: str
    mentee_name: str
    stage: FeedbackStage
    flagged_at: str
    message: str = "may need re-pairing: a pairing-fit rating of 2 or lower"


def repairing_flags(services: Services, programme_id: int) -> list[PairingFlag]:
    store = services.store
    latest: dict[int, Feedback] = {}
    for answer in store.feedback.feedback_for(programme_id):
        if answer.pairing_fit <= LOW_FIT:
            latest[answer.pairing_id] = answer
    flags = []
    for pairing_id, answer in sorted(latest.items()):
        pairing = store.pairings.get_pairing(pairing_id)
        if pairing.status is not PairingStatus.APPROVED:
            continue  # already ended or re-paired
        flags.append(
            PairingFlag(
                pairing_id=pairing_id,
                mentor_name=store.programmes.get_participant(pairing.mentor_id).name,
                mentee_name=store.programmes.get_participant(pairing.mentee_id).name,
                stage=answer.stage,
                # The day only: the exact time could tell which side answered.
                flagged_at=answer.created_at.date().isoformat(),
            )
        )
    return flags


Reason = Literal["low_fit", "behind_plan"]
ActionKind = Literal["check_in", "re_pair", "note"]


class PairAction(BaseModel):
    kind: ActionKind
    label: str


class PairAttention(BaseModel):
    """One approved pair that needs a coordinator, with why and what can be done."""

    pairing_id: int
    mentor_name: str
    mentee_id: int
    mentee_name: str
    reasons: list[Reason]
    why: list[str] = Field(description="Each reason as a coordinator reads it.")
    sessions_held: int
    sessions_expected: int
    actions: list[PairAction]


_ACTIONS = {
    "check_in": "Send the pair a check-in message",
    "re_pair": "Look at other mentors for the mentee",
    "note": "Write a note to yourself",
}


def pairs_needing_attention(
    services: Services, programme_id: int, *, now: datetime | None = None
) -> list[PairAttention]:
    """Approved pairs flagged for a low fit, or that held fewer sessions than were due a
    full cadence ago (``SessionPlan.behind``)."""
    from coach.kpis import session_plan

    store = services.store
    pairings, _ = store.pairings.list_pairings(programme_id)
    moment = now or datetime.now(UTC)
    programme = store.programmes.get_programme(programme_id)
    plan = session_plan(store, programme, pairings, moment)
    low_fit = {flag.pairing_id: flag for flag in repairing_flags(services, programme_id)}
    cadence = programme.cadence_days
    rows = []
    for pairing in pairings:
        if pairing.status is not PairingStatus.APPROVED:
            continue
        reasons: list[Reason] = []
        why = []
        held = len(plan.held.get(pairing.id, {}))
        expected = plan.expected.get(pairing.id, 0)
        overdue = plan.overdue.get(pairing.id, 0)
        if pairing.id in low_fit:
            reasons.append("low_fit")
            flag = low_fit[pairing.id]
            why.append(
                f"pairing fit rated 2 or lower ({flag.stage.value} feedback, {flag.flagged_at})"
            )
        if plan.behind(pairing.id):
            reasons.append("behind_plan")
            why.append(
                f"behind plan: {held} of {overdue} sessions held that were due more than "
                f"{cadence} days ago"
            )
        if not reasons:
            continue
        kinds: list[ActionKind] = ["check_in", "note"]
        if "low_fit" in reasons:
            kinds.insert(1, "re_pair")
        rows.append(
            PairAttention(
                pairing_id=pairing.id,
                mentor_name=store.programmes.get_participant(pairing.mentor_id).name,
                mentee_id=pairing.mentee_id,
                mentee_name=store.programmes.get_participant(pairing.mentee_id).name,
                reasons=reasons,
                why=why,
                sessions_held=held,
                sessions_expected=expected,
                actions=[PairAction(kind=k, label=_ACTIONS[k]) for k in kinds],
            )
        )
    # Low fit first (a pair may be unhappy), then the furthest behind.
    rows.sort(key=lambda r: ("low_fit" not in r.reasons, r.sessions_held - r.sessions_expected))
    return rows


# -- what a coordinator does about a pair ------------------------------------------------

MAX_MESSAGE = 2000


def _text(value: str, what: str) -> str:
    text = value.strip()
    if not 5 <= len(text) <= MAX_MESSAGE:
        raise InputValidationError(
            f"The {what} must be 5 to {MAX_MESSAGE} characters (got {len(text)}).",
            [FieldProblem("text", f"write 5 to {MAX_MESSAGE} characters")],
            hint="nothing was stored.",
        )
    return text


def send_check_in(
    services: Services, programme_id: int, pairing_id: int, author_user_id: int | None, text: str
) -> PairingActionRecord:
    """A message from the programme team to both members of an approved pair: on their
    page, and by email (written in the same unit of work)."""
    pairing = services.store.pairings.get_pairing(pairing_id, programme_id=programme_id)
    body = _text(text, "check-in message")
    if pairing.status is not PairingStatus.APPROVED:
        raise InputValidationError(
            f"Pairing {pairing_id} is {pairing.status.value}: only an approved pair gets "
            "check-in messages.",
            [FieldProblem("pairing_id", "choose an approved pairing")],
            hint="nothing was sent.",
        )
    with services.unit_of_work() as unit:
        record = unit.store.pairings.add_pairing_action(
            pairing_id, author_user_id, "check_in", body
        )
        tell_check_in(unit, unit.store.programmes.get_programme(programme_id), pairing, body)
        return record


def add_note_to_self(
    services: Services, programme_id: int, pairing_id: int, author_user_id: int, text: str
) -> PairingActionRecord:
    """A coordinator's own note about a pair: only its author reads it back."""
    services.store.pairings.get_pairing(pairing_id, programme_id=programme_id)
    body = _text(text, "note")
    return services.store.pairings.add_pairing_action(pairing_id, author_user_id, "note", body)


def check_ins(services: Services, pairing_id: int) -> list[PairingActionRecord]:
    return services.store.pairings.pairing_actions(pairing_id, "check_in")


def my_notes(services: Services, pairing_id: int, author_user_id: int) -> list[PairingActionRecord]:
    return services.store.pairings.pairing_actions(
        pairing_id, "note", author_user_id=author_user_id
    )
