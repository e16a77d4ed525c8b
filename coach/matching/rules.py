"""Hard rules: a pair that breaks one is never suggested, and the audit says which one.

Rules are checked in a fixed order and the first one broken is the recorded reason, so
every excluded pair has exactly one named cause. They are evaluated for one mentee
against all mentors at once (numpy), which keeps a 10,000 x 10,000 audit cheap.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from coach.domain import Direction, Participant
from coach.matching.cohort import STEP_MINUTES, WEEK_STEPS, Cohort


class Rule(StrEnum):
    SAME_PERSON = "same_person"
    NO_CONSENT = "no_consent"
    SENIORITY = "seniority_direction"
    REPORTING_LINE = "reporting_line"
    AVOIDED = "avoided"
    REJECTED = "rejected_by_reviewer"
    PREVIOUS_PAIR = "previous_pair"
    NO_CAPACITY = "no_capacity"
    NO_COMMON_TIME = "no_common_availability"


RULE_TEXT = {
    Rule.SAME_PERSON: "the same person on both sides",
    Rule.NO_CONSENT: "one of them has not consented to matching",
    Rule.SENIORITY: "the mentor is not on the right side of the seniority rule",
    Rule.REPORTING_LINE: "they are in one reporting line",
    Rule.AVOIDED: "one of them asked not to be paired with the other",
    Rule.REJECTED: "a reviewer rejected this pair before",
    Rule.PREVIOUS_PAIR: "they were paired before in this programme (pairs rotate)",
    Rule.NO_CAPACITY: "the mentor has no capacity",
    Rule.NO_COMMON_TIME: "they have no common availability",
}

ALLOWED = -1  # code of a pair that breaks no rule
RULE_ORDER = list(Rule)


@dataclass
class MentorArrays:
    """Column-wise facts about the mentors, for vectorised rule checks."""

    ids: np.ndarray
    external_ids: list[str]
    emails: list[str]
    seniority: np.ndarray
    consent: np.ndarray
    capacity: np.ndarray
    availability: np.ndarray  # (mentors, week steps) float32 0/1, for BLAS products
    index_of: dict[str, int]  # external id -> column
    email_of: dict[str, int]  # lower-case email -> column

    @classmethod
    def build(cls, cohort: Cohort) -> MentorArrays:
        mentors = cohort.mentors
        return cls(
            ids=np.array([m.id for m in mentors], dtype=np.int64),
            external_ids=[m.external_id for m in mentors],
            emails=[str(m.email).lower() for m in mentors],
            seniority=np.array([m.seniority for m in mentors], dtype=np.int16),
            consent=np.array([m.consent_matching for m in mentors], dtype=bool),
            capacity=np.array([m.capacity for m in mentors], dtype=np.int16),
            availability=np.stack([cohort.availability[m.id] for m in mentors]).astype(np.float32)
            if mentors
            else np.zeros((0, WEEK_STEPS), dtype=np.float32),
            index_of={m.external_id: i for i, m in enumerate(mentors)},
            email_of={str(m.email).lower(): i for i, m in enumerate(mentors)},
        )


def minimum_overlap_steps(session_minutes: int) -> int:
    # "At least one common slot": enough shared time for one 30-minute step. Longer
    # overlaps score better in the availability feature.
    return max(1, 30 // STEP_MINUTES)


@dataclass
class RuleContext:
    cohort: Cohort
    mentors: MentorArrays
    below: dict[str, list[int]]  # person external id -> mentor columns in their line below
    avoided_by: dict[str, list[int]]  # mentee external id -> mentor columns avoiding them
    previous: dict[int, list[int]]  # mentee id -> mentor columns paired before
    rejected: dict[int, list[int]]  # mentee id -> mentor columns a reviewer rejected

    @classmethod
    def build(cls, cohort: Cohort) -> RuleContext:
        mentors = MentorArrays.build(cohort)
        column_of = {int(m): i for i, m in enumerate(mentors.ids)}
        previous: dict[int, list[int]] = {}
        for mentee_id, mentor_id in cohort.previous_pairs:
            if mentor_id in column_of:
                previous.setdefault(mentee_id, []).append(column_of[mentor_id])
        rejected: dict[int, list[int]] = {}
        for mentee_id, mentor_id in cohort.rejected_pairs:
            if mentor_id in column_of:
                rejected.setdefault(mentee_id, []).append(column_of[mentor_id])
        return cls(
            cohort,
            mentors,
            mentor_chain_index(cohort, mentors),
            mentor_avoids(cohort, mentors),
            previous,
            rejected,
        )


class OverlapBlocks:
    """Common availability of every mentee with every mentor, in half-hour steps.

    Computed a block of mentees at a time as one float matrix product (BLAS), far faster
    than one product per mentee for large cohorts.
    """

    BLOCK = 512

    def __init__(self, cohort: Cohort, context: RuleContext) -> None:
        self.masks = (
            np.stack([cohort.availability[m.id] for m in cohort.mentees]).astype(np.float32)
            if cohort.mentees
            else np.zeros((0, WEEK_STEPS), dtype=np.float32)
        )
        self.mentors = context.mentors.availability
        self._start = -1
        self._block = np.zeros((0, 0), dtype=np.float32)

    def row(self, index: int) -> np.ndarray:
        start = index - index % self.BLOCK
        if start != self._start:
            self._block = self.masks[start : start + self.BLOCK] @ self.mentors.T
            self._start = start
        return self._block[index - start]


def rule_codes(
    mentee: Participant, context: RuleContext, overlap: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """For one mentee against every mentor: the first broken rule (index into RULE_ORDER,
    or ALLOWED) and the common availability in half-hour steps."""
    cohort, mentors = context.cohort, context.mentors
    count = len(mentors.ids)
    codes = np.full(count, ALLOWED, dtype=np.int8)

    def mark(rule: Rule, broken: np.ndarray) -> None:
        codes[(codes == ALLOWED) & broken] = RULE_ORDER.index(rule)

    same = np.zeros(count, dtype=bool)
    for column in (
        mentors.index_of.get(mentee.external_id),
        mentors.email_of.get(str(mentee.email).lower()),
    ):
        if column is not None:
            same[column] = True
    mark(Rule.SAME_PERSON, same)
    mark(Rule.NO_CONSENT, ~mentors.consent | (not mentee.consent_matching))
    direction = cohort.programme.direction
    if direction is Direction.REVERSE:
        mark(Rule.SENIORITY, mentors.seniority >= mentee.seniority)
    elif direction is Direction.TRADITIONAL:
        mark(Rule.SENIORITY, mentors.seniority <= mentee.seniority)
    line = np.zeros(count, dtype=bool)
    for manager in cohort.chain[mentee.id]:  # a mentor anywhere above the mentee
        column = mentors.index_of.get(manager)
        if column is not None:
            line[column] = True
    for column in context.below.get(mentee.external_id, []):  # mentee above the mentor
        line[column] = True
    mark(Rule.REPORTING_LINE, line)
    avoided = np.zeros(count, dtype=bool)
    avoided[context.avoided_by.get(mentee.external_id, [])] = True
    for external_id in mentee.avoid_ids:
        column = mentors.index_of.get(external_id)
        if column is not None:
            avoided[column] = True
    mark(Rule.AVOIDED, avoided)
    if mentee.id in context.rejected:
        rejected = np.zeros(count, dtype=bool)
        rejected[context.rejected[mentee.id]] = True
        mark(Rule.REJECTED, rejected)
    if mentee.id in context.previous:
        previous = np.zeros(count, dtype=bool)
        previous[context.previous[mentee.id]] = True
        mark(Rule.PREVIOUS_PAIR, previous)
    mark(Rule.NO_CAPACITY, mentors.capacity <= 0)
    if overlap is None:
        overlap = mentors.availability @ cohort.availability[mentee.id].astype(np.float32)
    overlap = np.rint(overlap).astype(np.int32)
    mark(Rule.NO_COMMON_TIME, overlap < minimum_overlap_steps(cohort.programme.session_minutes))
    return codes, overlap


def mentor_chain_index(cohort: Cohort, mentors: MentorArrays) -> dict[str, list[int]]:
    """External id of a person -> mentor columns that have that person above them."""
    index: dict[str, list[int]] = {}
    for column, mentor in enumerate(cohort.mentors):
        for manager in cohort.chain[mentor.id]:
            index.setdefault(manager, []).append(column)
    return index


def mentor_avoids(cohort: Cohort, mentors: MentorArrays) -> dict[str, list[int]]:
    """Mentee external id -> mentor columns that asked not to be paired with them."""
    index: dict[str, list[int]] = {}
    for column, mentor in enumerate(cohort.mentors):
        for external_id in mentor.avoid_ids:
            index.setdefault(external_id, []).append(column)
    return index
