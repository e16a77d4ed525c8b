"""Conversation prompts for the mentor: typed output, offline composer and its checks.

Questions are open (they start with what, how, which...), and near-duplicates are
dropped: two questions about the same goal that share most of their words say the same
thing twice. Questions about different goals may share a shape ("What does 'X' look like
in your week?") without being duplicates, so the check runs within each goal's list.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from coach.domain import Stage
from coach.prep.context import CardDigest, SessionContext

OPEN_STARTS = (
    "what",
    "how",
    "which",
    "where",
    "why",
    "tell me",
    "describe",
    "walk me",
    "who",
    "when",
)
NEAR_DUPLICATE = 0.6  # word-set overlap (Jaccard) from which two questions count as one


class GoalQuestions(BaseModel):
    goal: str
    questions: list[str] = Field(min_length=1)


class MentorPrompts(BaseModel):
    session_number: int
    stage: Stage
    mentee_name: str
    mentor_name: str
    openers: list[str] = Field(min_length=1)
    questions: list[GoalQuestions]
    upward_feedback: list[str] = Field(min_length=1)
    if_mentee_takes_over: list[str] = Field(min_length=1)
    card_ids: list[str] = Field(default_factory=list)
    generated_by: str = "offline"
    fallback_reason: str | None = None


def is_open(question: str) -> bool:
    return question.strip().lower().startswith(OPEN_STARTS) and question.rstrip().endswith("?")


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z']+", text.lower()) if len(w) > 2}


def near_duplicates(questions: list[str]) -> list[tuple[str, str]]:
    pairs = []
    for i, first in enumerate(questions):
        for second in questions[i + 1 :]:
            a, b = _words(first), _words(second)
            if a and b and len(a & b) / len(a | b) >= NEAR_DUPLICATE:
                pairs.append((first, second))
    return pairs


def _distinct(candidates: list[str], taken: list[str], limit: int) -> list[str]:
    chosen: list[str] = []
    for question in candidates:
        if not is_open(question) or len(chosen) >= limit:
            continue
        if near_duplicates([*taken, *chosen, question]) != near_duplicates([*taken, *chosen]):
            continue
        chosen.append(question)
    return chosen


def _card(cards: list[CardDigest], *ids: str) -> CardDigest | None:
    return next((c for c in cards if c.id in ids), None)


def compose_prompts(context: SessionContext) -> MentorPrompts:
    cards = context.cards
    used: set[str] = set()
    mentee = context.mentee_name
    openers = {
        Stage.FIRST: [
            f"What made you sign up for this programme, {mentee}?",
            "How would you like us to use our time together?",
        ],
        Stage.MIDPOINT: [
            "What has changed for you since our first session?",
            "Which goal feels closest now, and which furthest away?",
        ],
        Stage.CLOSING: [
            "What can you do now that you could not do at the start?",
            "What will you keep doing after the programme ends?",
        ],
    }.get(
        context.stage,
        [
            "What did you try since we last met, and how did it go?",
            "What would make today's session worth your time?",
        ],
    )
    per_goal = []
    asked: set[str] = set()  # a card question is used for one goal only
    for goal in context.goals:
        # Only mentor cards: questions on "all" topic cards are written for the mentee
        # to ask ("...if you were in my role?"), which would be odd from the mentor.
        mentor_cards = [c for c in cards if c.audience == "mentor" and set(c.questions) - asked]
        card = _best_card(goal, mentor_cards)
        base = goal.rstrip(".")
        # One question anchored in the goal's own words, then the best card's curated
        # questions, then further goal-anchored ones if the card has too few.
        candidates = [
            f"What does '{base}' look like in your week at the moment?",
            *([q for q in card.questions if q not in asked][:2] if card else []),
            f"How will you know you have made progress on '{base}'?",
            f"Which part of '{base}' feels hardest to start with?",
        ]
        chosen = _distinct(candidates, [], 3)
        asked.update(chosen)
        if card is not None and any(q in card.questions for q in chosen):
            used.add(card.id)
        per_goal.append(GoalQuestions(goal=goal, questions=chosen))
    feedback_card = _card(cards, "giving-upward-feedback")
    feedback = [
        f"Ask {mentee} first whether they want your candid view on this topic; a yes makes "
        "it safe to be direct.",
        "Describe what you saw, its effect on people at your level, and one suggestion; "
        "leave out judgements of character.",
        f"Tie your point to the goal {mentee} set, so it is clearly in their interest.",
    ]
    if feedback_card is not None:
        used.add(feedback_card.id)
        feedback += feedback_card.tips[3:4]
    takeover_card = _card(cards, "when-the-mentee-takes-over")
    takeover = [
        "Name it lightly and steer back: 'shall we get back to what you wanted to learn today?'",
        "Switch to a hands-on task on the mentee's own device; it is hard to take over while "
        "trying something yourself.",
        "If it keeps happening, raise it in a short retrospective, or ask the coordinator.",
    ]
    if takeover_card is not None:
        used.add(takeover_card.id)
    return MentorPrompts(
        session_number=context.session_number,
        stage=context.stage,
        mentee_name=mentee,
        mentor_name=context.mentor_name,
        openers=openers,
        questions=per_goal,
        upward_feedback=feedback,
        if_mentee_takes_over=takeover,
        card_ids=sorted(used),
    )


def _best_card(goal: str, cards: list[CardDigest]) -> CardDigest | None:
    words = _words(goal)
    scored = sorted(
        cards, key=lambda c: -len(words & _words(f"{c.title} {c.summary} {' '.join(c.questions)}"))
    )
    best = scored[0] if scored else None
    if best is None or not words & _words(
        f"{best.title} {best.summary} {' '.join(best.questions)}"
    ):
        return None
    return best


def all_questions(prompts: MentorPrompts) -> list[str]:
    return [*prompts.openers, *(q for g in prompts.questions for q in g.questions)]


def check_prompts(prompts: MentorPrompts, context: SessionContext) -> list[str]:
    problems = []
    closed = [q for q in all_questions(prompts) if not is_open(q)]
    if closed:
        problems.append("questions that are not open: " + " | ".join(closed[:5]))
    groups = [prompts.openers, *(g.questions for g in prompts.questions)]
    duplicates = [pair for group in groups for pair in near_duplicates(group)]
    if duplicates:
        problems.append(f"{len(duplicates)} near-duplicate question pair(s)")
    covered = {g.goal for g in prompts.questions if g.questions}
    missing = [goal for goal in context.goals if goal not in covered]
    if missing:
        problems.append("goals without questions: " + "; ".join(missing))
    known = {card.id for card in context.cards}
    unknown = [card_id for card_id in prompts.card_ids if card_id not in known]
    if unknown:
        problems.append("cites cards that were not provided: " + ", ".join(unknown))
    return problems
