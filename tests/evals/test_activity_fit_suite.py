"""The activity-fit eval can fail: a keyword match, or the library without its threshold
and its list of needs it does not serve, do not pass it."""

import pytest

from coach.config import load_settings
from coach.prep.activities import ActivityLibrary
from coach.services import Services
from evals.harness import EvalContext, get_suite, run_suite
from evals.suites.activity_fit import ActivityFitSuite, KeywordMatch


def no_threshold(topics, embed, outside):
    """Always offer the closest topic: no goal is ever left general."""
    return ActivityLibrary(topics, embed, threshold=-1.0)


def keyword_match(topics, embed, outside):
    return KeywordMatch(topics, embed)


@pytest.mark.parametrize("worse", [no_threshold, keyword_match])
def test_a_worse_retrieval_fails_the_suite(worse, tmp_path, embedder, monkeypatch):
    monkeypatch.setattr(ActivityFitSuite, "library_factory", staticmethod(worse))
    services = Services(load_settings(data_dir=tmp_path / "data"), embedder=embedder)
    result = run_suite(get_suite("activity_fit"), EvalContext(services=services))
    failed = {m.name for m in result.metrics if not m.passed}
    assert failed & {
        "held_out_precision",
        "held_out_recall",
        "held_out_unserved_left_general",
    }, failed
    services.close()


def test_the_labelled_set_is_large_and_keeps_a_held_out_third():
    cases = get_suite("activity_fit").load_cases()
    assert len(cases) >= 200
    held = [c for c in cases if c["split"] == "held_out"]
    assert 0.3 <= len(held) / len(cases) <= 0.45
    assert sum(not c["topics"] for c in cases) >= 30  # goals no topic serves
