"""What session preparation knows: the typed context both jobs are built from.

``build_context`` gathers, for one pairing and session number: the programme's settings,
the asker's goals (mentee goals, for both jobs), how often each goal was already served
by earlier agendas and its latest self-rating, the asker's own earlier notes (never the
other member's), and the guidance cards retrieved for the asker's audience and the stage.
Cards and notes are fitted into the token budget whole, most relevant first.
"""

from __future__ import annotations

import math

from pydantic import BaseModel, Field

from coach.domain import PairingStatus, Role, Stage
from coach.errors import AccessDeniedError, FieldProblem, InputValidationError
from coach.services import Services
from coach.tokens import count_tokens

# Share of the context budget for cards; notes get the rest.
CARD_SHARE = 0.7


class CardDigest(BaseModel):
    id: str
    title: str
    audience: str
    summary: str
    tips: list[str]
    questions: list[str]

    def as_text(self) -> str:
        return "\n".join(
            [f"[{self.id}] {self.title}: {self.summary}"]
            + [f"- tip: {tip}" for tip in self.tips]
            + [f"- question: {q}" for q in self.questions]
        )


class SessionContext(BaseModel):
    """The input of the agenda and mentor-prompt jobs."""

    audience: Role
    programme_name: str
    objectives: list[str]
    ground_rules: list[str]
    session_minutes: int
    sessions_planned: int
    session_number: int = Field(ge=1)
    stage: Stage
    mentee_name: str
    mentor_name: str
    goals: list[str]
    goal_history: dict[str, int] = Field(default_factory=dict)  # times served before
    goal_progress: dict[str, int] = Field(default_factory=dict)  # latest rating 1-5
    notes: list[str] = Field(default_factory=list)  # the asker's own, most recent first
    cards: list[CardDigest] = Field(default_factory=list)  # most relevant first


def stage_for(session_number: int, sessions_planned: int) -> Stage:
    if session_number == 1:
        return Stage.FIRST
    if session_number >= sessions_planned:
        return Stage.CLOSING
    if session_number == math.ceil(sessions_planned / 2):
        return Stage.MIDPOINT
    return Stage.REGULAR


def budget_cards_and_notes(
    cards: list[CardDigest], notes: list[str], budget: int
) -> tuple[list[CardDigest], list[str]]:
    """Whole cards (most relevant first) and whole notes (most recent first) within budget."""
    card_budget = int(budget * CARD_SHARE)
    kept_cards: list[CardDigest] = []
    used = 0
    for card in cards:
        cost = count_tokens(card.as_text())
        if used + cost <= card_budget:
            kept_cards.append(card)
            used += cost
    kept_notes: list[str] = []
    for note in notes:
        cost = count_tokens(note)
        if used + cost <= budget:
            kept_notes.append(note)
            used += cost
    return kept_cards, kept_notes


def build_context(
    services: Services, pairing_id: int, session_number: int, audience: Role
) -> SessionContext:
    store = services.store
    pairing = store.get_pairing(pairing_id)
    if pairing.status is not PairingStatus.APPROVED:
        raise AccessDeniedError(
            f"Pairing {pairing_id} is {pairing.status.value}; sessions are prepared for "
            "approved pairings only.",
            hint="ask the coordinator to approve the pairing first.",
        )
    programme = store.get_programme(pairing.programme_id)
    if session_number > programme.sessions_planned:
        raise InputValidationError(
            f"The programme plans {programme.sessions_planned} sessions; there is no "
            f"session {session_number}.",
            [FieldProblem("session", f"must be 1 to {programme.sessions_planned}")],
        )
    mentee = store.get_participant(pairing.mentee_id)
    mentor = store.get_participant(pairing.mentor_id)
    stage = stage_for(session_number, programme.sessions_planned)
    asker = mentee if audience is Role.MENTEE else mentor
    history: dict[str, int] = {}
    for earlier in store.session_documents(pairing_id, before=session_number):
        agenda = earlier.get("agenda") or {}
        for item in agenda.get("items", []):
            for goal in item.get("goals", []):
                history[goal] = history.get(goal, 0) + 1
    progress = store.latest_goal_progress(pairing_id, mentee.id)
    notes = [text for _, text in reversed(store.notes_by_author(pairing_id, asker.id))]
    services.require_guidance()
    hits: dict[str, float] = {}
    queries = [*mentee.goals, f"{stage.value} session", *programme.ground_rules[:1]]
    for query in queries:
        for hit in services.index.search_guidance(query, audience=audience.value, stage=stage, k=3):
            hits[hit.card_id] = max(hits.get(hit.card_id, -1.0), hit.score)
    digests = []
    for card_id, _ in sorted(hits.items(), key=lambda item: -item[1]):
        card = services.card(card_id)
        if card is not None:
            digests.append(
                CardDigest(
                    id=card.id,
                    title=card.title,
                    audience=card.audience.value,
                    summary=card.summary,
                    tips=card.tips,
                    questions=card.questions,
                )
            )
    cards, notes = budget_cards_and_notes(digests, notes, services.settings.context_token_budget)
    return SessionContext(
        audience=audience,
        programme_name=programme.name,
        objectives=[o.name for o in programme.objectives],
        ground_rules=programme.ground_rules,
        session_minutes=programme.session_minutes,
        sessions_planned=programme.sessions_planned,
        session_number=session_number,
        stage=stage,
        mentee_name=mentee.name,
        mentor_name=mentor.name,
        goals=mentee.goals,
        goal_history=history,
        goal_progress=progress,
        notes=notes,
        cards=cards,
    )
