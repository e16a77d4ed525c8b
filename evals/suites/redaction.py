"""Redaction: labelled session notes and feedback -> what the redactor finds.

Cases (evals/data/redaction.jsonl, built from evals/data/source/redaction.txt) hold the
text and every identifier and disclosure labelled by character span, against the sample
programme's roster. Identifiers are matched whatever label the redactor gave them (a
roster name caught as a plain PERSON is still hidden); recall is per gold category,
precision per predicted label. Disclosures are matched as sentences, and their category
is scored separately. A partial overlap earns half credit (evals/README.md).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from coach.privacy.disclosures import MeaningCheck
from coach.privacy.redaction import IDENTIFIER_LABELS, Found, Redactor
from coach.roster import read_rows, validate_rows
from evals.harness import CaseResult, EvalContext, Scored, Suite, Threshold, register
from evals.metrics import Span, SpanCounts, match_spans

# The sample organisation's employee ids (COACH_EMPLOYEE_ID_PATTERN in a deployment).
SAMPLE_EMPLOYEE_ID = r"\bHV\d{4}\b"
CATEGORIES = (*IDENTIFIER_LABELS, "DISCLOSURE")
MUST_FIND = ("ROSTER", "EMAIL", "PHONE", "EMPLOYEE_ID")


def sample_redactor(knowledge_dir: Path, meaning: MeaningCheck | None = None) -> Redactor:
    roster = validate_rows(read_rows(knowledge_dir / "sample" / "roster.csv"))
    return Redactor(roster, employee_id_pattern=SAMPLE_EMPLOYEE_ID, meaning=meaning)


def _as(spans: list[Span], label: str) -> list[Span]:
    return [Span(s.start, s.end, label) for s in spans]


def score_case(
    gold: list[dict[str, Any]], found: list[Found]
) -> tuple[dict[str, SpanCounts], dict[str, SpanCounts], SpanCounts, int, int]:
    """Per gold category (recall), per predicted label (precision), overall, and the
    number of gold disclosures found with the right category / found at all."""
    gold_spans = {
        c: [Span(g["start"], g["end"], c) for g in gold if g["label"] == c] for c in CATEGORIES
    }
    predicted = {c: [Span(f.start, f.end, c) for f in found if f.label == c] for c in CATEGORIES}
    gold_ids = [s for c in IDENTIFIER_LABELS for s in _as(gold_spans[c], "ID")]
    pred_ids = [s for c in IDENTIFIER_LABELS for s in _as(predicted[c], "ID")]
    by_gold: dict[str, SpanCounts] = {}
    by_predicted: dict[str, SpanCounts] = {}
    for category in CATEGORIES:
        if category == "DISCLOSURE":
            by_gold[category] = match_spans(gold_spans[category], predicted[category])
            by_predicted[category] = by_gold[category]
            continue
        counts = match_spans(_as(gold_spans[category], "ID"), pred_ids)
        counts.spurious = 0  # spurious predictions are counted per predicted label
        by_gold[category] = counts
        own = match_spans(gold_ids, _as(predicted[category], "ID"))
        by_predicted[category] = SpanCounts(
            exact=own.exact, partial=own.partial, spurious=own.spurious
        )
    overall = match_spans(gold_ids, pred_ids)
    overall.add(by_gold["DISCLOSURE"])
    right = found_any = 0
    for g in gold:
        if g["label"] != "DISCLOSURE":
            continue
        hit = next(
            (
                f
                for f in found
                if f.label == "DISCLOSURE" and f.start < g["end"] and g["start"] < f.end
            ),
            None,
        )
        if hit is not None:
            found_any += 1
            right += hit.category == g["category"]
    return by_gold, by_predicted, overall, right, found_any


@register
class RedactionSuite(Suite):
    name = "redaction"
    description = "Span-labelled notes and feedback: recall per category, precision, F2."
    cases_file = "redaction.jsonl"
    required_labels = ("text", "spans")
    thresholds = {  # noqa: RUF012
        **{f"recall/{c}": Threshold(minimum=1.0, tolerance=0) for c in MUST_FIND},
        "recall/PERSON": Threshold(minimum=0.95, tolerance=0.02),
        "recall/DISCLOSURE": Threshold(minimum=0.9, tolerance=0.02),
        "recall/URL": Threshold(minimum=0.95, tolerance=0.02),
        "recall/ADDRESS": Threshold(minimum=0.95, tolerance=0.02),
        "precision": Threshold(minimum=0.85, tolerance=0.02),
        "recall": Threshold(minimum=0.95, tolerance=0.02),
        "f2": Threshold(minimum=0.9, tolerance=0.02),
        "disclosure_category_accuracy": Threshold(minimum=0.8, tolerance=0.05),
        "clean_texts_untouched": Threshold(minimum=0.8, tolerance=0.05),
        # The held-out split (issue 15 asks: every direct identifier, disclosures >= 0.9,
        # words that are neither kept >= 0.9). h001-h100 and h141-h240 were read after
        # their first measurement, h101-h140 and h241-h270 only as figures
        # (evals/README.md has each reading); the bars hold what the issue asks.
        "held_out_identifier_recall": Threshold(minimum=1.0, tolerance=0),
        "held_out_recall/DISCLOSURE": Threshold(minimum=0.9, tolerance=0.02),
        "held_out_words_kept": Threshold(minimum=0.9, tolerance=0.02),
    }

    def score(self, context: EvalContext, cases: list[dict[str, Any]]) -> Scored:
        # As the product redacts: patterns and meaning (Services.redactor).
        redactor = sample_redactor(
            context.services.settings.resolved_knowledge_dir,
            context.services.disclosure_meaning,
        )
        tune = [c for c in cases if split_of(c["id"]) == "tune"]
        held = [c for c in cases if split_of(c["id"]) == "held_out"]
        metrics, results, notes = _figures(redactor, tune, "")
        if held:
            held_metrics, held_results, held_notes = _figures(redactor, held, "held_out_")
            metrics.update(held_metrics)
            results += held_results
            notes += held_notes
        return Scored(metrics=metrics, cases=results, notes=notes)


def split_of(case_id: str) -> str:
    """Cases whose id starts with "h" were written after the redactor was tuned for
    issue 15 and were never used to tune it: the held-out split."""
    return "held_out" if case_id.startswith("h") else "tune"


WORD = re.compile(r"\w+")


def words_kept(text: str, spans: list[dict[str, Any]], redacted: str) -> tuple[int, int]:
    """Of the words outside every labelled span, how many are still in the redacted
    text (counted per word, as often as they occur outside the spans)."""
    outside = text
    for span in sorted(spans, key=lambda s: -s["start"]):
        outside = outside[: span["start"]] + " " + outside[span["end"] :]
    allowed = Counter(w.lower() for w in WORD.findall(outside))
    left = Counter(w.lower() for w in WORD.findall(redacted))
    return sum(min(left[w], n) for w, n in allowed.items()), sum(allowed.values())


def _figures(
    redactor: Redactor, cases: list[dict[str, Any]], prefix: str
) -> tuple[dict[str, float], list[CaseResult], list[str]]:
    by_gold = {c: SpanCounts() for c in CATEGORIES}
    by_predicted = {c: SpanCounts() for c in CATEGORIES}
    overall = SpanCounts()
    ids = SpanCounts()
    right = found_any = clean = clean_total = kept = words = 0
    results: list[CaseResult] = []
    for case in cases:
        found = redactor.find(case["text"])
        gold_c, pred_c, case_overall, r, f = score_case(case["spans"], found)
        for c in CATEGORIES:
            by_gold[c].add(gold_c[c])
            by_predicted[c].add(pred_c[c])
            if c != "DISCLOSURE":
                ids.add(gold_c[c])
        overall.add(case_overall)
        right, found_any = right + r, found_any + f
        k, n = words_kept(case["text"], case["spans"], redactor.redact(case["text"]).text)
        kept, words = kept + k, words + n
        if not case["spans"]:
            clean_total += 1
            clean += not found
        passed = (
            case_overall.missed == 0 and case_overall.partial == 0 and not case_overall.spurious
        )
        results.append(
            CaseResult(
                id=case["id"],
                passed=passed,
                expected=[f"{s['label']}: {s['text']}" for s in case["spans"]],
                got=[f"{f.label}: {f.text}" for f in found],
                reason=""
                if passed
                else f"missed {case_overall.missed}, partial {case_overall.partial}, "
                f"spurious {case_overall.spurious}",
            )
        )
    metrics: dict[str, float] = {}
    for c in CATEGORIES:
        if by_gold[c].gold:
            metrics[f"{prefix}recall/{c}"] = by_gold[c].recall
        if by_predicted[c].exact + by_predicted[c].partial + by_predicted[c].spurious:
            metrics[f"{prefix}precision/{c}"] = by_predicted[c].precision
    metrics.update(
        {
            f"{prefix}recall": overall.recall,
            f"{prefix}precision": overall.precision,
            f"{prefix}f2": overall.f_beta(2.0),
            f"{prefix}identifier_recall": ids.recall,
            f"{prefix}disclosure_category_accuracy": right / found_any if found_any else 1.0,
            f"{prefix}clean_texts_untouched": clean / clean_total if clean_total else 1.0,
            f"{prefix}words_kept": kept / words if words else 1.0,
        }
    )
    gold_total = sum(by_gold[c].gold for c in CATEGORIES)
    notes = [
        f"{prefix or 'tune '}{len(cases)} texts, {gold_total} labelled spans "
        + ", ".join(f"{c} {by_gold[c].gold}" for c in CATEGORIES if by_gold[c].gold),
    ]
    return metrics, results, notes
