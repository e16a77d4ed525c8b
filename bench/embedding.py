"""Embedding throughput for 10,000 participant texts, and re-indexing an unchanged roster.

Texts are goals and skills phrased like the sample roster's (short, 4-14 words), made
distinct by combining verbs, topics and contexts. Measured in one run:
- the product path: ``Embedder.embed`` (length-sorted batches) on all texts, cold cache;
- baseline: the same model on the first 2,000 texts in input order, unsorted batches of
  the same size (what a plain loop over the model would do);
- indexing a roster of those texts into an embedded Chroma from cold, then syncing the
  same roster again (nothing changed: nothing may be embedded or written), as a ratio.

The ONNX backend is measured by bench/embedding_onnx.py in an environment of its own:
its extra pins older sentence-transformers and transformers (see docs/performance.md).

    .venv/bin/python -m bench.embedding                    # 10,000 texts
    .venv/bin/python -m bench.embedding --texts 1000
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.corpus import texts
from bench.report import publish
from coach.config import load_settings
from coach.domain import ParticipantIn, Role
from coach.embeddings import SentenceTransformerEmbedder
from coach.index import Index


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=10_000)
    parser.add_argument("--baseline-texts", type=int, default=2000)
    parser.add_argument("--output", type=Path, default=Path("reports/bench/embedding.json"))
    args = parser.parse_args(argv)
    corpus = texts(args.texts)
    settings = load_settings()
    embedder = SentenceTransformerEmbedder(
        settings.embedding_model_path, batch_size=settings.embedding_batch_size
    )
    embedder._embed_batch(["warm up the model"])

    subset = corpus[: args.baseline_texts]
    started = time.perf_counter()
    for start in range(0, len(subset), embedder.batch_size):
        embedder._embed_batch(subset[start : start + embedder.batch_size])
    baseline = time.perf_counter() - started

    started = time.perf_counter()
    embedder.embed(corpus)
    product = time.perf_counter() - started

    # Indexing: a fresh embedder (cold cache) and an embedded Chroma from empty.
    people = [
        ParticipantIn(
            external_id=f"E{i:05d}",
            name=f"Person {i}",
            email=f"p{i}@bench.example",
            role=Role.MENTEE if i % 2 else Role.MENTOR,
            seniority=8 if i % 2 else 2,
            department="Claims",
            goals=[corpus[2 * i]],
            skills=[corpus[2 * i + 1]],
        )
        for i in range(len(corpus) // 2)
    ]
    roster = [
        # Index.sync_participants reads ids and texts from full participant records.
        _as_participant(person, i)
        for i, person in enumerate(people)
    ]
    with tempfile.TemporaryDirectory() as folder:
        fresh = SentenceTransformerEmbedder(
            settings.embedding_model_path, batch_size=settings.embedding_batch_size
        )
        index = Index.from_settings(load_settings(data_dir=Path(folder)), fresh)
        started = time.perf_counter()
        cold_report = index.sync_participants(1, roster)
        cold = time.perf_counter() - started
        started = time.perf_counter()
        warm_report = index.sync_participants(1, roster)
        warm = time.perf_counter() - started
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "cores": os.cpu_count(),
        "texts": len(corpus),
        "texts_per_s": round(len(corpus) / product, 1),
        "baseline_texts": len(subset),
        "baseline_texts_per_s": round(len(subset) / baseline, 1),
        "speed_vs_baseline": round((len(corpus) / product) / (len(subset) / baseline), 2),
        "index_cold_s": round(cold, 2),
        "index_unchanged_s": round(warm, 3),
        "unchanged_speedup": round(cold / warm, 1),
        "cold_added": cold_report.added,
        "unchanged_added": warm_report.added,
        "onnx": "see bench/embedding_onnx.py (make bench-onnx): its own environment",
    }
    return publish(report, args.output)


def _as_participant(person: ParticipantIn, number: int) -> Any:
    from coach.domain import Participant

    return Participant(
        **person.model_dump(), id=number + 1, programme_id=1, updated_at=datetime.now(UTC)
    )


if __name__ == "__main__":
    main()
