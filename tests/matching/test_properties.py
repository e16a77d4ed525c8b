"""Properties that hold for every cohort (hypothesis, derandomized for a stable suite)."""

from collections import Counter

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from coach.matching import Solver, exclusion_reason, suggest
from coach.matching.engine import SHORTLIST_K
from coach.matching.rules import RuleContext, rule_codes
from coach.matching.solvers import Edges, blocking_pairs, solve
from tests.matching.cohorts import cohorts

PROPERTY_SETTINGS = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)


@PROPERTY_SETTINGS
@given(cohorts())
def test_no_suggestion_breaks_a_rule_and_capacities_hold(cohort):
    capacity = {m.id: m.capacity for m in cohort.mentors}
    for solver in Solver:
        result = suggest(cohort, solver)
        load = Counter(s.mentor_id for s in result.suggestions)
        assert all(load[m] <= capacity[m] for m in load)
        mentees = [s.mentee_id for s in result.suggestions]
        assert len(mentees) == len(set(mentees))  # one mentor per mentee (no circles)
        for s in result.suggestions:
            assert exclusion_reason(cohort, s.mentee_id, s.mentor_id) is None
            assert 0.0 <= s.score <= 1.0
        assert sum(result.excluded.values()) + _allowed(cohort) == result.pairs_considered


def _allowed(cohort):
    context = RuleContext.build(cohort)
    return sum(int((rule_codes(m, context)[0] == -1).sum()) for m in cohort.mentees)


@PROPERTY_SETTINGS
@given(cohorts())
def test_optimal_has_the_best_total_and_participation_the_most_pairs(cohort):
    results = {solver: suggest(cohort, solver) for solver in Solver}
    best = results[Solver.OPTIMAL].total_score
    for solver in (Solver.PARTICIPATION, Solver.STABLE, Solver.GREEDY):
        assert results[solver].total_score <= best + 1e-6
    most = len(results[Solver.PARTICIPATION].suggestions)
    assert all(len(r.suggestions) <= most for r in results.values())


@PROPERTY_SETTINGS
@given(cohorts())
def test_stable_matching_has_no_blocking_pair(cohort):
    # Rebuild the solver's input to check the result against it.
    result = suggest(cohort, Solver.STABLE)
    context = RuleContext.build(cohort)
    mentor_col = {m.id: i for i, m in enumerate(cohort.mentors)}
    mentee_row = {m.id: i for i, m in enumerate(cohort.mentees)}
    rows, cols, scores, epref, mpref = [], [], [], [], []
    from coach.matching.features import Scorer, weights_for

    scorer = Scorer(cohort, weights_for(cohort.programme))
    for row, mentee in enumerate(cohort.mentees):
        codes, overlap = rule_codes(mentee, context)
        allowed = np.flatnonzero(codes == -1)
        if not len(allowed):
            continue
        values, _ = scorer.score(mentee, allowed, overlap[allowed])
        for position, column in enumerate(allowed):
            mentor = cohort.mentors[column]
            rows.append(row)
            cols.append(int(column))
            scores.append(float(values[position]))
            epref.append(0.1 if mentor.external_id in mentee.preferred_ids else 0.0)
            mpref.append(0.1 if mentee.external_id in mentor.preferred_ids else 0.0)
    edges = Edges(
        np.array(rows, dtype=np.int64),
        np.array(cols, dtype=np.int64),
        np.array(scores),
        np.array(epref),
        np.array(mpref),
    )
    pairs = [(mentee_row[s.mentee_id], mentor_col[s.mentor_id]) for s in result.suggestions]
    capacity = [m.capacity for m in cohort.mentors]
    assert blocking_pairs(edges, pairs, capacity) == []
    assert sorted(pairs) == solve(Solver.STABLE, edges, len(cohort.mentees), capacity)


def test_shortlist_constant_is_sane():
    assert SHORTLIST_K >= 20


def reference_violation(cohort, mentee, mentor) -> str | None:
    """The hard rules written out plainly, independent of the vectorised engine."""
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from coach.domain import Direction

    if mentee.external_id == mentor.external_id or mentee.email.lower() == mentor.email.lower():
        return "same_person"
    if not (mentee.consent_matching and mentor.consent_matching):
        return "no_consent"
    direction = cohort.programme.direction
    if direction is Direction.REVERSE and not mentor.seniority < mentee.seniority:
        return "seniority_direction"
    if direction is Direction.TRADITIONAL and not mentor.seniority > mentee.seniority:
        return "seniority_direction"
    managers = {p.external_id: p.manager_id for p in [*cohort.mentees, *cohort.mentors]}

    def above(person):
        seen, current = [], managers.get(person.external_id)
        while current and current not in seen:
            seen.append(current)
            current = managers.get(current)
        return seen

    if mentor.external_id in above(mentee) or mentee.external_id in above(mentor):
        return "reporting_line"
    if mentor.external_id in mentee.avoid_ids or mentee.external_id in mentor.avoid_ids:
        return "avoided"
    if (mentee.id, mentor.id) in cohort.previous_pairs:
        return "previous_pair"
    if mentor.capacity <= 0:
        return "no_capacity"

    def intervals(person):
        monday = datetime(2027, 1, 4)
        days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        out = []
        for slot in person.availability:
            start = monday + timedelta(days=days.index(slot.day), minutes=slot.start_minute)
            start = start.replace(tzinfo=ZoneInfo(person.timezone)).astimezone(ZoneInfo("UTC"))
            out.append((start, start + timedelta(minutes=slot.end_minute - slot.start_minute)))
        return out

    if not any(a < d and c < b for a, b in intervals(mentee) for c, d in intervals(mentor)):
        return "no_common_availability"
    return None


@PROPERTY_SETTINGS
@given(cohorts())
def test_suggestions_pass_an_independent_check_of_the_rules(cohort):
    people = {p.id: p for p in [*cohort.mentees, *cohort.mentors]}
    for solver in Solver:
        for s in suggest(cohort, solver).suggestions:
            assert reference_violation(cohort, people[s.mentee_id], people[s.mentor_id]) is None
    # and the engine's reason for every pair agrees with the reference
    for mentee in cohort.mentees:
        for mentor in cohort.mentors:
            reason = exclusion_reason(cohort, mentee.id, mentor.id)
            assert (reason.value if reason else None) == reference_violation(cohort, mentee, mentor)


def reference_score(cohort, mentee, mentor) -> float:
    """A pair's score written out plainly, one pair at a time (no blocks, no arrays of
    pairs), to check the engine's two vectorised ways of scoring."""
    from coach.matching.cohort import STEP_MINUTES, utc_offset_hours
    from coach.matching.features import credit, weights_for

    weights = weights_for(cohort.programme)

    def mean_best(wants, offers) -> float:
        if wants is None or not len(wants) or offers is None or not len(offers):
            return 0.0
        return float(np.mean([max(float(credit(w @ o)) for o in offers) for w in wants]))

    def same(a, b) -> float:
        return 1.0 if a and b and a.strip().lower() == b.strip().lower() else 0.0

    steps = int((cohort.availability[mentee.id] & cohort.availability[mentor.id]).sum())
    session = max(cohort.programme.session_minutes, STEP_MINUTES)
    gap = abs(utc_offset_hours(mentee.timezone) - utc_offset_hours(mentor.timezone))
    mine = {i.strip().lower() for i in mentee.interests}
    theirs = {i.strip().lower() for i in mentor.interests}
    parts = {
        "goal_coverage": mean_best(
            cohort.goal_vectors.get(mentee.id), cohort.skill_vectors.get(mentor.id)
        ),
        "mutual_benefit": mean_best(
            cohort.goal_vectors.get(mentor.id), cohort.skill_vectors.get(mentee.id)
        ),
        "cross_department": float(mentee.department.lower() != mentor.department.lower()),
        "availability": min(1.0, steps * STEP_MINUTES / (2 * session)),
        "timezone": 1 - min(gap, 12) / 12,
        "interests": len(mine & theirs) / len(mine | theirs) if mine | theirs else 0.0,
        "style": 0.5 * same(mentee.communication_style, mentor.communication_style)
        + 0.5 * same(mentee.learning_style, mentor.learning_style),
        "diversity": 0.0,  # the generated programmes have no inclusion objective
    }
    total = sum(weights[name] * value for name, value in parts.items())
    return min(1.0, max(0.0, total / sum(weights.values())))


@PROPERTY_SETTINGS
@given(cohorts())
def test_every_candidate_scores_as_the_plain_reference_does(cohort):
    from coach.matching.engine import candidates

    # Dense blocks (broadcast scores) and shortlists (scores gathered per pair) alike.
    for shortlist in (None, 2):
        graph = candidates(cohort, shortlist_k=shortlist)
        for row, column, score in zip(
            graph.edges.mentee, graph.edges.mentor, graph.edges.score, strict=True
        ):
            mentee, mentor = cohort.mentees[row], cohort.mentors[column]
            assert score == pytest.approx(reference_score(cohort, mentee, mentor), abs=1e-5)
        if shortlist:
            per_mentee = np.bincount(graph.edges.mentee, minlength=len(cohort.mentees))
            assert per_mentee.max(initial=0) <= shortlist
