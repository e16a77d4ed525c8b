"""Fit the coverage judgement on the tuning split only and write its coefficients.

``python -m evals.tools.calibrate_coverage`` reads ``evals/data/coverage.jsonl``, keeps the
``tune`` pairs (the held-out third is never read here), computes the three signals of
``coach.matching.coverage`` for each pair, fits a logistic model (Newton's method, a
little L2 so the fit stays stable), chooses the threshold on predictions made with each
goal left out of its own fit (so the threshold is not chosen on pairs the model has
seen), and writes ``knowledge/topics/coverage_model.json``.
"""

from __future__ import annotations

import json

import numpy as np

from coach.config import load_settings
from coach.matching.coverage import SIGNALS, CoverageJudge, CoverageModel
from coach.services import shared_embedder
from evals.harness import DATA_DIR

L2 = 0.01


def fit(features: np.ndarray, labels: np.ndarray, iterations: int = 50) -> tuple[np.ndarray, float]:
    x = np.hstack([features, np.ones((len(features), 1))])
    w = np.zeros(x.shape[1])
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-(x @ w)))
        gradient = x.T @ (p - labels) + L2 * np.r_[w[:-1], 0]
        hessian = (x.T * (p * (1 - p))) @ x + L2 * np.diag(np.r_[np.ones(len(w) - 1), 0])
        w -= np.linalg.solve(hessian, gradient)
    return w[:-1], float(w[-1])


def best_threshold(scores: np.ndarray, labels: np.ndarray) -> tuple[float, float, float]:
    """The threshold with the best F1 (ties: the higher precision); with its P and R."""
    best = (0.5, 0.0, 0.0, -1.0)
    for t in np.unique(scores):
        chosen = scores >= t
        tp = float((chosen & labels).sum())
        precision = tp / max(chosen.sum(), 1)
        recall = tp / max(labels.sum(), 1)
        f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        if (f1, precision) > (best[3], best[1]):
            best = (float(t), precision, recall, f1)
    return best[0], best[1], best[2]


def main() -> None:
    rows = [json.loads(line) for line in (DATA_DIR / "coverage.jsonl").open(encoding="utf-8")]
    tune = [row for row in rows if row["split"] == "tune"]
    settings = load_settings()
    placeholder = CoverageModel((1.0, 0.0, 0.0), 0.0, 0.5)  # signals do not depend on it
    judge = CoverageJudge(shared_embedder(settings).embed, model=placeholder)
    features = np.array(
        [judge.signals([row["goal"]], [row["skill"]])[0, 0] for row in tune], dtype=np.float64
    )
    labels = np.array([row["covered"] for row in tune], dtype=bool)
    goals = np.array([row["goal"] for row in tune])
    held_out_scores = np.zeros(len(tune))
    for goal in np.unique(goals):
        mask = goals == goal
        w, b = fit(features[~mask], labels[~mask].astype(float))
        held_out_scores[mask] = 1 / (1 + np.exp(-(features[mask] @ w + b)))
    threshold, precision, recall = best_threshold(held_out_scores, labels)
    weights, bias = fit(features, labels.astype(float))
    model = CoverageModel(
        (float(weights[0]), float(weights[1]), float(weights[2])), bias, threshold
    )
    model.save(
        fitted_on=f"{len(tune)} tune pairs of evals/data/coverage.jsonl",
        threshold_chosen_with=f"each goal left out: precision {precision:.3f}, recall {recall:.3f}",
    )
    print(dict(zip(SIGNALS, model.weights, strict=True)), "bias", round(bias, 3))
    print(f"threshold {threshold:.3f}: precision {precision:.3f}, recall {recall:.3f} (tune, CV)")


if __name__ == "__main__":
    main()
