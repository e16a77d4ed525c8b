"""Pairing suggestions: features, hard rules, solvers, explanations, audit and fairness."""

from coach.matching.cohort import Cohort
from coach.matching.engine import MatchResult, Suggestion, exclusion_reason, suggest
from coach.matching.solvers import RUN_SOLVERS, Solver, solver_for_run

__all__ = [
    "RUN_SOLVERS",
    "Cohort",
    "MatchResult",
    "Solver",
    "Suggestion",
    "exclusion_reason",
    "solver_for_run",
    "suggest",
]
