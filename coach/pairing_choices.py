"""Choices for the coordinator beyond the solver's answer: the next-best mentors for a
mentee, a pair made by hand (checked against the hard rules; an override needs a reason
and is kept in the pairing's history), and approving several suggestions at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from pydantic import BaseModel

from coach.domain import Pairing, PairingStatus
from coach.errors import (
    CoachError,
    ConflictError,
    FieldProblem,
    InputValidationError,
    NotFoundError,
)
from coach.matching.features import Scorer, explain, weights_for
from coach.matching.rules import ALLOWED, RULE_ORDER, RULE_TEXT, Rule, RuleContext, rule_codes
from coach.pairings import approve, build_cohort, score_pair
from coach.services import Services

ALTERNATIVES = 5


class Alternative(BaseModel):
    mentor_id: int
    mentor_name: str
    score: float
    summary: str
    pros: list[str]
    cons: list[str]
    places_left: int


@dataclass
class BulkOutcome:
    approved: list[Pairing] = field(default_factory=list)  # approved or half-approved
    refused: dict[int, str] = field(default_factory=dict)  # pairing id -> why


def alternatives(
    services: Services, programme_id: int, mentee_id: int, *, count: int = ALTERNATIVES
) -> list[Alternative]:
    """The ``count`` best mentors this mentee may be paired with, best first, each with
    its score, summary, pros and cons. Mentors whose places are all taken by approved or
    half-approved pairs, and pairs any hard rule excludes, are left out."""
    programme = services.store.programmes.get_programme(programme_id)
    cohort, taken = build_cohort(services, programme, unmatched_only=False)
    mentee = next((m for m in cohort.mentees if m.id == mentee_id), None)
    if mentee is None:
        raise NotFoundError("mentee in this programme", mentee_id)
    codes, overlap = rule_codes(mentee, RuleContext.build(cohort))
    places = np.array([m.capacity - taken.get(m.id, 0) for m in cohort.mentors])
    columns = np.flatnonzero((codes == ALLOWED) & (places > 0))
    if not len(columns):
        return []
    scorer = Scorer(cohort, weights_for(programme))
    values, parts = scorer.score(mentee, columns, overlap[columns])
    ranked = np.argsort(-values, kind="stable")[:count]
    found = []
    for position in ranked:
        column = int(columns[position])
        mentor = cohort.mentors[column]
        pair_parts = {name: round(float(v[position]), 4) for name, v in parts.items()}
        explanation = explain(
            cohort, mentee, mentor, pair_parts, int(overlap[column]), float(values[position])
        )
        found.append(
            Alternative(
                mentor_id=mentor.id,
                mentor_name=mentor.name,
                score=round(float(values[position]), 4),
                summary=explanation.summary,
                pros=explanation.pros,
                cons=explanation.cons,
                places_left=int(places[column]),
            )
        )
    return found


def pair_manually(
    services: Services,
    programme_id: int,
    mentee_id: int,
    mentor_id: int,
    actor_user_id: int,
    *,
    reason: str = "",
    override: bool = False,
) -> Pairing:
    """A suggestion made by the coordinator. A pair that breaks a hard rule is refused
    naming the rule, unless ``override`` is set with a reason; the override, the rule and
    the reason are kept in the pairing's details and history. The mentee's undecided
    suggestion, if any, is withdrawn in favour of this one."""
    programme = services.store.programmes.get_programme(programme_id)
    cohort, taken = build_cohort(services, programme, unmatched_only=False)
    mentee = next((m for m in cohort.mentees if m.id == mentee_id), None)
    mentor_column = next((i for i, m in enumerate(cohort.mentors) if m.id == mentor_id), None)
    problems = []
    if mentee is None:
        problems.append(FieldProblem("mentee_id", "no active mentee with this id here"))
    if mentor_column is None:
        problems.append(FieldProblem("mentor_id", "no active mentor with this id here"))
    if mentee is None or mentor_column is None:
        raise InputValidationError(
            "The pair names someone who is not in this programme.",
            problems,
            hint="pick the mentee and mentor from the programme's participants.",
        )
    reason = reason.strip()
    codes, _ = rule_codes(mentee, RuleContext.build(cohort))
    mentor = cohort.mentors[mentor_column]
    broken: Rule | None = None
    if codes[mentor_column] != ALLOWED:
        broken = RULE_ORDER[int(codes[mentor_column])]
    elif mentor.capacity - taken.get(mentor.id, 0) <= 0:
        broken = Rule.NO_CAPACITY
    if broken is not None and not override:
        raise InputValidationError(
            f"This pair breaks a hard rule: {RULE_TEXT[broken]}.",
            [FieldProblem("mentor_id", f"{broken.value}: {RULE_TEXT[broken]}")],
            hint="choose another mentor, or override with a reason if you are sure.",
        )
    if override and not reason:
        raise InputValidationError(
            "An override needs a reason.",
            [FieldProblem("reason", "say why this pair should be made despite the rule")],
            hint="write the reason; it is kept in the pairing's history.",
        )
    live, _ = services.store.pairings.list_pairings(
        programme_id,
        statuses=[PairingStatus.APPROVED, PairingStatus.AWAITING_SECOND_APPROVAL],
        participant_id=mentee.id,
    )
    if any(p.mentee_id == mentee.id for p in live):
        raise ConflictError(
            "This mentee already has an approved or half-approved pairing.",
            hint="end or reject that pairing first.",
        )
    score, scored = score_pair(cohort, mentee.id, mentor.id)
    note = "manual pairing" + (f": {reason}" if reason else "")
    if broken is not None:
        note += f" (overrides the rule: {RULE_TEXT[broken]})"
    details = {
        **scored,
        "manual": True,
        "reason": reason or None,
        "override": broken.value if broken is not None else None,
    }
    return services.store.pairings.replace_suggestion(
        programme_id,
        mentor.id,
        mentee.id,
        score=score,
        details=details,
        actor_user_id=actor_user_id,
        reason=note,
    )


def approve_many(
    services: Services, programme_id: int, pairing_ids: list[int], actor_user_id: int
) -> BulkOutcome:
    """Approve each of the selected suggestions on its own (dual approval still needs a
    second reviewer); one that cannot be approved is reported and the rest go on."""
    outcome = BulkOutcome()
    for pairing_id in dict.fromkeys(pairing_ids):  # each once, in the order given
        try:
            services.store.pairings.get_pairing(pairing_id, programme_id=programme_id)
            outcome.approved.append(approve(services, pairing_id, actor_user_id))
        except NotFoundError:
            outcome.refused[pairing_id] = "not a pairing of this programme"
        except CoachError as exc:
            outcome.refused[pairing_id] = exc.message
    return outcome
