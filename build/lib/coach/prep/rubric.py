"""The reader's rubric for session documents, shared by the checks a model's answer must
pass (``check_agenda``, ``check_prompts``) and the prep-quality eval.

Each function returns the problems it finds, in words a repair prompt can use. The eval
adds what needs embeddings (near-duplicates by meaning, parts closest to their own goal).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from coach.domain import Direction, Stage

if TYPE_CHECKING:
    from coach.prep.agenda import Agenda
    from coach.prep.mentor_prompts import MentorPrompts

# Wording that puts the pair the wrong way round for the programme's direction.
WRONG_WAY = {
    Direction.REVERSE: [
        re.compile(r"learn from me about (?:how )?leadership", re.I),
        re.compile(r"when you are more senior", re.I),
    ],
    Direction.TRADITIONAL: [
        re.compile(r"\b(?:people at|from) (?:your|my) level\b", re.I),
        re.compile(r"\bcandid view\b|\bupward\b", re.I),
    ],
    Direction.PEER: [],
}
ASKS_ONESELF = re.compile(
    r"^(?:what|how|which|where|why)\s+(?:do|did|will|have|am|can)\s+i\b", re.IGNORECASE
)
FIRST_MEETING = re.compile(r"\bsign(?:ed)? up\b|\bintroductions?\b|\bfirst session\b", re.I)
NEXT_SESSION = re.compile(r"\bnext session\b|\bbefore we meet again\b|\bnext date\b", re.I)
SPOKEN_TO = re.compile(r"\byou(?:r|rs|rself)?\b", re.IGNORECASE)


def pasted_lines(lines: list[str], goals: list[str]) -> list[str]:
    """Lines that paste a goal of three words or more as written."""
    wanted = [g.lower().rstrip(" .!") for g in goals if len(g.split()) >= 3]
    return [line for line in lines if any(goal in line.lower() for goal in wanted)]


def agenda_stage_and_voice(agenda: Agenda, direction: Direction) -> list[str]:
    failures = []
    titles = " ".join(item.title for item in agenda.items).lower()
    text = " ".join(
        line for item in agenda.items for line in (*item.prepare, *item.questions, item.title)
    )
    if agenda.stage is Stage.FIRST and "ground rules" not in titles:
        failures.append("the first session has no item agreeing ground rules")
    if agenda.stage is not Stage.FIRST and FIRST_MEETING.search(text):
        failures.append("a later session uses first-meeting wording")
    if agenda.stage is Stage.CLOSING and NEXT_SESSION.search(text):
        failures.append("the last session points to a next session")
    if agenda.stage is Stage.MIDPOINT and "progress" not in titles:
        failures.append("the mid-point session has no progress review item")
    asked_self = [q for item in agenda.items for q in item.questions if ASKS_ONESELF.match(q)]
    if asked_self:
        failures.append(f"a question the mentee asks themselves: {asked_self[0]!r}")
    if any(p.search(text) for p in WRONG_WAY[direction]):
        failures.append(f"wording that does not fit a {direction.value} programme")
    return failures


def prompts_stage_and_voice(prompts: MentorPrompts, direction: Direction) -> list[str]:
    failures = []
    lines = [*prompts.openers, *(q for g in prompts.questions for q in g.questions)]
    text = " ".join([*lines, *prompts.upward_feedback, *prompts.if_mentee_takes_over])
    if prompts.stage is not Stage.FIRST and FIRST_MEETING.search(" ".join(prompts.openers)):
        failures.append("a later session opens with first-meeting wording")
    if prompts.stage is Stage.CLOSING and NEXT_SESSION.search(text):
        failures.append("the last session points to a next session")
    not_spoken = [q for q in lines if not SPOKEN_TO.search(q)]
    if not_spoken:
        failures.append(f"a line not spoken to the mentee: {not_spoken[0]!r}")
    if any(p.search(text) for p in WRONG_WAY[direction]):
        failures.append(f"wording that does not fit a {direction.value} programme")
    return failures


def skill_not_shown(activities: list[str], covering: list[str]) -> bool:
    """A focus goal that a mentor skill covers, with no covering skill in its activities."""
    text = " ".join(activities).lower()
    return bool(covering) and not any(skill.lower() in text for skill in covering)
