"""Hard rules: a pair that breaks one is never suggested, and the audit says which one.

Rules are checked in a fixed order and the first one broken is the recorded reason, so
every excluded pair has exactly one named cause. They are evaluated for a block of mentees
against all mentors at once (numpy), which keeps a 10,000 x 10,000 audit cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
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


def rule_block(
    mentees: Sequence[Participant], context: RuleContext
) -> tuple[np.ndarray, np.ndarray]:
    """For a block of mentees against every mentor: the first broken rule of each pair
    (an index into RULE_ORDER, or ALLOWED) and their common availability in half-hour
    steps, both (mentees, mentors).

    Rules are written from the last to the first, each over the pairs it breaks, so the
    code left in a cell is the first rule that pair breaks, in one pass per rule.
    """
    cohort, mentors = context.cohort, context.mentors
    count = len(mentors.ids)
    codes = np.full((len(mentees), count), ALLOWED, dtype=np.int8)
    if not mentees:
        return codes, np.zeros((0, count), dtype=np.int16)
    masks = np.stack([cohort.availability[m.id] for m in mentees]).astype(np.float32)
    # Counts of common steps are small integers, exact in float32 (one BLAS product).
    overlap = (masks @ mentors.availability.T).astype(np.int16)
    code = {rule: RULE_ORDER.index(rule) for rule in Rule}
    too_little = overlap < minimum_overlap_steps(cohort.programme.session_minutes)
    np.copyto(codes, code[Rule.NO_COMMON_TIME], where=too_little)
    codes[:, mentors.capacity <= 0] = code[Rule.NO_CAPACITY]
    sparse: dict[Rule, list[tuple[int, int]]] = {
        Rule.PREVIOUS_PAIR: [],
        Rule.REJECTED: [],
        Rule.AVOIDED: [],
        Rule.REPORTING_LINE: [],
        Rule.SAME_PERSON: [],
    }
    for row, mentee in enumerate(mentees):
        for column in context.previous.get(mentee.id, []):
            sparse[Rule.PREVIOUS_PAIR].append((row, column))
        for column in context.rejected.get(mentee.id, []):
            sparse[Rule.REJECTED].append((row, column))
        avoided: list[int | None] = [*context.avoided_by.get(mentee.external_id, [])]
        avoided += [mentors.index_of.get(e) for e in mentee.avoid_ids]
        sparse[Rule.AVOIDED] += [(row, c) for c in avoided if c is not None]
        line: list[int | None] = [mentors.index_of.get(m) for m in cohort.chain[mentee.id]]
        line += context.below.get(mentee.external_id, [])  # mentee above the mentor
        sparse[Rule.REPORTING_LINE] += [(row, c) for c in line if c is not None]
        same = (
            mentors.index_of.get(mentee.external_id),
            mentors.email_of.get(str(mentee.email).lower()),
        )
        sparse[Rule.SAME_PERSON] += [(row, c) for c in same if c is not None]

    def mark(rule: Rule) -> None:
        if sparse[rule]:
            rows, columns = zip(*sparse[rule], strict=True)
            codes[list(rows), list(columns)] = code[rule]

    mark(Rule.PREVIOUS_PAIR)
    mark(Rule.REJECTED)
    mark(Rule.AVOIDED)
    mark(Rule.REPORTING_LINE)
    direction = cohort.programme.direction
    seniority = np.array([m.seniority for m in mentees], dtype=np.int16)[:, None]
    if direction is Direction.REVERSE:
        np.copyto(codes, code[Rule.SENIORITY], where=mentors.seniority[None, :] >= seniority)
    elif direction is Direction.TRADITIONAL:
        np.copyto(codes, code[Rule.SENIORITY], where=mentors.seniority[None, :] <= seniority)
    codes[:, ~mentors.consent] = code[Rule.NO_CONSENT]
    codes[[not m.consent_matching for m in mentees], :] = code[Rule.NO_CONSENT]
    mark(Rule.SAME_PERSON)
    return codes, overlap


def rule_codes(mentee: Participant, context: RuleContext) -> tuple[np.ndarray, np.ndarray]:
    """``rule_block`` for one mentee: codes and common steps against every mentor."""
    codes, overlap = rule_block([mentee], context)
    return codes[0], overlap[0]


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
