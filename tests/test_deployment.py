"""The production shape, started for real: two stateless API workers on PostgreSQL and a
`chroma run` server, all on loopback.

- a write through one worker is read through the other;
- concurrent approvals of one pairing through both workers: exactly one wins;
- a worker killed during a stream of feedback submissions and restarted: every
  acknowledged answer is stored, none twice;
- the Chroma server goes away: what needs it answers 503 `index_unavailable`, the rest
  keeps working, and it recovers when the server is back.
"""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from bench.servers import Uvicorn, free_port, index_guidance, service_env
from coach.accounts import issue_token
from coach.config import load_settings
from coach.domain import PairingStatus, ProgrammeIn, Role, UserRole
from coach.knowledge import SAMPLE_DIR
from coach.sample import load_sample
from coach.services import Services
from tests.conftest import _reset_postgres, start_chroma, stop

pytestmark = [pytest.mark.postgres, pytest.mark.chroma_server]

# Generous: on a busy 2-core machine a worker's first requests can take seconds.
HTTP = httpx.Client(timeout=60)


@dataclass
class Deployment:
    workers: list[Uvicorn]
    services: Services
    programme_id: int
    tokens: dict[str, str]  # email -> token
    chroma: subprocess.Popen[bytes]
    chroma_path: Path
    chroma_port: int
    extra: dict[str, object] = field(default_factory=dict)

    def headers(self, email: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[email]}"}


COORDINATOR = "coordinator@harbourvale.example"


@pytest.fixture(scope="module")
def deployment(postgres_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    _reset_postgres(postgres_url)
    folder = tmp_path_factory.mktemp("deploy")
    chroma_port = free_port()
    chroma = start_chroma(folder / "chroma", chroma_port)
    prefix = "deploy"
    settings = load_settings(
        database_url=postgres_url,
        chroma_url=f"http://127.0.0.1:{chroma_port}",
        index_prefix=prefix,
        data_dir=folder / "data",
    )
    services = Services(settings)
    services.store.migrate()
    # A one-to-one programme with single approval, so one approval decides.
    programme, _ = load_sample(services.store, SAMPLE_DIR)
    services.store.programmes.update_programme(programme.id, {"dual_approval": False})
    tokens = {}
    coordinator = services.store.accounts.add_user(COORDINATOR, "Casey", role=UserRole.COORDINATOR)
    services.store.programmes.add_coordinator(programme.id, coordinator.id)
    tokens[COORDINATOR] = issue_token(services.store, coordinator.id, "deploy")[1]
    for person in services.store.programmes.list_participants(programme.id):
        user = services.store.accounts.add_user(str(person.email), person.name)
        tokens[str(person.email)] = issue_token(services.store, user.id, "deploy")[1]
    env = service_env(
        database_url=postgres_url,
        chroma_url=f"http://127.0.0.1:{chroma_port}",
        index_prefix=prefix,
        data_dir=str(folder / "data"),
    )
    index_guidance(env)  # on the Chroma server, by its own process, as in production
    workers = [Uvicorn(env, folder / f"worker{i}.log").start() for i in range(2)]
    deployed = Deployment(
        workers, services, programme.id, tokens, chroma, folder / "chroma", chroma_port
    )
    yield deployed
    for worker in workers:
        worker.stop()
    stop(deployed.chroma)  # the server a test restarted, not only the first one
    services.close()


def test_both_workers_are_ready_and_share_one_database(deployment: Deployment):
    a, b = deployment.workers
    for worker in (a, b):
        ready = HTTP.get(f"{worker.url}/readyz").json()
        assert ready["status"] == "ready", ready
    headers = deployment.headers(COORDINATOR)
    url = f"/programmes/{deployment.programme_id}/participants"
    created = HTTP.post(
        a.url + url,
        headers=headers,
        json={
            "external_id": "HV3001",
            "name": "Noor Written-Through-A",
            "email": "noor@harbourvale.example",
            "role": "mentor",
            "seniority": 2,
            "department": "Claims",
            "skills": ["Power BI"],
        },
    )
    assert created.status_code == 201, created.text
    pid = created.json()["id"]
    read = HTTP.get(f"{b.url}{url}/{pid}", headers=headers)
    assert read.status_code == 200 and read.json()["name"] == "Noor Written-Through-A"
    changed = HTTP.patch(f"{b.url}{url}/{pid}", headers=headers, json={"department": "IT"})
    assert changed.status_code == 200
    assert HTTP.get(f"{a.url}{url}/{pid}", headers=headers).json()["department"] == "IT"


def test_concurrent_approvals_of_one_pairing_cannot_both_win(deployment: Deployment):
    store = deployment.services.store
    people = store.programmes.list_participants(deployment.programme_id)
    mentor = next(p for p in people if p.role is Role.MENTOR)
    mentee = next(p for p in people if p.role is Role.MENTEE)
    pairing = store.pairings.create_pairing(deployment.programme_id, mentor.id, mentee.id)
    url = f"/programmes/{deployment.programme_id}/pairings/{pairing.id}/approve"
    barrier = threading.Barrier(8)
    answers: list[int] = []

    def approve(worker: Uvicorn) -> None:
        barrier.wait()
        response = HTTP.post(worker.url + url, headers=deployment.headers(COORDINATOR), json={})
        answers.append(response.status_code)

    threads = [
        threading.Thread(target=approve, args=(deployment.workers[i % 2],)) for i in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) == [200] + [409] * 7, answers
    final = store.pairings.get_pairing(pairing.id)
    assert final.status is PairingStatus.APPROVED
    assert sum(e.to_status is PairingStatus.APPROVED for e in final.history) == 1
    store.pairings.set_pairing_status(pairing.id, PairingStatus.ENDED)


def test_a_killed_worker_loses_no_acknowledged_feedback_and_stores_none_twice(
    deployment: Deployment,
):
    store = deployment.services.store
    pid = deployment.programme_id
    people = store.programmes.list_participants(pid)
    mentors = sorted((p for p in people if p.role is Role.MENTOR), key=lambda p: p.external_id)
    mentees = sorted((p for p in people if p.role is Role.MENTEE), key=lambda p: p.external_id)
    pairs = []
    for mentor, mentee in zip(mentors[1:9], mentees[1:9], strict=True):
        pairing = store.pairings.create_pairing(pid, mentor.id, mentee.id)
        store.pairings.set_pairing_status(pairing.id, PairingStatus.APPROVED)
        pairs.append((pairing.id, mentor, mentee))
    jobs = [
        (
            author,
            {
                "pairing_id": pairing_id,
                "stage": "session",
                "session_number": n,
                "usefulness": 1 + n % 5,
                "pairing_fit": 4,
                "text": f"session {n} notes",
            },
        )
        for pairing_id, mentor, mentee in pairs
        for n in range(1, 7)
        for author in (mentor, mentee)
    ]
    worker = deployment.workers[0]
    acknowledged: list[tuple[int, int, int]] = []
    killed = False
    for index, (author, body) in enumerate(jobs):
        if index == len(jobs) // 2 and not killed:
            # Kill the worker with requests in flight, then bring it back.
            # The same answer is in flight: its reply may be lost, so it is sent again.
            flying = threading.Thread(
                target=_send,
                args=(worker, deployment, author, body, acknowledged),
                kwargs={"ignore": True},
            )
            flying.start()
            time.sleep(0.01)
            worker.kill()
            flying.join()
            killed = True
            worker.start()
        _send(worker, deployment, author, body, acknowledged)
    stored = [
        (f.author_id, f.pairing_id, f.session_number)
        for f in store.feedback.feedback_for(pid)
        if f.pairing_id in {p for p, _, _ in pairs}
    ]
    assert len(stored) == len(set(stored)), "an answer was stored twice"
    assert set(acknowledged) <= set(stored), "an acknowledged answer was lost"
    assert len(set(stored)) == len(jobs)  # retried after the kill, each exactly once


def _send(worker: Uvicorn, deployment, author, body, acknowledged, *, ignore=False) -> None:
    """Send until the service answers; a 409 after a lost reply means it was stored."""
    for _ in range(50):
        try:
            response = HTTP.post(
                f"{worker.url}/programmes/{deployment.programme_id}/feedback",
                headers=deployment.headers(str(author.email)),
                json=body,
                timeout=10,
            )
        except httpx.HTTPError:
            if ignore:
                return
            time.sleep(0.2)
            continue
        assert response.status_code in (201, 409), response.text
        if response.status_code == 201:
            acknowledged.append((author.id, body["pairing_id"], body["session_number"]))
        return
    pytest.fail("the worker did not come back")


def test_without_the_chroma_server_what_needs_it_is_503_and_the_rest_works(
    deployment: Deployment,
):
    store = deployment.services.store
    pid = deployment.programme_id
    people = store.programmes.list_participants(pid)
    mentor = sorted((p for p in people if p.role is Role.MENTOR), key=lambda p: p.external_id)[-1]
    mentee = sorted((p for p in people if p.role is Role.MENTEE), key=lambda p: p.external_id)[-1]
    pairing = store.pairings.create_pairing(pid, mentor.id, mentee.id)
    store.pairings.set_pairing_status(pairing.id, PairingStatus.APPROVED)
    worker = deployment.workers[1]
    agenda = f"{worker.url}/programmes/{pid}/pairings/{pairing.id}/sessions/1/agenda"
    headers = deployment.headers(str(mentee.email))
    stop(deployment.chroma)
    try:
        response = HTTP.post(agenda, headers=headers, timeout=60)
        assert response.status_code == 503, response.text
        assert response.json()["error"]["code"] == "index_unavailable"
        assert HTTP.get(f"{worker.url}/readyz").status_code == 503
        # Not needing the index: reading the programme and giving feedback still work.
        assert HTTP.get(f"{worker.url}/programmes/{pid}", headers=headers).status_code == 200
        feedback = HTTP.post(
            f"{worker.url}/programmes/{pid}/feedback",
            headers=headers,
            json={"pairing_id": pairing.id, "stage": "midpoint", "usefulness": 4, "pairing_fit": 4},
        )
        assert feedback.status_code == 201, feedback.text
    finally:
        deployment.chroma = start_chroma(deployment.chroma_path, deployment.chroma_port)
    response = HTTP.post(agenda, headers=headers, timeout=60)
    assert response.status_code == 201, response.text
    assert response.json()["card_ids"], "guidance is found again once the server is back"
    assert HTTP.get(f"{worker.url}/readyz").status_code == 200


def test_programmes_unrelated_to_the_test_data_are_untouched(deployment: Deployment):
    # A second programme created through worker B is listed through worker A.
    headers = deployment.headers(COORDINATOR)
    a, b = deployment.workers
    body = ProgrammeIn(slug="second-wave", name="Second wave").model_dump()
    assert HTTP.post(f"{b.url}/programmes", headers=headers, json=body).status_code == 201
    slugs = [p["slug"] for p in HTTP.get(f"{a.url}/programmes", headers=headers).json()["items"]]
    assert "second-wave" in slugs
