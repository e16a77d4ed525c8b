"""Write ``evals/data/pii_public.jsonl``: a public synthetic PII benchmark.

The texts come from presidio-research's data generator (``presidio-evaluator`` on PyPI;
its sentence templates and fake-person records install with it), under a fixed seed, so
anyone can regenerate the same file. It runs in a tool environment of its own, because
the generator pins libraries the product does not need:

    make pii-data        # creates .venv-pii, installs presidio-evaluator, writes the file

Each line: ``id``, ``text``, ``template_id`` and ``spans`` (``type``, ``start``, ``end``,
``value``) with the generator's entity types (PERSON, PHONE_NUMBER, STREET_ADDRESS...).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "data" / "pii_public.jsonl"
SAMPLES = 1500
SEED = 42


def main() -> None:
    from presidio_evaluator.data_generator import PresidioSentenceFaker
    from presidio_evaluator.data_generator.presidio_sentence_faker import (
        presidio_templates_file_path,
    )

    # The templates write a line break as the two characters backslash and n; a real
    # text has a line break there.
    templates = [
        line.strip().replace("\\n", "\n")
        for line in presidio_templates_file_path.read_text().splitlines()
    ]
    faker = PresidioSentenceFaker(
        "en_US", lower_case_ratio=0.05, sentence_templates=templates, random_seed=SEED
    )
    samples = faker.generate_new_fake_sentences(num_samples=SAMPLES)
    lines = []
    for number, sample in enumerate(samples, start=1):
        spans = [
            {
                "type": span.entity_type,
                "start": span.start_position,
                "end": span.end_position,
                "value": span.entity_value,
            }
            for span in sorted(sample.spans, key=lambda s: s.start_position)
        ]
        for span in spans:  # the generator's offsets must point at its values
            written = sample.full_text[span["start"] : span["end"]]
            # With lower_case_ratio the text may be lower-cased and the value not.
            assert written.lower() == str(span["value"]).lower(), (span, written)
            span["value"] = written
        lines.append(
            json.dumps(
                {
                    "id": f"p{number:04d}",
                    "text": sample.full_text,
                    "template_id": sample.template_id,
                    "spans": spans,
                }
            )
        )
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} texts -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
