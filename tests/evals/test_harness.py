import json

import pytest

from coach.errors import CoachError, InputValidationError
from evals.harness import (
    CaseResult,
    EvalContext,
    Scored,
    Suite,
    Threshold,
    get_suite,
    judge_metric,
    read_baseline,
    run_suite,
    write_baseline,
)
from evals.report import write_report


class CountingSuite(Suite):
    """A deterministic suite: its 'accuracy' is the share of cases labelled ok."""

    name = "counting"
    description = "test suite"
    required_labels = ("ok",)
    thresholds = {"accuracy": Threshold(minimum=0.5, tolerance=0.05)}  # noqa: RUF012

    def score(self, context, cases):
        results = [
            CaseResult(
                c["id"],
                c["ok"],
                expected="ok",
                got="ok" if c["ok"] else "<b>bad</b>",
                reason="" if c["ok"] else "labelled not ok",
            )
            for c in cases
        ]
        return Scored({"accuracy": sum(c["ok"] for c in cases) / len(cases)}, results)


def cases(ok: int, bad: int):
    return [{"id": f"c{i}", "ok": i < ok} for i in range(ok + bad)]


def test_thresholds_and_baseline_regressions(tmp_path):
    context = EvalContext(services=None)
    good = run_suite(CountingSuite(), context, cases=cases(9, 1), baselines_dir=tmp_path)
    assert good.passed and good.metrics[0].baseline is None
    write_baseline(good, tmp_path)
    assert read_baseline("counting", tmp_path) == {"accuracy": 0.9}
    # 0.8 is above the 0.5 threshold but 0.1 below the baseline: the run fails
    worse = run_suite(CountingSuite(), context, cases=cases(8, 2), baselines_dir=tmp_path)
    [metric] = worse.metrics
    assert not worse.passed
    assert metric.change == pytest.approx(-0.1)
    assert "regressed by 0.1000" in metric.problems[0]
    # within tolerance is fine; below the threshold fails on its own
    assert run_suite(CountingSuite(), context, cases=cases(17, 3), baselines_dir=tmp_path).passed
    low = run_suite(CountingSuite(), context, cases=cases(1, 3), baselines_dir=tmp_path)
    assert "below threshold 0.5" in low.metrics[0].problems


def test_lower_is_better_metrics():
    threshold = Threshold(maximum=0, tolerance=0)
    assert judge_metric("leaks", 0, threshold, None).passed
    assert judge_metric("leaks", 1, threshold, 0).problems == [
        "above threshold 0",
        "regressed by 1.0000 against baseline 0 (tolerance 0)",
    ]


def test_case_files_are_validated(tmp_path):
    path = tmp_path / "cases.jsonl"
    path.write_text('{"id": "a", "ok": true}\n{"id": "a", "ok": false}\n{"ok": true}\nnot json\n')
    with pytest.raises(InputValidationError) as caught:
        CountingSuite().load_cases(path)
    problems = {(p.row, p.field) for p in caught.value.problems}
    assert problems == {(2, "id"), (3, "id"), (4, "line")}


def test_unknown_suite_lists_the_known_ones():
    with pytest.raises(CoachError, match=r"known suites: .*retrieval"):
        get_suite("nope")


def test_report_shows_failed_cases_safely(tmp_path):
    result = run_suite(
        CountingSuite(), EvalContext(services=None), cases=cases(2, 1), baselines_dir=tmp_path
    )
    json_path, html_path = write_report([result], tmp_path / "out", "offline")
    data = json.loads(json_path.read_text())
    assert data["passed"] is True
    assert data["suites"][0]["cases"][2] == {
        "id": "c2",
        "passed": False,
        "expected": "ok",
        "got": "<b>bad</b>",
        "reason": "labelled not ok",
    }
    html = html_path.read_text()
    assert "labelled not ok" in html and "&lt;b&gt;bad" in html and "<b>bad" not in html
    assert "<link" not in html and "<script src" not in html  # self-contained
