"""Matching: planted-truth cohorts where each mentee's goals fit exactly one mentor.

Everything else about the people is neutral (same diary, time zone and direction of
seniority), so the solver can only recover the planted pairs through goal coverage.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from coach.domain import Participant, Programme, ProgrammeIn, Role, Slot
from coach.matching import Cohort, Solver, suggest
from evals.harness import CaseResult, EvalContext, Scored, Suite, Threshold, register


def planted_cohort(case: dict[str, Any], embedder: Any) -> tuple[Cohort, dict[int, str]]:
    programme = Programme(
        **ProgrammeIn(slug="planted", name="Planted cohort").model_dump(),
        id=1,
        created_at=datetime.now(UTC),
    )
    slot = [Slot.parse("mon 09:00-11:00")]
    people: list[Participant] = []
    for number, entry in enumerate([*case["mentees"], *case["mentors"]], start=1):
        mentee = "goals" in entry
        people.append(
            Participant(
                id=number,
                programme_id=1,
                updated_at=datetime.now(UTC),
                external_id=entry["id"],
                name=entry["id"],
                email=f"{entry['id'].lower()}@example.org",
                role=Role.MENTEE if mentee else Role.MENTOR,
                seniority=8 if mentee else 2,
                department="Leadership" if mentee else "Operations",
                goals=entry.get("goals", []),
                skills=entry.get("skills", []),
                availability=slot,
            )
        )
    goals = {p.id: embedder.embed(p.goals) for p in people if p.goals}
    skills = {p.id: embedder.embed(p.skills) for p in people if p.skills}
    mentees = [p for p in people if p.role is Role.MENTEE]
    mentors = [p for p in people if p.role is Role.MENTOR]
    cohort = Cohort(programme, mentees, mentors, goals, skills)
    return cohort, {p.id: p.external_id for p in people}


@register
class MatchingSuite(Suite):
    name = "matching"
    description = "Planted-truth cohorts: share of planted pairs each solver recovers."
    cases_file = "matching.jsonl"
    required_labels = ("mentees", "mentors", "truth")
    thresholds = {  # noqa: RUF012
        "optimal_recovery": Threshold(minimum=0.95, tolerance=0.02),
        "participation_recovery": Threshold(minimum=0.9, tolerance=0.03),
        "stable_recovery": Threshold(minimum=0.9, tolerance=0.03),
    }

    def score(self, context: EvalContext, cases: list[dict[str, Any]]) -> Scored:
        found = dict.fromkeys(("optimal", "participation", "stable"), 0)
        planted = 0
        results = []
        for case in cases:
            cohort, external = planted_cohort(case, context.services.embedder)
            truth = case["truth"]
            planted += len(truth)
            for solver in (Solver.OPTIMAL, Solver.PARTICIPATION, Solver.STABLE):
                got = {
                    external[s.mentee_id]: external[s.mentor_id]
                    for s in suggest(cohort, solver).suggestions
                }
                hits = sum(got.get(mentee) == mentor for mentee, mentor in truth.items())
                found[solver.value] += hits
                if solver is Solver.OPTIMAL:
                    wrong = {m: got.get(m) for m, want in truth.items() if got.get(m) != want}
                    results.append(
                        CaseResult(
                            id=case["id"],
                            passed=not wrong,
                            expected={m: truth[m] for m in wrong},
                            got=wrong,
                            reason=""
                            if not wrong
                            else f"{len(wrong)} of {len(truth)} planted pairs not recovered",
                        )
                    )
        return Scored(
            metrics={f"{solver}_recovery": hits / planted for solver, hits in found.items()},
            cases=results,
            notes=[f"{planted} planted pairs in {len(cases)} cohorts."],
        )
