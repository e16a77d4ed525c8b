"""The ``Store``: every read and write of coach data goes through its repositories.

A unit of work (``Store.unit_of_work``) is one database transaction. The edges open one:
the API per request, the CLI per command. Every repository call made through the store
it yields joins that transaction, so an operation of several steps (a swap, an approval,
a matching run) commits whole or not at all. A unit opened inside another is a savepoint:
it can fail on its own (one refused approval of a bulk approval) without spoiling the rest.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from coach.errors import ConflictError, StoreError
from coach.store.accounts import AccountRepository
from coach.store.db import make_engine, migrate, reading, schema_revision
from coach.store.feedback import FeedbackRepository
from coach.store.index_state import IndexStateRepository
from coach.store.outbox import OutboxRepository
from coach.store.pairings import PairingRepository
from coach.store.programmes import ProgrammeRepository
from coach.store.sessions import SessionRepository

# PostgreSQL's "could not serialize" and "deadlock detected": another transaction won.
_LOST_RACE_CODES = {"40001", "40P01"}


class Store:
    def __init__(
        self,
        engine: Engine,
        *,
        bound: Session | None = None,
        parent: Store | None = None,
    ) -> None:
        self.engine = engine
        self._sessions: sessionmaker[Session]
        self._reading_sessions: sessionmaker[Session]
        if parent is not None:  # a unit's store: the factories are its parent's
            self._sessions, self._reading_sessions = parent._sessions, parent._reading_sessions
        else:
            self._sessions = sessionmaker(engine, expire_on_commit=False)
            self._reading_sessions = sessionmaker(reading(engine), expire_on_commit=False)
        self._bound = bound
        self.accounts = AccountRepository(self.transaction)
        self.programmes = ProgrammeRepository(self.transaction)
        self.pairings = PairingRepository(self.transaction)
        self.sessions = SessionRepository(self.transaction)
        self.feedback = FeedbackRepository(self.transaction)
        self.index_state = IndexStateRepository(self.transaction)
        self.outbox = OutboxRepository(self.transaction)

    @classmethod
    def from_url(cls, url: str) -> Store:
        return cls(make_engine(url))

    # -- lifecycle -----------------------------------------------------------------

    def migrate(self) -> None:
        migrate(self.engine)

    def check(self) -> None:
        """Raise ``StoreError`` unless the database answers and is at the newest schema."""
        try:
            current, head = schema_revision(self.engine)
            with reading(self.engine).connect() as connection:
                connection.execute(text("SELECT 1"))
        except SQLAlchemyError as exc:
            raise StoreError(
                "The database does not answer.",
                hint="check COACH_DATABASE_URL and that the server is running.",
            ) from exc
        if current != head:
            raise StoreError(
                f"The database schema is at {current or 'nothing'}, the code needs {head}.",
                hint="run `coach init` to apply the migrations.",
            )

    def dispose(self) -> None:
        self.engine.dispose()

    # -- units of work ---------------------------------------------------------------

    @contextmanager
    def unit_of_work(self, *, writes: bool = True) -> Iterator[Store]:
        """A store whose every call joins one transaction, committed when the block ends
        and rolled back on any error. Inside another unit it is a savepoint of it.

        The transaction begins at the first call. ``writes=False`` promises the block only
        reads: on SQLite it then takes no write lock and sees one snapshot.
        """
        if self._bound is not None:
            with _lost_races_as_conflicts(), self._bound.begin_nested():
                yield self
            return
        sessions = self._sessions if writes else self._reading_sessions
        with _lost_races_as_conflicts(), sessions.begin() as session:
            yield Store(self.engine, bound=session, parent=self)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """The session of one repository call: the unit's, or a transaction of its own."""
        if self._bound is not None:
            yield self._bound
            return
        with _lost_races_as_conflicts(), self._sessions.begin() as session:
            yield session


@contextmanager
def _lost_races_as_conflicts() -> Iterator[None]:
    """Turn a transaction that lost a race with another into a ``ConflictError``.

    PostgreSQL reports a serialization failure or a deadlock; SQLite reports a busy
    database when another connection wrote since this transaction read.
    """
    try:
        yield
    except DBAPIError as exc:
        code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
        busy = "database is locked" in str(exc.orig)
        if code in _LOST_RACE_CODES or busy:
            raise ConflictError(
                "Someone else changed the same records at the same moment; nothing was saved.",
                hint="reload and try again.",
            ) from exc
        raise
