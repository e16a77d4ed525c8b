"""What the embedding index should hold, so a stale index is noticed."""

from __future__ import annotations

from datetime import UTC, datetime

from coach.store.models import (
    IndexStateRow,
)
from coach.store.repository import Repository


class IndexStateRepository(Repository):
    """Entries and fingerprint of each embedding index collection."""

    def record(self, name: str, entries: int, fingerprint: str) -> None:
        """Remember what a sync left in the index (see ``Services.index_health``)."""
        with self._transaction() as session:
            row = session.get(IndexStateRow, name)
            if row is None:
                row = IndexStateRow(name=name)
                session.add(row)
            row.entries = entries
            row.fingerprint = fingerprint
            row.updated_at = datetime.now(UTC)

    def read(self, name: str) -> tuple[int, str] | None:
        """(entries, fingerprint) recorded by the last sync of ``name``, or None."""
        with self._transaction() as session:
            row = session.get(IndexStateRow, name)
            return None if row is None else (row.entries, row.fingerprint)
