"""``suggest``: from a cohort to pairing suggestions with reasons, audit and fairness.

Per mentee, the hard rules run against every mentor (so the audit counts every pair).
Large cohorts score only a shortlist of mentors per mentee (the nearest by mean goal and
mean skill vectors, in blocks), so memory and time grow far slower than mentees x mentors.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from coach.domain import Participant
from coach.matching.cohort import Cohort
from coach.matching.features import Explanation, Scorer, explain, weights_for
from coach.matching.rules import (
    ALLOWED,
    RULE_ORDER,
    RULE_TEXT,
    OverlapBlocks,
    Rule,
    RuleContext,
    rule_codes,
)
from coach.matching.solvers import Edges, Solver, solve

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


def _mean_unit(vectors: np.ndarray | None, dim: int) -> np.ndarray:
    if vectors is None or len(vectors) == 0:
        return np.zeros(dim, dtype=np.float32)
    mean = vectors.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return (mean / norm).astype(np.float32) if norm else mean.astype(np.float32)


def shortlists(cohort: Cohort, k: int) -> np.ndarray:
    """Top-k mentor columns per mentee by mean-goal x mean-skill similarity (blocked)."""
    dim = next(iter(cohort.goal_vectors.values())).shape[1]
    goals = np.stack([_mean_unit(cohort.goal_vectors.get(m.id), dim) for m in cohort.mentees])
    skills = np.stack([_mean_unit(cohort.skill_vectors.get(m.id), dim) for m in cohort.mentors])
    k = min(k, len(cohort.mentors))
    out = np.empty((len(cohort.mentees), k), dtype=np.int64)
    for start in range(0, len(goals), 1024):
        sims = goals[start : start + 1024] @ skills.T
        out[start : start + 1024] = np.argpartition(-sims, k - 1, axis=1)[:, :k]
    return out


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
    feature_weights = weights_for(cohort.programme, weights)
    context = RuleContext.build(cohort)
    scorer = Scorer(cohort, feature_weights)
    mentors = cohort.mentors
    capacity = [max(0, m.capacity - (taken or {}).get(m.id, 0)) for m in mentors]
    use_shortlist = shortlist_k is not None or len(mentors) > SHORTLIST_ABOVE
    short = shortlists(cohort, shortlist_k or SHORTLIST_K) if use_shortlist and mentors else None

    excluded: Counter[str] = Counter()
    eligible_count = np.zeros(len(mentors), dtype=np.int64)  # mentees each mentor may take
    mentee_rules: dict[int, Counter[str]] = {}
    # Per mentee: candidate columns (sorted), their feature arrays and common availability.
    # Dicts of parts are built only for the pairs finally chosen.
    scored: dict[int, tuple[np.ndarray, np.ndarray, dict[str, np.ndarray], np.ndarray]] = {}
    row_blocks, col_blocks, score_blocks, mentee_pref_blocks, mentor_pref_blocks = (
        [],
        [],
        [],
        [],
        [],
    )
    prefers = _mentor_preferences(cohort)
    overlaps = OverlapBlocks(cohort, context)
    for row, mentee in enumerate(cohort.mentees):
        codes, overlap = rule_codes(mentee, context, overlaps.row(row))
        counts = np.bincount(codes[codes != ALLOWED], minlength=len(RULE_ORDER))
        broken = Counter({RULE_ORDER[i].value: int(n) for i, n in enumerate(counts) if n})
        excluded.update(broken)
        mentee_rules[row] = broken
        allowed = np.flatnonzero(codes == ALLOWED)
        eligible_count[allowed] += 1
        if short is not None:
            allowed = np.intersect1d(allowed, short[row])
        if len(allowed) == 0:
            continue
        values, feature_values = scorer.score(mentee, allowed, overlap[allowed])
        scored[row] = (allowed, values, feature_values, overlap[allowed])
        wanted = np.zeros(len(mentors))
        for external_id in mentee.preferred_ids:
            column = context.mentors.index_of.get(external_id)
            if column is not None:
                wanted[column] = PREFERENCE_BONUS
        wanting = np.zeros(len(mentors))
        wanting[prefers.get(mentee.external_id, [])] = PREFERENCE_BONUS
        row_blocks.append(np.full(len(allowed), row, dtype=np.int64))
        col_blocks.append(allowed)
        score_blocks.append(values.astype(np.float64))
        mentee_pref_blocks.append(wanted[allowed])
        mentor_pref_blocks.append(wanting[allowed])

    def joined(blocks: list[np.ndarray], dtype: type) -> np.ndarray:
        return np.concatenate(blocks).astype(dtype) if blocks else np.zeros(0, dtype=dtype)

    edges = Edges(
        mentee=joined(row_blocks, np.int64),
        mentor=joined(col_blocks, np.int64),
        score=joined(score_blocks, np.float64),
        mentee_pref=joined(mentee_pref_blocks, np.float64),
        mentor_pref=joined(mentor_pref_blocks, np.float64),
    )
    pairs = solve(solver, edges, len(cohort.mentees), capacity)
    suggestions = []
    for mentee_row, mentor_column in pairs:
        mentee, mentor = cohort.mentees[mentee_row], mentors[mentor_column]
        allowed, values, feature_values, overlap_row = scored[mentee_row]
        position = int(np.searchsorted(allowed, mentor_column))
        pair_parts = {name: round(float(v[position]), 4) for name, v in feature_values.items()}
        suggestions.append(
            Suggestion(
                mentee_id=mentee.id,
                mentor_id=mentor.id,
                score=round(float(values[position]), 4),
                parts=pair_parts,
                explanation=explain(
                    cohort,
                    mentee,
                    mentor,
                    pair_parts,
                    int(overlap_row[position]),
                    float(values[position]),
                ),
            )
        )
    matched_rows = {row for row, _ in pairs}
    load = Counter(column for _, column in pairs)
    unmatched = _unmatched(cohort, matched_rows, mentee_rules, eligible_count, load, capacity)
    fairness = _fairness(cohort, suggestions)
    notes = []
    if short is not None:
        notes.append(
            f"Large cohort: each mentee was scored against their {short.shape[1]} nearest "
            "mentors by goals and skills; the rules were checked against every mentor."
        )
    return MatchResult(
        solver=solver,
        suggestions=suggestions,
        excluded=dict(sorted(excluded.items())),
        pairs_considered=len(cohort.mentees) * len(mentors),
        unmatched=unmatched,
        fairness=fairness,
        weights=feature_weights,
        shortlist=None if short is None else int(short.shape[1]),
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
                    f"{eligible} eligible mentor(s), all taken by better-scoring pairs",
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
            cause, detail = "spare_capacity", f"{spare} place(s) unused"
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
            everyone = [m for _, members in grouped for m in members]
            for group, members in grouped:
                inside = {m.id for m in members}
                rest = [m for m in everyone if m.id not in inside]
                rows.append(_row(role, dimension, group, members, rest, score_of))
    return rows


def _row(
    role: str,
    dimension: str,
    group: str,
    members: list[Participant],
    rest: list[Participant],
    score_of: dict[int, list[float]],
) -> FairnessRow:
    def rate(people: list[Participant]) -> float | None:
        return sum(1 for m in people if m.id in score_of) / len(people) if people else None

    def mean(people: list[Participant]) -> float | None:
        scores = [s for m in people for s in score_of.get(m.id, []) if s == s]  # not NaN
        return float(np.mean(scores)) if scores else None

    mine, theirs = rate(members), rate(rest)
    score, others = mean(members), mean(rest)
    gaps = []
    if mine is not None and theirs is not None and mine <= theirs - RATE_GAP:
        gaps.append(f"matched {mine:.0%} against {theirs:.0%} for the rest")
    if score is not None and others is not None and score <= others - SCORE_GAP:
        gaps.append(f"mean score {score:.2f} against {others:.2f} for the rest")
    return FairnessRow(
        role=role,
        dimension=dimension,
        group=group,
        people=len(members),
        matched=sum(1 for m in members if m.id in score_of),
        mean_score=round(score, 4) if score is not None else None,
        gap="; ".join(gaps) or None,
    )


def exclusion_reason(cohort: Cohort, mentee_id: int, mentor_id: int) -> Rule | None:
    """The rule that excludes this pair, or None if the pair is allowed."""
    mentee = next(m for m in cohort.mentees if m.id == mentee_id)
    column = next(i for i, m in enumerate(cohort.mentors) if m.id == mentor_id)
    codes, _ = rule_codes(mentee, RuleContext.build(cohort))
    code = int(codes[column])
    return None if code == ALLOWED else RULE_ORDER[code]
