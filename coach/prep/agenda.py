"""The mentee's agenda for one session: typed output, offline composer and its checks.

The offline composer is deterministic and works from the pair's plan (``coach.prep.plan``):
the goals that lead this session, where it sits in the programme, and what comes next.
Goals are used as clean phrases (``coach.prep.goals``), never pasted as written; text that
is an instruction rather than a goal is left out and the reader is told one goal was set
aside. For each focus goal the mentor's covering skills become "show and try" activities,
built from the library activity that fits the goal (``coach.prep.activities``): what the
mentor shows, what the mentee tries on their own device, what to bring. The guidance
cards that fit the goal (above a retrieval score, ``CARD_FITS_GOAL``) add questions, and
their tip when no activity fits. When neither fits, the agenda says so and that part
stays general. Minutes always add up to the programme's session length, and every usable
goal is served by some item.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from coach.domain import Direction, Stage, first_name
from coach.prep.activities import for_mentee
from coach.prep.context import CardDigest, SessionContext
from coach.prep.goals import GoalKind, GoalReading, is_perspective, read_goal
from coach.prep.plan import Plan, pair_plan, priority_order
from coach.prep.questions import (
    LINE_DUPLICATE,
    agreed_action,
    is_open,
    near_duplicates,
    self_reflection,
    without_repeats,
)
from coach.prep.rubric import agenda_stage_and_voice, pasted_lines, skill_not_shown


class AgendaItem(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    minutes: int = Field(ge=1, le=240)
    goals: list[str] = Field(default_factory=list)
    activities: list[str] = Field(default_factory=list)  # show and try, hands-on
    prepare: list[str] = Field(default_factory=list)
    questions: list[str] = Field(default_factory=list)


class PlanEntry(BaseModel):
    number: int
    stage: Stage
    focus: list[str] = Field(default_factory=list)  # goal phrases


class Agenda(BaseModel):
    session_number: int
    stage: Stage
    mentee_name: str
    mentor_name: str
    items: list[AgendaItem] = Field(min_length=1)
    ground_rules: list[str] = Field(default_factory=list)
    card_ids: list[str] = Field(default_factory=list)
    activity_ids: list[str] = Field(default_factory=list)  # from knowledge/activities
    focus: list[str] = Field(default_factory=list)  # the goals that lead this session
    position: str = ""  # where this session sits in the plan, in a sentence
    plan: list[PlanEntry] = Field(default_factory=list)  # every session of the programme
    notices: list[str] = Field(default_factory=list)  # goals re-planned, raised, set aside
    generated_by: str = "offline"
    fallback_reason: str | None = None


def focus_order(context: SessionContext) -> list[str]:
    """Usable goals in the order they should lead (see ``plan.priority_order``)."""
    usable = [g for g in context.goals if read_goal(g).usable]
    return priority_order(
        usable,
        covered=context.goal_skills,
        served=context.goal_history,
        ratings=context.goal_ratings or {g: [r] for g, r in context.goal_progress.items()},
    )


def _shorten(text: str, limit: int = 120) -> str:
    """A title-sized version of a long phrase, cut at a word boundary."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "..."


def _fitting_card(goal: str, context: SessionContext) -> CardDigest | None:
    """The best card that fits ``goal`` closely enough, or None (may repeat across goals)."""
    by_id = {card.id: card for card in context.cards}
    return next((by_id[i] for i in context.goal_cards.get(goal, []) if i in by_id), None)


def _mentee_questions(card: CardDigest) -> list[str]:
    """Card questions a mentee can put to the mentor: open, and not the mentor's own
    self-reflection ("What do I know...")."""
    return [q for q in card.questions if is_open(q) and not self_reflection(q)]


def _focus_item(
    goal: GoalReading,
    context: SessionContext,
    plan: Plan,
    used: set[str],
    shown: set[str],
    ran: list[str],
) -> AgendaItem:
    mentor = first_name(context.mentor_name)
    phrase = goal.phrase
    # A skill already shown for another goal of this session goes last: a second goal
    # gets the mentor's other covering skill when they have one.
    skills = sorted(context.goal_skills.get(goal.original, []), key=lambda s: s in shown)
    shown.update(skills[:1])
    card = _fitting_card(goal.original, context)
    activity = context.goal_activities.get(goal.original)
    activities: list[str] = []
    prepare: list[str] = []
    questions: list[str] = []
    if activity is not None:
        ran.append(activity.id)
        activities.append(f"Activity: {activity.title} (about {activity.minutes} minutes)")
    if skills and is_perspective(goal):
        # Understanding how others see or live something: the mentor shares, the
        # mentee listens and checks what they heard, then links it to a decision.
        if activity:
            activities += [
                f"{mentor} shares {for_mentee(activity.show, mentor)} (their skill: {skills[0]})",
                f"Your turn: {for_mentee(activity.try_, mentor)}",
            ]
        else:
            activities += [
                f"{mentor} shares what they have seen and heard that helps you {phrase} "
                f"(their skill: {skills[0]})",
                "You listen first, ask follow-up questions, and say back what you heard "
                "before offering your own view",
            ]
        prepare.append(
            f"Bring {for_mentee(activity.bring, mentor)}"
            if activity
            else "Bring one decision or habit of yours that this could change"
        )
        questions.append(
            f"What do people at your level rarely say about this to leaders, {mentor}?"
        )
    elif skills:
        activities += (
            [
                f"{mentor} shows {for_mentee(activity.show, mentor)} (their skill: {skills[0]})",
                f"Your turn, on your own laptop or phone: {for_mentee(activity.try_, mentor)}",
            ]
            if activity
            else [
                f"{mentor} demonstrates how they would {phrase} (their skill: {skills[0]})",
                "You try it yourself on your own laptop or phone while they watch, then once "
                "more without help",
            ]
        )
        prepare.append(
            "Bring one real, non-confidential task from your week to practise on"
            if activity is None
            else f"Bring {for_mentee(activity.bring, mentor)}"
        )
        questions.append(f"How did you learn this yourself, {mentor}, and what tripped you up?")
    else:
        activities.append(
            f"None of {mentor}'s listed skills covers your goal to {phrase}: explore it "
            "together, and note what help you still need so your coordinator can suggest "
            "another contact"
        )
        if activity:
            activities.append(
                f"A starting point from the activity library: {for_mentee(activity.try_, mentor)}"
            )
        prepare.append("Write down where in your work this goal matters most")
        questions.append("Who in your network or team does this well, and could I learn from them?")
    if len(skills) > 1:
        activities.append(f"If time allows, {mentor} adds what {skills[1]} teaches here")
    if goal.original in plan.replanned:
        prepare.append(
            "You rated this goal 2 or lower twice: agree a smaller first step and more "
            "hands-on practice than last time"
        )
    if card is not None:
        used.add(card.id)
        # A library activity is the more specific hands-on part; the card adds its
        # questions then, and its tip only when no activity fits.
        activities += card.tips[:1] if activity is None else []
        questions += _mentee_questions(card)[:2]
    if activity is None and card is None:
        prepare.append(
            "No activity or guidance in the library fits this goal closely, so this part "
            "stays general"
        )
    elif activity is None:
        prepare.append(
            "No activity in the library fits this goal closely, so the hands-on part stays general"
        )
    return AgendaItem(
        title=f"Work on: {_shorten(phrase)}",
        minutes=1,
        goals=[goal.original],
        activities=activities,
        prepare=prepare,
        questions=questions,
    )


def _sharpen_item(goal: GoalReading) -> AgendaItem:
    return AgendaItem(
        title=f"Sharpen a broad goal (you wrote: {_shorten(goal.original.strip(), 80)})",
        minutes=1,
        goals=[goal.original],
        activities=[
            f"Together, turn your goal to {goal.phrase} into one task you could do in the "
            "coming weeks"
        ],
        prepare=[
            "Write down one situation this month where you felt out of your depth",
            "Write down what you want to be able to do in three months that you cannot today",
        ],
        questions=["Which single task would show, in your view, that I had got there?"],
    )


def _position(context: SessionContext, plan: Plan, phrases: dict[str, str]) -> str:
    this = plan.session(context.session_number)
    lead = "; ".join(phrases[g] for g in this.focus) or "your goals as a whole"
    text = (
        f"Session {context.session_number} of {context.sessions_planned} "
        f"({context.stage.value}). This session leads with: {lead}."
    )
    later = [s for s in plan.sessions if s.number > context.session_number and s.focus]
    if later:
        text += (
            f" Next, session {later[0].number}: "
            + "; ".join(phrases[g] for g in later[0].focus)
            + "."
        )
    return text


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
    readings = {goal: read_goal(goal) for goal in context.goals}
    usable = [goal for goal in context.goals if readings[goal].usable]
    phrases = {goal: readings[goal].phrase for goal in usable}
    plan = pair_plan(context)
    this = plan.session(context.session_number)
    used: set[str] = set()
    shown: set[str] = set()  # mentor skills given a show-and-try part already
    ran: list[str] = []  # library activities this agenda uses
    mentor = context.mentor_name
    items: list[tuple[int, AgendaItem]] = [(1, _check_in(context, used))]  # (weight, item)
    stage_item = _stage_item(context, context.cards, used, usable)
    if stage_item is not None:
        items.append((3 if context.stage is Stage.FIRST else 2, stage_item))
    for goal in this.focus:
        reading = readings[goal]
        if reading.kind is GoalKind.VAGUE:
            items.append((2, _sharpen_item(reading)))
        else:
            items.append((3, _focus_item(reading, context, plan, used, shown, ran)))
    rest = [goal for goal in usable if goal not in this.focus]
    vague = [goal for goal in rest if readings[goal].kind is GoalKind.VAGUE]
    for goal in vague[:1]:  # one broad goal sharpened a session is enough
        items.append((1, _sharpen_item(readings[goal])))
    rest = [goal for goal in rest if goal not in vague[:1]]
    if rest:
        items.append(
            (
                1,
                AgendaItem(
                    title="Quick check on your other goals",
                    minutes=1,
                    goals=rest,
                    prepare=["Rate each of your other goals from 1 to 5 before the session"],
                    questions=[
                        "Which of my other goals should I keep working on after the programme?"
                        if context.stage is Stage.CLOSING
                        else "Which of my other goals should lead our next session?"
                    ],
                ),
            )
        )
    items.append(
        (
            1,
            AgendaItem(
                title="Agree next steps and the next date",
                minutes=1,
                prepare=[
                    "Bring your diary so the next session is booked before you leave",
                    *_regular_close(context, used),
                ],
                questions=[f"What should I try before we meet again, {first_name(mentor)}?"],
            )
            if context.stage is not Stage.CLOSING
            else AgendaItem(
                title="Agree what happens after the programme",
                minutes=1,
                prepare=["Note one thing you will do in the month after the programme"],
                questions=["How shall we stay in touch once the programme ends?"],
            ),
        )
    )
    minutes = _split_minutes(context.session_minutes, [w for w, _ in items])
    final = _without_repeats(
        [
            item.model_copy(update={"minutes": m})
            for (_, item), m in zip(items, minutes, strict=True)
        ]
    )
    notices = []
    if plan.set_aside:
        notices.append(
            "One of your goals reads as an instruction rather than a learning goal, so it "
            "was left out; your coordinator can help you reword it."
            if plan.set_aside == 1
            else f"{plan.set_aside} of your goals read as instructions rather than learning "
            "goals, so they were left out; your coordinator can help you reword them."
        )
    for goal in plan.raised:
        notices.append(
            f"You rated your goal to {phrases[goal]} 2 or lower twice and {mentor}'s skills "
            "do not cover it: talk to your coordinator about another contact for it."
        )
    return Agenda(
        session_number=context.session_number,
        stage=context.stage,
        mentee_name=context.mentee_name,
        mentor_name=mentor,
        items=final,
        ground_rules=context.ground_rules,
        card_ids=sorted(used),
        activity_ids=ran,
        focus=this.focus,
        position=_position(context, plan, phrases),
        plan=[
            PlanEntry(number=s.number, stage=s.stage, focus=[phrases[g] for g in s.focus])
            for s in plan.sessions
        ],
        notices=notices,
    )


def _regular_close(context: SessionContext, used: set[str]) -> list[str]:
    """The regular-session card's advice on how a session ends, when it was retrieved."""
    card = next((c for c in context.cards if c.id == "structuring-a-regular-session"), None)
    if card is None or context.stage is not Stage.REGULAR:
        return []
    used.add(card.id)
    return card.tips[-1:]


def _check_in(context: SessionContext, used: set[str]) -> AgendaItem:
    mentor = context.mentor_name
    if context.stage is Stage.FIRST:
        return AgendaItem(
            title="Introductions",
            minutes=1,
            prepare=[f"Think of one question about {mentor}'s work and what they enjoy in it"],
            questions=[f"What do you enjoy most about your work, {first_name(mentor)}?"],
        )
    action = agreed_action(context.notes)
    prepare = (
        [f"Last time you agreed to {action}: note how it went, including what did not work"]
        if action
        else [f"Last time you noted: {context.notes[0]}"]
        if context.notes
        else ["Note what you tried since the last session and what happened"]
    )
    card = next((c for c in context.cards if c.id == "mentee-preparation"), None)
    if card is not None and context.stage is not Stage.CLOSING:
        used.add(card.id)
        prepare += card.tips[-1:]  # a note to the mentor a day ahead
    return AgendaItem(
        title="Look back over the programme"
        if context.stage is Stage.CLOSING
        else "Check in and look back",
        minutes=1,
        prepare=prepare,
        questions=["What did you notice when I tried it, and what would you change?"],
    )


def _without_repeats(items: list[AgendaItem]) -> list[AgendaItem]:
    """Drop lines that say again, in other words, what an earlier line of the document
    already says (questions against questions, the rest against the rest)."""
    questions: list[str] = []
    lines: list[str] = []
    return [
        item.model_copy(
            update={
                "activities": without_repeats(item.activities, lines, LINE_DUPLICATE),
                "prepare": without_repeats(item.prepare, lines, LINE_DUPLICATE),
                "questions": without_repeats(item.questions, questions),
            }
        )
        for item in items
    ]


def _stage_item(
    context: SessionContext, cards: list[CardDigest], used: set[str], goals: list[str]
) -> AgendaItem | None:
    """The part of the session its stage calls for (none for a regular session)."""
    mentor = context.mentor_name
    if context.stage is Stage.FIRST:
        card = next((c for c in cards if c.id in ("ground-rules", "first-session-mentee")), None)
        if card:
            used.add(card.id)
        questions = [
            "How often shall we meet, and who books the sessions?",
            "Is there anything either of us would rather not discuss?",
        ]
        if context.direction is Direction.REVERSE:
            questions.append(
                "What would you like me to understand about how things look from your level?"
            )
        return AgendaItem(
            title="Agree ground rules, objectives, cadence and boundaries",
            minutes=1,
            goals=goals,
            prepare=[
                "Write down what you want to be able to do by the end of the programme",
                *(card.tips[:2] if card else []),
            ],
            questions=questions,  # the card's own cadence questions would say the same again
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
                "Which of my goals has moved most, in your eyes, and what made the difference?",
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
                "Note what you will keep doing after the programme",
                "Complete the programme's closing feedback",
            ],
            questions=[
                f"What did you gain from mentoring me, {first_name(mentor)}?",
                "What should I do differently as a leader, from what you saw?",
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
    usable = [goal for goal in context.goals if read_goal(goal).usable]
    missing = [goal for goal in usable if goal not in served]
    if missing:
        problems.append("goals not served by any item: " + "; ".join(missing))
    text = agenda.model_dump_json().lower()
    if any(g[:40].lower() in text for g in context.goals if not read_goal(g).usable):
        problems.append("places text that is an instruction, not a goal")
    known = {card.id for card in context.cards}
    unknown = [card_id for card_id in agenda.card_ids if card_id not in known]
    if unknown:
        problems.append("cites cards that were not provided: " + ", ".join(unknown))
    offered = {activity.id for activity in context.goal_activities.values()}
    invented = [i for i in agenda.activity_ids if i not in offered]
    if invented:
        problems.append("cites activities that were not provided: " + ", ".join(invented))
    # The reader's rubric (coach.prep.rubric), as the prep-quality eval applies it.
    questions = [q for item in agenda.items for q in item.questions]
    lines = [*questions, *(p for item in agenda.items for p in item.prepare)]
    pasted = pasted_lines(lines, usable)
    if pasted:
        problems.append(f"pastes a goal as written instead of using it: {pasted[0]!r}")
    repeated = near_duplicates(questions)
    if repeated:
        problems.append(f"asks the same thing twice: {repeated[0][0]!r} / {repeated[0][1]!r}")
    problems += agenda_stage_and_voice(agenda, context.direction)
    focus = pair_plan(context).session(context.session_number).focus
    for goal in focus:  # in the activities of the goal's own items (a stage item may be one)
        activities = [a for item in agenda.items if item.goals == [goal] for a in item.activities]
        if skill_not_shown(activities, context.goal_skills.get(goal, [])):
            problems.append(f"no covering skill of the mentor is shown for {goal!r}")
    return problems
