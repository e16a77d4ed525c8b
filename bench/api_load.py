"""API under load: a real uvicorn server, driven from this (separate) process on loopback.

The server runs the sample programme plus a synthetic one large enough that every
feedback submission is new. For each concurrency level the load generator sends the
same number of requests to each scenario:
- ``healthz``: the cheapest request there is, the baseline of the run;
- ``agenda``: a mentee generates a session agenda (offline backend: retrieval + composer);
- ``review``: a coordinator reads the pairing review list (100 per page);
- ``feedback``: a participant submits a new answer (validated, stored, session marked).

Reported per scenario: requests/s, p50/p95/p99 latency, 5xx count, and p95 as a ratio of
the baseline's p95 in the same run. Timings are reported, never asserted.

    .venv/bin/python -m bench.api_load                     # 2,000 requests, 1 / 8 / 32
    .venv/bin/python -m bench.api_load --requests 200 --concurrency 8 --workers 1
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from bench.servers import Uvicorn, index_guidance, service_env
from bench.synthetic import approved_pairs
from coach.accounts import issue_token
from coach.config import load_settings
from coach.domain import PairingStatus, ProgrammeIn, Role, UserRole
from coach.knowledge import SAMPLE_DIR
from coach.sample import load_sample
from coach.services import Services

Request = tuple[str, str, dict[str, str], dict[str, Any] | None]  # method, path, headers, json


@dataclass
class World:
    url: str
    coordinator: dict[str, str]
    agenda: list[Request]
    feedback: list[Request]
    programme_id: int


def prepare(folder: Path, pairs: int) -> tuple[dict[str, str], Callable[[str], World]]:
    """Data for the server: sample pairs for agendas, ``pairs`` synthetic pairs for
    feedback; returns the server's environment and a function building the load."""
    env = service_env(data_dir=str(folder))
    services = Services(load_settings(data_dir=folder))
    store = services.store
    store.migrate()
    sample, _ = load_sample(store, SAMPLE_DIR)
    coordinator = store.accounts.add_user(
        "bench.coordinator@example.org", "Bench", role=UserRole.COORDINATOR
    )
    store.programmes.add_coordinator(sample.id, coordinator.id)
    coordinator_token = issue_token(store, coordinator.id, "bench")[1]
    people = store.programmes.list_participants(sample.id)
    mentors = [p for p in people if p.role is Role.MENTOR]
    mentees = [p for p in people if p.role is Role.MENTEE]
    agenda_targets = []
    for mentor, mentee in zip(mentors, mentees, strict=False):
        pairing = store.pairings.create_pairing(sample.id, mentor.id, mentee.id)
        store.pairings.set_pairing_status(pairing.id, PairingStatus.APPROVED)
        user = store.accounts.add_user(str(mentee.email), mentee.name)
        agenda_targets.append((pairing.id, issue_token(store, user.id, "bench")[1]))

    big = store.programmes.create_programme(
        ProgrammeIn(slug="bench-load", name="Load", sessions_planned=6),
        coordinator_user_id=coordinator.id,
    )
    feedback_authors = []
    for pairing_id, mentor, mentee in approved_pairs(store, big.id, pairs):
        for person in (mentor, mentee):
            user = store.accounts.add_user(str(person.email), person.name)
            feedback_authors.append((pairing_id, issue_token(store, user.id, "bench")[1]))
    services.close()
    index_guidance(env)

    def build(url: str) -> World:
        agenda = [
            (
                "POST",
                f"/programmes/{sample.id}/pairings/{pairing_id}/sessions/{1 + n % 6}/agenda",
                {"Authorization": f"Bearer {token}"},
                None,
            )
            for n in range(100_000 // max(len(agenda_targets), 1))
            for pairing_id, token in agenda_targets
        ]
        feedback = [
            (
                "POST",
                f"/programmes/{big.id}/feedback",
                {"Authorization": f"Bearer {token}"},
                {
                    "pairing_id": pairing_id,
                    "stage": "session",
                    "session_number": session,
                    "usefulness": 1 + (pairing_id + session) % 5,
                    "pairing_fit": 4,
                    "text": "Useful session; we covered dashboards and planned the next one.",
                },
            )
            for session in range(1, 7)
            for pairing_id, token in feedback_authors
        ]
        return World(
            url=url,
            coordinator={"Authorization": f"Bearer {coordinator_token}"},
            agenda=agenda,
            feedback=feedback,
            programme_id=sample.id,
        )

    return env, build


async def run_load(url: str, requests: list[Request], concurrency: int) -> dict[str, Any]:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    queue = iter(requests)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as client:

        async def user() -> None:
            for method, path, headers, body in queue:
                started = time.perf_counter()
                response = await client.request(method, path, headers=headers, json=body)
                latencies.append(time.perf_counter() - started)
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

        started = time.perf_counter()
        await asyncio.gather(*(user() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    ordered = sorted(latencies)

    def pct(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    return {
        "requests": len(latencies),
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(pct(0.50), 1),
        "p95_ms": round(pct(0.95), 1),
        "p99_ms": round(pct(0.99), 1),
        "mean_ms": round(statistics.fmean(latencies) * 1000, 1),
        "status": statuses,
        "errors_5xx": sum(n for code, n in statuses.items() if code >= 500),
    }


def scenarios(world: World, count: int, round_: int) -> dict[str, list[Request]]:
    start = round_ * count
    review = f"/programmes/{world.programme_id}/pairings?limit=100"
    return {
        "healthz": [("GET", "/healthz", {}, None)] * count,
        "agenda": world.agenda[start : start + count],
        "review": [("GET", review, world.coordinator, None)] * count,
        "feedback": world.feedback[start : start + count],
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000, help="per scenario and level")
    parser.add_argument("--concurrency", type=int, nargs="*", default=[1, 8, 32])
    parser.add_argument("--workers", type=int, default=2, help="uvicorn workers")
    parser.add_argument("--output", type=Path, default=Path("reports/bench/api_load.json"))
    args = parser.parse_args(argv)
    needed = args.requests * len(args.concurrency)
    with tempfile.TemporaryDirectory() as folder:
        env, build = prepare(Path(folder), pairs=max(10, needed // 12 + 1))
        server = Uvicorn(env, Path(folder) / "server.log", workers=args.workers).start()
        try:
            url = server.url
            world = build(url)
            # Warm each worker (model, index, connections) before measuring.
            asyncio.run(run_load(url, world.agenda[-40:], 8))
            results: dict[str, Any] = {}
            for round_, level in enumerate(args.concurrency):
                for name, requests in scenarios(world, args.requests, round_).items():
                    results.setdefault(str(level), {})[name] = asyncio.run(
                        run_load(url, requests, level)
                    )
        finally:
            server.stop()
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "cores": os.cpu_count(),
        "workers": args.workers,
        "requests": args.requests,
        "results": results,
    }
    header = (
        f"{'conc':>4} {'scenario':<9} {'req/s':>8} {'p50':>7} {'p95':>7} {'p99':>7} "
        f"{'5xx':>4} {'p95/base':>9}"
    )
    print(header)
    for level, rows in results.items():
        base = rows["healthz"]["p95_ms"] or 0.1
        for name, row in rows.items():
            print(
                f"{level:>4} {name:<9} {row['rps']:>8} {row['p50_ms']:>7} {row['p95_ms']:>7} "
                f"{row['p99_ms']:>7} {row['errors_5xx']:>4} {row['p95_ms'] / base:>9.1f}"
            )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return report


if __name__ == "__main__":
    main()
