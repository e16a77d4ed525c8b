"""Which activities of the library (``knowledge/activities``) fit a goal, and how their
words read in each person's document.

A goal is scored against every topic: the mean similarity (the embedding's cosine) of
the topic's two closest texts among its description, the phrases goals on it tend to use,
and its activities. The best topic fits when its score reaches ``ACTIVITY_FITS_GOAL`` and
the goal is not closer to a need the library does not serve (``outside.txt``). The
threshold was chosen on the tuning split of a labelled goal/topic set
(``evals/data/activity_fit.jsonl``) by ``python -m evals.tools.calibrate_activity_fit``;
the ``activity_fit`` eval reports the held-out split. Below it no activity is offered and
the documents say that no guidance fits. Within a fitting topic the activity is the one
that suits the session's stage and the programme's direction, closest to the goal and
least like the pair's other goals, not run with the pair before.

Library texts follow one convention (``knowledge/activities/README.md``): ``show`` reads
after "<mentor> shows" with they/their meaning the mentor; ``try`` speaks to the mentee;
``bring`` reads after "Bring". ``for_mentee`` and ``for_mentor`` turn them into each
reader's words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from pydantic import BaseModel

from coach.domain import Direction, Stage
from coach.knowledge import Activity, ActivityTopic

Embed = Callable[[list[str]], np.ndarray]

# Chosen on the tuning split of evals/data/activity_fit.jsonl (see the module docstring).
ACTIVITY_FITS_GOAL = 0.35
CLOSEST_TEXTS = 2  # a topic's score is the mean similarity of its closest texts
# How much an activity's closeness to the pair's other goals counts against it.
OTHER_GOALS_WEIGHT = 1.0
# The activity stages a session may draw on. The mid-point and closing sessions have
# their own review items, so their focus goals may take hands-on activities as well as
# reflective ones; among those the closest to the goal wins.
STAGE_FITS: dict[Stage, set[Stage]] = {
    Stage.FIRST: {Stage.FIRST, Stage.REGULAR},
    Stage.REGULAR: {Stage.REGULAR},
    Stage.MIDPOINT: {Stage.MIDPOINT, Stage.REGULAR},
    Stage.CLOSING: {Stage.CLOSING, Stage.MIDPOINT, Stage.REGULAR},
}


class ActivityDigest(BaseModel):
    """An activity chosen for one goal of one session, as the documents use it."""

    id: str
    topic: str
    topic_name: str
    title: str
    minutes: int
    show: str
    try_: str
    bring: str
    questions: list[str]
    score: float

    @classmethod
    def of(cls, topic: ActivityTopic, activity: Activity, score: float) -> ActivityDigest:
        return cls(
            id=activity.id,
            topic=topic.topic,
            topic_name=topic.name,
            title=activity.title,
            minutes=activity.minutes,
            show=activity.show,
            try_=activity.try_,
            bring=activity.bring,
            questions=activity.questions,
            score=round(score, 3),
        )


@dataclass(frozen=True)
class TopicFit:
    topic: ActivityTopic
    score: float


def _normalised(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1, norms)


class ActivityLibrary:
    """The library with its texts embedded once (the embedder caches them per process)."""

    def __init__(
        self,
        topics: Sequence[ActivityTopic],
        embed: Embed,
        threshold: float = ACTIVITY_FITS_GOAL,
        outside: Sequence[str] = (),
    ) -> None:
        self.topics = tuple(topics)
        self.embed = embed
        self.threshold = threshold
        self.outside = tuple(outside)

    @cached_property
    def _described(self) -> np.ndarray:
        return _normalised(self.embed([t.search_text for t in self.topics]))

    @cached_property
    def _phrases(self) -> list[np.ndarray]:
        return [_normalised(self.embed(list(t.phrases))) for t in self.topics]

    @cached_property
    def _activities(self) -> list[np.ndarray]:
        return [_normalised(self.embed([a.search_text for a in t.activities])) for t in self.topics]

    def scores(self, goals: Sequence[str]) -> np.ndarray:
        """(goals, topics): the mean similarity of each goal to the topic's two closest
        texts (its description, phrases and activities). Two, not one, because a single
        short phrase can match by a shared word alone ("CEO fraud" for "manage upwards
        with the new CEO"); the tuning split preferred it (``calibrate_activity_fit``)."""
        if not goals:
            return np.zeros((0, len(self.topics)), dtype=np.float32)
        g = _normalised(self.embed(list(goals)))
        described = g @ self._described.T
        columns = []
        for i, (phrases, activities) in enumerate(
            zip(self._phrases, self._activities, strict=True)
        ):
            sims = np.hstack([described[:, i : i + 1], g @ phrases.T, g @ activities.T])
            columns.append(np.sort(sims, axis=1)[:, -CLOSEST_TEXTS:].mean(axis=1))
        return np.stack(columns, axis=1)

    def outside_scores(self, goals: Sequence[str]) -> np.ndarray:
        """Each goal's closeness to the needs the library does not serve, scored as a
        topic is (zeros when none are listed)."""
        if not self.outside or not goals:
            return np.zeros(len(goals), dtype=np.float32)
        g = _normalised(self.embed(list(goals)))
        sims = g @ _normalised(self.embed(list(self.outside))).T
        return np.sort(sims, axis=1)[:, -CLOSEST_TEXTS:].mean(axis=1)

    def best_topics(self, goals: Sequence[str]) -> list[TopicFit | None]:
        """Each goal's best topic, or None when no topic reaches the threshold or the goal
        is closer to a need the library does not serve."""
        fits: list[TopicFit | None] = []
        outside = self.outside_scores(goals)
        for row, elsewhere in zip(self.scores(goals), outside, strict=True):
            best = int(np.argmax(row)) if len(row) else -1
            fits.append(
                TopicFit(self.topics[best], float(row[best]))
                if best >= 0 and row[best] >= self.threshold and row[best] > elsewhere
                else None
            )
        return fits

    def choose(
        self,
        goals: Sequence[str],
        stage: Stage,
        direction: Direction,
        avoid: set[str] | frozenset[str] = frozenset(),
    ) -> dict[str, ActivityDigest]:
        """One activity per goal that a topic fits: suited to ``stage`` (``STAGE_FITS``)
        and ``direction``, not in ``avoid`` (run with the pair before) and not given to
        another goal here, closest to the goal and least like the other goals
        (``OTHER_GOALS_WEIGHT``); when every suitable one was run, the closest suitable one.
        """
        chosen: dict[str, ActivityDigest] = {}
        taken: set[str] = set(avoid)
        goal_list = list(goals)
        fits = self.best_topics(goal_list)
        if not any(fits):
            return chosen
        g = _normalised(self.embed(goal_list))
        index = {t.topic: i for i, t in enumerate(self.topics)}
        for row, (goal, fit) in enumerate(zip(goal_list, fits, strict=True)):
            if fit is None:
                continue
            i = index[fit.topic.topic]
            # Closest to this goal, and unlike the pair's other goals: each part of a
            # document should be about its own goal.
            closeness = self._activities[i] @ g[row]
            others = [k for k in range(len(goal_list)) if k != row]
            if others:
                closeness = closeness - OTHER_GOALS_WEIGHT * (
                    self._activities[i] @ g[others].T
                ).max(axis=1)
            suitable = [
                (float(closeness[k]), a)
                for k, a in enumerate(fit.topic.activities)
                if direction in a.directions
            ]
            fitting = STAGE_FITS.get(stage, {stage})
            staged = [pair for pair in suitable if fitting & set(pair[1].stages)] or suitable
            fresh = [pair for pair in staged if pair[1].id not in taken] or staged
            if not fresh:
                continue
            _, activity = max(fresh, key=lambda pair: pair[0])
            taken.add(activity.id)
            chosen[goal] = ActivityDigest.of(fit.topic, activity, fit.score)
        return chosen

    def rank_skills(self, skills: Sequence[str], activity: ActivityDigest) -> list[str]:
        """``skills`` (each already judged to cover the goal), the one closest to the
        chosen activity and its topic first: the skill the mentor shows it with."""
        if len(skills) < 2:
            return list(skills)
        topic = next(t for t in self.topics if t.topic == activity.topic)
        text = f"{topic.search_text} {activity.title}. {activity.show}."
        target = _normalised(self.embed([text]))[0]
        closeness = _normalised(self.embed(list(skills))) @ target
        return [skills[int(i)] for i in np.argsort(-closeness, kind="stable")]


# --- Each reader's words --------------------------------------------------------------

_MENTOR_AS_YOU = [
    (re.compile(r"\bthe mentor's\b"), "your"),
    (re.compile(r"\bthe mentor\b"), "you"),
    (re.compile(r"\bthemselves\b"), "yourself"),
    (re.compile(r"\btheirs\b"), "yours"),
    (re.compile(r"\btheir\b"), "your"),
    (re.compile(r"\bthem\b"), "you"),
    (re.compile(r"\bthey\b"), "you"),
]
_MENTEE_AS_THEY = [
    (re.compile(r"\byourself\b"), "themselves"),
    (re.compile(r"\byours\b"), "theirs"),
    (re.compile(r"\byour\b"), "their"),
    (re.compile(r"\byou\b"), "they"),
]


def _apply(text: str, rules: list[tuple[re.Pattern[str], str]]) -> str:
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    return text


def for_mentee(text: str, mentor: str) -> str:
    """Library words as the mentee reads them: the mentor by name, the mentee as 'you'."""
    text = text.replace("the mentor's", f"{mentor}'s").replace("the mentor", mentor)
    return text.replace("the mentee's", "your").replace("the mentee", "you")


def mentor_shows(text: str, mentee: str) -> str:
    """A ``show`` text as the mentor reads it: they/their (the mentor) become you/your."""
    text = text.replace("the mentee's", f"{mentee}'s").replace("the mentee", mentee)
    return _apply(text, _MENTOR_AS_YOU)


def mentor_says(text: str) -> str:
    """A ``try`` text in the mentor's mouth: said to the mentee, the mentor is 'me'."""
    return text.replace("the mentor's", "my").replace("the mentor", "me")


def mentee_brings(text: str) -> str:
    """A ``bring`` text told to the mentor about the mentee: you/your become they/their."""
    text = _apply(text, _MENTEE_AS_THEY)
    return text.replace("the mentor's", "your").replace("the mentor", "you")
