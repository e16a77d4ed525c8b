"""The mentee's agenda for one session: typed output, offline composer and its checks.

The offline composer is deterministic. It builds the agenda from the mentee's goals (those
served least in earlier sessions and rated lowest come first), the mentee's own earlier
notes, and the tips and questions of the guidance cards retrieved for the mentee and the
stage. Minutes always add up to the programme's session length, and every goal is served
by some item (goals without a slot of their own share a short check-in item).
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from coach.domain import Stage
from coach.prep.context import CardDigest, SessionContext
from coach.prep.mentor_prompts import near_duplicates

OPEN = ("what", "how", "which", "where", "why", "tell me", "describe", "walk me")


class AgendaItem(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    minutes: int = Field(ge=1, le=240)
    goals: list[str] = Field(default_factory=list)
    prepare: list[str] = Field(default_factory=list)
    questions: list[str] = Field(default_factory=list)


class Agenda(BaseModel):
    session_number: int
    stage: Stage
    mentee_name: str
    mentor_name: str
    items: list[AgendaItem] = Field(min_length=1)
    ground_rules: list[str] = Field(default_factory=list)
    card_ids: list[str] = Field(default_factory=list)
    generated_by: str = "offline"
    fallback_reason: str | None = None


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


def _distinct(questions: list[str]) -> list[str]:
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


def check_agenda(agenda: Agenda, context: SessionContext) -> list[str]:
    """Problems that make an agenda unusable (also used to validate model output)."""
    problems = []
    total = sum(item.minutes for item in agenda.items)
    if total != context.session_minutes:
        problems.append(f"minutes add up to {total}, not {context.session_minutes}")
    served = {goal for item in agenda.items for goal in item.goals}
    missing = [goal for goal in context.goals if goal not in served]
    if missing:
        problems.append("goals not served by any item: " + "; ".join(missing))
    known = {card.id for card in context.cards}
    unknown = [card_id for card_id in agenda.card_ids if card_id not in known]
    if unknown:
        problems.append("cites cards that were not provided: " + ", ".join(unknown))
    return problems
