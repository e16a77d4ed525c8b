"""Pairing suggestions: features, hard rules, solvers, explanations, audit and fairness."""

from coach.matching.cohort import Cohort
from coach.matching.engine import MatchResult, Suggestion, exclusion_reason, suggest
from coach.matching.solvers import Solver

__all__ = ["Cohort", "MatchResult", "Solver", "Suggestion", "exclusion_reason", "suggest"]
