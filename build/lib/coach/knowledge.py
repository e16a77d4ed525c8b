"""Guidance cards: Markdown files with YAML front matter under knowledge/cards/.

A card holds structured parts (tips, questions, pitfalls) that the offline composer uses
directly, plus a short prose body. ``load_cards`` validates every file and reports every
problem at once, naming the file and the field.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from coach.domain import Direction, Stage
from coach.errors import FieldProblem, KnowledgeError
from coach.resources import shipped_dir

KNOWLEDGE_DIR = shipped_dir("knowledge")
CARDS_DIR = KNOWLEDGE_DIR / "cards"
SAMPLE_DIR = KNOWLEDGE_DIR / "sample"


class Audience(StrEnum):
    MENTEE = "mentee"
    MENTOR = "mentor"
    COORDINATOR = "coordinator"
    ALL = "all"


Item = str
T = TypeVar("T")


def every_stage_for_any(value: object) -> object:
    """'any' is shorthand for every stage."""
    if value == "any" or value == ["any"]:
        return [stage.value for stage in Stage]
    return value


def questions_only(value: list[str]) -> list[str]:
    for question in value:
        if not question.rstrip().endswith("?"):
            raise ValueError(f"'{question}' is listed as a question but does not end in '?'")
    return value


class Card(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)
    title: str = Field(min_length=5, max_length=120)
    audience: Audience
    stages: list[Stage] = Field(min_length=1)
    topics: list[str] = Field(min_length=1)
    summary: str = Field(min_length=20, max_length=400)
    tips: list[Item] = Field(min_length=2)
    questions: list[Item] = Field(default_factory=list)
    pitfalls: list[Item] = Field(default_factory=list)
    body: str = Field(min_length=40)

    @field_validator("stages", mode="before")
    @classmethod
    def _any_stage(cls, value: object) -> object:
        return every_stage_for_any(value)

    @field_validator("topics")
    @classmethod
    def _topic_slugs(cls, value: list[str]) -> list[str]:
        for topic in value:
            if not topic or topic != topic.lower() or " " in topic:
                raise ValueError(
                    f"topic '{topic}' must be a lower-case slug like 'upward-feedback'"
                )
        return value

    @field_validator("questions")
    @classmethod
    def _questions_are_questions(cls, value: list[str]) -> list[str]:
        return questions_only(value)

    @cached_property
    def search_text(self) -> str:
        """What the index embeds: the parts a person's question is most likely to match."""
        return " ".join(
            [self.title + ".", self.summary, " ".join(self.tips), " ".join(self.questions)]
        )

    @cached_property
    def passages(self) -> list[str]:
        """Short texts for passage-level search: the summary, then each tip and question.

        The embedding model reads only the first 256 word pieces of a text, so a whole
        card loses its tail; passages keep every tip searchable. Each carries the title
        for context.
        """
        return [
            f"{self.title}. {self.summary}",
            *(f"{self.title}: {item}" for item in [*self.tips, *self.questions]),
        ]

    def serves(self, audience: str) -> bool:
        return self.audience is Audience.ALL or self.audience.value == audience


def _problems(exc: ValidationError) -> list[FieldProblem]:
    return [
        FieldProblem(".".join(str(p) for p in error["loc"]), error["msg"]) for error in exc.errors()
    ]


def parse_card(path: Path) -> Card:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        raise KnowledgeError(
            f"{path.name} has no YAML front matter.",
            [FieldProblem("front matter", "the file must start with a line '---'")],
            hint="start the card with '---', the YAML fields, then '---' and the body.",
        )
    try:
        _, front, body = text.split("---\n", 2)
        meta = yaml.safe_load(front) or {}
    except (ValueError, yaml.YAMLError) as exc:
        raise KnowledgeError(
            f"{path.name}: the front matter is not valid YAML ({exc}).",
            [FieldProblem("front matter", "not valid YAML")],
        ) from None
    if not isinstance(meta, dict):
        raise KnowledgeError(
            f"{path.name}: the front matter must be a mapping of fields.",
            [FieldProblem("front matter", "not a mapping")],
        )
    try:
        card = Card.model_validate({**meta, "body": body.strip()})
    except ValidationError as exc:
        problems = _problems(exc)
        raise KnowledgeError(
            f"{path.name}: " + "; ".join(str(p) for p in problems), problems
        ) from None
    if card.id != path.stem:
        raise KnowledgeError(
            f"{path.name}: id '{card.id}' differs from the file name.",
            [FieldProblem("id", f"must be '{path.stem}' to match the file name")],
        )
    return card


def _parse_each(
    paths: list[Path], parse: Callable[[Path], T]
) -> tuple[list[T], list[str], list[FieldProblem]]:
    """Every file parsed, and every file's problems (named file:field) instead of the
    first one: a knowledge folder is fixed in one go."""
    items: list[T] = []
    messages: list[str] = []
    problems: list[FieldProblem] = []
    for path in paths:
        try:
            items.append(parse(path))
        except KnowledgeError as exc:
            messages.append(exc.message)
            problems.extend(FieldProblem(f"{path.name}:{p.field}", p.message) for p in exc.problems)
    return items, messages, problems


def load_cards(directory: Path = CARDS_DIR) -> list[Card]:
    """Every card in ``directory``, sorted by id; raises one error listing all bad files."""
    cards, messages, problems = _parse_each(sorted(directory.glob("*.md")), parse_card)
    if messages:
        raise KnowledgeError(
            f"{len(messages)} guidance card(s) are invalid: " + " | ".join(messages),
            problems,
            hint="fix the named fields; see knowledge/README.md for the card format.",
        )
    if not cards:
        raise KnowledgeError(
            f"No guidance cards in {directory}.",
            [FieldProblem("knowledge", "empty folder")],
            hint="point the coach at the project's knowledge/cards folder.",
        )
    return cards


# --- The activity library: knowledge/activities/<topic>.yaml ---------------------------

ACTIVITIES_DIR = KNOWLEDGE_DIR / "activities"
Slug = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)


class ActivityAudience(StrEnum):
    PAIR = "pair"  # both members take part: the mentor shows, the mentee tries
    MENTEE = "mentee"  # the mentee works on it alone, between sessions
    MENTOR = "mentor"  # the mentor prepares it alone


class Activity(BaseModel):
    """One concrete show-and-try activity: what the mentor demonstrates, what the mentee
    tries on their own device, what to bring, and open questions about it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Slug
    title: str = Field(min_length=5, max_length=120)
    audience: ActivityAudience
    stages: list[Stage] = Field(min_length=1)
    minutes: int = Field(ge=5, le=60)
    # Activities that assume a junior mentor and a senior mentee say so.
    directions: list[Direction] = Field(default_factory=lambda: list(Direction), min_length=1)
    show: str = Field(min_length=20, max_length=300)
    try_: str = Field(alias="try", min_length=20, max_length=300)
    bring: str = Field(min_length=5, max_length=200)
    questions: list[Item] = Field(min_length=1)

    @field_validator("stages", mode="before")
    @classmethod
    def _any_stage(cls, value: object) -> object:
        return every_stage_for_any(value)

    @field_validator("questions")
    @classmethod
    def _questions_are_questions(cls, value: list[str]) -> list[str]:
        return questions_only(value)

    @property
    def search_text(self) -> str:
        return f"{self.title}. {self.show}. {self.try_}."


class ActivityTopic(BaseModel):
    """A reverse-mentoring topic and its activities; ``phrases`` are how goals on the
    topic tend to be worded, which retrieval reads alongside the activities."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    topic: str = Slug
    name: str = Field(min_length=5, max_length=120)
    phrases: list[str] = Field(min_length=2)
    activities: list[Activity] = Field(min_length=3)

    @property
    def search_text(self) -> str:
        return f"{self.name}: {', '.join(self.phrases)}."


def parse_topic(path: Path) -> ActivityTopic:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise KnowledgeError(
            f"{path.name} is not valid YAML ({exc}).", [FieldProblem("file", "not valid YAML")]
        ) from None
    try:
        topic = ActivityTopic.model_validate(data)
    except ValidationError as exc:
        problems = _problems(exc)
        raise KnowledgeError(f"{path.name}: " + "; ".join(map(str, problems)), problems) from None
    if topic.topic != path.stem:
        raise KnowledgeError(
            f"{path.name}: topic '{topic.topic}' differs from the file name.",
            [FieldProblem("topic", f"must be '{path.stem}' to match the file name")],
        )
    return topic


def load_activities(directory: Path = ACTIVITIES_DIR) -> list[ActivityTopic]:
    """Every topic in ``directory`` sorted by name; one error lists every bad file and
    every activity id used twice across the library."""
    topics, messages, problems = _parse_each(sorted(directory.glob("*.yaml")), parse_topic)
    seen: dict[str, str] = {}
    for topic in topics:
        for activity in topic.activities:
            if activity.id in seen:
                messages.append(f"activity id '{activity.id}' is used in {seen[activity.id]} too")
                problems.append(FieldProblem(f"{topic.topic}.yaml:id", "must be unique"))
            seen[activity.id] = f"{topic.topic}.yaml"
    if messages:
        raise KnowledgeError(
            f"{len(messages)} problem(s) in the activity library: " + " | ".join(messages),
            problems,
            hint="fix the named fields; see knowledge/activities/README.md for the format.",
        )
    if not topics:
        raise KnowledgeError(
            f"No activity topics in {directory}.",
            [FieldProblem("knowledge", "empty folder")],
            hint="point the coach at the project's knowledge folder.",
        )
    return topics


def load_outside(directory: Path = ACTIVITIES_DIR) -> list[str]:
    """The needs the activity library does not serve (``outside.txt``), one per line."""
    path = directory / "outside.txt"
    if not path.exists():
        return []
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]
