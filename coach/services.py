"""Builds the coach's parts from one ``Settings``: the store, the embedder and the index.

The CLI and the HTTP service both start here, so there is one way to wire the system.
The embedding model is loaded lazily, once per process, and only when something needs it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast, overload

from coach.config import Settings
from coach.embeddings import (
    KEPT_VECTORS_DIR,
    Embedder,
    SentenceTransformerEmbedder,
    theme_model_path,
)
from coach.errors import IndexUnavailableError
from coach.knowledge import ActivityTopic, Card, load_activities, load_cards, load_outside
from coach.privacy.disclosures import MeaningCheck
from coach.privacy.redaction import Redactor
from coach.store import Store


@dataclass(frozen=True)
class IndexHealth:
    status: str  # ok, not_indexed, lost, unavailable
    detail: str  # for admins and logs: may name paths and library messages


if TYPE_CHECKING:
    from coach.feedback.themes import ThemeFinder
    from coach.index import Index, SyncProgress, SyncReport
    from coach.matching.coverage import CoverageJudge
    from coach.prep.activities import ActivityLibrary

T = TypeVar("T")

_EMBEDDERS: dict[tuple[str, str, int], Embedder] = {}


def shared_embedder(settings: Settings, *, themes: bool = False) -> Embedder:
    """One embedder per model path in a process: loading the model takes seconds.
    ``themes``: the model that reads feedback themes (all-mpnet-base-v2 unless
    ``theme_model_path`` names another) instead of the one behind the index."""
    path = settings.embedding_model_path
    if themes:
        path = settings.theme_model_path or theme_model_path()
    key = (str(path or ""), settings.embedding_device, settings.embedding_batch_size)
    if key not in _EMBEDDERS:
        _EMBEDDERS[key] = SentenceTransformerEmbedder(
            path, device=settings.embedding_device, batch_size=settings.embedding_batch_size
        )
    return _EMBEDDERS[key]


class shared(Generic[T]):
    """Like ``functools.cached_property``, but the value is kept in the dict that every
    unit-of-work view of the services shares, so it is built once per process."""

    def __init__(self, build: Callable[[Any], T]) -> None:
        self._build = build
        self._name = build.__name__
        self.__doc__ = build.__doc__

    @overload
    def __get__(self, services: None, owner: type) -> shared[T]: ...

    @overload
    def __get__(self, services: Services, owner: type) -> T: ...

    def __get__(self, services: Services | None, owner: type) -> shared[T] | T:
        if services is None:
            return self
        return services._shared(self._name, lambda: self._build(services))


class Services:
    """The system's parts, built lazily and shared.

    ``unit_of_work()`` gives a view of these services whose store works in one
    transaction; the view shares every part already built, or built later, with the
    services it came from (loading a model or opening the index once per process).
    """

    def __init__(self, settings: Settings, *, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self._built: dict[str, Any] = {}  # shared by every view
        self._unit_store: Store | None = None
        if embedder is not None:
            self._built["embedder"] = embedder

    def put(self, name: str, part: object) -> None:
        """Use ``part`` as the named part (``theme_finder``, ``index``...) from now on:
        how evals and tests swap in another implementation, or share one already built."""
        self._built[name] = part

    def _shared(self, name: str, build: Callable[[], T]) -> T:
        if name not in self._built:
            self._built[name] = build()
        return cast(T, self._built[name])

    @property
    def store(self) -> Store:
        if self._unit_store is not None:
            return self._unit_store
        return self._shared("store", lambda: Store.from_url(self.settings.resolved_database_url))

    @contextmanager
    def unit_of_work(self, *, writes: bool = True) -> Iterator[Services]:
        """These services with a store that works in one transaction (see ``Store``):
        what the block writes is committed at its end, or none of it on an error."""
        with self.store.unit_of_work(writes=writes) as store:
            if store is self._unit_store:
                yield self
                return
            view = copy.copy(self)
            view._unit_store = store
            yield view

    @shared
    def embedder(self) -> Embedder:
        return shared_embedder(self.settings)

    @shared
    def theme_embedder(self) -> Embedder:
        """The model that reads feedback themes, loaded when a summary first needs it."""
        return shared_embedder(self.settings, themes=True)

    @shared
    def index(self) -> Index:
        # chromadb takes most of a second to import: only what uses the index pays it.
        from coach.index import Index

        return Index.from_settings(self.settings, self.embedder)

    @property
    def cards_dir(self) -> Path:
        return self.settings.resolved_knowledge_dir / "cards"

    @property
    def messages_dir(self) -> Path:
        """The email templates a programme may edit."""
        return self.settings.resolved_knowledge_dir / "messages"

    @property
    def sample_dir(self) -> Path:
        return self.settings.resolved_knowledge_dir / "sample"

    @shared
    def cards(self) -> list[Card]:
        return load_cards(self.cards_dir)

    @property
    def activities_dir(self) -> Path:
        return self.settings.resolved_knowledge_dir / "activities"

    @shared
    def activity_topics(self) -> list[ActivityTopic]:
        return load_activities(self.activities_dir)

    @shared
    def activity_library(self) -> ActivityLibrary:
        """The show-and-try activities, matched to goals by session prep."""
        from coach.prep.activities import ActivityLibrary

        return ActivityLibrary(
            self.activity_topics, self.embedder.embed, outside=load_outside(self.activities_dir)
        )

    @shared
    def theme_finder(self) -> ThemeFinder:
        """Feedback themes from ``knowledge/feedback`` (cues, and examples by meaning)."""
        from coach.feedback.themes import ThemeFinder, load_catalogue

        catalogue = load_catalogue(self.settings.resolved_knowledge_dir / "feedback")
        return ThemeFinder(
            catalogue,
            lambda texts: self.theme_embedder.embed(texts),
            embed_examples=lambda texts: self.theme_embedder.embed_kept(texts, KEPT_VECTORS_DIR),
        )

    @shared
    def coverage_judge(self) -> CoverageJudge:
        """The one goal/skill coverage judgement (matching, reasons, session prep)."""
        from coach.matching.coverage import CoverageJudge

        return CoverageJudge(self.embedder.embed)

    def sync_guidance(self, progress: SyncProgress | None = None) -> SyncReport:
        """Index the guidance cards and record in the database what the index now holds,
        so that a lost or emptied index is noticed later (``index_health``)."""
        report = self.index.sync_guidance(self.cards, progress)
        self.store.index_state.record("guidance", report.entries, report.fingerprint)
        return report

    def index_health(self, *, thorough: bool = False) -> IndexHealth:
        """Is the index what the last sync left? ``thorough`` compares every entry id
        (a few hundred: for readiness and admins), otherwise the counts only (per request).

        States: ``ok``; ``not_indexed`` (guidance never indexed here); ``lost`` (fewer or
        other entries than recorded: a deleted folder, a new Chroma server); and
        ``unavailable`` (Chroma does not answer).
        """
        try:
            counts = self.index.check()
            recorded = self.store.index_state.read("guidance")
            if recorded is None:
                if counts["guidance"] == 0:
                    return IndexHealth("not_indexed", "guidance has never been indexed here")
                return IndexHealth("ok", f"{counts['guidance']} guidance entries (unrecorded)")
            entries, fingerprint = recorded
            if counts["guidance"] != entries:
                return IndexHealth(
                    "lost",
                    f"the index holds {counts['guidance']} guidance entries; "
                    f"{entries} were indexed",
                )
            if thorough and self.index.guidance_fingerprint() != fingerprint:
                return IndexHealth("lost", "the guidance entries differ from those indexed")
            return IndexHealth("ok", f"{entries} guidance entries")
        except IndexUnavailableError as exc:
            return IndexHealth("unavailable", exc.detail or exc.message)

    def require_guidance(self) -> None:
        """Refuse work that needs guidance while the index is not what was indexed:
        an agenda without its cards and without saying why is worse than a clear 503."""
        health = self.index_health()
        if health.status in ("lost", "unavailable"):
            raise IndexUnavailableError(
                "The guidance index is not available: it holds less than was indexed."
                if health.status == "lost"
                else "The search index does not answer.",
                hint="an administrator re-indexes with `coach index --rebuild` (or restarts "
                "the Chroma server); nothing was changed.",
                detail=health.detail,
            )

    def card(self, card_id: str) -> Card | None:
        return next((card for card in self.cards if card.id == card_id), None)

    def redactor(self, programme_id: int | None = None) -> Redactor:
        """A redactor that knows the programme's roster (and the organisation's id format).

        Without a programme it still finds other people, emails, phones, ids and
        disclosures, but not nicknames or lower-case names of participants.
        """
        roster = (
            self.store.programmes.list_participants(programme_id, include_inactive=True)
            if programme_id
            else []
        )
        return Redactor(
            roster,
            employee_id_pattern=self.settings.employee_id_pattern,
            spacy_model=self.settings.spacy_model,
            meaning=self.disclosure_meaning,
        )

    @shared
    def disclosure_meaning(self) -> MeaningCheck:
        """Disclosures by meaning, for every redactor of this process (embeds lazily).
        The feedback catalogue's examples tell it what ordinary programme talk sounds like."""
        written = self.theme_finder.catalogue.written()
        return MeaningCheck(
            lambda texts: self.embedder.embed(texts), ordinary=[text for _, text in written]
        )

    def close(self) -> None:
        if "store" in self._built:
            self.store.dispose()
