"""Guidance cards: Markdown files with YAML front matter under knowledge/cards/.

A card holds structured parts (tips, questions, pitfalls) that the offline composer uses
directly, plus a short prose body. ``load_cards`` validates every file and reports every
problem at once, naming the file and the field.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cached_property
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from coach.domain import Stage
from coach.errors import FieldProblem, KnowledgeError

KNOWLEDGE_DIR = Path(__file__).resolve().parent.parent / "knowledge"
CARDS_DIR = KNOWLEDGE_DIR / "cards"
SAMPLE_DIR = KNOWLEDGE_DIR / "sample"


class Audience(StrEnum):
    MENTEE = "mentee"
    MENTOR = "mentor"
    COORDINATOR = "coordinator"
    ALL = "all"


Item = str


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
        # 'any' is shorthand for a card that applies at every stage.
        if value == "any" or value == ["any"]:
            return [stage.value for stage in Stage]
        return value

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
        for question in value:
            if not question.rstrip().endswith("?"):
                raise ValueError(f"'{question}' is listed as a question but does not end in '?'")
        return value

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
        problems = [
            FieldProblem(".".join(str(p) for p in error["loc"]), error["msg"])
            for error in exc.errors()
        ]
        raise KnowledgeError(
            f"{path.name}: " + "; ".join(str(p) for p in problems), problems
        ) from None
    if card.id != path.stem:
        raise KnowledgeError(
            f"{path.name}: id '{card.id}' differs from the file name.",
            [FieldProblem("id", f"must be '{path.stem}' to match the file name")],
        )
    return card


def load_cards(directory: Path = CARDS_DIR) -> list[Card]:
    """Every card in ``directory``, sorted by id; raises one error listing all bad files."""
    cards: list[Card] = []
    problems: list[FieldProblem] = []
    messages: list[str] = []
    for path in sorted(directory.glob("*.md")):
        try:
            cards.append(parse_card(path))
        except KnowledgeError as exc:
            messages.append(exc.message)
            problems.extend(FieldProblem(f"{path.name}:{p.field}", p.message) for p in exc.problems)
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
