"""Submitting feedback: a participant answers about their own approved pairing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.domain import Feedback, FeedbackIn, FeedbackStage, PairingStatus, Participant
from coach.errors import FieldProblem, InputValidationError, NotFoundError
from coach.prep.context import stage_for

if TYPE_CHECKING:
    from coach.services import Services


def submit_feedback(
    services: Services, programme_id: int, author: Participant, data: FeedbackIn
) -> Feedback:
    """Validate and store one participant's answer for their own pairing."""
    store = services.store
    pairing = store.pairings.get_pairing(data.pairing_id)
    # A suggestion, rejection or withdrawal is not the participant's to see: it answers
    # like a pairing that does not exist, without telling its status.
    if (
        pairing.programme_id != programme_id
        or author.id not in (pairing.mentor_id, pairing.mentee_id)
        or pairing.status not in (PairingStatus.APPROVED, PairingStatus.ENDED)
    ):
        raise NotFoundError("pairing of this participant", data.pairing_id)
    problems: list[FieldProblem] = []
    programme = store.programmes.get_programme(programme_id)
    if data.stage is FeedbackStage.SESSION:
        if data.session_number is None:
            problems.append(
                FieldProblem("session_number", "say which session this feedback is about")
            )
        elif data.session_number > programme.sessions_planned:
            problems.append(
                FieldProblem(
                    "session_number",
                    f"the programme plans {programme.sessions_planned} sessions; "
                    f"use 1 to {programme.sessions_planned}",
                )
            )
    elif data.session_number is not None:
        problems.append(
            FieldProblem(
                "session_number",
                f"leave it empty for {data.stage.value} feedback (it is about the programme "
                "so far, not one session)",
            )
        )
    unknown = sorted(set(data.goal_progress) - set(author.goals))
    for goal in unknown:
        known = "; ".join(author.goals) or "none yet (add goals to your profile)"
        problems.append(
            FieldProblem(f"goal_progress.{goal}", f"not one of your goals; rate one of: {known}")
        )
    if problems:
        raise InputValidationError(
            "The feedback is not valid: " + "; ".join(str(p) for p in problems),
            problems,
            hint="correct the named fields; nothing was stored.",
        )
    session_stage = (
        stage_for(data.session_number, programme.sessions_planned)
        if data.session_number is not None
        else None
    )
    return store.feedback.add_feedback(author.id, data, session_stage=session_stage)


def my_feedback(services: Services, programme_id: int, author: Participant) -> list[Feedback]:
    """An author's own answers, text included (nobody else reads them)."""
    return services.store.feedback.feedback_by_author(programme_id, author.id)
