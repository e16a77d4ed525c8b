"""Soft features of a pair, their weights, the score in [0, 1] and the reasons shown.

Goal coverage rewards covering each goal: every mentee goal gets a credit in [0, 1] from
its best-matching mentor skill, and the feature is the mean of those credits. A goal's
credit is capped at 1, so a mentor who fits one goal perfectly and none of the other three
scores 0.25, below a mentor who fits all four fairly well.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from coach.domain import Participant, Programme
from coach.errors import FieldProblem, InputValidationError
from coach.matching.cohort import STEP_MINUTES, Cohort, utc_offset_hours

# Cosine similarity (all-MiniLM-L6-v2) below LOW earns nothing, above HIGH full credit.
LOW, HIGH = 0.2, 0.6
COVERED = 0.45  # a goal counts as "covered" in the reasons from this similarity

FEATURES = (
    "goal_coverage",
    "mutual_benefit",
    "cross_department",
    "availability",
    "timezone",
    "interests",
    "style",
    "diversity",
)

BASE_WEIGHTS = {
    "goal_coverage": 0.45,
    "mutual_benefit": 0.1,
    "cross_department": 0.1,
    "availability": 0.1,
    "timezone": 0.05,
    "interests": 0.05,
    "style": 0.05,
    "diversity": 0.0,
}


def _mentions(programme: Programme, *words: str) -> bool:
    text = " ".join(f"{o.name} {o.measure}" for o in programme.objectives).lower()
    return any(word in text for word in words)


def has_dei_objective(programme: Programme) -> bool:
    return _mentions(programme, "inclusion", "diversity", "equity", "dei")


def default_weights(programme: Programme) -> dict[str, float]:
    """Sensible defaults per objective, before the programme's own overrides."""
    weights = dict(BASE_WEIGHTS)
    if _mentions(programme, "digital", "technology", "data", "ai ", "social media"):
        weights["goal_coverage"] = 0.5
    if _mentions(programme, "retain", "retention", "talent"):
        weights["mutual_benefit"] = 0.15
    if has_dei_objective(programme):
        weights["diversity"] = 0.1
    if _mentions(programme, "silo", "cross-functional", "hierarchy"):
        weights["cross_department"] = 0.15
    return weights


def weights_for(
    programme: Programme, overrides: dict[str, float] | None = None
) -> dict[str, float]:
    weights = default_weights(programme)
    for source in (programme.matching_weights, overrides or {}):
        unknown = sorted(set(source) - set(FEATURES))
        if unknown:
            raise InputValidationError(
                f"Unknown matching weight(s): {', '.join(unknown)}.",
                [FieldProblem(f"matching_weights.{name}", "not a feature") for name in unknown],
                hint="known features: " + ", ".join(FEATURES),
            )
        weights.update(source)
    if not has_dei_objective(programme):
        weights["diversity"] = 0.0  # background is used only for DEI programmes
    if sum(weights.values()) <= 0:
        raise InputValidationError(
            "All matching weights are zero.",
            [FieldProblem("matching_weights", "at least one weight must be positive")],
        )
    return weights


def credit(similarity: np.ndarray) -> np.ndarray:
    return np.clip((similarity - LOW) / (HIGH - LOW), 0.0, 1.0)


@dataclass
class PairDetail:
    score: float
    parts: dict[str, float]
    reasons: list[str] = field(default_factory=list)


def best_similarities(queries: np.ndarray, targets: list[np.ndarray]) -> np.ndarray:
    """For each target set, each query's best cosine: shape (len(targets), queries)."""
    if len(queries) == 0 or not targets:
        return np.zeros((len(targets), len(queries)), dtype=np.float32)
    sizes = [len(t) for t in targets]
    stacked = np.concatenate([t for t in targets if len(t)]) if sum(sizes) else None
    out = np.full((len(targets), len(queries)), -1.0, dtype=np.float32)
    if stacked is None:
        return out
    sims = queries @ stacked.T  # (queries, all target rows)
    start = 0
    for row, size in enumerate(sizes):
        if size:
            out[row] = sims[:, start : start + size].max(axis=1)
        start += size
    return out


class Scorer:
    """Scores one mentee against candidate mentors, feature by feature."""

    def __init__(self, cohort: Cohort, weights: dict[str, float]) -> None:
        self.cohort = cohort
        self.weights = weights
        self.total_weight = sum(weights.values())
        self.dei = has_dei_objective(cohort.programme)
        dim = next(iter(cohort.goal_vectors.values()), np.zeros((0, 384))).shape[-1] or 384
        self._empty = np.zeros((0, dim), dtype=np.float32)

    def _vectors(self, table: dict[int, np.ndarray], person: Participant) -> np.ndarray:
        return table.get(person.id, self._empty)

    def score(
        self, mentee: Participant, mentors: list[Participant], overlap_steps: np.ndarray
    ) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """Scores of ``mentee`` with each mentor (in [0, 1]) and the feature values."""
        cohort = self.cohort
        goals = self._vectors(cohort.goal_vectors, mentee)
        goal_sims = best_similarities(
            goals, [self._vectors(cohort.skill_vectors, m) for m in mentors]
        )
        coverage = credit(goal_sims).mean(axis=1) if goals.shape[0] else np.zeros(len(mentors))
        mentee_skills = self._vectors(cohort.skill_vectors, mentee)
        back_sims = [
            best_similarities(self._vectors(cohort.goal_vectors, m), [mentee_skills])[0]
            for m in mentors
        ]
        mutual = np.array([credit(s).mean() if len(s) else 0.0 for s in back_sims], dtype=float)
        department = np.array([m.department != mentee.department for m in mentors], dtype=float)
        session = max(self.cohort.programme.session_minutes, STEP_MINUTES)
        availability = np.minimum(1.0, overlap_steps * STEP_MINUTES / (2 * session))
        mentee_offset = utc_offset_hours(mentee.timezone)
        timezone = np.array(
            [1 - min(abs(utc_offset_hours(m.timezone) - mentee_offset), 12) / 12 for m in mentors]
        )
        mine = {i.lower() for i in mentee.interests}
        interests = np.array(
            [
                len(mine & {i.lower() for i in m.interests})
                / len(mine | {i.lower() for i in m.interests})
                if (mine or m.interests)
                else 0.0
                for m in mentors
            ]
        )
        style = np.array(
            [
                _same(m.communication_style, mentee.communication_style) * 0.5
                + _same(m.learning_style, mentee.learning_style) * 0.5
                for m in mentors
            ]
        )
        diversity = np.array([self._diverse(mentee, m) for m in mentors], dtype=float)
        parts = {
            "goal_coverage": coverage,
            "mutual_benefit": mutual,
            "cross_department": department,
            "availability": availability,
            "timezone": timezone,
            "interests": interests,
            "style": style,
            "diversity": diversity,
        }
        total = sum(self.weights[name] * values for name, values in parts.items())
        scores = np.clip(total / self.total_weight, 0.0, 1.0)
        return scores, parts

    def _diverse(self, mentee: Participant, mentor: Participant) -> bool:
        if not self.dei:
            return False
        both = mentee.consent_background and mentor.consent_background
        return bool(
            both
            and mentee.background
            and mentor.background
            and mentee.background.strip().lower() != mentor.background.strip().lower()
        )


def _same(a: str | None, b: str | None) -> bool:
    return bool(a and b and a.strip().lower() == b.strip().lower())


def explain(
    cohort: Cohort,
    mentee: Participant,
    mentor: Participant,
    parts: dict[str, float],
    overlap_steps: int,
) -> list[str]:
    """Plain-language reasons for one pair (never mentions self-described background)."""
    empty = np.zeros((0, 1), dtype=np.float32)
    goals = cohort.goal_vectors.get(mentee.id, empty)
    skills = cohort.skill_vectors.get(mentor.id, empty)
    reasons = []
    if mentee.goals and len(goals) and len(skills):
        sims = goals @ skills.T  # (mentee goals, mentor skills)
        covered = [
            f"{goal} <- {mentor.skills[int(np.argmax(row))]}"
            for goal, row in zip(mentee.goals, sims, strict=False)
            if float(np.max(row)) >= COVERED
        ]
        text = f"covers {len(covered)} of {len(mentee.goals)} goals"
        reasons.append(text + (": " + "; ".join(covered[:4]) if covered else ""))
    elif mentee.goals:
        reasons.append(f"covers 0 of {len(mentee.goals)} goals")
    mentor_goals = cohort.goal_vectors.get(mentor.id, empty)
    mentee_skills = cohort.skill_vectors.get(mentee.id, empty)
    if len(mentor_goals) and len(mentee_skills):
        back = (mentor_goals @ mentee_skills.T).max(axis=1)
        if float(back.max()) >= COVERED:
            reasons.append(f"the mentor learns too: {mentor.goals[int(np.argmax(back))]}")
    if parts["cross_department"]:
        reasons.append(f"different departments ({mentee.department} / {mentor.department})")
    hours = overlap_steps * STEP_MINUTES / 60
    reasons.append(f"{hours:g} h of common availability a week")
    gap = abs(utc_offset_hours(mentee.timezone) - utc_offset_hours(mentor.timezone))
    reasons.append("same time zone" if gap == 0 else f"{gap:g} h apart in time zones")
    shared = sorted({i.lower() for i in mentee.interests} & {i.lower() for i in mentor.interests})
    if shared:
        reasons.append("shared interests: " + ", ".join(shared))
    if parts["style"] >= 0.5:
        reasons.append("similar communication or learning style")
    if parts["diversity"]:
        reasons.append("different backgrounds (both opted in)")
    return reasons
