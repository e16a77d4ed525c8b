"""The planted-truth metric is not vacuous: without goal coverage it collapses."""

from coach.matching import Solver, suggest
from evals.harness import get_suite
from evals.suites.matching import planted_cohort


def test_planted_pairs_need_goal_coverage(embedder):
    case = next(c for c in get_suite("matching").load_cases() if c["id"] == "planted-all")
    cohort, external = planted_cohort(case, embedder)

    def recovered(weights):
        got = {
            external[s.mentee_id]: external[s.mentor_id]
            for s in suggest(cohort, Solver.OPTIMAL, weights=weights).suggestions
        }
        return sum(got.get(m) == want for m, want in case["truth"].items()) / len(case["truth"])

    assert recovered(None) >= 0.95
    assert recovered({"goal_coverage": 0.0}) < 0.3
