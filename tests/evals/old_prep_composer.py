"""The session-prep composer this project had before issue 13, kept only so a test can
show that the prep-quality suite fails it: goals pasted into fixed question templates,
one card per goal at most, the mentor's skills unused, no plan."""

from __future__ import annotations

import re

from coach.domain import Stage
from coach.prep.agenda import Agenda, AgendaItem
from coach.prep.context import CardDigest, SessionContext
from coach.prep.mentor_prompts import GoalQuestions, MentorPrompts

OPEN = ("what", "how", "which", "where", "why", "tell me", "describe", "walk me")

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


def focus_order(context: SessionContext) -> list[str]:
    """Goals least served before and rated lowest first (stable for equal goals)."""
    return sorted(
        context.goals,
        key=lambda goal: (
            context.goal_history.get(goal, 0),
            context.goal_progress.get(goal, 0),
            context.goals.index(goal),
        ),
    )


def _card_for(goal: str, cards: list[CardDigest], used: set[str]) -> CardDigest | None:
    """The card that best fits a goal: shared words first, then retrieval order."""
    words = {w for w in goal.lower().split() if len(w) > 3}

    def overlap(card: CardDigest) -> int:
        text = f"{card.title} {card.summary}".lower()
        return sum(word in text for word in words)

    # A relevant card not used for another goal first, so each goal brings new tips.
    ranked = sorted(cards, key=lambda c: (overlap(c) == 0, c.id in used, -overlap(c)))
    return ranked[0] if ranked else None


def _shorten(text: str, limit: int = 120) -> str:
    """A title-sized version of a long goal, cut at a word boundary."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "..."


def _distinct_questions(questions: list[str]) -> list[str]:
    """Drop questions that repeat an earlier one in other words."""
    kept: list[str] = []
    for question in questions:
        if not near_duplicates([*kept, question]):
            kept.append(question)
    return kept


def _split_minutes(total: int, weights: list[int]) -> list[int]:
    """Whole minutes proportional to ``weights`` that add up to exactly ``total``."""
    raw = [total * w / sum(weights) for w in weights]
    minutes = [max(1, int(r)) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: -(raw[i] - int(raw[i])))
    index = 0
    while sum(minutes) < total:
        minutes[order[index % len(order)]] += 1
        index += 1
    while sum(minutes) > total:
        largest = max(range(len(minutes)), key=lambda i: minutes[i])
        minutes[largest] -= 1
    return minutes


def compose_agenda(context: SessionContext) -> Agenda:
    cards = context.cards
    used: set[str] = set()
    items: list[tuple[int, AgendaItem]] = []  # (weight, item)
    mentor = context.mentor_name
    first = context.session_number == 1
    check_in = AgendaItem(
        title="Introductions" if first else "Check in and look back",
        minutes=1,
        prepare=(
            [f"Read {mentor}'s profile and think of one question about their work"]
            if first
            else [f"Reread your note: {context.notes[0]}"]
            if context.notes
            else ["Recall what you agreed to try after the last session"]
        ),
        questions=(
            [f"What do you enjoy most about your work, {mentor}?"]
            if first
            else ["What did I try since we last met, and what happened?"]
        ),
    )
    items.append((1, check_in))
    stage_item = _stage_item(context, cards, used)
    if stage_item is not None:
        items.append((3 if context.stage is Stage.FIRST else 2, stage_item))
    ordered = focus_order(context)
    slots = {Stage.FIRST: 1, Stage.REGULAR: 2, Stage.MIDPOINT: 1, Stage.CLOSING: 1}[context.stage]
    slots = max(1, min(slots, context.session_minutes // 15, len(ordered)))
    focus, rest = ordered[:slots], ordered[slots:]
    for goal in focus:
        card = _card_for(goal, cards, used)
        prepare = [f"Bring one real example of where '{goal}' matters in your week"]
        questions = [f"What would it look like to {goal.rstrip('.')} by our next session?"]
        if card is not None:
            used.add(card.id)
            prepare += card.tips[:2]
            questions += [q for q in card.questions if q.lower().startswith(OPEN)][:2]
        items.append(
            (
                3,
                AgendaItem(
                    title=f"Work on: {_shorten(goal)}",
                    minutes=1,
                    goals=[goal],
                    prepare=prepare,
                    questions=questions,
                ),
            )
        )
    if rest:
        items.append(
            (
                1,
                AgendaItem(
                    title="Quick check on your other goals",
                    minutes=1,
                    goals=rest,
                    prepare=[
                        "Rate each of these goals from 1 to 5 for yourself before the session"
                    ],
                    questions=["Which of these goals should lead our next session?"],
                ),
            )
        )
    items.append(
        (
            1,
            AgendaItem(
                title="Agree next steps and the next date",
                minutes=1,
                prepare=["Bring your diary so the next session is booked before you leave"],
                questions=["What will I try before we meet again?"],
            ),
        )
    )
    minutes = _split_minutes(context.session_minutes, [w for w, _ in items])
    final = [
        item.model_copy(update={"minutes": m}) for (_, item), m in zip(items, minutes, strict=True)
    ]
    return Agenda(
        session_number=context.session_number,
        stage=context.stage,
        mentee_name=context.mentee_name,
        mentor_name=context.mentor_name,
        items=final,
        ground_rules=context.ground_rules,
        card_ids=sorted(used),
    )


def _stage_item(
    context: SessionContext, cards: list[CardDigest], used: set[str]
) -> AgendaItem | None:
    """The part of the session its stage calls for (none for a regular session)."""
    goals = context.goals
    if context.stage is Stage.FIRST:
        card = next((c for c in cards if c.id in ("ground-rules", "first-session-mentee")), None)
        if card:
            used.add(card.id)
        return AgendaItem(
            title="Agree ground rules, objectives, cadence and boundaries",
            minutes=1,
            goals=goals,
            prepare=[
                "Write down what you want to be able to do by the end of the programme",
                *(card.tips[:2] if card else []),
            ],
            questions=[
                "How often will we meet, and who books the sessions?",
                "Is there anything either of us would rather not discuss?",
                *(q for q in (card.questions if card else []) if q.lower().startswith(OPEN)),
            ][:4],
        )
    if context.stage is Stage.MIDPOINT:
        card = next((c for c in cards if c.id == "midpoint-review-for-pairs"), None)
        if card:
            used.add(card.id)
        return AgendaItem(
            title="Review progress against each goal",
            minutes=1,
            goals=goals,
            prepare=["Rate each goal from 1 to 5 and note one piece of evidence for each"],
            questions=[
                "Which goal has moved most, and what made the difference?",
                "What should we keep, stop and start for the second half?",
            ],
        )
    if context.stage is Stage.CLOSING:
        card = next((c for c in cards if c.id == "closing-session"), None)
        if card:
            used.add(card.id)
        return AgendaItem(
            title="Look back on what you learned, next steps and feedback",
            minutes=1,
            goals=goals,
            prepare=[
                "Note what you can do now that you could not at the start",
                "Complete the programme's closing feedback",
            ],
            questions=[
                "What will I keep doing after the programme?",
                "What did you gain from mentoring me?",
            ],
        )
    return None
