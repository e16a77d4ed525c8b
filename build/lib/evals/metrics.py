"""Metric functions shared by the suites; each one's definition is in evals/README.md."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


def first_hit_rank(ranked: Sequence[str], expected: Iterable[str]) -> int | None:
    """1-based rank of the first expected item, or None when absent."""
    wanted = set(expected)
    return next((rank for rank, item in enumerate(ranked, start=1) if item in wanted), None)


def recall_at_k(ranks: Sequence[int | None], k: int) -> float:
    """Share of cases whose first expected item is within the top k."""
    return sum(1 for rank in ranks if rank is not None and rank <= k) / len(ranks) if ranks else 0.0


def mean_reciprocal_rank(ranks: Sequence[int | None]) -> float:
    return sum(1 / rank for rank in ranks if rank) / len(ranks) if ranks else 0.0


@dataclass(frozen=True)
class Span:
    start: int  # character offsets, end exclusive
    end: int
    label: str

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass
class SpanCounts:
    """Gold spans matched exactly, partially (overlap, or right place with the wrong label
    does not count), or missed; predicted spans that match no gold span are spurious."""

    exact: int = 0
    partial: int = 0
    missed: int = 0
    spurious: int = 0

    @property
    def gold(self) -> int:
        return self.exact + self.partial + self.missed

    def add(self, other: SpanCounts) -> None:
        self.exact += other.exact
        self.partial += other.partial
        self.missed += other.missed
        self.spurious += other.spurious

    # Partial matches earn half credit (the "partial" scheme of SemEval 2013 task 9): a
    # partly redacted name still leaks its other part, so it must not count as found.
    @property
    def recall(self) -> float:
        return (self.exact + 0.5 * self.partial) / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        predicted = self.exact + self.partial + self.spurious
        return (self.exact + 0.5 * self.partial) / predicted if predicted else 1.0

    def f_beta(self, beta: float = 2.0) -> float:
        p, r = self.precision, self.recall
        if p == 0 and r == 0:
            return 0.0
        b2 = beta * beta
        return (1 + b2) * p * r / (b2 * p + r)


def match_spans(gold: Sequence[Span], predicted: Sequence[Span]) -> SpanCounts:
    """Pair gold and predicted spans of the same label: exact first, then overlaps.

    Each predicted span is used for one gold span at most, so one wide prediction covering
    two names counts once, and the other name is missed (it was not separately found).
    """
    counts = SpanCounts()
    unused = list(predicted)
    pending = []
    for span in gold:
        exact = next(
            (p for p in unused if (p.start, p.end, p.label) == (span.start, span.end, span.label)),
            None,
        )
        if exact is not None:
            unused.remove(exact)
            counts.exact += 1
        else:
            pending.append(span)
    for span in pending:
        overlap = next((p for p in unused if p.label == span.label and p.overlaps(span)), None)
        if overlap is not None:
            unused.remove(overlap)
            counts.partial += 1
        else:
            counts.missed += 1
    counts.spurious = len(unused)
    return counts
