"""Goal coverage: does the judgement agree with a person on hand-labelled goal/skill pairs?

The pairs (``evals/data/coverage.jsonl``, source in ``evals/tools/coverage_pairs.py``) hold
real coverage in other words, hard negatives that share words but not a need, and
unrelated skills. The tuning split is what ``evals.tools.calibrate_coverage`` fitted on;
the held-out third is reported on its own and is what the thresholds judge. In the same
run the plain embedding is scored two ways: with the old fixed threshold (0.45), and with
the threshold that is best for it on the tuning split, so the gain is measured, not
claimed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from coach.matching.coverage import CoverageJudge
from evals.harness import CaseResult, EvalContext, Scored, Suite, Threshold, register

OLD_THRESHOLD = 0.45  # the plain-cosine rule that said "covers 0 of N goals" too often

# Builds the judge under test from the embed function; tests swap in a worse one.
JudgeFactory = Callable[[Callable[[list[str]], np.ndarray]], Any]


def _rates(chosen: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    tp = float((chosen & labels).sum())
    return tp / max(int(chosen.sum()), 1), tp / max(int(labels.sum()), 1)


@register
class CoverageSuite(Suite):
    name = "coverage"
    description = "Goal/skill coverage against hand labels; held-out third reported apart."
    cases_file = "coverage.jsonl"
    required_labels = ("goal", "skill", "covered", "kind", "split")
    thresholds = {  # noqa: RUF012
        "held_out_precision": Threshold(minimum=0.9, tolerance=0.03),
        "held_out_recall": Threshold(minimum=0.9, tolerance=0.03),
        "held_out_hard_negatives_judged_covered": Threshold(maximum=0.15, tolerance=0.05),
        "tune_precision": Threshold(tolerance=0.03),
        "tune_recall": Threshold(tolerance=0.03),
        "plain_cosine_0.45_held_out_precision": Threshold(tolerance=1.0),
        "plain_cosine_0.45_held_out_recall": Threshold(tolerance=1.0),
        "plain_cosine_best_held_out_precision": Threshold(tolerance=1.0),
        "plain_cosine_best_held_out_recall": Threshold(tolerance=1.0),
    }
    judge_factory: JudgeFactory = CoverageJudge

    def score(self, context: EvalContext, cases: list[dict[str, Any]]) -> Scored:
        embed = context.services.embedder.embed
        judge = type(self).judge_factory(embed)
        labels = np.array([bool(c["covered"]) for c in cases])
        held = np.array([c["split"] == "held_out" for c in cases])
        hard = np.array([c["kind"] == "hard_negative" for c in cases])
        verdicts = np.array([bool(judge.covered([c["goal"]], [c["skill"]])[0, 0]) for c in cases])
        goal_vectors = np.asarray(embed([c["goal"] for c in cases]))
        skill_vectors = np.asarray(embed([c["skill"] for c in cases]))
        cosine = (goal_vectors * skill_vectors).sum(axis=1)
        # The plain embedding's own best threshold, chosen on the tuning split only.
        best_t, best_f1 = OLD_THRESHOLD, -1.0
        for t in np.unique(cosine[~held]):
            p, r = _rates(cosine[~held] >= t, labels[~held])
            f1 = 2 * p * r / max(p + r, 1e-9)
            if f1 > best_f1:
                best_t, best_f1 = float(t), f1
        metrics: dict[str, float] = {}
        for split, mask in (("held_out", held), ("tune", ~held)):
            precision, recall = _rates(verdicts[mask], labels[mask])
            metrics[f"{split}_precision"] = precision
            metrics[f"{split}_recall"] = recall
        metrics["held_out_hard_negatives_judged_covered"] = float(verdicts[held & hard].mean())
        for label, threshold in (("0.45", OLD_THRESHOLD), ("best", best_t)):
            precision, recall = _rates(cosine[held] >= threshold, labels[held])
            metrics[f"plain_cosine_{label}_held_out_precision"] = precision
            metrics[f"plain_cosine_{label}_held_out_recall"] = recall
        results = [
            CaseResult(
                id=c["id"],
                passed=bool(v) == bool(c["covered"]),
                expected=c["covered"],
                got=bool(v),
                reason=""
                if bool(v) == bool(c["covered"])
                else f"{c['split']} {c['kind']}: {c['goal']} <- {c['skill']}",
            )
            for c, v in zip(cases, verdicts, strict=True)
        ]
        return Scored(
            metrics=metrics,
            cases=results,
            notes=[
                f"{int(held.sum())} held-out and {int((~held).sum())} tuning pairs; "
                f"plain cosine's best tuning threshold {best_t:.3f}."
            ],
        )
