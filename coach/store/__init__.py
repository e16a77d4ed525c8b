"""Persistence: SQLite by default, PostgreSQL by URL. Only this package touches SQL."""

from coach.store.programmes import UpsertResult
from coach.store.repository import Page
from coach.store.store import Store

__all__ = ["Page", "Store", "UpsertResult"]
