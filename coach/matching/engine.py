"""``suggest``: from a cohort to pairing suggestions with reasons, audit and fairness.

Mentees are taken in blocks: for each block the hard rules run against every mentor (so
the audit counts every pair), and goal coverage and mutual benefit are one matrix product
each. Large cohorts then score in full only a shortlist of mentors per mentee (those who
cover the mentee's goals best), so the solver's edges and memory grow far slower than
mentees x mentors.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from threadpoolctl import threadpool_limits

from coach.domain import Participant
from coach.matching.cohort import Cohort
from coach.matching.features import FEATURES, Explanation, Scorer, explain, weights_for
from coach.matching.rules import (
    ALLOWED,
    RULE_ORDER,
    RULE_TEXT,
    Rule,
    RuleContext,
    rule_block,
    rule_codes,
)
from coach.matching.solvers import Edges, Solver, solve
from coach.numbers import counted

SHORTLIST_ABOVE = 2000  # score every allowed pair up to this many mentors
SHORTLIST_K = 50
PREFERENCE_BONUS = 0.1


@dataclass
class Suggestion:
    mentee_id: int
    mentor_id: int
    score: float
    parts: dict[str, float]
    explanation: Explanation

    @property
    def reasons(self) -> list[str]:
        return [*self.explanation.pros, *self.explanation.cons]


@dataclass
class Unmatched:
    participant_id: int
    role: str
    cause: str  # no_consent | no_eligible_mentor | capacity_exhausted | spare_capacity | ...
    detail: str


@dataclass
class FairnessRow:
    role: str
    dimension: str  # department | seniority | background
    group: str
    people: int
    matched: int
    mean_score: float | None
    gap: str | None = None  # why the group is flagged, when it is well below the rest

    @property
    def match_rate(self) -> float:
        return self.matched / self.people if self.people else 0.0


@dataclass
class MatchResult:
    solver: Solver
    suggestions: list[Suggestion]
    excluded: dict[str, int]  # rule -> number of pairs it excluded
    pairs_considered: int
    unmatched: list[Unmatched]
    fairness: list[FairnessRow]
    weights: dict[str, float]
    shortlist: int | None = None  # mentors scored per mentee, None when all were
    notes: list[str] = field(default_factory=list)

    @property
    def total_score(self) -> float:
        return float(sum(s.score for s in self.suggestions))


BLOCK = 256  # mentees scored together: one product per block, bounded memory


@dataclass
class _Blocks:
    """Arrays gathered block by block, joined once at the end."""

    arrays: dict[str, list[np.ndarray]] = field(default_factory=dict)

    def add(self, **named: np.ndarray) -> None:
        for name, values in named.items():
            self.arrays.setdefault(name, []).append(values)

    def joined(self, name: str, dtype: type) -> np.ndarray:
        blocks = self.arrays.get(name, [])
        return np.concatenate(blocks).astype(dtype, copy=False) if blocks else np.zeros(0, dtype)


@dataclass
class Candidates:
    """The candidate graph of a run: every pair the solver may choose (``edges``, ordered
    by mentee row, then mentor column), with what the run needs after solving. Of the
    parts of a pair's score only the two costly ones are kept; the others are recomputed
    for the pairs chosen."""

    edges: Edges
    overlap: np.ndarray  # per edge: common half-hour steps
    coverage: np.ndarray  # per edge: goal coverage part
    mutual: np.ndarray  # per edge: mutual benefit part
    rule_counts: np.ndarray  # (mentees, rules): pairs each rule excluded
    eligible_count: np.ndarray  # per mentor: mentees allowed with them
    capacity: list[int]  # per mentor: places left
    scorer: Scorer
    shortlist: int  # mentors scored per mentee, 0 when all allowed ones were

    def position(self, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
        """Where the edges (rows, columns) are in the edge arrays."""
        width = max(1, len(self.eligible_count))
        keys = self.edges.mentee * width + self.edges.mentor  # ascending, as built
        return np.searchsorted(keys, rows * width + columns)


def suggest(
    cohort: Cohort,
    solver: Solver = Solver.OPTIMAL,
    *,
    weights: dict[str, float] | None = None,
    taken: dict[int, int] | None = None,
    shortlist_k: int | None = None,
) -> MatchResult:
    """Suggest pairs for ``cohort``.

    ``taken`` maps mentor id -> places already used by approved pairs (a re-run for the
    unmatched); mentees of approved pairs are left out of ``cohort`` by the caller.
    """
    with blas_threads(cohort):
        graph = candidates(cohort, weights=weights, taken=taken, shortlist_k=shortlist_k)
        pairs = solve(solver, graph.edges, len(cohort.mentees), graph.capacity)
        return _result(cohort, solver, graph, pairs)


PARALLEL_ABOVE = 2000 * 2000  # pairs from which BLAS may use every core


def blas_threads(cohort: Cohort) -> threadpool_limits:
    """One BLAS thread for ordinary cohorts: their products are small, and threads that
    wait for a core another process holds cost far more than they save (measured in
    ``bench/matching.py``). Large cohorts keep every thread."""
    large = len(cohort.mentees) * len(cohort.mentors) >= PARALLEL_ABOVE
    return threadpool_limits(limits=None if large else 1, user_api="blas")


def candidates(
    cohort: Cohort,
    *,
    weights: dict[str, float] | None = None,
    taken: dict[int, int] | None = None,
    shortlist_k: int | None = None,
) -> Candidates:
    """Rules and scores of every pair, a block of mentees at a time."""
    feature_weights = weights_for(cohort.programme, weights)
    context = RuleContext.build(cohort)
    scorer = Scorer(cohort, feature_weights)
    mentors = cohort.mentors
    capacity = [max(0, m.capacity - (taken or {}).get(m.id, 0)) for m in mentors]
    use_shortlist = shortlist_k is not None or len(mentors) > SHORTLIST_ABOVE
    k = min(shortlist_k or SHORTLIST_K, len(mentors)) if use_shortlist else 0
    rules = len(RULE_ORDER)
    rule_counts = np.zeros((len(cohort.mentees), rules), dtype=np.int64)
    eligible_count = np.zeros(len(mentors), dtype=np.int64)
    found = _Blocks()
    prefers = _mentor_preferences(cohort)
    stated = bool(prefers) or any(m.preferred_ids for m in cohort.mentees)
    for start in range(0, len(cohort.mentees), BLOCK):
        block = cohort.mentees[start : start + BLOCK]
        codes, overlap = rule_block(block, context)
        # Per row, how many pairs each rule excluded: one count over (row, code) cells,
        # the allowed code (-1) shifted into a column of its own that is dropped.
        width = rules + 1
        cells = np.arange(len(block))[:, None] * width + (codes.astype(np.int64) + 1)
        rule_counts[start : start + len(block)] = np.bincount(
            cells.ravel(), minlength=len(block) * width
        ).reshape(len(block), width)[:, 1:]
        allowed = codes == ALLOWED
        eligible_count += np.count_nonzero(allowed, axis=0)
        if not allowed.any():
            continue
        coverage, mutual = scorer.coverage(block), scorer.mutual(block)
        if k:
            # Each mentee is scored in full against the k allowed mentors who cover their
            # goals best (and learn most from them), the bulk of the score.
            rank = np.where(
                allowed,
                feature_weights["goal_coverage"] * coverage
                + feature_weights["mutual_benefit"] * mutual,
                -np.inf,
            )
            nearest = np.argpartition(-rank, k - 1, axis=1)[:, :k]
            keep = np.zeros_like(allowed)
            np.put_along_axis(keep, nearest, True, axis=1)
            allowed &= keep
        # Flat positions of the allowed cells, row-major; one gather per array.
        flat = np.flatnonzero(allowed)
        rows, columns = np.divmod(flat, allowed.shape[1])
        steps, covers, learns = (a.ravel()[flat] for a in (overlap, coverage, mutual))
        if k:  # a few pairs per mentee: score just those
            values, _ = scorer.score_pairs(
                block, rows, columns, steps, coverage=covers, mutual=learns
            )
        else:  # nearly every pair: broadcasting beats gathering
            values = scorer.block_scores(block, overlap, coverage, mutual).ravel()[flat]
        found.add(
            rows=start + rows,
            columns=columns,
            scores=values,
            overlap=steps,
            coverage=covers,
            mutual=learns,
        )
        if stated:  # most runs have no stated preferences and skip this
            wanted: list[tuple[int, int]] = []
            wanting: list[tuple[int, int]] = []
            for row, mentee in enumerate(block):
                chosen = [context.mentors.index_of.get(e) for e in mentee.preferred_ids]
                wanted += [(start + row, c) for c in chosen if c is not None]
                wanting += [(start + row, c) for c in prefers.get(mentee.external_id, [])]
            found.add(
                wanted=_marks(wanted, start + rows, columns),
                wanting=_marks(wanting, start + rows, columns),
            )

    scores = found.joined("scores", np.float64)
    edges = Edges(
        mentee=found.joined("rows", np.int64),
        mentor=found.joined("columns", np.int64),
        score=scores,
        mentee_pref=PREFERENCE_BONUS * found.joined("wanted", np.float64)
        if stated
        else np.zeros(len(scores)),
        mentor_pref=PREFERENCE_BONUS * found.joined("wanting", np.float64)
        if stated
        else np.zeros(len(scores)),
    )
    return Candidates(
        edges=edges,
        overlap=found.joined("overlap", np.int64),
        coverage=found.joined("coverage", np.float64),
        mutual=found.joined("mutual", np.float64),
        rule_counts=rule_counts,
        eligible_count=eligible_count,
        capacity=capacity,
        scorer=scorer,
        shortlist=k,
    )


def _marks(pairs: list[tuple[int, int]], rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """1.0 for each edge (rows, columns) listed in ``pairs``, else 0.0."""
    marks = np.zeros(len(rows))
    if pairs:
        wanted = set(pairs)
        for position in np.flatnonzero(np.isin(rows, [r for r, _ in pairs])):
            if (int(rows[position]), int(columns[position])) in wanted:
                marks[position] = 1.0
    return marks


def _result(
    cohort: Cohort, solver: Solver, graph: Candidates, pairs: list[tuple[int, int]]
) -> MatchResult:
    mentors = cohort.mentors
    rows = np.array([row for row, _ in pairs], dtype=np.int64)
    columns = np.array([column for _, column in pairs], dtype=np.int64)
    at = graph.position(rows, columns)
    overlap = graph.overlap[at]
    values, parts = graph.scorer.score_pairs(
        [cohort.mentees[row] for row in rows],
        np.arange(len(pairs)),
        columns,
        overlap,
        coverage=graph.coverage[at],
        mutual=graph.mutual[at],
    )
    suggestions = []
    for i, (mentee_row, mentor_column) in enumerate(pairs):
        mentee, mentor = cohort.mentees[mentee_row], mentors[mentor_column]
        pair_parts = {name: round(float(parts[name][i]), 4) for name in FEATURES}
        score = float(values[i])
        suggestions.append(
            Suggestion(
                mentee_id=mentee.id,
                mentor_id=mentor.id,
                score=round(score, 4),
                parts=pair_parts,
                explanation=explain(cohort, mentee, mentor, pair_parts, int(overlap[i]), score),
            )
        )
    totals = graph.rule_counts.sum(axis=0)
    excluded = {RULE_ORDER[i].value: int(n) for i, n in enumerate(totals) if n}
    matched_rows = {row for row, _ in pairs}
    mentee_rules = {  # only the unmatched are explained
        row: Counter({RULE_ORDER[i].value: int(n) for i, n in enumerate(counts) if n})
        for row, counts in enumerate(graph.rule_counts)
        if row not in matched_rows
    }
    capacity, eligible_count = graph.capacity, graph.eligible_count
    load = Counter(column for _, column in pairs)
    unmatched = _unmatched(cohort, matched_rows, mentee_rules, eligible_count, load, capacity)
    fairness = _fairness(cohort, suggestions)
    notes = []
    if graph.shortlist:
        notes.append(
            f"Large cohort: each mentee was scored in full against the {graph.shortlist} "
            "allowed mentors who best cover their goals; the rules were checked against "
            "every mentor."
        )
    return MatchResult(
        solver=solver,
        suggestions=suggestions,
        excluded=dict(sorted(excluded.items())),
        pairs_considered=len(cohort.mentees) * len(mentors),
        unmatched=unmatched,
        fairness=fairness,
        weights=graph.scorer.weights,
        shortlist=graph.shortlist or None,
        notes=notes,
    )


def _unmatched(
    cohort: Cohort,
    matched_rows: set[int],
    mentee_rules: dict[int, Counter[str]],
    eligible_count: np.ndarray,
    load: Counter[int],
    capacity: list[int],
) -> list[Unmatched]:
    out = []
    n_mentors = len(cohort.mentors)
    for row, mentee in enumerate(cohort.mentees):
        if row in matched_rows:
            continue
        rules = mentee_rules.get(row, Counter())
        if not mentee.consent_matching:
            out.append(
                Unmatched(mentee.id, "mentee", "no_consent", "has not consented to be matched")
            )
        elif sum(rules.values()) >= n_mentors:
            top = ", ".join(
                f"{RULE_TEXT[Rule(rule)]} ({count})" for rule, count in rules.most_common(3)
            )
            out.append(
                Unmatched(
                    mentee.id, "mentee", "no_eligible_mentor", f"every mentor is excluded: {top}"
                )
            )
        else:
            eligible = n_mentors - sum(rules.values())
            out.append(
                Unmatched(
                    mentee.id,
                    "mentee",
                    "capacity_exhausted",
                    f"{counted(eligible, 'eligible mentor')}, all taken by better-scoring pairs",
                )
            )
    for column, mentor in enumerate(cohort.mentors):
        spare = capacity[column] - load[column]
        if spare <= 0:
            continue
        if not mentor.consent_matching:
            cause, detail = "no_consent", "has not consented to be matched"
        elif not eligible_count[column]:
            cause, detail = "no_eligible_mentee", "no mentee passes the rules with this mentor"
        else:
            cause, detail = "spare_capacity", f"{counted(spare, 'place')} unused"
        out.append(Unmatched(mentor.id, "mentor", cause, detail))
    return out


def _mentor_preferences(cohort: Cohort) -> dict[str, list[int]]:
    """Mentee external id -> mentor columns that named them as a preferred partner."""
    prefers: dict[str, list[int]] = {}
    for column, mentor in enumerate(cohort.mentors):
        for external_id in mentor.preferred_ids:
            prefers.setdefault(external_id, []).append(column)
    return prefers


def seniority_band(level: int) -> str:
    low = (level - 1) // 2 * 2 + 1
    return f"{low}-{low + 1}"


def _fairness(cohort: Cohort, suggestions: list[Suggestion]) -> list[FairnessRow]:
    return fairness_rows(
        cohort.mentees,
        cohort.mentors,
        [(s.mentee_id, s.mentor_id, s.score) for s in suggestions],
        cohort.programme.min_cohort_size,
    )


# A group is flagged when its match rate is this far below the rest of its role and
# dimension, or its mean score this far below theirs.
RATE_GAP = 0.2
SCORE_GAP = 0.1


def fairness_rows(
    mentees: Sequence[Participant],
    mentors: Sequence[Participant],
    pairs: Sequence[tuple[int, int, float | None]],
    minimum: int,
) -> list[FairnessRow]:
    """Match rate and mean score per group, each compared with the rest of its role and
    dimension; background only where people consented and only for groups of at least
    the programme's minimum cohort size."""
    score_of: dict[int, list[float]] = defaultdict(list)
    for mentee_id, mentor_id, score in pairs:
        for member in (mentee_id, mentor_id):
            score_of[member].append(float(score) if score is not None else float("nan"))
    rows: list[FairnessRow] = []
    for role, people in (("mentee", mentees), ("mentor", mentors)):
        dimensions: dict[str, dict[str, list[Participant]]] = {
            "department": defaultdict(list),
            "seniority": defaultdict(list),
            "background": defaultdict(list),
        }
        for person in people:
            dimensions["department"][person.department].append(person)
            dimensions["seniority"][seniority_band(person.seniority)].append(person)
            if person.consent_background and person.background:
                dimensions["background"][person.background.strip().lower()].append(person)
        for dimension, groups in dimensions.items():
            small: list[Participant] = []
            grouped: list[tuple[str, list[Participant]]] = []
            for group, members in sorted(groups.items()):
                if dimension == "background" and len(members) < minimum:
                    small.extend(members)
                    continue
                grouped.append((group, members))
            if small:
                grouped.append((f"groups under {minimum} people", small))
            if not grouped:
                continue
            # The rest of a group is everyone else in its role and dimension: the overall
            # tally minus the group's own.
            tallies = [
                (group, len(members), _tally(members, score_of)) for group, members in grouped
            ]
            overall = np.sum([tally for _, _, tally in tallies], axis=0)
            people_in = sum(size for _, size, _ in tallies)
            for group, size, tally in tallies:
                rows.append(
                    _row(role, dimension, group, size, tally, people_in - size, overall - tally)
                )
    return rows


def _tally(people: list[Participant], score_of: dict[int, list[float]]) -> np.ndarray:
    """People matched, the sum of their known scores and how many scores are known."""
    matched, total, count = 0, 0.0, 0
    for person in people:
        scores = score_of.get(person.id)
        if scores is not None:
            matched += 1
            known = [s for s in scores if s == s]  # not NaN
            total += sum(known)
            count += len(known)
    return np.array([matched, total, count], dtype=float)


def _row(
    role: str,
    dimension: str,
    group: str,
    size: int,
    tally: np.ndarray,
    rest_size: int,
    rest: np.ndarray,
) -> FairnessRow:
    """One group against the rest of its role and dimension (tallies from ``_tally``)."""
    mine = tally[0] / size if size else None
    theirs = rest[0] / rest_size if rest_size else None
    score = tally[1] / tally[2] if tally[2] else None
    others = rest[1] / rest[2] if rest[2] else None
    gaps = []
    if mine is not None and theirs is not None and mine <= theirs - RATE_GAP:
        gaps.append(f"matched {mine:.0%} against {theirs:.0%} for the rest")
    if score is not None and others is not None and score <= others - SCORE_GAP:
        gaps.append(f"mean score {score:.2f} against {others:.2f} for the rest")
    return FairnessRow(
        role=role,
        dimension=dimension,
        group=group,
        people=size,
        matched=int(tally[0]),
        mean_score=round(float(score), 4) if score is not None else None,
        gap="; ".join(gaps) or None,
    )


def exclusion_reason(cohort: Cohort, mentee_id: int, mentor_id: int) -> Rule | None:
    """The rule that excludes this pair, or None if the pair is allowed."""
    mentee = next(m for m in cohort.mentees if m.id == mentee_id)
    column = next(i for i, m in enumerate(cohort.mentors) if m.id == mentor_id)
    codes, _ = rule_codes(mentee, RuleContext.build(cohort))
    code = int(codes[column])
    return None if code == ALLOWED else RULE_ORDER[code]
