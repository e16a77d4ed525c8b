"""How long the ``coach`` command takes to answer, command by command.

Each command runs as a user runs it: a new process on the sample programme (``coach
demo`` into a throwaway data folder first), timed from start to exit, the median of a
few runs. In the same run the baseline is the interpreter starting and exiting
(``python -c pass``), so every command is also reported as a ratio against that.
Commands that need no model (listing programmes, KPIs, a feedback summary that has too
few answers to show) should answer in under 1.5 s; the others load the embedding and
spaCy models and say so with a progress line while they do.

    .venv/bin/python -m bench.cli                 # 3 runs of each command
    .venv/bin/python -m bench.cli --repeats 5
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROGRAMME = "harbour-vale-2027"
NO_MODEL_TARGET_S = 1.5
COMMANDS: list[tuple[str, list[str], bool]] = [  # name, arguments, needs a model
    ("programmes", ["programmes"], False),
    ("kpis", ["kpis", "--programme", PROGRAMME], False),
    ("feedback-summary (too few answers)", ["feedback-summary", "--programme", PROGRAMME], False),
    ("guidance", ["guidance", "how do I give feedback to a senior leader?"], True),
    ("prep", ["prep", "--pairing", "{pairing}"], True),
    ("match", ["match", "--programme", PROGRAMME], True),
]

# An approved pairing of the sample programme, through the store.
FIRST_APPROVED = f"""
from coach.config import load_settings
from coach.domain import PairingStatus
from coach.services import Services
store = Services(load_settings()).store
programme = store.programmes.get_programme("{PROGRAMME}")
pairings, _ = store.pairings.list_pairings(programme.id, statuses=[PairingStatus.APPROVED])
if not pairings:  # after a first match: approve a suggestion, as two reviewers would
    pairings, _ = store.pairings.list_pairings(programme.id, statuses=[PairingStatus.SUGGESTED])
    store.pairings.set_pairing_status(pairings[0].id, PairingStatus.APPROVED)
print(pairings[0].id)
"""


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    coach = str(Path(sys.executable).with_name("coach"))
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "COACH_DATA_DIR": folder,
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
            "ANONYMIZED_TELEMETRY": "False",
        }
        subprocess.run([coach, "demo"], env=env, check=True, capture_output=True)
        subprocess.run(
            [coach, "match", "--programme", PROGRAMME], env=env, check=True, capture_output=True
        )
        pairing = (
            subprocess.run(
                [sys.executable, "-c", FIRST_APPROVED], env=env, check=True, capture_output=True
            )
            .stdout.decode()
            .strip()
        )
        start = statistics.median(
            timed([sys.executable, "-c", "pass"], env) for _ in range(args.repeats)
        )
        rows = []
        for name, arguments, needs_model in COMMANDS:
            seconds = statistics.median(
                timed([coach, *(a.format(pairing=pairing) for a in arguments)], env)
                for _ in range(args.repeats)
            )
            rows.append(
                {
                    "command": name,
                    "seconds": round(seconds, 2),
                    "x_interpreter_start": round(seconds / start, 1),
                    "needs_model": needs_model,
                    "within_target": None if needs_model else seconds < NO_MODEL_TARGET_S,
                }
            )
    print(json.dumps({"interpreter_start_s": round(start, 3), "commands": rows}, indent=2))


if __name__ == "__main__":
    main()
