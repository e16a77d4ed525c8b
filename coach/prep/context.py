"""What session preparation knows: the typed context both jobs are built from.

``build_context`` gathers, for one pairing and session number: the programme's settings,
the asker's goals (mentee goals, for both jobs), how often each goal was already served
by earlier agendas and its latest self-rating, the asker's own earlier notes (never the
other member's), the guidance cards retrieved for the asker's audience and the stage, and
per goal the library activity that fits it (``coach.prep.activities``), one not run with
the pair in an earlier session.
Cards and notes are fitted into the token budget whole, most relevant first.
"""

from __future__ import annotations

import math

from pydantic import BaseModel, Field

from coach.domain import Direction, PairingStatus, Role, Stage
from coach.errors import AccessDeniedError, FieldProblem, InputValidationError
from coach.prep.activities import ActivityDigest
from coach.prep.goals import read_goal
from coach.services import Services
from coach.tokens import count_tokens

# Share of the context budget for cards; notes get the rest.
CARD_SHARE = 0.7
# A subject card fits a goal from this retrieval score, read off the sample programme's
# goals by hand (fitting topic cards scored 0.39-0.68, the closest misfits 0.33-0.37);
# below it the document says that no guidance fits and stays general.
CARD_FITS_GOAL = 0.38
SUBJECT_CARD_PREFIX = "topic-"  # cards about a subject to learn, as knowledge/README.md names them


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
    # Session number -> the goals that led it, for sessions prepared before this one.
    held_focus: dict[int, list[str]] = Field(default_factory=dict)
    goal_progress: dict[str, int] = Field(default_factory=dict)  # latest rating 1-5
    goal_ratings: dict[str, list[int]] = Field(default_factory=dict)  # every rating, oldest first
    direction: Direction = Direction.REVERSE
    mentor_skills: list[str] = Field(default_factory=list)
    # Per goal: the mentor's skills that cover it (the matcher's judgement), best first.
    goal_skills: dict[str, list[str]] = Field(default_factory=dict)
    # Per goal: ids of the cards that fit it closely enough to use, best first.
    goal_cards: dict[str, list[str]] = Field(default_factory=dict)
    # Per goal: the library activity chosen for this session, when one fits the goal.
    goal_activities: dict[str, ActivityDigest] = Field(default_factory=dict)
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
    pairing = store.pairings.get_pairing(pairing_id)
    if pairing.status is not PairingStatus.APPROVED:
        raise AccessDeniedError(
            f"Pairing {pairing_id} is {pairing.status.value}; sessions are prepared for "
            "approved pairings only.",
            hint="ask the coordinator to approve the pairing first.",
        )
    programme = store.programmes.get_programme(pairing.programme_id)
    if session_number > programme.sessions_planned:
        raise InputValidationError(
            f"The programme plans {programme.sessions_planned} sessions; there is no "
            f"session {session_number}.",
            [FieldProblem("session", f"must be 1 to {programme.sessions_planned}")],
        )
    mentee = store.programmes.get_participant(pairing.mentee_id)
    mentor = store.programmes.get_participant(pairing.mentor_id)
    stage = stage_for(session_number, programme.sessions_planned)
    asker = mentee if audience is Role.MENTEE else mentor
    history: dict[str, int] = {}
    held: dict[int, list[str]] = {}
    run_before: set[str] = set()  # activities of earlier sessions, not offered again
    for earlier in store.sessions.session_documents(pairing_id, before=session_number):
        agenda = earlier.get("agenda") or {}
        run_before.update(agenda.get("activity_ids", []))
        for item in agenda.get("items", []):
            for goal in item.get("goals", []):
                history[goal] = history.get(goal, 0) + 1
        if agenda:
            # Agendas name the goals that led them; older ones had one goal per focus item.
            held[earlier["number"]] = agenda.get("focus") or [
                item["goals"][0]
                for item in agenda.get("items", [])
                if len(item.get("goals", [])) == 1
            ]
    ratings = store.feedback.goal_ratings(pairing_id, mentee.id)
    notes = [text for _, text in reversed(store.sessions.notes_by_author(pairing_id, asker.id))]
    services.require_guidance()
    hits: dict[str, float] = {}
    goal_cards: dict[str, list[str]] = {}
    usable = [g for g in mentee.goals if read_goal(g).usable]  # instructions are never queries
    for query in [*usable, f"{stage.value} session", *programme.ground_rules[:1]]:
        found = services.index.search_guidance(query, audience=audience.value, stage=stage, k=3)
        for hit in found:
            hits[hit.card_id] = max(hits.get(hit.card_id, -1.0), hit.score)
        if query in usable:  # subject cards only: process cards are matched by stage
            goal_cards[query] = [
                h.card_id
                for h in found
                if h.score >= CARD_FITS_GOAL and h.card_id.startswith(SUBJECT_CARD_PREFIX)
            ]
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
    kept = {card.id for card in cards}
    goal_skills = (
        services.coverage_judge.covering(usable, mentor.skills) if usable and mentor.skills else {}
    )
    library = services.activity_library
    activities = library.choose(usable, stage, programme.direction, avoid=run_before)
    for goal, activity in activities.items():  # the skill that suits the activity first
        if goal in goal_skills:
            goal_skills[goal] = library.rank_skills(goal_skills[goal], activity)
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
        held_focus=held,
        goal_progress={goal: values[-1] for goal, values in ratings.items() if values},
        goal_ratings=ratings,
        direction=programme.direction,
        mentor_skills=mentor.skills,
        goal_skills=goal_skills,
        goal_cards={g: [c for c in ids if c in kept] for g, ids in goal_cards.items()},
        goal_activities=activities,
        notes=notes,
        cards=cards,
    )
