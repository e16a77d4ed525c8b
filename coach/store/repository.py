"""What every repository shares: the transaction it works in, and pagination."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass

from sqlalchemy.orm import Session

DEFAULT_PAGE = 50
MAX_PAGE = 500


@dataclass(frozen=True)
class Page:
    """Offset pagination, clamped so no caller can ask for an unbounded list."""

    offset: int = 0
    limit: int = DEFAULT_PAGE

    def clamp(self) -> Page:
        return Page(max(0, self.offset), min(max(1, self.limit), MAX_PAGE))


class Repository:
    """Reads and writes of one aggregate.

    ``transaction`` gives the session each call works in. Inside a unit of work it is the
    unit's session, so every call joins one transaction; outside one (a script, a test)
    each call is a transaction of its own.
    """

    def __init__(self, transaction: Callable[[], AbstractContextManager[Session]]) -> None:
        self._transaction = transaction
