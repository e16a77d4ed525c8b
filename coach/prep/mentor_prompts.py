"""Conversation prompts for the mentor: typed output, offline composer and its checks.

Prompts are lines the mentor says to the mentee, in the programme's direction (in a
reverse programme the junior mentor leads and the senior mentee learns) and in the words
of the session's stage. The mentor's own preparation (their notes from last time, the
self-reflection questions of the guidance cards) is a section of its own, never mixed
with what they ask. Goals come from the pair's plan (``coach.prep.plan``): the goals that
lead this session get a show-and-try part built from the mentor's covering skills and
three questions; every other usable goal gets one. Questions are open and no line repeats
another in other words anywhere in the document.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from coach.domain import Direction, Stage, first_name
from coach.numbers import counted
from coach.prep.activities import mentee_brings, mentor_says, mentor_shows
from coach.prep.context import CardDigest, SessionContext
from coach.prep.goals import GoalKind, GoalReading, is_perspective, read_goal
from coach.prep.plan import pair_plan
from coach.prep.questions import (
    LINE_DUPLICATE,
    agreed_action,
    is_open,
    near_duplicates,
    self_reflection,
    without_repeats,
)
from coach.prep.rubric import SPOKEN_TO, pasted_lines, prompts_stage_and_voice, skill_not_shown


class GoalQuestions(BaseModel):
    goal: str
    questions: list[str] = Field(min_length=1)
    title: str = ""  # the goal as a clean phrase
    show_and_try: list[str] = Field(default_factory=list)
    focus: bool = False  # the goal leads this session


class MentorPrompts(BaseModel):
    session_number: int
    stage: Stage
    mentee_name: str
    mentor_name: str
    openers: list[str] = Field(min_length=1)
    questions: list[GoalQuestions]
    upward_feedback: list[str] = Field(min_length=1)
    if_mentee_takes_over: list[str] = Field(min_length=1)
    prepare_yourself: list[str] = Field(default_factory=list)
    position: str = ""
    card_ids: list[str] = Field(default_factory=list)
    activity_ids: list[str] = Field(default_factory=list)  # from knowledge/activities
    generated_by: str = "offline"
    fallback_reason: str | None = None


OPENERS = {
    Stage.FIRST: [
        "What made you sign up for this programme, {mentee}?",
        "How do you like to learn something new: by doing, reading or watching?",
    ],
    Stage.REGULAR: [
        "What did you try since we last met, {mentee}, and how did it go?",
        "What would make today's session worth your time?",
    ],
    Stage.MIDPOINT: [
        "What has changed in how you work since our first sessions, {mentee}?",
        "Which of your goals feels closest now, and which furthest away?",
    ],
    Stage.CLOSING: [
        "What can you do now that you could not do when we started, {mentee}?",
        "What will you keep doing once the programme ends?",
    ],
}

# Questions for a goal, by kind; each goal takes them in turn from a different start so
# two goals do not read as the same three lines.
PRACTICE = [
    "Where in your week would this make the biggest difference?",
    "What have you tried already, and where did it stop working?",
    "How will we both know you can do this without me?",
    "Which part of this feels hardest for you to start with?",
    "What would you like to be able to show me next time?",
    "Who in your team already does this well, and what do you see them do?",
]
PERSPECTIVE = [
    "What have you noticed about this in your own area so far?",
    "Which of your decisions would change if you understood this better?",
    "Who could you hear from directly about this, beyond me?",
    "What surprised you the last time this came up at work?",
    "What do you think your team would say about this if asked openly?",
    "Where do you think your own experience differs most from theirs?",
]
# When every question of a goal's kind has been asked for other goals already.
SPARE = [
    "What would a good first small step look like for you here?",
    "How much time could you give this each week, honestly?",
    "What would make this easier for you to practise between sessions?",
    "Which example from your own work should we start from?",
]
VAGUE = [
    "What would you be able to do in three months that you cannot do today?",
    "Which single task this month would show us you had got there?",
]


def _goal_questions(reading: GoalReading, index: int, count: int) -> list[str]:
    if reading.kind is GoalKind.VAGUE:
        return VAGUE[:count]
    pool = PERSPECTIVE if is_perspective(reading) else PRACTICE
    return [pool[(index + k) % len(pool)] for k in range(count)]


def _show_and_try(reading: GoalReading, context: SessionContext, shown: set[str]) -> list[str]:
    # A skill shown for another goal already goes last (see ``agenda._focus_item``).
    skills = sorted(context.goal_skills.get(reading.original, []), key=lambda s: s in shown)
    shown.update(skills[:1])
    mentee = first_name(context.mentee_name)
    activity = context.goal_activities.get(reading.original)
    lines = [f"Activity: {activity.title} (about {activity.minutes} minutes)"] if activity else []
    if not skills:
        lines.insert(
            0,
            f"None of your listed skills covers {mentee}'s goal to {reading.phrase}: say so "
            "plainly, explore it together, and suggest the coordinator finds another contact",
        )
        if activity:
            lines.append(f'As a starting point, say: "{_sentence(mentor_says(activity.try_))}"')
        return lines
    if activity:
        verb = "Share" if is_perspective(reading) else "Show"
        return [
            *lines,
            f"{verb} {mentor_shows(activity.show, mentee)} (your skill: {skills[0]})",
            f'Then hand over and say: "{_sentence(mentor_says(activity.try_))}"',
            f"Ask {mentee} to bring {mentee_brings(activity.bring)}",
        ]
    if is_perspective(reading):
        return [
            f"Share what you have seen and heard that helps {mentee} {reading.phrase} "
            f"(your skill: {skills[0]}); one concrete story beats a general point",
            f"Ask {mentee} to say back what they heard before they give their view",
            "No activity in the library fits this goal closely, so this part stays general",
        ]
    return [
        f"Show how you would {reading.phrase}, on a real example (your skill: {skills[0]})",
        f"Then hand over: {mentee} drives their own device while you coach; keep your "
        "hands off the keyboard",
        f"Ask {mentee} to bring one real, non-confidential task to practise on",
        "No activity in the library fits this goal closely, so this part stays general",
    ]


def _sentence(text: str) -> str:
    """Library words as a spoken sentence: a capital first letter and a full stop."""
    text = text.strip().rstrip(".")
    return text[:1].upper() + text[1:] + "."


def _card(cards: list[CardDigest], *ids: str) -> CardDigest | None:
    return next((c for c in cards if c.id in ids), None)


def compose_prompts(context: SessionContext) -> MentorPrompts:
    cards = context.cards
    used: set[str] = set()
    mentee = first_name(context.mentee_name)
    reverse = context.direction is Direction.REVERSE
    asked: list[str] = []  # every question of the document, for de-duplication
    shown: list[str] = []  # every show-and-try line
    shown_skills: set[str] = set()
    ran: list[str] = []  # library activities these prompts use
    openers = without_repeats(
        [line.format(mentee=mentee) for line in OPENERS[context.stage]], asked
    )
    prepare_yourself: list[str] = []
    if context.notes:
        prepare_yourself.append(f"Your note from last time: {context.notes[0]}")
        action = agreed_action(context.notes)
        if action:
            prepare_yourself.append(f"Last time you agreed to {action}: have it ready")
    plan = pair_plan(context)
    focus = plan.session(context.session_number).focus
    readings = [read_goal(goal) for goal in context.goals]
    usable = [r for r in readings if r.usable]
    mentor_cards = [c for c in cards if c.audience == "mentor"]
    per_goal = []
    for index, reading in enumerate(usable):
        leads = reading.original in focus
        candidates = _goal_questions(reading, index, 3 if leads else 1)
        activity = context.goal_activities.get(reading.original)
        if activity is not None and leads:
            # The activity's own questions are about what the pair just did: ask them first.
            own = [q for q in activity.questions if is_open(q) and SPOKEN_TO.search(q)]
            candidates = [*own[:2], *candidates]
            ran.append(activity.id)
        card = next(
            (c for c in mentor_cards if c.id in context.goal_cards.get(reading.original, [])),
            None,
        )
        if card is not None and leads:
            own = [q for q in card.questions if is_open(q) and not self_reflection(q)]
            candidates = [*candidates[:2], *own[:1], *candidates[2:]]
            prepare_yourself += [q for q in card.questions if self_reflection(q)][:1]
            used.add(card.id)
        chosen = without_repeats(candidates, asked, limit=3 if leads else 1)
        if not chosen:  # every candidate said already: the kind's other ones, then spares
            spares = [*_goal_questions(reading, index + 1, 6), *SPARE]
            chosen = without_repeats(spares, asked, limit=1) or [SPARE[index % len(SPARE)]]
        per_goal.append(
            GoalQuestions(
                goal=reading.original,
                title=reading.phrase,
                questions=chosen,
                show_and_try=without_repeats(
                    _show_and_try(reading, context, shown_skills), shown, LINE_DUPLICATE
                )
                if leads
                else [],
                focus=leads,
            )
        )
    if plan.set_aside:
        prepare_yourself.append(
            "One of the mentee's goal texts reads as an instruction rather than a goal "
            "and was left out; the coordinator can help reword it"
        )
    feedback_card = _card(cards, "giving-upward-feedback")
    if reverse:
        feedback = [
            f"Ask {mentee} first whether they want your candid view; a yes makes it safe "
            "to be direct.",
            "Describe what you saw, its effect on people at your level, and one suggestion; "
            "leave out judgements of character.",
            f"Tie your point to a goal {mentee} set, so it is clearly in their interest.",
        ]
    else:
        feedback = [
            f"Ask {mentee} what feedback would help most today before you give any.",
            "Describe what you saw and its effect, then one thing to try; keep it about "
            "the work, not the person.",
            f"Invite {mentee} to tell you how your advice lands, and adjust.",
        ]
    if feedback_card is not None:
        used.add(feedback_card.id)
        feedback += [q for q in feedback_card.questions if not is_open(q)][:1] if reverse else []
    takeover_card = _card(cards, "when-the-mentee-takes-over")
    takeover = [
        "Name it lightly and steer back: 'shall we get back to what you wanted to learn today?'",
        "Switch to a hands-on task on the mentee's own device; it is hard to take over while "
        "trying something yourself.",
        "If it keeps happening, raise it in a short retrospective, or ask the coordinator.",
    ]
    if takeover_card is not None:
        used.add(takeover_card.id)
    this = plan.session(context.session_number)
    lead = "; ".join(r.phrase for r in usable if r.original in this.focus)
    position = (
        f"Session {context.session_number} of {context.sessions_planned} "
        f"({context.stage.value}). This session leads with: {lead or 'the goals as a whole'}."
    )
    return MentorPrompts(
        session_number=context.session_number,
        stage=context.stage,
        mentee_name=context.mentee_name,
        mentor_name=context.mentor_name,
        openers=openers or [OPENERS[context.stage][0].format(mentee=mentee)],
        questions=per_goal,
        upward_feedback=feedback,
        if_mentee_takes_over=takeover,
        prepare_yourself=prepare_yourself,
        position=position,
        card_ids=sorted(used),
        activity_ids=ran,
    )


def all_questions(prompts: MentorPrompts) -> list[str]:
    return [*prompts.openers, *(q for g in prompts.questions for q in g.questions)]


def check_prompts(prompts: MentorPrompts, context: SessionContext) -> list[str]:
    problems = []
    closed = [q for q in all_questions(prompts) if not is_open(q)]
    if closed:
        problems.append("questions that are not open: " + " | ".join(closed[:5]))
    duplicates = near_duplicates(all_questions(prompts))  # across the whole document
    if duplicates:
        problems.append(counted(len(duplicates), "near-duplicate question pair"))
    covered = {g.goal for g in prompts.questions if g.questions}
    usable = [goal for goal in context.goals if read_goal(goal).usable]
    missing = [goal for goal in usable if goal not in covered]
    text = prompts.model_dump_json().lower()
    if any(g[:40].lower() in text for g in context.goals if not read_goal(g).usable):
        problems.append("places text that is an instruction, not a goal")
    pasted = pasted_lines(all_questions(prompts), usable)
    if pasted:
        problems.append(f"pastes a goal as written instead of using it: {pasted[0]!r}")
    problems += prompts_stage_and_voice(prompts, context.direction)
    focus = pair_plan(context).session(context.session_number).focus
    for section in prompts.questions:
        if section.goal in focus and skill_not_shown(
            section.show_and_try, context.goal_skills.get(section.goal, [])
        ):
            problems.append(f"no covering skill of yours is shown for {section.goal!r}")
    if missing:
        problems.append("goals without questions: " + "; ".join(missing))
    known = {card.id for card in context.cards}
    unknown = [card_id for card_id in prompts.card_ids if card_id not in known]
    if unknown:
        problems.append("cites cards that were not provided: " + ", ".join(unknown))
    offered = {activity.id for activity in context.goal_activities.values()}
    invented = [i for i in prompts.activity_ids if i not in offered]
    if invented:
        problems.append("cites activities that were not provided: " + ", ".join(invented))
    return problems
