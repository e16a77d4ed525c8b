"""Matching benchmark: time to suggest and peak memory at growing cohort sizes.

For each size (mentees, with as many mentors) a synthetic cohort is built with
precomputed embeddings: people's goal and skill vectors are drawn around 60 topic
centres, so nearest-mentor shortlists are meaningful. Timed: features + rules + solve
(``suggest``). In the same process, a greedy solver over the same candidates is the
baseline; the report gives time and total score as ratios against it.

Each size runs in its own subprocess so its peak resident memory is its own.

    .venv/bin/python -m bench.matching                 # 200 1000 2000 10000
    .venv/bin/python -m bench.matching --sizes 200 2000
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime

import numpy as np

from coach.domain import Participant, Programme, ProgrammeIn, Role, Slot
from coach.matching import Cohort, Solver, suggest

DIM = 384
TOPICS = 60
DEPARTMENTS = ["Claims", "Finance", "IT", "Marketing", "People", "Sales", "Legal", "Strategy"]
BLOCKS = ["09:00-11:00", "11:00-13:00", "14:00-16:00", "16:00-18:00"]
DAYS = ["mon", "tue", "wed", "thu", "fri"]


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


def measure(size: int) -> dict[str, float | int | None]:
    cohort = synthetic_cohort(size)
    started = time.perf_counter()
    greedy = suggest(cohort, Solver.GREEDY)
    greedy_seconds = time.perf_counter() - started
    started = time.perf_counter()
    optimal = suggest(cohort, Solver.OPTIMAL)
    optimal_seconds = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "mentees": size,
        "mentors": size,
        "optimal_seconds": round(optimal_seconds, 2),
        "greedy_seconds": round(greedy_seconds, 2),
        "time_ratio": round(optimal_seconds / greedy_seconds, 2),
        "optimal_pairs": len(optimal.suggestions),
        "greedy_pairs": len(greedy.suggestions),
        "score_ratio": round(optimal.total_score / greedy.total_score, 4)
        if greedy.total_score
        else None,
        "shortlist": optimal.shortlist,
        "peak_mib": round(peak_mib),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[200, 1000, 2000, 10000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process mode
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    header = (
        f"{'mentees':>8} {'optimal s':>10} {'greedy s':>9} {'time x':>7} "
        f"{'pairs':>6} {'score x greedy':>15} {'shortlist':>9} {'peak MiB':>9}"
    )
    print(header)
    for size in args.sizes:
        child = subprocess.run(
            [sys.executable, "-m", "bench.matching", "--one", str(size)],
            capture_output=True,
            text=True,
            check=True,
        )
        row = json.loads(child.stdout.strip().splitlines()[-1])
        print(
            f"{row['mentees']:>8} {row['optimal_seconds']:>10} {row['greedy_seconds']:>9} "
            f"{row['time_ratio']:>7} {row['optimal_pairs']:>6} {row['score_ratio']!s:>15} "
            f"{row['shortlist'] or 'all':>9} {row['peak_mib']:>9}",
            flush=True,
        )


if __name__ == "__main__":
    main()
