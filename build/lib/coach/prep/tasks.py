"""The two session-prep generation tasks, and how their input is protected.

Before a remote model sees a session's context the pair's names become [MENTEE] and
[MENTOR], and everything else identifying in goals and notes is redacted with the
programme's roster; ``Placeholders.restore`` maps both back in the result shown to the pair.
"""

from __future__ import annotations

import re
from typing import Any

from coach.llm.task import Restore, Task
from coach.prep.agenda import Agenda, check_agenda, compose_agenda
from coach.prep.context import SessionContext
from coach.prep.goals import read_goal
from coach.prep.mentor_prompts import MentorPrompts, check_prompts, compose_prompts
from coach.prep.plan import pair_plan
from coach.privacy.redaction import Redactor

GOAL_KEYED = (
    "goal_history",
    "goal_progress",
    "goal_ratings",
    "goal_skills",
    "goal_cards",
    "goal_activities",
)


class Placeholders:
    """What leaves the machine: the pair's names as [MENTEE] / [MENTOR], and everything
    else identifying in goals and notes (other people, emails, phones, ids, URLs) as
    pseudonyms from the ``Redactor``. ``restore`` maps both back for the pair only."""

    SEPARATOR = "\n\u241e\n"  # joins goals and notes so pseudonyms agree across them

    def __init__(self, context: SessionContext, redactor: Redactor | None = None) -> None:
        self.redactor = redactor or Redactor()
        self.names: list[tuple[str, str]] = []
        for name, token in ((context.mentee_name, "[MENTEE]"), (context.mentor_name, "[MENTOR]")):
            parts = [name, *name.split()]
            self.names += [(part, token) for part in parts if len(part) > 1]
        self.names.sort(key=lambda pair: -len(pair[0]))  # full names before first names
        self.mapping: dict[str, str] = {}

    def hide(self, text: str) -> str:
        for name, token in self.names:
            text = re.sub(rf"\b{re.escape(name)}\b", token, text, flags=re.IGNORECASE)
        return text

    def hide_context(self, context: SessionContext) -> SessionContext:
        # Text that is an instruction rather than a goal never leaves the machine.
        goals = [goal for goal in context.goals if read_goal(goal).usable]
        texts = [self.hide(text) for text in [*goals, *context.notes]]
        redaction = self.redactor.redact(self.SEPARATOR.join(texts))
        self.mapping = redaction.mapping
        hidden = redaction.text.split(self.SEPARATOR) if texts else []
        rename = dict(zip(goals, hidden[: len(goals)], strict=True))
        data = context.model_dump()
        data["mentee_name"], data["mentor_name"] = "[MENTEE]", "[MENTOR]"
        data["goals"] = hidden[: len(goals)]
        data["notes"] = hidden[len(goals) :]
        # Facts kept per goal follow the goal's hidden text.
        for key in GOAL_KEYED:
            data[key] = {rename[g]: value for g, value in data[key].items() if g in rename}
        data["held_focus"] = {
            number: [rename[g] for g in led if g in rename]
            for number, led in data["held_focus"].items()
        }
        return SessionContext.model_validate(data)

    def restore(self, value: Any, context: SessionContext) -> Any:
        if isinstance(value, str):
            for placeholder, original in sorted(self.mapping.items(), key=lambda i: -len(i[0])):
                value = value.replace(placeholder, original)
            return value.replace("[MENTEE]", context.mentee_name).replace(
                "[MENTOR]", context.mentor_name
            )
        if isinstance(value, list):
            return [self.restore(item, context) for item in value]
        if isinstance(value, dict):
            return {key: self.restore(item, context) for key, item in value.items()}
        return value


def _protect_session(context: SessionContext, redactor: Redactor | None) -> tuple[Any, Restore]:
    placeholders = Placeholders(context, redactor)
    safe = placeholders.hide_context(context)
    return safe, lambda value: placeholders.restore(value, context)


def _session_defaults(context: SessionContext) -> dict[str, Any]:
    return {
        "session_number": context.session_number,
        "stage": context.stage.value,
        "mentee_name": context.mentee_name,
        "mentor_name": context.mentor_name,
    }


def _agenda_extras(context: SessionContext) -> dict[str, Any]:
    return _session_extras(context, compose_agenda(context))


def _prompts_extras(context: SessionContext) -> dict[str, Any]:
    return _session_extras(context, compose_prompts(context))


def _session_extras(context: SessionContext, draft: Agenda | MentorPrompts) -> dict[str, Any]:
    """The plan, each goal as a phrase with the mentor skills that cover it, and the
    offline composer's draft, all from the protected context (placeholders only)."""
    return {
        "plan": pair_plan(context),
        "phrases": {goal: read_goal(goal).phrase for goal in context.goals},
        "draft": draft.model_dump_json(indent=1, exclude={"generated_by", "fallback_reason"}),
    }


AGENDA: Task[SessionContext, Agenda] = Task(
    "agenda",
    "agenda.j2",
    Agenda,
    compose_agenda,
    check_agenda,
    _protect_session,
    _session_defaults,
    _agenda_extras,
)
MENTOR_PROMPTS: Task[SessionContext, MentorPrompts] = Task(
    "mentor_prompts",
    "mentor_prompts.j2",
    MentorPrompts,
    compose_prompts,
    check_prompts,
    _protect_session,
    _session_defaults,
    _prompts_extras,
)
