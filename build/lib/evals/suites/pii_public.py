"""A public PII benchmark: the project's redactor beside Presidio's default engine.

The texts (``evals/data/pii_public.jsonl``) come from presidio-research's data generator
under a fixed seed (``evals/tools/build_pii_public.py``). Both engines run in the same
process on the same texts: ours (``coach.privacy.redaction.Redactor``, no roster) and
Presidio's ``AnalyzerEngine`` as it ships (every predefined recogniser, default score
threshold) with the same spaCy model, its results replaced by Presidio's anonymizer.

Scoring is by leaks, as a reader of the redacted text would judge it: a labelled value
counts as found only if none of its words remain in the output (a word that also occurs
outside the labelled values of the text is allowed as often as it occurs there). The
other side: the share of the words outside labelled values that are kept.

Splits: templates whose id falls in a third by hash are held out (``held_out``); the rest
is ``tune``. Thresholds judge the held-out split; both are reported. Throughput (texts
per second, both engines, same run) is measured by ``bench/confidentiality.py``.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from coach.privacy.redaction import SPACY_MODEL, Redactor, offline_tldextract
from evals.harness import CaseResult, EvalContext, Scored, Suite, Threshold, register

# The generator's entity types that identify a person directly, with the bar each must
# reach on the held-out split (issue 15), besides never falling below Presidio's default.
TARGETS = {
    "PERSON": 0.9,
    "PHONE_NUMBER": 0.9,
    "EMAIL_ADDRESS": 1.0,
    "STREET_ADDRESS": 0.8,
    "CREDIT_CARD": 0.95,
    "IBAN_CODE": 0.95,
    "US_SSN": 0.95,
    "IP_ADDRESS": 0.95,
}
# Where a held-out figure is short of its target, the bar guards what was reached until
# the target holds. Every target holds since 2026-12-06 (PERSON 0.901, STREET 0.812).
GUARD: dict[str, float] = {}
DIRECT = (*TARGETS, "US_DRIVER_LICENSE", "DOMAIN_NAME")
WORD = re.compile(r"\w+")


def split_of(template_id: int | str) -> str:
    digest = int(hashlib.sha256(str(template_id).encode()).hexdigest(), 16)
    return "held_out" if digest % 3 == 0 else "tune"


@lru_cache(maxsize=1)
def presidio_default(spacy_model: str = SPACY_MODEL) -> tuple[Any, Any]:
    """Presidio's analyzer with its default recognisers and the same spaCy model."""
    offline_tldextract()
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_anonymizer import AnonymizerEngine

    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": spacy_model}],
        }
    )
    return AnalyzerEngine(nlp_engine=provider.create_engine()), AnonymizerEngine()


def presidio_redact(text: str) -> str:
    analyzer, anonymizer = presidio_default()
    results = analyzer.analyze(text=text, language="en")
    return str(anonymizer.anonymize(text=text, analyzer_results=results).text)


def our_engine() -> Callable[[str], str]:
    redactor = Redactor()
    return lambda text: redactor.redact(text).text


def _words(text: str) -> Counter[str]:
    return Counter(w.lower() for w in WORD.findall(text))


def leaks(case: dict[str, Any], output: str) -> tuple[list[bool], float, int]:
    """Per labelled span: was it found (no word left over)? And the words outside the
    labelled values: the share kept, and how many there were."""
    text = case["text"]
    spans = case["spans"]
    outside = text
    for span in sorted(spans, key=lambda s: -s["start"]):
        outside = outside[: span["start"]] + " " + outside[span["end"] :]
    allowed = _words(outside)
    left = _words(output)
    found = []
    for span in spans:
        words = _words(span["value"])
        found.append(all(left[w] <= allowed[w] for w in words))
    total = sum(allowed.values())
    kept = sum(min(left[w], n) for w, n in allowed.items())
    return found, (kept / total if total else 1.0), total


@register
class PiiPublicSuite(Suite):
    name = "pii_public"
    description = "presidio-research's synthetic PII texts: ours beside Presidio's default."
    cases_file = "pii_public.jsonl"
    required_labels = ("text", "spans", "template_id")
    thresholds = {  # noqa: RUF012
        **{
            f"held_out_recall/{t}": Threshold(minimum=GUARD.get(t, m), tolerance=0.02)
            for t, m in TARGETS.items()
            if t != "US_SSN"
        },
        # Social security numbers come from two templates, both in the tuning split.
        "tune_recall/US_SSN": Threshold(minimum=TARGETS["US_SSN"], tolerance=0.02),
        "held_out_words_kept": Threshold(minimum=0.9, tolerance=0.02),
        "held_out_types_below_presidio": Threshold(maximum=0, tolerance=0),
    }

    # Builds the redaction under test (text in, redacted text out); tests swap in worse.
    engine_factory: Callable[[], Callable[[str], str]] = staticmethod(our_engine)

    def score(self, context: EvalContext, cases: list[dict[str, Any]]) -> Scored:
        engines = {"ours": type(self).engine_factory(), "presidio": presidio_redact}
        outputs = {name: [run(case["text"]) for case in cases] for name, run in engines.items()}
        metrics: dict[str, float] = {}
        results: list[CaseResult] = []
        for split in ("held_out", "tune"):
            index = [i for i, c in enumerate(cases) if split_of(c["template_id"]) == split]
            for name in engines:
                found: Counter[str] = Counter()
                total: Counter[str] = Counter()
                kept_sum = 0.0
                words = 0
                for i in index:
                    hits, kept, count = leaks(cases[i], outputs[name][i])
                    for span, hit in zip(cases[i]["spans"], hits, strict=True):
                        total[span["type"]] += 1
                        found[span["type"]] += hit
                    kept_sum += kept * count
                    words += count
                    if name == "ours" and split == "held_out":
                        missed = [
                            s["value"]
                            for s, h in zip(cases[i]["spans"], hits, strict=True)
                            if not h and s["type"] in DIRECT
                        ]
                        if missed:
                            results.append(
                                CaseResult(
                                    id=cases[i]["id"],
                                    passed=False,
                                    expected=missed,
                                    got=outputs[name][i],
                                    reason="direct identifiers left in the text",
                                )
                            )
                prefix = split if name == "ours" else f"presidio_{split}"
                for kind in sorted(total):
                    metrics[f"{prefix}_recall/{kind}"] = found[kind] / total[kind]
                metrics[f"{prefix}_words_kept"] = kept_sum / words if words else 1.0
            metrics[f"{split}_types_below_presidio"] = float(
                sum(
                    metrics.get(f"{split}_recall/{kind}", 1.0)
                    < metrics.get(f"presidio_{split}_recall/{kind}", 0.0)
                    for kind in DIRECT
                )
            )
        return Scored(metrics, results)
