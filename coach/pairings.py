"""Pairing suggestions and their review by coordinators.

- ``run_matching``: suggest pairs for everyone not yet in an approved pairing (the first
  run, and every re-run for the unmatched); approved pairs are never changed, and the
  mentors' places they use are taken off the capacity.
- ``approve`` / ``reject`` / ``swap``: each change is appended to the pairing's history.
  A programme may require two different reviewers to approve.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from typing import Any

import numpy as np

from coach.domain import OPEN_SUGGESTION, Format, MatchingRun, Pairing, PairingStatus, Programme
from coach.errors import ConflictError, FieldProblem, InputValidationError, NotFoundError
from coach.matching import Cohort, MatchResult, Solver, exclusion_reason, suggest
from coach.matching.cohort import split_roles
from coach.matching.engine import FairnessRow, fairness_rows
from coach.matching.features import DIVERSITY_REASON, Scorer, explain, weights_for
from coach.matching.rules import RULE_TEXT, RuleContext, rule_codes
from coach.programme_mail import tell_pairing_approved
from coach.services import Services

CIRCLE_SIZE = 3  # mentors per mentee when a programme runs circles


def build_cohort(
    services: Services, programme: Programme, *, unmatched_only: bool
) -> tuple[Cohort, dict[int, int]]:
    """The cohort to match and the mentor places already taken by approved pairs."""
    people = services.store.programmes.list_participants(programme.id)
    services.index.sync_participants(programme.id, people)
    vectors = services.index.participant_vectors(programme.id)
    goals = {v.participant_id: v.vectors for v in vectors if v.kind == "goal"}
    skills = {v.participant_id: v.vectors for v in vectors if v.kind == "skill"}
    # A pairing with a first approval keeps its places like an approved one: a re-run
    # never undoes a reviewer's decision.
    approved, _ = services.store.pairings.list_pairings(
        programme.id,
        statuses=[PairingStatus.APPROVED, PairingStatus.AWAITING_SECOND_APPROVAL],
    )
    rejected_rows, _ = services.store.pairings.list_pairings(
        programme.id, statuses=[PairingStatus.REJECTED]
    )
    rejected = {(p.mentee_id, p.mentor_id): _rejection_reason(p) for p in rejected_rows}
    taken = Counter(p.mentor_id for p in approved)
    per_mentee = Counter(p.mentee_id for p in approved)
    limit = CIRCLE_SIZE if programme.format is Format.CIRCLES else 1
    mentees, mentors = split_roles(people)
    if unmatched_only:
        mentees = [m for m in mentees if per_mentee[m.id] < limit]
    history, _ = services.store.pairings.list_pairings(
        programme.id, statuses=[PairingStatus.APPROVED, PairingStatus.ENDED]
    )
    previous = {(p.mentee_id, p.mentor_id) for p in history}
    cohort = Cohort(
        programme=programme,
        mentees=mentees,
        mentors=mentors,
        goal_vectors=goals,
        skill_vectors=skills,
        # Rotation excludes earlier partners; approved pairs are excluded either way so a
        # circle never gets the same mentor twice.
        previous_pairs=previous
        if programme.rotate_pairs
        else {(p.mentee_id, p.mentor_id) for p in approved},
        rejected_pairs=rejected,
        judge=services.coverage_judge,
    )
    return cohort, dict(taken)


def run_summary(
    result: MatchResult,
    people: dict[int, str],
    rejected: dict[tuple[int, int], str] | None = None,
    fairness: list[FairnessRow] | None = None,
) -> dict[str, Any]:
    return {
        # The pairs the "rejected_by_reviewer" rule kept out of this run, with the reason.
        "rejected_pairs": [
            {"mentee": people.get(mentee, ""), "mentor": people.get(mentor, ""), "reason": why}
            for (mentee, mentor), why in sorted((rejected or {}).items())
            if mentee in people and mentor in people
        ],
        "solver": result.solver.value,
        "pairs_considered": result.pairs_considered,
        "excluded": result.excluded,
        "excluded_text": {rule: RULE_TEXT[rule] for rule in result.excluded},  # type: ignore[index]
        "unmatched": [
            {**asdict(u), "name": people.get(u.participant_id, "")} for u in result.unmatched
        ],
        "fairness": [
            {**asdict(row), "match_rate": round(row.match_rate, 4)}
            for row in (result.fairness if fairness is None else fairness)
        ],
        "weights": result.weights,
        "total_score": round(result.total_score, 4),
        "shortlist": result.shortlist,
        "notes": result.notes,
    }


LIVE = (PairingStatus.APPROVED, PairingStatus.AWAITING_SECOND_APPROVAL, PairingStatus.SUGGESTED)


def _decided_pairs(services: Services, programme_id: int) -> list[tuple[int, int, float | None]]:
    rows, _ = services.store.pairings.list_pairings(
        programme_id,
        statuses=[PairingStatus.APPROVED, PairingStatus.AWAITING_SECOND_APPROVAL],
    )
    return [(p.mentee_id, p.mentor_id, p.score) for p in rows]


def programme_fairness(
    services: Services,
    programme_id: int,
    pairs: list[tuple[int, int, float | None]] | None = None,
) -> list[FairnessRow]:
    """Fairness over the whole programme: every active participant who consented to
    matching, with the approved, half-approved and suggested pairs (or ``pairs``)."""
    programme = services.store.programmes.get_programme(programme_id)
    people = [
        p for p in services.store.programmes.list_participants(programme_id) if p.consent_matching
    ]
    mentees, mentors = split_roles(people)
    if pairs is None:
        rows, _ = services.store.pairings.list_pairings(programme_id, statuses=list(LIVE))
        pairs = [(p.mentee_id, p.mentor_id, p.score) for p in rows]
    return fairness_rows(mentees, mentors, pairs, programme.min_cohort_size)


def _rejection_reason(pairing: Pairing) -> str:
    for event in reversed(pairing.history):
        if event.to_status is PairingStatus.REJECTED:
            return event.reason or "no reason given"
    return "no reason given"


def run_matching(
    services: Services,
    programme_id: int,
    solver: Solver = Solver.OPTIMAL,
    *,
    weights: dict[str, float] | None = None,
    actor_user_id: int | None = None,
) -> tuple[MatchingRun, list[Pairing], MatchResult]:
    with services.unit_of_work() as unit:
        programme = unit.store.programmes.get_programme(programme_id)
        cohort, taken = build_cohort(unit, programme, unmatched_only=True)
        if not cohort.mentees or not cohort.mentors:
            missing = "mentee waiting for a match" if not cohort.mentees else "mentor"
            raise ConflictError(
                f"There is nobody to match in {programme.name}: no {missing}.",
                hint="import the roster (mentees and mentors) first; approved pairs keep their "
                "places, so a re-run needs someone still unmatched. Nothing was stored.",
            )
        result = suggest(cohort, solver, weights=weights, taken=taken)
        if programme.format is Format.CIRCLES:
            result = _circle_rounds(cohort, solver, weights, taken, result)
        names = {p.id: p.name for p in [*cohort.mentees, *cohort.mentors]}
        kept = _decided_pairs(unit, programme_id)
        fairness = programme_fairness(
            unit,
            programme_id,
            [*kept, *((s.mentee_id, s.mentor_id, s.score) for s in result.suggestions)],
        )
        run, pairings = unit.store.pairings.record_matching_run(
            programme_id,
            solver.value,
            run_summary(result, names, cohort.rejected_pairs, fairness),
            [
                (
                    s.mentee_id,
                    s.mentor_id,
                    s.score,
                    {"parts": s.parts, **s.explanation.as_details(), "solver": solver.value},
                )
                for s in result.suggestions
            ],
            actor_user_id=actor_user_id,
        )
        return run, pairings, result


def _circle_rounds(
    cohort: Cohort,
    solver: Solver,
    weights: dict[str, float] | None,
    taken: dict[int, int],
    first: MatchResult,
) -> MatchResult:
    """Circles: further rounds give each mentee more mentors, never the same one twice."""
    result = first
    used = Counter(taken)
    pairs = {(s.mentee_id, s.mentor_id) for s in first.suggestions}
    for _ in range(CIRCLE_SIZE - 1):
        used.update(s.mentor_id for s in result.suggestions)
        cohort.previous_pairs |= pairs
        more = suggest(cohort, solver, weights=weights, taken=dict(used))
        if not more.suggestions:
            break
        pairs |= {(s.mentee_id, s.mentor_id) for s in more.suggestions}
        first.suggestions.extend(more.suggestions)
        result = more
    return first


def _limit(programme: Programme) -> int:
    return CIRCLE_SIZE if programme.format is Format.CIRCLES else 1


def approve(
    services: Services, pairing_id: int, actor_user_id: int, *, expected_version: int | None = None
) -> Pairing:
    """Approve a suggestion; with dual approval, the second reviewer must be different.

    One unit of work: the pairing and the programme's approved pairings are locked while
    the rules are checked, so two reviewers at once cannot both use the last place.
    """
    with services.unit_of_work() as unit:
        store = unit.store
        current = store.pairings.lock_pairing(pairing_id, expected_version=expected_version)
        programme = store.programmes.get_programme(current.programme_id)
        mentor = store.programmes.get_participant(current.mentor_id)
        approved = store.pairings.approved_pairings(current.programme_id, excluding=current.id)
        status, reason = _approval(current, approved, programme, mentor.capacity, actor_user_id)
        decided = store.pairings.set_pairing_status(
            pairing_id, status, actor_user_id=actor_user_id, reason=reason
        )
        if decided.status is PairingStatus.APPROVED:
            tell_pairing_approved(unit, programme, decided)
        return decided


def _approval(
    current: Pairing,
    approved: list[Pairing],
    programme: Programme,
    capacity: int,
    actor_user_id: int,
) -> tuple[PairingStatus, str | None]:
    """The status an approval moves ``current`` to, or a ConflictError saying why not."""
    if current.status not in OPEN_SUGGESTION:
        raise ConflictError(
            f"Pairing {current.id} is {current.status.value}; only suggestions are approved.",
            hint="run matching again for the unmatched to get new suggestions.",
        )
    if sum(p.mentee_id == current.mentee_id for p in approved) >= _limit(programme):
        raise ConflictError(
            "This mentee already has an approved pairing.",
            hint="end or reject the other pairing first.",
        )
    if sum(p.mentor_id == current.mentor_id for p in approved) >= capacity:
        raise ConflictError(
            f"The mentor's capacity ({capacity}) is already used by approved pairs.",
            hint="raise the mentor's capacity or choose another pairing.",
        )
    if not programme.dual_approval:
        return PairingStatus.APPROVED, None
    if current.status is PairingStatus.SUGGESTED:
        return PairingStatus.AWAITING_SECOND_APPROVAL, "first approval"
    first = next(
        e.actor_user_id
        for e in reversed(current.history)
        if e.to_status is PairingStatus.AWAITING_SECOND_APPROVAL
    )
    if first == actor_user_id:
        raise ConflictError(
            "You gave the first approval; a second, different reviewer must approve.",
            hint="ask another coordinator or an admin to review this pairing.",
        )
    return PairingStatus.APPROVED, "second approval"


def reject(
    services: Services,
    pairing_id: int,
    actor_user_id: int,
    reason: str,
    *,
    expected_version: int | None = None,
) -> Pairing:
    if not reason.strip():
        raise InputValidationError(
            "A rejection needs a reason.",
            [FieldProblem("reason", "must not be empty")],
            hint="say why, so the next review and the audit can follow it.",
        )
    with services.unit_of_work() as unit:
        current = unit.store.pairings.lock_pairing(pairing_id, expected_version=expected_version)
        if current.status not in (*OPEN_SUGGESTION, PairingStatus.APPROVED):
            raise ConflictError(f"Pairing {current.id} is already {current.status.value}.")
        return unit.store.pairings.set_pairing_status(
            pairing_id, PairingStatus.REJECTED, actor_user_id=actor_user_id, reason=reason.strip()
        )


def swap(services: Services, first_id: int, second_id: int, actor_user_id: int) -> list[Pairing]:
    """Exchange the mentors of two open suggestions; the new pairs must pass every rule.

    One unit of work: both suggestions are locked (in id order, so two swaps at once
    cannot deadlock) before anything is checked, and the two withdrawals and the two new
    suggestions are stored together or not at all.
    """
    if first_id == second_id:
        raise InputValidationError(
            "Swap two different suggestions of the same programme.",
            [FieldProblem("pairing_ids", "must be two suggestions of one programme")],
        )
    with services.unit_of_work() as unit:
        store = unit.store
        locked = {i: store.pairings.lock_pairing(i) for i in sorted((first_id, second_id))}
        first, second = locked[first_id], locked[second_id]
        if first.programme_id != second.programme_id:
            raise InputValidationError(
                "Swap two different suggestions of the same programme.",
                [FieldProblem("pairing_ids", "must be two suggestions of one programme")],
            )
        for pairing in (first, second):
            if pairing.status not in OPEN_SUGGESTION:
                raise ConflictError(
                    f"Pairing {pairing.id} is {pairing.status.value}, not a suggestion."
                )
        programme = store.programmes.get_programme(first.programme_id)
        cohort, _ = build_cohort(unit, programme, unmatched_only=False)
        new_pairs = [(first.mentee_id, second.mentor_id), (second.mentee_id, first.mentor_id)]
        for mentee_id, mentor_id in new_pairs:
            rule = exclusion_reason(cohort, mentee_id, mentor_id)
            if rule is not None:
                raise ConflictError(
                    f"The swap would pair participant {mentee_id} with {mentor_id}, which is "
                    f"excluded: {RULE_TEXT[rule]}.",
                    hint="choose another swap, or adjust the profiles and run matching again.",
                )
        scored = [score_pair(cohort, mentee_id, mentor_id) for mentee_id, mentor_id in new_pairs]
        for pairing in (first, second):
            store.pairings.set_pairing_status(
                pairing.id,
                PairingStatus.WITHDRAWN,
                actor_user_id=actor_user_id,
                reason=f"swapped (pairings {first_id} and {second_id})",
                expected_version=pairing.version,
            )
        created = []
        for (mentee_id, mentor_id), (score, details) in zip(new_pairs, scored, strict=True):
            pairing = store.pairings.create_pairing(
                programme.id,
                mentor_id,
                mentee_id,
                score=score,
                actor_user_id=actor_user_id,
                details={**details, "swapped_from": [first_id, second_id]},
            )
            created.append(pairing)
        return created


def score_pair(cohort: Cohort, mentee_id: int, mentor_id: int) -> tuple[float, dict[str, Any]]:
    """Score and explain one pair of the cohort (swaps and manual pairs)."""
    people = cohort.people
    mentee, mentor = people[mentee_id], people[mentor_id]
    column = next(i for i, m in enumerate(cohort.mentors) if m.id == mentor_id)
    _, overlap = rule_codes(mentee, RuleContext.build(cohort))
    scorer = Scorer(cohort, weights_for(cohort.programme))
    values, parts = scorer.score(mentee, np.array([column]), overlap[[column]])
    pair_parts = {name: round(float(v[0]), 4) for name, v in parts.items()}
    explanation = explain(
        cohort, mentee, mentor, pair_parts, int(overlap[column]), float(values[0])
    )
    return round(float(values[0]), 4), {"parts": pair_parts, **explanation.as_details()}


def why_excluded(
    services: Services, programme_id: int, mentee_id: int, mentor_id: int
) -> str | None:
    """The rule that excludes a pair, in words, or None when the pair is allowed."""
    programme = services.store.programmes.get_programme(programme_id)
    cohort, _ = build_cohort(services, programme, unmatched_only=False)
    people = cohort.people
    if mentee_id not in {m.id for m in cohort.mentees}:
        raise NotFoundError("mentee in this programme", mentee_id)
    if mentor_id not in {m.id for m in cohort.mentors} or mentor_id not in people:
        raise NotFoundError("mentor in this programme", mentor_id)
    rule = exclusion_reason(cohort, mentee_id, mentor_id)
    return None if rule is None else f"{rule.value}: {RULE_TEXT[rule]}"


def member_view(pairing: Pairing) -> Pairing:
    """A pairing as its own members read it: without what came from either person's
    background, which each shared with the coordinators only."""
    details = dict(pairing.details)
    for key in ("reasons", "pros"):  # "reasons": pairings suggested before pros and cons
        if key in details:
            details[key] = [r for r in details[key] if r != DIVERSITY_REASON]
    if isinstance(details.get("parts"), dict):
        details["parts"] = {k: v for k, v in details["parts"].items() if k != "diversity"}
    return pairing.model_copy(update={"details": details})
