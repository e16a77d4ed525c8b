"""Redaction throughput and the time to summarise 1,000 feedback answers.

On the public PII benchmark (``evals/data/pii_public.jsonl``), our redactor and
Presidio's default engine (same spaCy model) redact the same texts in the same run;
the report gives both rates and their ratio (issue 15 asks for at least 1.0).

Texts are the redaction eval's notes and feedback (written for this project), cycled to
the requested count. In the same run, the baseline is spaCy's pipeline alone on the same
texts (what any name finder pays), so redaction is reported as a ratio against it. The
summary is timed end to end on a throwaway store with one answer per person (redaction,
embedding, clustering, composing, leak check), against redacting the same answers alone.

    .venv/bin/python -m bench.confidentiality              # 1,000 texts and answers
    .venv/bin/python -m bench.confidentiality --texts 200 --answers 200
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from datetime import UTC, datetime
from itertools import cycle, islice
from pathlib import Path
from typing import Any

from bench.report import publish
from bench.synthetic import approved_pairs
from coach.config import load_settings
from coach.domain import FeedbackIn, FeedbackStage, ProgrammeIn
from coach.feedback import submit_feedback, summarise_feedback
from coach.privacy.redaction import _engines
from coach.services import Services
from evals.harness import DATA_DIR
from evals.suites.redaction import sample_redactor


def eval_texts(count: int) -> list[str]:
    lines = (DATA_DIR / "redaction.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in lines if line.strip()]
    return list(islice(cycle(texts), count))


def redaction(count: int, knowledge: Path) -> dict[str, Any]:
    texts = eval_texts(count)
    redactor = sample_redactor(knowledge)
    analyzer, _ = _engines()
    redactor.redact(texts[0])  # load the model outside the timings
    started = time.perf_counter()
    for text in texts:
        analyzer.nlp_engine.process_text(text, "en")
    baseline = time.perf_counter() - started
    started = time.perf_counter()
    found = sum(len(redactor.redact(text).found) for text in texts)
    elapsed = time.perf_counter() - started
    return {
        "texts": count,
        "texts_per_s": round(count / elapsed, 1),
        "spacy_only_texts_per_s": round(count / baseline, 1),
        "time_vs_spacy_only": round(elapsed / baseline, 2),
        "spans_found": found,
    }


ROUNDS = 20


def against_presidio(count: int) -> dict[str, Any]:
    """Texts per second of ours and of Presidio's default engine, public texts."""
    from evals.suites.pii_public import presidio_redact

    lines = (DATA_DIR / "pii_public.jsonl").read_text(encoding="utf-8").splitlines()
    texts = list(islice(cycle(json.loads(line)["text"] for line in lines if line), count))
    from coach.privacy.redaction import Redactor

    redactor = Redactor()
    for text in texts[:20]:  # models and word lists load outside the timings
        redactor.redact(text)
        presidio_redact(text)
    # The two take turns over slices of the texts, so a slow spell of a shared machine
    # falls on both alike instead of on whichever ran second.
    presidio = ours = 0.0
    step = max(len(texts) // ROUNDS, 1)
    for at in range(0, len(texts), step):
        part = texts[at : at + step]
        started = time.perf_counter()
        for text in part:
            presidio_redact(text)
        presidio += time.perf_counter() - started
        started = time.perf_counter()
        for text in part:
            redactor.redact(text)
        ours += time.perf_counter() - started
    return {
        "texts": count,
        "texts_per_s": round(count / ours, 1),
        "presidio_default_texts_per_s": round(count / presidio, 1),
        "speed_vs_presidio_default": round(presidio / ours, 2),
    }


def summary(answers: int) -> dict[str, Any]:
    texts = eval_texts(answers)
    with tempfile.TemporaryDirectory() as folder:
        services = Services(load_settings(data_dir=Path(folder)))
        store = services.store
        store.migrate()
        programme = store.programmes.create_programme(
            ProgrammeIn(slug="bench-summary", name="Summary")
        )
        authors = [
            (pairing_id, person)
            for pairing_id, mentor, mentee in approved_pairs(
                store, programme.id, (answers + 1) // 2
            )
            for person in (mentor, mentee)
        ]
        for (pairing_id, author), text in zip(authors, texts, strict=False):
            submit_feedback(
                services,
                programme.id,
                author,
                FeedbackIn(
                    pairing_id=pairing_id,
                    stage=FeedbackStage.CLOSING,
                    usefulness=4,
                    pairing_fit=4,
                    text=text,
                    consent_to_quote=author.id % 3 == 0,
                ),
            )
        services.embedder.embed(["warm up"])  # the model loads outside the timings
        redactor = services.redactor(programme.id)
        started = time.perf_counter()
        for text in texts:
            redactor.redact(text)
        baseline = time.perf_counter() - started
        started = time.perf_counter()
        result = summarise_feedback(services, programme.id, FeedbackStage.CLOSING)
        elapsed = time.perf_counter() - started
        services.close()
    return {
        "answers": answers,
        "seconds": round(elapsed, 2),
        "redaction_only_seconds": round(baseline, 2),
        "time_vs_redaction_only": round(elapsed / baseline, 2),
        "themes": len(result.themes),
        "leaks_redacted": result.leaks_redacted,
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=1000)
    parser.add_argument("--answers", type=int, default=1000)
    parser.add_argument("--output", type=Path, default=Path("reports/bench/confidentiality.json"))
    args = parser.parse_args(argv)
    knowledge = load_settings().resolved_knowledge_dir
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "cores": os.cpu_count(),
        "redaction": redaction(args.texts, knowledge),
        "public_texts_vs_presidio": against_presidio(args.texts),
        "summary": summary(args.answers),
    }
    return publish(report, args.output)


if __name__ == "__main__":
    main()
