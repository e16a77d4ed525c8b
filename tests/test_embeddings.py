from pathlib import Path

import numpy as np
import pytest

from coach.embeddings import Embedder, SentenceTransformerEmbedder
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
