"""Matching benchmark: our ``suggest`` against jonodrew's mentor-match 7.0.1 on one cohort.

For each size (mentees, with as many mentors) a synthetic cohort is built with
precomputed embeddings: people's goal and skill vectors are drawn around 60 topic
centres, so nearest-mentor shortlists are meaningful. Timed for us: ``suggest`` end to
end (hard rules for every pair, features, the exact assignment, reasons, fairness).

The peer, mentor-match 7.0.1 from PyPI, runs in an environment of its own
(``.venv-peer``, made by ``make bench-matching``; see ``bench/mentor_match_peer.py``). It
gets the same problem with our work already done for it: our fit of every allowed pair
and our hard-rule exclusions, a mentor with two places as two mentors. Its own
``process_data`` (match matrix and Munkres) is timed end to end in its process. Both
totals of fit are summed from the same fit table, so "fit x peer" >= 1 means our
assignment is at least as good.

Conditions, each in the same run for both: ``quiet``; ``omp1`` (``OMP_NUM_THREADS=1``
and friends, for both processes); ``load`` (another process, one busy loop, competing
for the cores while both are timed); ``saturated`` (one busy loop per core). Each size
runs in its own subprocess so its peak resident memory is its own; ours is timed as the
median of five runs after one warm-up (once, for cohorts above 2,000 that take seconds).

    make bench-matching                                      # everything, with the peer
    .venv/bin/python -m bench.matching --sizes 400 800       # quiet, peer if installed
    .venv/bin/python -m bench.matching --conditions quiet saturated --sizes 2000 10000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from coach.domain import Participant, Programme, ProgrammeIn, Role, Slot
from coach.matching import Cohort, Solver, suggest
from coach.matching.engine import blas_threads, candidates

DIM = 384
TOPICS = 60
DEPARTMENTS = ["Claims", "Finance", "IT", "Marketing", "People", "Sales", "Legal", "Strategy"]
BLOCKS = ["09:00-11:00", "11:00-13:00", "14:00-16:00", "16:00-18:00"]
DAYS = ["mon", "tue", "wed", "thu", "fri"]
ROOT = Path(__file__).resolve().parent.parent
PEER_PYTHON = ROOT / ".venv-peer" / "bin" / "python"
PEER_UP_TO = 800  # Munkres in pure Python is cubic: larger sizes take the peer minutes
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
CONDITIONS = ("quiet", "omp1", "load", "saturated")


def synthetic_cohort(size: int, seed: int = 0) -> Cohort:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(TOPICS, DIM)).astype(np.float32)

    def around(topic: int, count: int) -> np.ndarray:
        vectors = centres[topic] + 0.8 * rng.normal(size=(count, DIM)).astype(np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    programme = Programme(
        **ProgrammeIn(slug="bench", name="Benchmark").model_dump(),
        id=1,
        created_at=datetime.now(UTC),
    )
    now = datetime.now(UTC)
    people, goals, skills = [], {}, {}
    for number in range(2 * size):
        mentee = number < size
        topics = rng.choice(TOPICS, size=int(rng.integers(1, 4)), replace=False)
        slots = {f"{rng.choice(DAYS)} {rng.choice(BLOCKS)}" for _ in range(int(rng.integers(3, 6)))}
        manager = None
        if not mentee and rng.random() < 0.05:
            manager = f"P{int(rng.integers(0, size))}"  # a mentor reporting to a mentee
        person = Participant(
            id=number + 1,
            programme_id=1,
            updated_at=now,
            external_id=f"P{number}",
            name=f"Person {number}",
            email=f"p{number}@example.org",
            role=Role.MENTEE if mentee else Role.MENTOR,
            seniority=int(rng.integers(6, 10)) if mentee else int(rng.integers(1, 5)),
            department=str(rng.choice(DEPARTMENTS)),
            manager_id=manager,
            goals=[f"goal {t}" for t in topics],
            skills=[f"skill {t}" for t in topics],
            availability=[Slot.parse(s) for s in sorted(slots)],
            capacity=1 if mentee else int(rng.choice([1, 1, 1, 2])),
            consent_matching=bool(rng.random() > 0.02),
        )
        people.append(person)
        goals[person.id] = np.concatenate([around(int(t), 1) for t in topics])
        skills[person.id] = np.concatenate([around(int(t), 1) for t in topics])
    mentees = [p for p in people if p.role is Role.MENTEE]
    mentors = [p for p in people if p.role is Role.MENTOR]
    return Cohort(programme, mentees, mentors, goals, skills)


def run_peer(cohort: Cohort, fit: dict[tuple[int, int], float], python: Path) -> dict:
    """mentor-match on our candidate graph, in its own environment and process."""
    problem = {
        "mentees": len(cohort.mentees),
        "capacity": [m.capacity for m in cohort.mentors],
        "edges": [[row, column, score] for (row, column), score in fit.items()],
    }
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "problem.json"
        path.write_text(json.dumps(problem), encoding="utf-8")
        child = subprocess.run(
            [str(python), "-m", "bench.mentor_match_peer", str(path)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
    return json.loads(child.stdout.strip().splitlines()[-1])


def measure(size: int, peer: Path | None = None, repeats: int | None = None) -> dict[str, object]:
    cohort = synthetic_cohort(size)
    if repeats is None:  # cohorts that take seconds are timed once, without a warm-up
        repeats = 5 if size <= 2000 else 1
    if repeats > 1:
        suggest(cohort, Solver.OPTIMAL)  # warm-up: imports, caches
    times, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = suggest(cohort, Solver.OPTIMAL)
        times.append(time.perf_counter() - started)
    assert result is not None
    seconds = statistics.median(times)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with blas_threads(cohort):
        edges = candidates(cohort).edges
    fit = {
        (int(r), int(c)): float(s)
        for r, c, s in zip(edges.mentee, edges.mentor, edges.score, strict=True)
    }
    row_of = {m.id: i for i, m in enumerate(cohort.mentees)}
    column_of = {m.id: i for i, m in enumerate(cohort.mentors)}
    ours = [(row_of[s.mentee_id], column_of[s.mentor_id]) for s in result.suggestions]
    row: dict[str, object] = {
        "mentees": size,
        "seconds": round(seconds, 3),
        "pairs": len(ours),
        "fit": round(sum(fit[p] for p in ours), 3),
        "shortlist": result.shortlist,
        "peak_mib": round(peak_mib),
        "peer_seconds": None,
        "peer_pairs": None,
        "peer_fit": None,
    }
    if peer is not None:
        found = run_peer(cohort, fit, peer)
        theirs = [tuple(p) for p in found["pairs"]]
        row.update(
            peer_seconds=round(found["seconds"], 3),
            peer_pairs=len(theirs),
            peer_fit=round(sum(fit[p] for p in theirs), 3),  # type: ignore[index]
        )
    return row


@contextmanager
def competing_load(processes: int) -> Iterator[None]:
    """``processes`` busy loops in other processes while the block runs."""
    burners = [
        subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(processes)
    ]
    try:
        time.sleep(0.5)  # let them reach full speed
        yield
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()


def child_env(condition: str) -> dict[str, str]:
    env = dict(os.environ)
    if condition == "omp1":
        env.update(dict.fromkeys(THREAD_VARIABLES, "1"))
    return env


def run_size(size: int, condition: str, peer: Path | None) -> dict[str, object]:
    command = [sys.executable, "-m", "bench.matching", "--one", str(size)]
    if peer is not None and size <= PEER_UP_TO:
        command += ["--peer", str(peer)]
    child = subprocess.run(
        command, capture_output=True, text=True, check=True, env=child_env(condition), cwd=ROOT
    )
    return json.loads(child.stdout.strip().splitlines()[-1])


def ratio(top: object, bottom: object, digits: int | None = None) -> str:
    if not isinstance(top, int | float) or not isinstance(bottom, int | float) or not bottom:
        return "-"
    value = top / bottom
    return f"{value:.{digits if digits is not None else (1 if value >= 10 else 2)}f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[400, 800, 2000, 10000])
    parser.add_argument("--conditions", nargs="*", choices=CONDITIONS, default=["quiet"])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process mode
    parser.add_argument("--peer", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.peer)))
        return
    peer = PEER_PYTHON if PEER_PYTHON.exists() else None
    if peer is None:
        print("(no .venv-peer: run `make bench-matching` to compare with mentor-match)")
    print(
        f"{'condition':>9} {'mentees':>8} {'ours s':>8} {'peer s':>8} {'x faster':>9} "
        f"{'pairs':>6} {'peer pairs':>10} {'fit':>9} {'peer fit':>9} {'fit x peer':>10} "
        f"{'shortlist':>9} {'peak MiB':>9}"
    )
    for condition in args.conditions:
        for size in args.sizes:
            busy = {"load": 1, "saturated": os.cpu_count() or 2}.get(condition, 0)
            if busy:
                with competing_load(busy):
                    row = run_size(size, condition, peer)
            else:
                row = run_size(size, condition, peer)
            print(
                f"{condition:>9} {row['mentees']:>8} {row['seconds']:>8} "
                f"{row['peer_seconds'] or '-':>8} {ratio(row['peer_seconds'], row['seconds']):>9} "
                f"{row['pairs']:>6} {row['peer_pairs'] or '-':>10} {row['fit']:>9} "
                f"{row['peer_fit'] or '-':>9} {ratio(row['fit'], row['peer_fit'], 4):>10} "
                f"{row['shortlist'] or 'all':>9} {row['peak_mib']:>9}",
                flush=True,
            )


if __name__ == "__main__":
    main()
