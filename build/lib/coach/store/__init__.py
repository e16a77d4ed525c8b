"""Persistence: SQLite by default, PostgreSQL by URL. Only this package touches SQL."""

from coach.store.store import Page, Store, UpsertResult

__all__ = ["Page", "Store", "UpsertResult"]
