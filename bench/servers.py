"""Starting the real service for benchmarks and end-to-end tests: one way to do it.

``service_env`` is the environment a server process gets (no COACH_* from outside, the
offline switches on); ``index_guidance`` runs `coach index` in its own process, as `make
run` does; ``Uvicorn`` starts `uvicorn api.main:app` on a free loopback port and waits
until it answers /healthz.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def service_env(**coach: str) -> dict[str, str]:
    """The process environment, less outside COACH_* settings, plus ``COACH_<KEY>``s."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("COACH_")}
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", ANONYMIZED_TELEMETRY="False")
    env.update({f"COACH_{key.upper()}": value for key, value in coach.items()})
    return env


def index_guidance(env: dict[str, str]) -> None:
    """Index guidance (and any programme's goals) in a process of its own, then exit: an
    embedded Chroma written by a live process is not seen by another."""
    subprocess.run(
        [str(Path(sys.executable).parent / "coach"), "index"],
        env=env,
        check=True,
        capture_output=True,
    )


class Uvicorn:
    def __init__(
        self, env: dict[str, str], log: Path, *, workers: int = 1, port: int | None = None
    ) -> None:
        self.env = env
        self.log = log
        self.workers = workers
        self.port = port or free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 120) -> Uvicorn:
        command = [
            sys.executable, "-m", "uvicorn", "api.main:app",
            "--host", "127.0.0.1", "--port", str(self.port), "--workers", str(self.workers),
        ]  # fmt: skip
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                command, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + timeout
        while True:
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(
                    f"uvicorn on port {self.port} did not start: {self.log.read_text()[-2000:]}"
                )
            time.sleep(0.2)

    def kill(self) -> None:
        """SIGKILL: no clean shutdown, requests in flight are cut."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
