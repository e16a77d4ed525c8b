"""Builds the coach's parts from one ``Settings``: the store, the embedder and the index.

The CLI and the HTTP service both start here, so there is one way to wire the system.
The embedding model is loaded lazily, once per process, and only when something needs it.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from coach.config import Settings
from coach.embeddings import Embedder, SentenceTransformerEmbedder
from coach.index import Index
from coach.knowledge import Card, load_cards
from coach.privacy.redaction import Redactor
from coach.store import Store

_EMBEDDERS: dict[tuple[str, str, int], Embedder] = {}


def shared_embedder(settings: Settings) -> Embedder:
    """One embedder per model path in a process: loading the model takes seconds."""
    key = (
        str(settings.embedding_model_path or ""),
        settings.embedding_device,
        settings.embedding_batch_size,
    )
    if key not in _EMBEDDERS:
        _EMBEDDERS[key] = SentenceTransformerEmbedder(
            settings.embedding_model_path,
            device=settings.embedding_device,
            batch_size=settings.embedding_batch_size,
        )
    return _EMBEDDERS[key]


class Services:
    def __init__(self, settings: Settings, *, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self._embedder = embedder

    @cached_property
    def store(self) -> Store:
        return Store.from_url(self.settings.resolved_database_url)

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = shared_embedder(self.settings)
        return self._embedder

    @cached_property
    def index(self) -> Index:
        return Index.from_settings(self.settings, self.embedder)

    @property
    def cards_dir(self) -> Path:
        return self.settings.resolved_knowledge_dir / "cards"

    @property
    def sample_dir(self) -> Path:
        return self.settings.resolved_knowledge_dir / "sample"

    @cached_property
    def cards(self) -> list[Card]:
        return load_cards(self.cards_dir)

    def card(self, card_id: str) -> Card | None:
        return next((card for card in self.cards if card.id == card_id), None)

    def redactor(self, programme_id: int | None = None) -> Redactor:
        """A redactor that knows the programme's roster (and the organisation's id format).

        Without a programme it still finds other people, emails, phones, ids and
        disclosures, but not nicknames or lower-case names of participants.
        """
        roster = (
            self.store.list_participants(programme_id, include_inactive=True)
            if programme_id
            else []
        )
        return Redactor(
            roster,
            employee_id_pattern=self.settings.employee_id_pattern,
            spacy_model=self.settings.spacy_model,
        )

    def close(self) -> None:
        if "store" in self.__dict__:
            self.store.dispose()
