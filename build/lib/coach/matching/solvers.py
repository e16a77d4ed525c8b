"""Assignment over candidate edges (mentee, mentor, score), respecting mentor capacity.

- ``optimal``: the maximum total score (exact, on the candidate edges).
- ``participation``: as many mentees matched as possible, then the maximum total score.
- ``stable``: mentee-proposing deferred acceptance; no mentee and mentor would both rather
  be with each other than with whom they got.
- ``greedy``: best edge first; the baseline the benchmark compares against.

The exact solvers use scipy's sparse LAPJV (``min_weight_full_bipartite_matching``): each
mentor becomes as many columns as their capacity, and each mentee gets a private "stay
unmatched" column, so a full matching always exists and leaving someone unmatched is a
priced choice rather than a failure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from coach.errors import FieldProblem, InputValidationError


class Solver(StrEnum):
    OPTIMAL = "optimal"
    PARTICIPATION = "participation"
    STABLE = "stable"
    GREEDY = "greedy"  # a baseline for benchmarks and evals, never offered for a run


RUN_SOLVERS = (Solver.OPTIMAL, Solver.PARTICIPATION, Solver.STABLE)


def solver_for_run(name: str) -> Solver:
    """The solver a coordinator asked for, from the ones a run may use; the one check
    behind the API, the web form and the CLI."""
    allowed = ", ".join(s.value for s in RUN_SOLVERS)
    if name not in {s.value for s in RUN_SOLVERS}:
        raise InputValidationError(
            f"Unknown solver '{name[:40]}'.",
            [FieldProblem("solver", f"use {allowed}")],
            hint=f"choose {allowed}; nothing was changed.",
        )
    return Solver(name)


@dataclass(frozen=True)
class Edges:
    """Candidate pairs as parallel arrays (mentee row, mentor column, score, preference)."""

    mentee: np.ndarray
    mentor: np.ndarray
    score: np.ndarray
    # Tie-breaks for "stable" only: stated preferences lift a partner in the ranking.
    mentee_pref: np.ndarray
    mentor_pref: np.ndarray


def solve(
    solver: Solver, edges: Edges, n_mentees: int, capacity: Sequence[int]
) -> list[tuple[int, int]]:
    """(mentee row, mentor column) pairs chosen by ``solver``."""
    if len(edges.score) == 0 or n_mentees == 0:
        return []
    if solver is Solver.STABLE:
        return _stable(edges, n_mentees, capacity)
    if solver is Solver.GREEDY:
        return _greedy(edges, capacity)
    return _assignment(edges, n_mentees, capacity, favour_count=solver is Solver.PARTICIPATION)


def _assignment(
    edges: Edges, n_mentees: int, capacity: Sequence[int], *, favour_count: bool
) -> list[tuple[int, int]]:
    capacity_array = np.maximum(np.asarray(capacity, dtype=np.int64), 0)
    first_slot = np.concatenate([[0], np.cumsum(capacity_array)])
    slots = int(first_slot[-1])
    # Costs must be positive (the solver treats stored zeros as no edge): a match costs
    # 2 - score in [1, 2]; staying unmatched costs 2, so a match saves its score. To put
    # the count first, staying unmatched costs more than any set of scores can recover.
    unmatched_cost = 2.0 + (n_mentees + 1.0 if favour_count else 0.0)
    # Each edge is repeated once per place of its mentor (vectorised: no Python loop).
    copies = capacity_array[edges.mentor]
    if np.all(copies == 1):  # the common case needs no copies
        rows, cols, costs = edges.mentee, first_slot[edges.mentor], 2.0 - edges.score
    else:
        rows = np.repeat(edges.mentee, copies)
        within = np.arange(int(copies.sum())) - np.repeat(np.cumsum(copies) - copies, copies)
        cols = np.repeat(first_slot[edges.mentor], copies) + within
        costs = np.repeat(2.0 - edges.score, copies)
    # Laid out as CSR directly: edges come sorted by mentee row and then column, and each
    # row's own "stay unmatched" column (after every mentor place) goes at its end.
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=n_mentees) + 1)])
    real = np.arange(len(rows)) + rows  # row r's entries shift by the r extras before it
    extra = indptr[1:] - 1
    indices = np.empty(len(rows) + n_mentees, dtype=np.int64)
    data = np.empty(len(rows) + n_mentees)
    indices[real], data[real] = cols, costs
    indices[extra], data[extra] = slots + np.arange(n_mentees), unmatched_cost
    matrix = csr_matrix((data, indices, indptr), shape=(n_mentees, slots + n_mentees))
    matched_rows, matched_cols = min_weight_full_bipartite_matching(matrix)
    owner = np.searchsorted(first_slot, np.arange(slots), side="right") - 1
    return sorted(
        (int(r), int(owner[c]))
        for r, c in zip(matched_rows, matched_cols, strict=True)
        if c < slots
    )


def _greedy(edges: Edges, capacity: Sequence[int]) -> list[tuple[int, int]]:
    left = [int(c) for c in capacity]
    taken: set[int] = set()
    pairs = []
    for index in np.argsort(-edges.score, kind="stable"):
        mentee, mentor = int(edges.mentee[index]), int(edges.mentor[index])
        if mentee not in taken and left[mentor] > 0:
            taken.add(mentee)
            left[mentor] -= 1
            pairs.append((mentee, mentor))
    return sorted(pairs)


def _stable(edges: Edges, n_mentees: int, capacity: Sequence[int]) -> list[tuple[int, int]]:
    """Deferred acceptance with mentors holding up to their capacity (hospitals/residents)."""
    proposals: dict[int, list[int]] = {}
    mentor_rank: dict[tuple[int, int], float] = {}
    for i in range(len(edges.score)):
        mentee, mentor = int(edges.mentee[i]), int(edges.mentor[i])
        proposals.setdefault(mentee, []).append(i)
        mentor_rank[(mentor, mentee)] = float(edges.score[i] + edges.mentor_pref[i])
    for options in proposals.values():
        options.sort(key=lambda i: (-(edges.score[i] + edges.mentee_pref[i]), edges.mentor[i]))
    next_choice = dict.fromkeys(proposals, 0)
    held: dict[int, list[int]] = {}  # mentor -> mentees held
    free = sorted(proposals)
    while free:
        mentee = free.pop()
        options = proposals[mentee]
        if next_choice[mentee] >= len(options):
            continue  # rejected everywhere acceptable: stays unmatched
        edge = options[next_choice[mentee]]
        next_choice[mentee] += 1
        mentor = int(edges.mentor[edge])
        if capacity[mentor] <= 0:
            free.append(mentee)
            continue
        holding = held.setdefault(mentor, [])
        holding.append(mentee)
        if len(holding) > capacity[mentor]:
            # The mentor keeps their favourites; ties go to the lower mentee row.
            holding.sort(key=lambda m: (-mentor_rank[(mentor, m)], m))
            free.append(holding.pop())
    return sorted((mentee, mentor) for mentor, mentees in held.items() for mentee in mentees)


def blocking_pairs(
    edges: Edges, pairs: list[tuple[int, int]], capacity: Sequence[int]
) -> list[tuple[int, int]]:
    """Acceptable pairs that would both rather be together (empty for a stable result)."""
    partner = dict(pairs)
    load: dict[int, list[int]] = {}
    for mentee, mentor in pairs:
        load.setdefault(mentor, []).append(mentee)
    mentee_value = {
        (int(a), int(b)): float(s + p)
        for a, b, s, p in zip(
            edges.mentee, edges.mentor, edges.score, edges.mentee_pref, strict=True
        )
    }
    mentor_value = {
        (int(b), int(a)): float(s + p)
        for a, b, s, p in zip(
            edges.mentee, edges.mentor, edges.score, edges.mentor_pref, strict=True
        )
    }
    blocking = []
    for (mentee, mentor), value in mentee_value.items():
        if partner.get(mentee) == mentor:
            continue
        current = partner.get(mentee)
        mentee_wants = current is None or value > mentee_value[(mentee, current)] + 1e-12
        if not mentee_wants or capacity[mentor] <= 0:
            continue
        held = load.get(mentor, [])
        mentor_wants = len(held) < capacity[mentor] or any(
            mentor_value[(mentor, mentee)] > mentor_value[(mentor, other)] + 1e-12 for other in held
        )
        if mentor_wants:
            blocking.append((mentee, mentor))
    return blocking
