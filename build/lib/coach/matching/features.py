"""Soft features of a pair, their weights, the score in [0, 1] and the reasons shown.

Goal coverage rewards covering each goal: every mentee goal gets a credit in [0, 1] from
its best-matching mentor skill, and the feature is the mean of those credits. A goal's
credit is capped at 1, so a mentor who fits one goal perfectly and none of the other three
scores 0.25, below a mentor who fits all four fairly well.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix

from coach.domain import MAX_WEIGHT, Participant, Programme
from coach.errors import FieldProblem, InputValidationError
from coach.matching.cohort import STEP_MINUTES, WEEK_STEPS, Cohort, utc_offset_hours

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


# Background is shared with coordinators only, by consent: this reason and the diversity
# score part are taken out of what the pair themselves read (``pairings.member_view``).
DIVERSITY_REASON = "different backgrounds (both opted in)"


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
        bad = sorted(
            name
            for name, value in source.items()
            if not 0 <= value <= MAX_WEIGHT  # NaN too
        )
        if bad:
            raise InputValidationError(
                f"Matching weight(s) out of range: {', '.join(bad)}.",
                [
                    FieldProblem(f"matching_weights.{name}", f"must be 0 to {MAX_WEIGHT:g}")
                    for name in bad
                ],
                hint="use finite numbers from 0 (off) to 10; nothing was changed.",
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


def _stack(
    table: dict[int, np.ndarray], people: list[Participant], dim: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All vectors of ``people`` in one array, with each person's start row and a flag of
    whether they had any. Someone without vectors gets one zero row (similarity 0)."""
    blocks, starts, present, row = [], [0], [], 0
    for person in people:
        vectors = table.get(person.id)
        block = (
            np.asarray(vectors, dtype=np.float32)
            if vectors is not None and len(vectors) > 0
            else np.zeros((1, dim), dtype=np.float32)
        )
        has = vectors is not None and len(vectors) > 0
        blocks.append(block)
        row += len(block)
        starts.append(row)
        present.append(has)
    stacked = np.concatenate(blocks) if blocks else np.zeros((0, dim), dtype=np.float32)
    return stacked, np.array(starts, dtype=np.int64), np.array(present, dtype=bool)


def _codes(values: list[str | None]) -> np.ndarray:
    """Small integer codes for categorical values (-1 for missing), for array equality."""
    table: dict[str, int] = {}
    return np.array(
        [-1 if not v else table.setdefault(v.strip().lower(), len(table)) for v in values],
        dtype=np.int32,
    )


class Scorer:
    """Scores blocks of mentees against mentor columns, every feature as array arithmetic.

    Mentor facts are laid out once per run (stacked vectors, codes, offsets). Goal
    coverage and mutual benefit of a block of mentees against every mentor are one matrix
    product each, so a run costs a few products per block rather than a loop per mentee.
    """

    def __init__(self, cohort: Cohort, weights: dict[str, float]) -> None:
        self.cohort = cohort
        self.weights = weights
        self.total_weight = sum(weights.values())
        self.dei = has_dei_objective(cohort.programme)
        mentors = cohort.mentors
        self.dim = next(
            (
                v.shape[-1]
                for v in [*cohort.goal_vectors.values(), *cohort.skill_vectors.values()]
                if len(v.shape) == 2
            ),
            384,
        )
        self.skills, self.skill_starts, _ = _stack(cohort.skill_vectors, mentors, self.dim)
        self.skill_groups = _groups(np.diff(self.skill_starts))
        self.judge = cohort.judge
        self.skill_table = None
        if self.judge is not None:
            texts: list[str] = []
            for mentor in mentors:
                vectors = cohort.skill_vectors.get(mentor.id)
                count = len(vectors) if vectors is not None and len(vectors) else 1
                own = list(mentor.skills) if len(mentor.skills) == count else []
                texts.extend(own or [""] * count)
            self.skill_table = self.judge.table(texts, self.skills)
        self.goals, self.goal_starts, self.has_goals = _stack(
            cohort.goal_vectors, mentors, self.dim
        )
        everyone = [*cohort.mentees, *mentors]
        self._index = {p.id: i for i, p in enumerate(everyone)}
        self.department = _codes([p.department for p in everyone])
        self.communication = _codes([p.communication_style for p in everyone])
        self.learning = _codes([p.learning_style for p in everyone])
        self.background = _codes([p.background if p.consent_background else None for p in everyone])
        self.offset = np.array([utc_offset_hours(p.timezone) for p in everyone])
        # Each person's offset as a code into the few distinct ones, and their gaps.
        distinct, self.zone = np.unique(self.offset, return_inverse=True)
        self.zone_gaps = np.abs(distinct[:, None] - distinct[None, :])
        vocabulary: dict[str, int] = {}
        for person in everyone:
            for interest in person.interests:
                vocabulary.setdefault(interest.strip().lower(), len(vocabulary))
        self.interests = np.zeros((len(everyone), max(1, len(vocabulary))), dtype=np.float32)
        for row, person in enumerate(everyone):
            for interest in person.interests:
                self.interests[row, vocabulary[interest.strip().lower()]] = 1.0
        self.interest_count = self.interests.sum(axis=1)
        self._mentor_rows = np.arange(len(cohort.mentees), len(everyone))

    def coverage(self, mentees: Sequence[Participant]) -> np.ndarray:
        """(mentees, mentors): the mean over each mentee's goals of the credit the mentor's
        best skill earns for it, for a whole block of mentees in one product."""
        out = np.zeros((len(mentees), len(self.cohort.mentors)), dtype=np.float32)
        have, vectors, goals = _block_vectors(self.cohort.goal_vectors, mentees)
        if not have or not len(out[0]):
            return out
        if self.judge is not None and self.skill_table is not None:
            # Each goal's credit is how likely its best skill of the mentor covers it.
            texts = [
                text
                for i, v in zip(have, vectors, strict=True)
                for text in (mentees[i].goals if len(mentees[i].goals) == len(v) else [""] * len(v))
            ]
            judged = self.judge.probability(texts, self.skill_table, goals).T
            per_goal = _group_max(judged, self.skill_groups)
        else:
            per_goal = credit(_group_max(self.skills @ goals.T, self.skill_groups))
        out[have] = _group_mean(np.ascontiguousarray(per_goal.T), [len(v) for v in vectors])
        return out

    def mutual(self, mentees: Sequence[Participant]) -> np.ndarray:
        """(mentees, mentors): what the mentor learns, the mean over the mentor's goals of
        the credit of the mentee's best skill for it."""
        out = np.zeros((len(mentees), len(self.cohort.mentors)), dtype=np.float32)
        have, vectors, offered = _block_vectors(self.cohort.skill_vectors, mentees)
        if not have or not len(out[0]):
            return out
        groups = _groups([len(v) for v in vectors])
        per_goal = credit(_group_max(offered @ self.goals.T, groups))
        mean = _group_mean(np.ascontiguousarray(per_goal.T), np.diff(self.goal_starts))
        out[have] = np.where(self.has_goals[:, None], mean, 0.0).T
        return out

    def block_scores(
        self,
        mentees: Sequence[Participant],
        overlap_steps: np.ndarray,
        coverage: np.ndarray,
        mutual: np.ndarray,
    ) -> np.ndarray:
        """(mentees, mentors): the score of every pair of a block, the same sum as
        ``score_pairs`` but by broadcasting person arrays instead of gathering per pair."""
        block = np.array([self._index[m.id] for m in mentees], dtype=np.int64)
        w = self.weights
        # float32 halves the memory traffic; scores need nowhere near its precision.
        total = np.float32(w["goal_coverage"]) * coverage + np.float32(w["mutual_benefit"]) * mutual
        mentor = self._mentor_rows
        if w["cross_department"]:
            total += np.float32(w["cross_department"]) * (
                self.department[block][:, None] != self.department[mentor][None, :]
            )
        session = max(self.cohort.programme.session_minutes, STEP_MINUTES)
        if w["availability"]:  # a small table per count of common steps, then one gather
            steps = np.arange(WEEK_STEPS + 1) * (STEP_MINUTES / (2 * session))
            table = (w["availability"] * np.minimum(1.0, steps)).astype(np.float32)
            total += table[overlap_steps]
        if w["timezone"]:  # the same through the few distinct offsets
            table = (w["timezone"] * (1 - np.minimum(self.zone_gaps, 12) / 12)).astype(np.float32)
            total += table[self.zone[block][:, None], self.zone[mentor][None, :]]
        if w["interests"] and self.interest_count.any():
            shared = self.interests[block] @ self.interests[mentor].T
            union = self.interest_count[block][:, None] + self.interest_count[mentor] - shared
            total += np.float32(w["interests"]) * np.divide(
                shared, union, out=np.zeros_like(shared), where=union > 0
            )
        if w["style"]:
            for codes in (self.communication, self.learning):
                mine, theirs = codes[block][:, None], codes[mentor][None, :]
                total += np.float32(0.5 * w["style"]) * ((mine == theirs) & (mine >= 0))
        if self.dei and w["diversity"]:
            mine, theirs = self.background[block][:, None], self.background[mentor][None, :]
            total += np.float32(w["diversity"]) * ((mine >= 0) & (theirs >= 0) & (mine != theirs))
        return np.clip(total / np.float32(self.total_weight), 0.0, 1.0)

    def score_pairs(
        self,
        mentees: Sequence[Participant],
        rows: np.ndarray,
        columns: np.ndarray,
        overlap_steps: np.ndarray,
        *,
        coverage: np.ndarray | None = None,
        mutual: np.ndarray | None = None,
    ) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """Scores (in [0, 1]) and parts of the pairs (``mentees[rows]``, mentor
        ``columns``), flat arrays. ``coverage`` and ``mutual`` are the pairs' values of
        those two parts when the caller has them already."""
        rows = np.asarray(rows, dtype=np.int64)
        columns = np.asarray(columns, dtype=np.int64)
        if coverage is None:
            coverage = self.coverage(mentees)[rows, columns]
        if mutual is None:
            mutual = self.mutual(mentees)[rows, columns]
        block = np.array([self._index[m.id] for m in mentees], dtype=np.int64)
        me = block[rows]
        them = self._mentor_rows[columns]
        department = (self.department[them] != self.department[me]).astype(float)
        session = max(self.cohort.programme.session_minutes, STEP_MINUTES)
        availability = np.minimum(1.0, overlap_steps * STEP_MINUTES / (2 * session))
        timezone = 1 - np.minimum(np.abs(self.offset[them] - self.offset[me]), 12) / 12
        if self.interests.shape[1] > 1 or self.interest_count.any():
            # The block's shared interests with every mentor in one product, then the pairs.
            shared = (self.interests[block] @ self.interests[self._mentor_rows].T)[rows, columns]
            union = self.interest_count[them] + self.interest_count[me] - shared
            interests = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
        else:
            interests = np.zeros(len(columns))
        style = 0.5 * _equal(self.communication[them], self.communication[me]) + 0.5 * _equal(
            self.learning[them], self.learning[me]
        )
        if self.dei:
            diversity = (
                (self.background[them] >= 0)
                & (self.background[me] >= 0)
                & (self.background[them] != self.background[me])
            ).astype(float)
        else:
            diversity = np.zeros(len(columns))
        parts = {
            "goal_coverage": np.asarray(coverage, dtype=float),
            "mutual_benefit": np.asarray(mutual, dtype=float),
            "cross_department": department,
            "availability": availability,
            "timezone": timezone,
            "interests": interests,
            "style": style,
            "diversity": diversity,
        }
        total = sum(self.weights[name] * values for name, values in parts.items())
        return np.clip(total / self.total_weight, 0.0, 1.0), parts

    def score(
        self, mentee: Participant, columns: np.ndarray, overlap_steps: np.ndarray
    ) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """Scores of ``mentee`` with the mentors at ``columns`` (in [0, 1]), and the parts."""
        columns = np.asarray(columns, dtype=np.int64)
        rows = np.zeros(len(columns), dtype=np.int64)
        return self.score_pairs([mentee], rows, columns, overlap_steps)


def _groups(lengths: Sequence[int] | np.ndarray) -> np.ndarray:
    """(groups, longest): the rows of each run of consecutive rows, a short run padded
    with its own first row (which leaves its maximum unchanged)."""
    lengths = np.asarray(lengths, dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    longest = int(lengths.max()) if len(lengths) else 1
    return starts[:, None] + np.minimum(np.arange(longest)[None, :], lengths[:, None] - 1)


def _group_max(matrix: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """(groups, columns): the maximum of each group's rows of ``matrix``. Whole-row
    gathers and maxima; numpy's ``maximum.reduceat`` is several times slower here."""
    best = matrix[groups[:, 0]]
    for j in range(1, groups.shape[1]):
        np.maximum(best, matrix[groups[:, j]], out=best)
    return best


def _group_mean(matrix: np.ndarray, lengths: Sequence[int] | np.ndarray) -> np.ndarray:
    """(groups, columns): the mean of each run of ``lengths`` consecutive rows, as one
    sparse product with an averaging matrix (a gather per position was several times
    slower)."""
    lengths = np.asarray(lengths, dtype=np.int64)
    indptr = np.concatenate([[0], np.cumsum(lengths)])
    weights = np.repeat(1.0 / np.maximum(lengths, 1), lengths).astype(matrix.dtype)
    average = csr_matrix(
        (weights, np.arange(indptr[-1]), indptr), shape=(len(lengths), matrix.shape[0])
    )
    return np.asarray(average @ matrix)


def _block_vectors(
    table: dict[int, np.ndarray], people: Sequence[Participant]
) -> tuple[list[int], list[np.ndarray], np.ndarray]:
    """Which of ``people`` have vectors in ``table``, theirs, and all of them stacked."""
    have = [i for i, p in enumerate(people) if len(table.get(p.id, ())) > 0]
    vectors = [np.asarray(table[people[i].id]) for i in have]
    stacked = np.concatenate(vectors).astype(np.float32) if vectors else np.zeros((0, 0))
    return have, vectors, stacked


def _equal(codes: np.ndarray, code: np.integer | int) -> np.ndarray:
    return ((codes == code) & (codes >= 0)).astype(float)


@dataclass
class Explanation:
    """What a coordinator reads about one pair: a one-line summary, then what speaks for
    the pair and what costs, each with its number."""

    summary: str
    pros: list[str]
    cons: list[str]

    def as_details(self) -> dict[str, Any]:
        return {"summary": self.summary, "pros": self.pros, "cons": self.cons}


WIDE_GAP_HOURS = 4  # time zones this far apart make a shared working hour hard
SAME_TIME_HOURS = 2  # this close reads as a pro


def covered_goals(
    cohort: Cohort, mentee: Participant, mentor: Participant
) -> list[tuple[str, str | None]]:
    """Each of the mentee's goals with the mentor's skill that covers it, or None.

    The one coverage judgement when the cohort has one; cohorts of bare vectors use the
    cosine threshold ``COVERED``.
    """
    empty = np.zeros((0, 1), dtype=np.float32)
    goals = cohort.goal_vectors.get(mentee.id, empty)
    skills = cohort.skill_vectors.get(mentor.id, empty)
    if not mentee.goals:
        return []
    if not len(goals) or not len(skills) or not mentor.skills:
        return [(goal, None) for goal in mentee.goals]
    if cohort.judge is not None:
        probability = cohort.judge.probability(mentee.goals, mentor.skills, goals, skills)
        threshold = cohort.judge.model.threshold
    else:
        probability, threshold = goals @ skills.T, COVERED
    best = probability.argmax(axis=1).tolist()
    enough = (probability.max(axis=1) >= threshold).tolist()
    return [
        (goal, mentor.skills[column] if ok else None)
        for goal, column, ok in zip(mentee.goals, best, enough, strict=False)
    ]


def explain(
    cohort: Cohort,
    mentee: Participant,
    mentor: Participant,
    parts: dict[str, float],
    overlap_steps: int,
    score: float | None = None,
) -> Explanation:
    """Pros and cons of one pair, each with its number, and a one-line summary.

    Never mentions self-described background beyond ``DIVERSITY_REASON`` (coordinators
    only; ``pairings.member_view`` removes it for the pair).
    """
    pros: list[str] = []
    cons: list[str] = []
    coverage = covered_goals(cohort, mentee, mentor)
    covered = [(goal, skill) for goal, skill in coverage if skill]
    missing = [goal for goal, skill in coverage if not skill]
    if covered:
        pros.append(
            f"covers {len(covered)} of {len(coverage)} goals: "
            + "; ".join(f"{goal} <- {skill}" for goal, skill in covered[:4])
        )
    goal_con = (
        f"{len(missing)} of {len(coverage)} goals not covered by the mentor's skills: "
        + "; ".join(missing[:3])
        if missing
        else None
    )
    if goal_con:
        cons.append(goal_con)
    empty = np.zeros((0, 1), dtype=np.float32)
    mentor_goals = cohort.goal_vectors.get(mentor.id, empty)
    mentee_skills = cohort.skill_vectors.get(mentee.id, empty)
    if len(mentor_goals) and len(mentee_skills) and mentor.goals and mentee.skills:
        if cohort.judge is not None:
            back = cohort.judge.probability(
                mentor.goals, mentee.skills, mentor_goals, mentee_skills
            )
            best, threshold = back.max(axis=1), cohort.judge.model.threshold
        else:
            best, threshold = (mentor_goals @ mentee_skills.T).max(axis=1), COVERED
        if float(best.max()) >= threshold:
            pros.append(f"the mentor learns too: {mentor.goals[int(np.argmax(best))]}")
    if parts["cross_department"]:
        pros.append(f"different departments ({mentee.department} / {mentor.department})")
    else:
        cons.append(f"same department ({mentee.department})")
    hours = overlap_steps * STEP_MINUTES / 60
    needed = 2 * cohort.programme.session_minutes / 60
    if hours == 0:
        cons.append("no common time in the week")
    elif hours < needed:
        cons.append(f"only {hours:g} h of common time a week")
    else:
        pros.append(f"{hours:g} h of common time a week")
    gap = abs(utc_offset_hours(mentee.timezone) - utc_offset_hours(mentor.timezone))
    if gap >= WIDE_GAP_HOURS:
        cons.append(f"{gap:g} h apart in time zones")
    elif gap <= SAME_TIME_HOURS:
        pros.append("same time zone" if gap == 0 else f"only {gap:g} h apart in time zones")
    shared = sorted({i.lower() for i in mentee.interests} & {i.lower() for i in mentor.interests})
    if shared:
        pros.append("shared interests: " + ", ".join(shared))
    if parts["style"] >= 0.5:
        pros.append("similar communication or learning style")
    if parts["diversity"]:
        pros.append(DIVERSITY_REASON)
    lead = f"Fit {score:.2f}" if score is not None else "Fit"
    goals_part = (
        f"covers {len(covered)} of {len(coverage)} goals" if coverage else "no goals to cover"
    )
    # The summary already counts the goals covered; it names the first other drawback.
    others = [con for con in cons if con != goal_con]
    if others:
        caveat = f"; watch: {others[0]}"
    else:
        caveat = "; no other drawbacks" if goal_con else "; no drawbacks found"
    return Explanation(f"{lead}: {goals_part}{caveat}", pros, cons)
