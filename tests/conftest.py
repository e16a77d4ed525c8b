"""Test-wide fixtures: a network guard, isolated settings, the real model, both databases.

- Every test runs with a guard that fails it if anything opens a connection to a
  non-loopback address (even if the caller swallowed the error).
- Every test runs in its own temporary folder with no COACH_* variables from outside.
- The embedding model is loaded once per session and shared.
- ``store`` runs a test against SQLite and against the real PostgreSQL on 127.0.0.1.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["ANONYMIZED_TELEMETRY"] = "False"

# Under xdist each worker is a process with its own models. Left alone, torch and BLAS
# start a thread per core in every worker, so two workers on two cores run four busy
# threads that mostly wait on each other (tests/feedback/test_themes.py with -n 2: 97 s
# that way, 63 s with one thread a worker). Each worker gets its share of the cores; the
# servers the tests start inherit it. Set before anything imports torch or numpy.
_WORKERS = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
if _WORKERS > 1:
    _SHARE = str(max(1, (os.cpu_count() or 1) // _WORKERS))
    for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(_variable, _SHARE)

from coach.config import Settings, load_settings
from coach.embeddings import Embedder
from coach.services import shared_embedder
from coach.store import Store

POSTGRES_ADMIN_URL = os.environ.get(
    "COACH_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


# -- network guard ---------------------------------------------------------------------


class NetworkGuard:
    """Records (and refuses) every attempt to connect outside the loopback range."""

    def __init__(self) -> None:
        self.attempts: list[str] = []

    @staticmethod
    def allowed(address: Any) -> bool:
        if not isinstance(address, tuple):  # AF_UNIX paths and the like
            return True
        host = address[0]
        if host in ("localhost", ""):
            return True
        try:
            return ipaddress.ip_address(host.split("%")[0]).is_loopback
        except ValueError:
            return False  # a host name other than localhost would need DNS

    def check(self, address: Any) -> None:
        if not self.allowed(address):
            self.attempts.append(repr(address))
            raise ConnectionRefusedError(f"test network guard: connection to {address!r} blocked")


_GUARD = NetworkGuard()
_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo


def _guarded_connect(self: socket.socket, address: Any) -> Any:
    _GUARD.check(address)
    return _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> Any:
    _GUARD.check(address)
    return _real_connect_ex(self, address)


def _is_ip_literal(name: str) -> bool:
    # Resolving an address literal asks no server; the connect that follows is checked.
    try:
        ipaddress.ip_address(name.split("%")[0])
        return True
    except ValueError:
        return False


def _guarded_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
    # Name lookups of anything but loopback would leave the machine too.
    name = host.decode() if isinstance(host, bytes) else host
    if name is not None and not _is_ip_literal(name) and not NetworkGuard.allowed((name, 0)):
        _GUARD.attempts.append(f"DNS lookup of {name!r}")
        raise socket.gaierror(f"test network guard: lookup of {name!r} blocked")
    return _real_getaddrinfo(host, *args, **kwargs)


socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]
socket.getaddrinfo = _guarded_getaddrinfo


@pytest.fixture(autouse=True)
def network_guard() -> Iterator[NetworkGuard]:
    """Fails the test if it tried to reach the network, even when the error was caught."""
    _GUARD.attempts.clear()
    yield _GUARD
    attempts, _GUARD.attempts[:] = list(_GUARD.attempts), []
    if attempts:
        pytest.fail("test tried to open non-loopback connections: " + ", ".join(attempts))


# -- isolation -------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No COACH_* variable or .env from outside; the data dir lives under tmp_path."""
    for name in list(os.environ):
        if name.startswith("COACH_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    # No background sender: a test sends the outbox itself, when it means to.
    monkeypatch.setenv("COACH_MAIL_SENDER_SECONDS", "0")
    return tmp_path


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(data_dir=tmp_path / "data")


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The real all-MiniLM-L6-v2, loaded once per test session (the CLI shares it)."""
    return shared_embedder(Settings(data_dir=Path("unused")))


@pytest.fixture(scope="session")
def theme_embedder() -> Embedder:
    """The real all-mpnet-base-v2 that reads feedback themes, loaded once per session."""
    return shared_embedder(Settings(data_dir=Path("unused")), themes=True)


# -- databases -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh database on the local PostgreSQL server for this test session."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    name = f"coach_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        pytest.fail(f"PostgreSQL at {POSTGRES_ADMIN_URL} is required by the suite: {exc}")
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0]
    yield f"{base}/{name}"
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'coach.db'}"
    url: str = request.getfixturevalue("postgres_url")
    _reset_postgres(url)
    return url


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    store = Store.from_url(database_url)
    store.migrate()
    yield store
    store.dispose()


# -- chroma server ---------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_chroma(path: Path, port: int) -> subprocess.Popen[bytes]:
    """A real `chroma run` server on loopback, answering its heartbeat (or the test fails)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    path.mkdir(parents=True, exist_ok=True)
    chroma = Path(sys.executable).parent / "chroma"
    log = (path / "server.log").open("a")
    process = subprocess.Popen(
        [
            str(chroma),
            "run",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--path",
            str(path / "db"),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )
    log.close()
    deadline = time.monotonic() + 60
    while True:
        try:
            client = chromadb.HttpClient(
                host="127.0.0.1", port=port, settings=ChromaSettings(anonymized_telemetry=False)
            )
            client.heartbeat()
            return process
        except Exception:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(
                    f"chroma run did not start: {(path / 'server.log').read_text()[-2000:]}"
                )
            time.sleep(0.3)


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `chroma run` server on loopback for this session."""
    port = _free_port()
    process = start_chroma(tmp_path_factory.mktemp("chroma-server"), port)
    yield f"http://127.0.0.1:{port}"
    stop(process)


@pytest.fixture
def cohort(database_url, tmp_path, embedder):
    from coach.domain import PairingStatus, Role
    from coach.knowledge import SAMPLE_DIR
    from coach.sample import load_sample
    from coach.services import Services

    """The sample programme with four approved pairs (mentors[i] with mentees[i]), for the
    feedback and KPI tests."""
    services = Services(
        load_settings(database_url=database_url, data_dir=tmp_path / "d"), embedder=embedder
    )
    services.store.migrate()
    programme, _ = load_sample(services.store, SAMPLE_DIR)
    people = services.store.programmes.list_participants(programme.id)
    mentors = sorted((p for p in people if p.role is Role.MENTOR), key=lambda p: p.external_id)
    mentees = sorted((p for p in people if p.role is Role.MENTEE), key=lambda p: p.external_id)
    pairings = []
    for mentor, mentee in zip(mentors[:4], mentees[:4], strict=True):
        pairing = services.store.pairings.create_pairing(programme.id, mentor.id, mentee.id)
        services.store.pairings.set_pairing_status(pairing.id, PairingStatus.APPROVED)
        pairings.append(pairing)
    yield services, programme, pairings, mentors, mentees
    services.close()
