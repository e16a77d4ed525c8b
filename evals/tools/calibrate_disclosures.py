"""Choose ``DISCLOSURE_SIMILARITY`` on the redaction eval's tuning split.

``python -m evals.tools.calibrate_disclosures`` reads ``evals/data/redaction.jsonl``,
keeps the tuning texts (the held-out ``h`` texts are never read), and takes every
sentence that names a person and that the patterns do not already catch. Each is scored
by ``MeaningCheck`` against the written examples; a sentence is a true disclosure when it
overlaps a labelled one. The patterns were tuned on these texts, so they leave almost no
disclosure for the meaning check: the written examples themselves are added as
disclosures, each scored against the others (left out of its own comparison). It prints
precision and recall per candidate threshold, and picks the one with the most recall
whose precision reaches 0.85, and of equal recalls the most precise: a sentence hidden
wrongly takes away what readers came for, so precision comes first.

Plain feedback is the other side: the tuning sentences of the summaries eval
(``evals/tools/feedback_sentences.py``, held-out ones never read) name a person and
disclose nothing, so each one hidden counts against precision too.
"""

from __future__ import annotations

import json

import numpy as np

from coach.config import load_settings
from coach.privacy.disclosures import _ANCHOR, classify, sentences
from coach.services import Services
from evals.harness import DATA_DIR
from evals.suites.redaction import split_of
from evals.tools import feedback_sentences

PRECISION_FIRST = 0.85


def main() -> None:
    rows = [json.loads(line) for line in (DATA_DIR / "redaction.jsonl").open(encoding="utf-8")]
    tune = [row for row in rows if split_of(row["id"]) == "tune"]
    texts: list[str] = []
    labels: list[bool] = []
    for row in tune:
        gold = [s for s in row["spans"] if s["label"] == "DISCLOSURE"]
        for start, end in sentences(row["text"]):
            sentence = row["text"][start:end]
            if classify(sentence) is not None or not _ANCHOR.search(sentence):
                continue
            texts.append(sentence)
            labels.append(any(g["start"] < end and start < g["end"] for g in gold))
    for items in feedback_sentences.BY_THEME.values():
        for index, sentence in enumerate(items):
            tune_ = feedback_sentences.split_of(index) == "tune"
            if tune_ and _ANCHOR.search(sentence) and classify(sentence) is None:
                texts.append(sentence)
                labels.append(False)
    check = Services(load_settings()).disclosure_meaning  # as the product builds it
    scored = check.scores(texts)
    # The written examples, each against the others.
    names, examples, topics, _ = check._table
    near = examples @ examples.T
    np.fill_diagonal(near, -1.0)
    topic = (examples @ topics.T).max(axis=1)
    for i in range(len(names)):
        j = int(near[i].argmax())
        scored.append((names[j], float(near[i, j]), float(topic[i])))
        labels.append(True)
    truth = np.array(labels)
    print(f"{len(texts)} candidate sentences, {int(truth.sum())} of them disclosures")
    best = (1.0, -1.0, -1.0)  # threshold, recall, precision
    for t in np.round(np.arange(0.3, 0.8, 0.01), 2):
        chosen = np.array([score >= t and score > topic for _, score, topic in scored])
        tp = float((chosen & truth).sum())
        precision = tp / max(int(chosen.sum()), 1)
        recall = tp / max(int(truth.sum()), 1)
        hidden = int(chosen.sum())
        print(f"{t:.2f}: precision {precision:.2f}, recall {recall:.2f}, hidden {hidden}")
        # The most recall at the precision bar; between equal recalls, more precision.
        if precision >= PRECISION_FIRST and (recall, precision) > best[1:]:
            best = (float(t), recall, precision)
    print(f"most recall with precision >= {PRECISION_FIRST} (then most precision): {best[0]:.2f}")


if __name__ == "__main__":
    main()
