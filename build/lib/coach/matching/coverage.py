"""Does a mentor's skill cover a mentee's goal? The one judgement used by scoring, the
reasons coordinators read and session prep.

The plain embedding ranks goal/skill pairs well, but one similarity threshold cannot
separate them: short texts that share a word and not a need ("understanding how the board
makes decisions" and "board games club organiser") score as high as real coverage with
different words ("collaborate on shared documents in real time" and "Microsoft Teams and
SharePoint power use"). Three signals together can:

1. ``cosine``: the embeddings of the two texts;
2. ``without_shared``: the same after the content words both texts share are taken out of
   each, so a pair that only agrees on a shared word falls away, while a real match keeps
   a similar rest ("automate my weekly reporting" / "automation with Power Query");
3. ``same_area``: how strongly both texts belong to one area of the topic catalogue
   (``knowledge/topics/skill_topics.yaml``), which enriches short texts with what they
   are about.

A logistic model over the three, fitted on the tuning split of a hand-labelled set
(``evals/data/coverage.jsonl``, by ``python -m evals.tools.calibrate_coverage``), gives a
probability; a pair is covered at or above the calibrated threshold. The coefficients live
in ``knowledge/topics/coverage_model.json``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import yaml

from coach.knowledge import KNOWLEDGE_DIR

TOPICS_FILE = KNOWLEDGE_DIR / "topics" / "skill_topics.yaml"
MODEL_FILE = KNOWLEDGE_DIR / "topics" / "coverage_model.json"
SIGNALS = ("cosine", "without_shared", "same_area")

Embed = Callable[[list[str]], np.ndarray]

# Words that carry no need of their own in goals and skills ("learn", "understand"...).
_FILLER = frozenset(
    """
    a an the of to in on for and or my our your their with how what why who is are be by
    from at as it its i we me us use using learn learning understand understanding get
    getting better make making know knowing basics more own like does do can
    """.split()  # noqa: SIM905 - a word list reads better as text
)
_WORD = re.compile(r"[a-z0-9+#]+")
STEM_LENGTH = 5  # "automate" and "automation" share "autom"
MASK_FLOOR = 0.2  # pairs less similar than this are not re-embedded without shared words


@dataclass(frozen=True)
class Topic:
    name: str
    phrases: tuple[str, ...]


@dataclass
class SkillTable:
    """Skill texts with their vectors, areas and content stems, laid out once."""

    texts: list[str]
    vectors: np.ndarray
    areas: np.ndarray
    stems: list[set[str]] = field(init=False)
    _by_stem: dict[str, list[int]] = field(init=False)

    def __post_init__(self) -> None:
        self.stems = [content_stems(text) if text else set() for text in self.texts]
        self._by_stem = {}
        for row, stems in enumerate(self.stems):
            for stem in stems:
                self._by_stem.setdefault(stem, []).append(row)

    def rows_with(self, stem: str) -> list[int]:
        return self._by_stem.get(stem, [])


@dataclass(frozen=True)
class CoverageModel:
    """A logistic model over ``SIGNALS`` and the threshold for 'covered'."""

    weights: tuple[float, float, float]
    bias: float
    threshold: float

    def probability(self, signals: np.ndarray) -> np.ndarray:
        """``signals``: (..., 3) in the order of ``SIGNALS``."""
        z = signals @ np.asarray(self.weights) + self.bias
        return 1.0 / (1.0 + np.exp(-z))

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> CoverageModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(tuple(data["weights"]), float(data["bias"]), float(data["threshold"]))

    def save(self, path: Path = MODEL_FILE, **facts: object) -> None:
        data = {
            "signals": list(SIGNALS),
            "weights": [round(w, 6) for w in self.weights],
            "bias": round(self.bias, 6),
            "threshold": round(self.threshold, 4),
            **facts,
        }
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


@lru_cache(maxsize=1)
def load_topics(path: Path = TOPICS_FILE) -> tuple[Topic, ...]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(Topic(e["name"], tuple(e["phrases"])) for e in entries)


def content_stems(text: str) -> set[str]:
    return {w[:STEM_LENGTH] for w in _WORD.findall(text.lower()) if w not in _FILLER}


def without(text: str, stems: set[str]) -> str:
    """``text`` without the words whose stem is in ``stems`` (the text itself if nothing
    would be left)."""
    kept = [w for w in _WORD.findall(text.lower()) if w[:STEM_LENGTH] not in stems]
    return " ".join(kept) if kept else text


class CoverageJudge:
    """Judges goal/skill pairs; one per process is enough (it caches what it embeds)."""

    def __init__(
        self,
        embed: Embed,
        *,
        topics: Sequence[Topic] | None = None,
        model: CoverageModel | None = None,
    ) -> None:
        self.embed = embed
        self.topics = tuple(topics) if topics is not None else load_topics()
        self.model = model or CoverageModel.load()
        self._topic_vectors = [
            _normalised(np.asarray(embed([t.name, *t.phrases]), dtype=np.float32))
            for t in self.topics
        ]

    def _vectors(self, texts: Sequence[str], given: np.ndarray | None) -> np.ndarray:
        if given is not None and len(given) == len(texts):
            return _normalised(np.asarray(given, dtype=np.float32))
        return _normalised(np.asarray(self.embed(list(texts)), dtype=np.float32))

    def areas(self, vectors: np.ndarray) -> np.ndarray:
        """(texts, topics): each text's closest phrase similarity within each area."""
        return np.stack([(vectors @ tv.T).max(axis=1) for tv in self._topic_vectors], axis=1)

    def table(self, skills: Sequence[str], vectors: np.ndarray | None = None) -> SkillTable:
        """Skills laid out once for judging against many goals (as matching does)."""
        s = self._vectors(skills, vectors)
        return SkillTable(list(skills), s, self.areas(s) if len(s) else s[:, :0])

    def signals(
        self,
        goals: Sequence[str],
        skills: Sequence[str] | SkillTable,
        goal_vectors: np.ndarray | None = None,
        skill_vectors: np.ndarray | None = None,
        *,
        rows: np.ndarray | None = None,
    ) -> np.ndarray:
        """(goals, skills, 3): the three signals of every pair; with a ``SkillTable``,
        against its ``rows`` (all of them by default)."""
        table = skills if isinstance(skills, SkillTable) else self.table(skills, skill_vectors)
        rows = np.arange(len(table.texts)) if rows is None else np.asarray(rows)
        g = self._vectors(goals, goal_vectors)
        cosine = g @ table.vectors[rows].T
        without_shared = cosine.copy()
        position = {int(row): k for k, row in enumerate(rows)}
        pairs: list[tuple[int, int, set[str]]] = []
        for i, goal in enumerate(goals):
            mine = content_stems(goal)
            for stem in mine:
                for row in table.rows_with(stem):
                    k = position.get(row)
                    # Below MASK_FLOOR a pair is far from covered whatever words it shares.
                    if k is not None and cosine[i, k] >= MASK_FLOOR:
                        pairs.append((i, k, mine & table.stems[row]))
        if pairs:
            unique = {(i, k): shared for i, k, shared in pairs}
            keys = list(unique)
            left = self._vectors([without(goals[i], unique[(i, k)]) for i, k in keys], None)
            right = self._vectors(
                [without(table.texts[int(rows[k])], unique[(i, k)]) for i, k in keys], None
            )
            at = (np.array([i for i, _ in keys]), np.array([k for _, k in keys]))
            without_shared[at] = (left * right).sum(axis=1)
        area_g = self.areas(g)
        same_area = np.minimum(area_g[:, None, :], table.areas[rows][None, :, :]).max(axis=2)
        return np.stack([cosine, without_shared, same_area], axis=2)

    def probability(
        self,
        goals: Sequence[str],
        skills: Sequence[str] | SkillTable,
        goal_vectors: np.ndarray | None = None,
        skill_vectors: np.ndarray | None = None,
        *,
        rows: np.ndarray | None = None,
    ) -> np.ndarray:
        """(goals, skills): how likely each skill covers each goal, in [0, 1]."""
        count = len(skills.texts if isinstance(skills, SkillTable) else skills)
        count = count if rows is None else len(rows)
        if not goals or not count:
            return np.zeros((len(goals), count))
        signals = self.signals(goals, skills, goal_vectors, skill_vectors, rows=rows)
        return self.model.probability(signals)

    def covered(
        self,
        goals: Sequence[str],
        skills: Sequence[str],
        goal_vectors: np.ndarray | None = None,
        skill_vectors: np.ndarray | None = None,
    ) -> np.ndarray:
        """(goals, skills) booleans: the skill covers the goal."""
        probability = self.probability(goals, skills, goal_vectors, skill_vectors)
        return probability >= self.model.threshold

    def covering(self, goals: Sequence[str], skills: Sequence[str]) -> dict[str, list[str]]:
        """Each goal with the skills that cover it, the most direct first (session prep and
        the participant page read coverage this way).

        The judgement decides which skills cover; the order among them is the plain
        similarity of goal and skill, because the probability saturates near 1 for
        skills of the same area ("social mobility mentoring" would otherwise come before
        "neurodiversity network volunteer" for a goal about neurodivergent colleagues).
        """
        if not goals or not skills:
            return {goal: [] for goal in goals}
        g = self._vectors(goals, None)
        s = self._vectors(skills, None)
        probability = self.probability(goals, skills, g, s)
        closeness = g @ s.T
        threshold = self.model.threshold
        return {
            goal: [skills[int(i)] for i in np.argsort(-near, kind="stable") if row[i] >= threshold]
            for goal, row, near in zip(goals, probability, closeness, strict=True)
        }


def _normalised(vectors: np.ndarray) -> np.ndarray:
    if vectors.ndim != 2 or not len(vectors):
        return vectors.reshape(len(vectors), -1)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True).clip(min=1e-12)
