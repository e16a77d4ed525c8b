"""Reading feedback themes: the finder with all-mpnet-base-v2 against all-MiniLM-L6-v2.

Since the ninth round of issue 16 the theme finder reads with all-mpnet-base-v2, a model
about five times the size of the one behind the index (evals/README.md has what it gained).
This measures what that costs, both models in one run, each from a cold cache:
- loading the model, reading the catalogue's example vectors kept beside it (embedding
  them the first time: ``Embedder.embed_kept``) and training the classifier on them (what
  the first summary in a process pays once ``make install`` has kept them);
- ``ThemeFinder.find`` on the distinct sentences of the summaries eval's feedback sets
  (their parts, clauses and windows are what a summary embeds), as sentences a second;
- the ratio of the two, which is what to expect of a summary's theme reading.

    .venv/bin/python -m bench.themes                   # every distinct sentence (1,048)
    .venv/bin/python -m bench.themes --sentences 300
"""

from __future__ import annotations

import argparse
import json
import os
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.report import publish
from coach.config import load_settings
from coach.embeddings import KEPT_VECTORS_DIR, SentenceTransformerEmbedder, theme_model_path
from coach.feedback.themes import ThemeFinder, load_catalogue
from coach.privacy.disclosures import sentences

CASES = Path(__file__).resolve().parent.parent / "evals" / "data" / "summaries.jsonl"


def feedback_sentences(limit: int | None = None) -> list[str]:
    """The distinct sentences of the summaries eval's answers, in the order first seen."""
    seen: dict[str, None] = {}
    for line in CASES.read_text(encoding="utf-8").splitlines():
        for answer in json.loads(line)["answers"]:
            text = answer["text"].replace("{partner}", "[PERSON_1]")
            for start, end in sentences(text):
                seen.setdefault(text[start:end], None)
    found = list(seen)
    return found[:limit] if limit else found


def _measure(model_path: Path | None, said: list[str]) -> dict[str, float]:
    settings = load_settings()
    started = time.perf_counter()
    embedder = SentenceTransformerEmbedder(model_path, batch_size=settings.embedding_batch_size)
    finder = ThemeFinder(
        load_catalogue(),
        embedder.embed,
        embed_examples=lambda texts: embedder.embed_kept(texts, KEPT_VECTORS_DIR),
    )
    finder.find(["warm up the classifier"])  # the catalogue's vectors, and training on them
    ready = time.perf_counter() - started
    started = time.perf_counter()
    finder.find(said)
    reading = time.perf_counter() - started
    return {
        "ready_s": round(ready, 2),
        "read_s": round(reading, 2),
        "sentences_per_s": round(len(said) / reading, 1),
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=None)
    parser.add_argument("--output", type=Path, default=Path("reports/bench/themes.json"))
    args = parser.parse_args(argv)
    said = feedback_sentences(args.sentences)
    import sentence_transformers  # noqa: F401  (imported before either model is timed)

    index_model = _measure(load_settings().embedding_model_path, said)
    theme_model = _measure(load_settings().theme_model_path or theme_model_path(), said)
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "cores": os.cpu_count(),
        "sentences": len(said),
        "all-mpnet-base-v2 (shipped)": theme_model,
        "all-MiniLM-L6-v2 (baseline)": index_model,
        "reading_slowdown": round(theme_model["read_s"] / index_model["read_s"], 2),
        "ready_slowdown": round(theme_model["ready_s"] / index_model["ready_s"], 2),
    }
    return publish(report, args.output)


if __name__ == "__main__":
    main()
