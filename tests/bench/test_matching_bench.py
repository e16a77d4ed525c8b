"""The benchmark's own code stays runnable (timings are reported, never asserted)."""

from bench.matching import measure, synthetic_cohort


def test_synthetic_cohort_and_measure_run_small():
    cohort = synthetic_cohort(30)
    assert len(cohort.mentees) == len(cohort.mentors) == 30
    row = measure(30)
    assert row["optimal_pairs"] >= row["greedy_pairs"] * 0.9
    assert row["score_ratio"] is not None and row["score_ratio"] >= 1.0 - 1e-9
