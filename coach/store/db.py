"""Engine creation and schema migrations: the one place that opens database connections."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError

from coach.errors import StoreError

MIGRATIONS = Path(__file__).parent / "migrations"

# How SQLite transactions begin. One that may write takes the write lock at once
# (IMMEDIATE): writers then wait their turn (up to the busy timeout) instead of failing
# when another wrote after they read. One that only reads (an engine from ``reading``)
# takes no lock and reads one consistent snapshot. PostgreSQL locks rows as they are
# written or locked instead.
_SQLITE_BEGIN = "sqlite_begin"


def reading(engine: Engine) -> Engine:
    """The engine for transactions that only read (the same pool and settings)."""
    return engine.execution_options(**{_SQLITE_BEGIN: "BEGIN DEFERRED"})


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets WAL, enforced foreign keys and a busy timeout."""
    if url.startswith("sqlite"):
        database = url.split("///", 1)[-1]
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            # The sqlite3 module would start a transaction only at the first write and
            # mishandles savepoints; SQLAlchemy's own BEGIN (below) makes a unit of work
            # one real transaction from its first read, with working savepoints.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            # WAL lets readers proceed while one writer commits; several API workers
            # share the file safely. Foreign keys are off by default in SQLite.
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(connection: Any) -> None:
            begin = connection.get_execution_options().get(_SQLITE_BEGIN, "BEGIN IMMEDIATE")
            connection.exec_driver_sql(begin)

        return engine
    return create_engine(url, pool_pre_ping=True)


def ensure_database(url: str) -> bool:
    """Create the PostgreSQL database named in ``url`` if the server lacks it.

    Returns True when it was created. SQLite files are created on first use anyway.
    """
    if not url.startswith("postgresql"):
        return False
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    target = make_url(url)
    name = target.database or ""
    if not name.replace("_", "").replace("-", "").isalnum():
        raise StoreError(
            f"'{name}' is not a database name this command creates.",
            hint="use letters, digits, '-' and '_' in the database name of COACH_DATABASE_URL.",
        )
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            exists = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
            ).scalar()
            if not exists:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
            return not exists
    except OperationalError as exc:
        raise StoreError(
            f"Cannot reach the PostgreSQL server at {target.render_as_string(hide_password=True)}.",
            hint="check COACH_DATABASE_URL and that the server is running.",
        ) from exc
    finally:
        admin.dispose()


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (creating it on an empty database)."""
    try:
        command.upgrade(alembic_config(engine), "head")
    except OperationalError as exc:
        raise StoreError(
            f"Cannot reach the database at {engine.url.render_as_string(hide_password=True)}.",
            hint="check COACH_DATABASE_URL and that the server is running.",
        ) from exc


def schema_revision(engine: Engine) -> tuple[str | None, str]:
    """(revision the database is at, newest revision the code knows)."""
    head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    with reading(engine).connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    return current, head or ""
