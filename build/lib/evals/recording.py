"""Record generated outputs once, replay them offline: evals of a real model reproduce.

Outputs are keyed by the model name and the rendered prompt (SHA-256), and kept as JSONL
under evals/recordings/. In ``replay`` mode a prompt without a recording is an error, so
a replayed run never reaches the network.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from coach.errors import CoachError

RECORDINGS_DIR = Path(__file__).resolve().parent / "recordings"
Mode = Literal["off", "record", "replay"]


def recording_key(model: str, prompt: str) -> str:
    return hashlib.sha256(f"{model}\n{prompt}".encode()).hexdigest()


class Recorder:
    def __init__(self, path: Path, mode: Mode = "off") -> None:
        self.path = path
        self.mode = mode
        self.calls = 0  # how many times the real model was called
        self._outputs: dict[str, str] = {}
        if mode != "off" and path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    entry = json.loads(line)
                    self._outputs[entry["key"]] = entry["output"]

    def fetch(self, model: str, prompt: str, call: Callable[[], str]) -> str:
        """The recorded output for this prompt, or (when allowed) a fresh call."""
        key = recording_key(model, prompt)
        if self.mode != "off" and key in self._outputs:
            return self._outputs[key]
        if self.mode == "replay":
            raise CoachError(
                f"No recording for this prompt in {self.path.name} (model {model}).",
                hint="run the eval once with --recordings record against the real backend.",
            )
        output = call()
        self.calls += 1
        if self.mode == "record":
            self._outputs[key] = output
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(
                    json.dumps({"key": key, "model": model, "prompt": prompt, "output": output})
                    + "\n"
                )
        return output
