"""Choose ``ACTIVITY_FITS_GOAL`` on the tuning split of the labelled goal/topic set.

``python -m evals.tools.calibrate_activity_fit`` reads ``evals/data/activity_fit.jsonl``,
keeps the ``tune`` goals (the held-out third is never read here), scores each against
the library as session prep does, and prints, for every candidate threshold, the share of
decisions a person would accept: the right topic offered for a goal the library serves,
nothing offered for a goal it does not. The threshold with the most accepted decisions
(ties: the higher one, which offers less), for the product's scoring with the needs
outside the library (``knowledge/activities/outside.txt``) excluded, goes into
``coach/prep/activities.py`` by hand.
For comparison it prints the same for each single signal (the topic's description, its
phrases, its activities) so the choice of scoring is measured too.
"""

from __future__ import annotations

import json

import numpy as np

from coach.config import load_settings
from coach.knowledge import load_activities, load_outside
from coach.prep.activities import ActivityLibrary, _normalised
from coach.services import shared_embedder
from evals.harness import DATA_DIR


def decisions(
    scores: np.ndarray, topics: list[str], labels: list[list[str]], t: float
) -> dict[str, float]:
    """Accuracy, precision, recall and the share of unserved goals left general at ``t``."""
    best = scores.argmax(axis=1)
    top = scores.max(axis=1)
    offered = top >= t
    right = np.array([topics[b] in wanted for b, wanted in zip(best, labels, strict=True)])
    served = np.array([bool(wanted) for wanted in labels])
    correct = offered & right
    return {
        "accuracy": float((correct | (~served & ~offered)).mean()),
        "precision": float(correct.sum() / max(offered.sum(), 1)),
        "recall": float(correct.sum() / max(served.sum(), 1)),
        "unserved_left_general": float((~served & ~offered).sum() / max((~served).sum(), 1)),
        "ranked_right": float(right[served].mean()),
    }


def best_threshold(
    scores: np.ndarray, topics: list[str], labels: list[list[str]]
) -> tuple[float, dict[str, float]]:
    best_t, best = 0.0, {"accuracy": -1.0}
    for t in np.round(np.arange(0.2, 0.8, 0.01), 2):
        found = decisions(scores, topics, labels, float(t))
        if found["accuracy"] >= best["accuracy"]:  # ties: the higher threshold
            best_t, best = float(t), found
    return best_t, best


def main() -> None:
    rows = [json.loads(line) for line in (DATA_DIR / "activity_fit.jsonl").open(encoding="utf-8")]
    tune = [row for row in rows if row["split"] == "tune"]
    library = ActivityLibrary(load_activities(), shared_embedder(load_settings()).embed)
    topics = [t.topic for t in library.topics]
    labels = [row["topics"] for row in tune]
    goals = [row["goal"] for row in tune]
    g = _normalised(library.embed(goals))
    signals = {
        "description": g @ library._described.T,
        "phrases": np.stack([(g @ p.T).max(axis=1) for p in library._phrases], axis=1),
        "activities": np.stack([(g @ a.T).max(axis=1) for a in library._activities], axis=1),
        "product (mean of 2 closest)": library.scores(goals),
    }
    with_outside = ActivityLibrary(library.topics, library.embed, outside=load_outside())
    elsewhere = with_outside.outside_scores(goals)
    product = library.scores(goals)
    # Goals closer to a need outside the library get nothing, whatever the threshold.
    signals["product, outside needs excluded"] = np.where(
        (product.max(axis=1) > elsewhere)[:, None], product, 0.0
    )
    print(f"{len(tune)} tuning goals ({sum(not lab for lab in labels)} that no topic serves)")
    for name, scores in signals.items():
        t, found = best_threshold(scores, topics, labels)
        figures = ", ".join(f"{k} {v:.3f}" for k, v in found.items())
        print(f"{name:>22}: best threshold {t:.2f} -> {figures}")


if __name__ == "__main__":
    main()
