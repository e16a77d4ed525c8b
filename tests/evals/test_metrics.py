import pytest

from evals.metrics import (
    Span,
    first_hit_rank,
    match_spans,
    mean_reciprocal_rank,
    recall_at_k,
)


def test_ranking_metrics():
    assert first_hit_rank(["a", "b", "c"], ["c", "x"]) == 3
    assert first_hit_rank(["a"], ["z"]) is None
    ranks = [1, 3, None, 2]
    assert recall_at_k(ranks, 1) == 0.25
    assert recall_at_k(ranks, 3) == 0.75
    assert mean_reciprocal_rank(ranks) == pytest.approx((1 + 1 / 3 + 0 + 0.5) / 4)


def test_span_matching_counts_exact_partial_missed_and_spurious():
    gold = [
        Span(0, 10, "PERSON"),
        Span(20, 35, "EMAIL"),
        Span(40, 50, "PERSON"),
        Span(60, 70, "PHONE"),
    ]
    predicted = [
        Span(0, 10, "PERSON"),  # exact
        Span(20, 30, "EMAIL"),  # partial: half the email would still leak
        Span(40, 50, "EMAIL"),  # right place, wrong label: not a match
        Span(80, 90, "PERSON"),  # nothing there: spurious
    ]
    counts = match_spans(gold, predicted)
    assert (counts.exact, counts.partial, counts.missed, counts.spurious) == (1, 1, 2, 2)
    assert counts.recall == pytest.approx(1.5 / 4)
    assert counts.precision == pytest.approx(1.5 / 4)
    p, r = counts.precision, counts.recall
    assert counts.f_beta(2) == pytest.approx(5 * p * r / (4 * p + r))


def test_one_wide_prediction_cannot_cover_two_names():
    counts = match_spans([Span(0, 5, "PERSON"), Span(6, 11, "PERSON")], [Span(0, 11, "PERSON")])
    assert (counts.exact, counts.partial, counts.missed) == (0, 1, 1)


def test_nothing_to_find_and_nothing_found_is_perfect():
    counts = match_spans([], [])
    assert counts.recall == counts.precision == 1.0
