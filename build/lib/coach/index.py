"""The embedding index: the one place that talks to Chroma.

Two collections per installation:
- ``<prefix>-guidance``: one entry per guidance card, filterable by audience and stage;
- ``<prefix>-goals``: one entry per participant goal or skill, keyed by programme.

We always pass our own vectors; Chroma's default embedding function would try to
download a model. Entry ids carry a content hash, so a sync embeds only what changed.
"""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlparse

import chromadb
import numpy as np
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.config import Settings as ChromaSettings

from coach.config import Settings
from coach.domain import Participant, Stage
from coach.embeddings import Embedder, content_hash
from coach.errors import CoachError, IndexUnavailableError
from coach.knowledge import Card

T = TypeVar("T")


def _chroma_settings() -> ChromaSettings:
    # A fresh object per client: chromadb writes the client's path into the settings it
    # is given, so a shared one would carry one client's path into the next.
    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


_PAGE = 5000  # Chroma reads and writes in bounded chunks

# Called as (texts embedded so far, texts to embed in this sync), for progress bars.
SyncProgress = Callable[[int, int], None]


@dataclass(frozen=True)
class SyncReport:
    added: int
    removed: int
    unchanged: int
    fingerprint: str = ""  # of the entry ids now held, to notice a lost or changed index

    @property
    def entries(self) -> int:
        return self.added + self.unchanged


@dataclass(frozen=True)
class GuidanceHit:
    card_id: str
    title: str
    audience: str
    score: float  # cosine similarity in [-1, 1]


@dataclass(frozen=True)
class TextVectors:
    """Vectors of one participant's goals or skills, in the order of their profile."""

    participant_id: int
    kind: str  # "goal" or "skill"
    texts: list[str]
    vectors: np.ndarray


def chroma_client(settings: Settings) -> ClientAPI:
    """An embedded PersistentClient, or an HttpClient when a server URL is configured."""
    try:
        if settings.chroma_url:
            url = urlparse(settings.chroma_url)
            return chromadb.HttpClient(
                host=url.hostname or "127.0.0.1",
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=_chroma_settings(),
            )
        path = settings.resolved_chroma_path
        path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(path), settings=_chroma_settings())
    except Exception as exc:  # chromadb raises many kinds; all mean "not available"
        where = settings.chroma_url or str(settings.resolved_chroma_path)
        raise IndexUnavailableError(
            f"Cannot open the Chroma index at {where}: {exc}",
            hint="check COACH_CHROMA_URL (is `chroma run` up?) or COACH_CHROMA_PATH.",
        ) from exc


def ids_fingerprint(ids: Iterable[str]) -> str:
    """SHA-256 of the sorted entry ids: ids hold a content hash, so equal fingerprints
    mean the same entries."""
    return hashlib.sha256("\n".join(sorted(ids)).encode()).hexdigest()


def _stage_flags(stages: Sequence[Stage]) -> dict[str, bool]:
    # Chroma metadata holds scalars only, so a card's stages become one flag per stage.
    return {f"stage_{stage.value}": stage in stages for stage in Stage}


def _answering(method: Callable[..., T]) -> Callable[..., T]:
    """A Chroma failure in ``method`` (a server gone away, a broken folder) becomes one
    ``IndexUnavailableError``, which the service answers with 503 ``index_unavailable``."""

    @functools.wraps(method)
    def guarded(*args: Any, **kwargs: Any) -> T:
        try:
            return method(*args, **kwargs)
        except CoachError:
            raise
        except Exception as exc:  # chromadb raises many kinds; all mean "not available"
            raise IndexUnavailableError(
                "The search index does not answer.",
                hint="check that the Chroma server is running (or the index folder is "
                "intact), then retry; nothing was changed.",
                detail=f"{type(exc).__name__}: {exc}",
            ) from exc

    return guarded


GUIDANCE_REFRESH_SECONDS = 30.0


@dataclass(frozen=True)
class GuidanceSnapshot:
    vectors: np.ndarray  # one normalised row per entry
    metadatas: list[dict[str, Any]]
    loaded_at: float


class Index:
    def __init__(self, client: ClientAPI, embedder: Embedder, *, prefix: str = "coach") -> None:
        self.client = client
        self.embedder = embedder
        self.prefix = prefix
        self._snapshot: GuidanceSnapshot | None = None
        try:
            self.guidance = self._collection("guidance")
            self.goals = self._collection("goals")
        except Exception as exc:
            raise IndexUnavailableError(
                "The search index does not answer.",
                hint="check that the Chroma server is running, or the index folder is writable.",
                detail=f"{type(exc).__name__}: {exc}",
            ) from exc

    def _guidance_snapshot(self) -> GuidanceSnapshot:
        """The guidance entries' vectors and metadata, re-read from Chroma when older than
        ``GUIDANCE_REFRESH_SECONDS`` (another process may have re-indexed) or after this
        process synced them. While a fresh copy is held, searches need no Chroma call."""
        now = time.monotonic()
        snapshot = self._snapshot
        if snapshot is not None and now - snapshot.loaded_at < GUIDANCE_REFRESH_SECONDS:
            return snapshot
        vectors: list[Any] = []
        metadatas: list[dict[str, Any]] = []
        offset = 0
        while True:
            page = self.guidance.get(
                include=["embeddings", "metadatas"], limit=_PAGE, offset=offset
            )
            vectors.extend(page["embeddings"] if page["embeddings"] is not None else [])
            metadatas.extend(dict(m) for m in (page["metadatas"] or []))
            if len(page["ids"]) < _PAGE:
                break
            offset += _PAGE
        matrix = (
            np.asarray(vectors, dtype=np.float32).reshape(len(metadatas), -1)
            if metadatas
            else np.zeros((0, 0), dtype=np.float32)
        )
        if len(matrix):
            matrix /= np.linalg.norm(matrix, axis=1, keepdims=True).clip(min=1e-12)
        self._snapshot = GuidanceSnapshot(matrix, metadatas, now)
        return self._snapshot

    @_answering
    def drop(self) -> None:
        """Delete this installation's collections and create them empty (a rebuild).

        Everything in them is derived from the database and the cards, so the next sync
        restores it; use it after changing the embedding model or when the index is
        damaged.
        """
        for name in ("guidance", "goals"):
            self.client.delete_collection(f"{self.prefix}-{name}")
        self.guidance = self._collection("guidance")
        self.goals = self._collection("goals")
        self._snapshot = None

    @classmethod
    def from_settings(cls, settings: Settings, embedder: Embedder) -> Index:
        return cls(chroma_client(settings), embedder, prefix=settings.index_prefix)

    def _collection(self, name: str) -> Collection:
        return self.client.get_or_create_collection(
            f"{self.prefix}-{name}",
            embedding_function=None,
            configuration={"hnsw": {"space": "cosine"}},
            metadata={"embedder": self.embedder.name},
        )

    @_answering
    def guidance_fingerprint(self) -> str:
        """The fingerprint of the guidance entries held now (compare with a sync's)."""
        return ids_fingerprint(self._ids(self.guidance, None))

    def check(self) -> dict[str, int]:
        """Entry counts per collection; raises ``IndexUnavailableError`` if Chroma fails."""
        try:
            self.client.heartbeat()
            return {"guidance": self.guidance.count(), "goals": self.goals.count()}
        except Exception as exc:
            raise IndexUnavailableError(
                "The search index does not answer.",
                hint="check that the Chroma server is running, or the index folder is intact.",
                detail=f"{type(exc).__name__}: {exc}",
            ) from exc

    # -- writing -------------------------------------------------------------------

    def _sync(
        self,
        collection: Collection,
        wanted: dict[str, tuple[str, dict[str, Any]]],
        where: dict[str, Any] | None,
        progress: SyncProgress | None,
    ) -> SyncReport:
        """Make ``collection`` (restricted to ``where``) hold exactly ``wanted``.

        ``wanted`` maps entry id -> (text, metadata). Ids embed a content hash, so an
        entry whose id exists already is unchanged and is neither embedded nor written.
        """
        existing = self._ids(collection, where)
        new_ids = [entry_id for entry_id in wanted if entry_id not in existing]
        stale = sorted(existing - wanted.keys())
        for start in range(0, len(stale), _PAGE):
            collection.delete(ids=stale[start : start + _PAGE])
        done = 0

        def advance(count: int) -> None:
            nonlocal done
            done += count
            if progress is not None:
                progress(done, len(new_ids))

        if progress is not None:
            progress(0, len(new_ids))
        for start in range(0, len(new_ids), _PAGE):
            chunk = new_ids[start : start + _PAGE]
            texts = [wanted[entry_id][0] for entry_id in chunk]
            vectors = self.embedder.embed(texts, progress=advance)
            collection.upsert(
                ids=chunk,
                embeddings=vectors,
                documents=texts,
                metadatas=[wanted[entry_id][1] for entry_id in chunk],
            )
        return SyncReport(
            added=len(new_ids),
            removed=len(stale),
            unchanged=len(existing & wanted.keys()),
            fingerprint=ids_fingerprint(wanted),
        )

    @staticmethod
    def _ids(collection: Collection, where: dict[str, Any] | None) -> set[str]:
        ids: set[str] = set()
        offset = 0
        while True:
            page = collection.get(where=where, include=[], limit=_PAGE, offset=offset)
            ids.update(page["ids"])
            if len(page["ids"]) < _PAGE:
                return ids
            offset += _PAGE

    @_answering
    def sync_guidance(
        self, cards: Sequence[Card], progress: SyncProgress | None = None
    ) -> SyncReport:
        """Index each card as a whole and as passages (see ``Card.passages``)."""
        wanted: dict[str, tuple[str, dict[str, Any]]] = {}
        for card in cards:
            metadata: dict[str, Any] = {
                "card_id": card.id,
                "title": card.title,
                "audience": card.audience.value,
                **_stage_flags(card.stages),
            }
            parts = [("card", card.search_text)] + [("passage", p) for p in card.passages]
            for number, (part, text) in enumerate(parts):
                entry_id = f"{card.id}#{number}#{content_hash(text)[:16]}"
                wanted[entry_id] = (text, {**metadata, "part": part})
        report = self._sync(self.guidance, wanted, None, progress)
        self._snapshot = None  # the next search reads what was just written
        return report

    @_answering
    def sync_participants(
        self,
        programme_id: int,
        participants: Sequence[Participant],
        progress: SyncProgress | None = None,
    ) -> SyncReport:
        """Index every goal and skill of a programme's active participants.

        Participants absent from ``participants`` lose their entries, so the index never
        keeps texts of people who left the roster.
        """
        wanted: dict[str, tuple[str, dict[str, Any]]] = {}
        for person in participants:
            for kind, texts in (("goal", person.goals), ("skill", person.skills)):
                for position, text in enumerate(texts):
                    entry_id = (
                        f"p{programme_id}-{person.id}-{kind}-{position}-{content_hash(text)[:16]}"
                    )
                    wanted[entry_id] = (
                        text,
                        {
                            "programme_id": programme_id,
                            "participant_id": person.id,
                            "role": person.role.value,
                            "kind": kind,
                            "position": position,
                        },
                    )
        return self._sync(self.goals, wanted, {"programme_id": programme_id}, progress)

    # -- reading -------------------------------------------------------------------

    @_answering
    def search_guidance(
        self,
        query: str,
        *,
        audience: str | None = None,
        stage: Stage | None = None,
        k: int = 5,
    ) -> list[GuidanceHit]:
        """Best cards for ``query``; audience keeps that audience's cards and 'all' cards.

        A card's score averages the similarity of the whole card and of its best passage:
        the whole card captures the theme, the passage a specific tip the query names.
        On the 40 labelled queries in evals/ this lifts recall@3 from 0.90 (whole cards
        only) to 0.975.

        Scored exactly over an in-memory copy of the guidance collection (a few hundred
        curated entries): a search costs one matrix product instead of a Chroma query,
        which is what keeps agenda generation fast under load (bench/api_load.py).
        """
        snapshot = self._guidance_snapshot()
        if not snapshot.metadatas:
            return []
        allowed = np.array(
            [
                (not audience or m["audience"] in (audience, "all"))
                and (not stage or bool(m.get(f"stage_{stage.value}")))
                for m in snapshot.metadatas
            ],
            dtype=bool,
        )
        similarities = snapshot.vectors @ self.embedder.embed_one(query)
        whole: dict[str, float] = {}
        best_passage: dict[str, float] = {}
        info: dict[str, tuple[str, str]] = {}
        for position in np.flatnonzero(allowed):
            metadata = snapshot.metadatas[position]
            card_id = str(metadata["card_id"])
            similarity = float(similarities[position])
            info[card_id] = (str(metadata["title"]), str(metadata["audience"]))
            if metadata.get("part") == "card":
                whole[card_id] = similarity
            else:
                best_passage[card_id] = max(best_passage.get(card_id, -1.0), similarity)
        scores = {
            card_id: (whole.get(card_id, 0.0) + best_passage.get(card_id, 0.0)) / 2
            for card_id in info
        }
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:k]
        return [
            GuidanceHit(card_id, info[card_id][0], info[card_id][1], round(score, 4))
            for card_id, score in ranked
        ]

    @_answering
    def participant_vectors(self, programme_id: int) -> list[TextVectors]:
        """Stored goal and skill vectors of a programme, grouped per participant and kind."""
        grouped: dict[tuple[int, str], list[tuple[int, str, np.ndarray]]] = {}
        offset = 0
        while True:
            page = self.goals.get(
                where={"programme_id": programme_id},
                include=["metadatas", "documents", "embeddings"],
                limit=_PAGE,
                offset=offset,
            )
            metadatas = page["metadatas"] or []
            documents = page["documents"] or []
            embeddings = page["embeddings"] if page["embeddings"] is not None else []
            for metadata, document, vector in zip(metadatas, documents, embeddings, strict=True):
                key = (int(metadata["participant_id"]), str(metadata["kind"]))
                grouped.setdefault(key, []).append(
                    (int(metadata["position"]), document, np.asarray(vector, dtype=np.float32))
                )
            if len(page["ids"]) < _PAGE:
                break
            offset += _PAGE
        out = []
        for (participant_id, kind), items in sorted(grouped.items()):
            items.sort(key=lambda item: item[0])
            out.append(
                TextVectors(
                    participant_id=participant_id,
                    kind=kind,
                    texts=[text for _, text, _ in items],
                    vectors=np.stack([vector for _, _, vector in items]),
                )
            )
        return out
