"""Every registered offline suite, run through the real runner against stored baselines.

This is how CI runs the evals: a threshold broken, or a drop against the baseline beyond
a metric's tolerance, fails the suite.
"""

import pytest

from coach.config import load_settings
from coach.services import Services
from evals.harness import EvalContext, get_suite, known_suites, read_baseline, run_suite


@pytest.mark.parametrize("name", known_suites())
def test_offline_suite_meets_thresholds_and_baseline(name, tmp_path, embedder):
    services = Services(load_settings(data_dir=tmp_path / "data"), embedder=embedder)
    result = run_suite(get_suite(name), EvalContext(services=services))
    assert read_baseline(name), f"no baseline stored for {name}: run `coach eval --update-baseline`"
    failures = {m.name: m.problems for m in result.metrics if not m.passed}
    assert result.passed, failures
    services.close()


def test_the_retrieval_suite_is_large_enough():
    cases = get_suite("retrieval").load_cases()
    assert len(cases) >= 30
