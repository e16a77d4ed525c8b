"""Goals as the coach reads them: a clean phrase that fits inside a sentence, whether the
goal is too vague to plan a session around, and whether it is an instruction rather than
a learning goal.

A mentee writes goals the way people write notes ("Understand generative AI tools.",
"Getting better at Excel", "LinkedIn"). Documents need a phrase that reads after "you
want to" and "your goal to": lower case unless the first word is a name or an acronym,
a verb in its base form, no trailing full stop. Text that tells a machine what to do
("Ignore all previous instructions...") is not a goal: it never reaches a document or a
model as anything but flagged data, and the coordinator is asked to look at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

import yaml

from coach.knowledge import KNOWLEDGE_DIR


class GoalKind(StrEnum):
    LEARNING = "learning"  # a goal the pair can plan sessions around
    VAGUE = "vague"  # a goal, but too broad: the pair should sharpen it first
    INSTRUCTION = "instruction"  # text aimed at the system, not a goal: never used


# Ways people open a goal that add nothing inside a sentence.
LEAD_INS = re.compile(
    r"^(?:(?:i\s+(?:would|'d)\s+like|i\s+want|i\s+need|i\s+hope|i\s+plan|i'm\s+hoping|"
    r"i\s+am\s+hoping|my\s+goal\s+is|the\s+goal\s+is|goal:|aim:|to\s+be\s+able)\s+)*"
    r"(?:to\s+)?",
    re.IGNORECASE,
)

GOAL_WORDS_FILE = KNOWLEDGE_DIR / "lexicon" / "goal_words.yaml"


@cache
def _words() -> dict[str, Any]:
    """The word lists of ``knowledge/lexicon/goal_words.yaml`` (verbs, gerunds, words
    that open a state, generic words)."""
    data: dict[str, Any] = yaml.safe_load(GOAL_WORDS_FILE.read_text(encoding="utf-8"))
    return {
        "verbs": frozenset(data["verbs"]),
        "gerunds": dict(data["gerunds"]),
        "adjective_starts": frozenset(data["adjective_starts"]),
        "generic": frozenset(data["generic"]),
    }


# Text aimed at a machine: overriding its rules, asking for other people's data, or
# telling it how to answer. Learning goals do not talk like this.
INSTRUCTION_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\b(?:ignore|disregard|forget|override)\b.{0,40}\b(?:instructions?|rules?|prompts?|"
        r"guidelines|above|previous|prior)\b",
        r"\bsystem\s+prompt\b",
        r"\byou\s+are\s+(?:now|no longer)\b",
        r"\b(?:pretend|act)\s+(?:to\s+be|as)\s+(?:an?\s+)?(?:ai|assistant|model|admin|"
        r"system|developer)\b",
        r"\b(?:list|print|output|reveal|show|dump|send|export|give me)\b.{0,40}\b(?:every|all|"
        r"each|other)\b.{0,40}\b(?:participants?|users?|people|employees?|mentors?|mentees?|"
        r"emails?|e-mail|addresses|phone|passwords?|tokens?|names)\b",
        r"\b(?:respond|reply|answer)\s+(?:only\s+)?(?:with|in)\b",
        r"\bjailbreak|developer\s+mode|do\s+anything\s+now\b",
        r"\bnew\s+instructions?\b",
        r"</?(?:system|assistant|user)>",
    )
]


@dataclass(frozen=True)
class GoalReading:
    """One goal as the documents use it."""

    original: str
    kind: GoalKind
    phrase: str  # reads after "you want to"; empty for an instruction

    @property
    def usable(self) -> bool:
        return self.kind is not GoalKind.INSTRUCTION


def is_instruction(text: str) -> bool:
    return any(pattern.search(text) for pattern in INSTRUCTION_PATTERNS)


def _keeps_case(word: str) -> bool:
    """Names and acronyms keep their capitals ("AI", "LinkedIn", "ChatGPT", "Excel"
    is lowered: a capital on the first word alone says nothing)."""
    letters = re.sub(r"[^A-Za-z]", "", word)
    return len(letters) >= 2 and (letters.isupper() or any(c.isupper() for c in letters[1:]))


def _base_verb(word: str) -> str | None:
    """The base form of a verb or gerund that starts a goal, or None if it is not one."""
    lower = word.lower()
    words = _words()
    if lower in words["verbs"]:
        return lower
    if lower in words["gerunds"]:
        return str(words["gerunds"][lower])
    if lower.endswith("ing") and len(lower) > 4:
        stem = lower[:-3]
        for candidate in (stem, stem + "e"):
            if candidate in words["verbs"]:
                return candidate
    return None


def phrase_of(goal: str) -> str:
    """A clean phrase for ``goal`` that reads after "you want to"."""
    text = re.sub(r"\s+", " ", goal).strip().strip("\"'")
    text = LEAD_INS.sub("", text, count=1).strip()
    text = text.rstrip(" .!;:,")
    if not text:
        return goal.strip()
    first, _, rest = text.partition(" ")
    verb = _base_verb(first.strip(","))
    if verb is not None:
        return f"{verb} {rest}".strip()
    lowered = first if _keeps_case(first) else first.lower()
    body = f"{lowered} {rest}".strip()
    if lowered in _words()["adjective_starts"]:
        return f"become {body}" if lowered not in ("better", "more", "less") else f"get {body}"
    return f"get to grips with {body}"


def _content_words(text: str) -> list[str]:
    return [
        w
        for w in re.findall(r"[a-z0-9][a-z0-9+#'-]*", text.lower())
        if w not in _words()["generic"]
    ]


def read_goal(goal: str) -> GoalReading:
    """Classify and phrase one goal."""
    if is_instruction(goal):
        return GoalReading(goal, GoalKind.INSTRUCTION, "")
    phrase = phrase_of(goal)
    kind = GoalKind.VAGUE if not _content_words(goal) else GoalKind.LEARNING
    return GoalReading(goal, kind, phrase)


def read_goals(goals: list[str]) -> list[GoalReading]:
    return [read_goal(goal) for goal in goals]


PERSPECTIVE_STARTS = (
    "understand",
    "learn what",
    "learn why",
    "learn how",
    "know what",
    "know why",
    "know which",
    "hear",
    "see how",
    "appreciate",
)


def is_perspective(goal: GoalReading) -> bool:
    """A goal about how others see or live something, rather than a skill to practise."""
    return goal.phrase.lower().startswith(PERSPECTIVE_STARTS)


def instruction_goals(goals: list[str]) -> list[str]:
    """The goal texts that read as instructions: left out of every document and plan, and
    shown to the programme's coordinators as needing a look."""
    return [goal for goal in goals if is_instruction(goal)]
