"""Two coordinators at once on PostgreSQL: an approval and a swap of the same suggestion.

Each order is forced, not hoped for: the first operation stops after taking its row
locks, the second is started and seen waiting on a lock in ``pg_stat_activity``, then the
first goes on. Exactly one wins; the other gets a conflict that says why, and nothing of
it is stored.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import create_engine, text

import coach.pairings as pairing_module
from coach.config import load_settings
from coach.domain import PairingStatus, UserRole
from coach.errors import ConflictError
from coach.knowledge import SAMPLE_DIR
from coach.matching import Solver
from coach.pairings import approve, run_matching, swap, why_excluded
from coach.sample import load_sample
from coach.services import Services
from tests.conftest import _reset_postgres

pytestmark = pytest.mark.postgres


@pytest.fixture
def on_postgres(postgres_url, tmp_path, embedder) -> Iterator[tuple[Services, Any, list[Any]]]:
    _reset_postgres(postgres_url)
    services = Services(
        load_settings(database_url=postgres_url, data_dir=tmp_path / "d"), embedder=embedder
    )
    services.store.migrate()
    programme, _ = load_sample(services.store, SAMPLE_DIR)
    users = [
        services.store.accounts.add_user(f"r{i}@example.org", f"R{i}", role=UserRole.COORDINATOR)
        for i in (1, 2)
    ]
    run_matching(services, programme.id, Solver.OPTIMAL)
    yield services, programme, users
    services.close()


def _swappable(services: Services, programme_id: int) -> tuple[int, int]:
    rows, _ = services.store.pairings.list_pairings(
        programme_id, statuses=[PairingStatus.SUGGESTED]
    )
    for i, first in enumerate(rows):
        for second in rows[i + 1 :]:
            if not why_excluded(services, programme_id, first.mentee_id, second.mentor_id) and (
                not why_excluded(services, programme_id, second.mentee_id, first.mentor_id)
            ):
                return first.id, second.id
    raise AssertionError("the sample has two swappable suggestions")


def _wait_for_a_lock_wait(url: str) -> None:
    """Until another connection of this database waits on a row lock."""
    engine = create_engine(url)
    try:
        for _ in range(400):
            with engine.connect() as connection:
                waiting = connection.execute(
                    text(
                        "SELECT count(*) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                    )
                ).scalar()
            if waiting:
                return
            time.sleep(0.05)
        raise AssertionError("the second operation never waited on the first one's lock")
    finally:
        engine.dispose()


class Outcome:
    def __init__(self) -> None:
        self.value: Any = None
        self.error: BaseException | None = None


def _in_thread(work: Callable[[], Any]) -> tuple[threading.Thread, Outcome]:
    outcome = Outcome()

    def run() -> None:
        try:
            outcome.value = work()
        except BaseException as exc:  # handed to the test thread
            outcome.error = exc

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def _pause_inside(monkeypatch, name: str) -> tuple[threading.Event, threading.Event]:
    """Stop the operation that calls ``coach.pairings.<name>`` there (its locks held)."""
    holding, go_on = threading.Event(), threading.Event()
    original = getattr(pairing_module, name)

    def paused(*args: Any, **kwargs: Any) -> Any:
        holding.set()
        assert go_on.wait(30), "the test never let the first operation go on"
        return original(*args, **kwargs)

    monkeypatch.setattr(pairing_module, name, paused)
    return holding, go_on


def test_a_swap_holding_its_locks_wins_and_the_approval_then_gets_a_clear_conflict(
    on_postgres, postgres_url, monkeypatch
):
    services, programme, (first_user, second_user) = on_postgres
    a, b = _swappable(services, programme.id)
    holding, go_on = _pause_inside(monkeypatch, "build_cohort")  # swap: after its locks
    swapper, swapped = _in_thread(lambda: swap(services, a, b, first_user.id))
    assert holding.wait(30)
    approver, approved = _in_thread(lambda: approve(services, a, second_user.id))
    _wait_for_a_lock_wait(postgres_url)
    go_on.set()
    swapper.join(60)
    approver.join(60)

    assert swapped.error is None and len(swapped.value) == 2
    assert isinstance(approved.error, ConflictError)
    assert f"Pairing {a} is withdrawn" in approved.error.message
    stored = services.store.pairings.get_pairing(a)
    assert stored.status is PairingStatus.WITHDRAWN
    assert [e.to_status for e in stored.history][-1] is PairingStatus.WITHDRAWN
    assert not any(e.to_status is PairingStatus.AWAITING_SECOND_APPROVAL for e in stored.history)


def test_an_approval_holding_its_lock_wins_and_the_swap_then_stores_nothing(
    on_postgres, postgres_url, monkeypatch
):
    services, programme, (first_user, second_user) = on_postgres
    # One reviewer approves outright here: a first approval of two would leave an open
    # suggestion, which a swap may still take (and does, after the approval commits).
    services.store.programmes.update_programme(programme.id, {"dual_approval": False})
    a, b = _swappable(services, programme.id)
    before = {p.id: p for p in services.store.pairings.list_pairings(programme.id)[0]}
    holding, go_on = _pause_inside(monkeypatch, "_approval")  # approve: after its locks
    approver, approved = _in_thread(lambda: approve(services, a, second_user.id))
    assert holding.wait(30)
    swapper, swapped = _in_thread(lambda: swap(services, a, b, first_user.id))
    _wait_for_a_lock_wait(postgres_url)
    go_on.set()
    approver.join(60)
    swapper.join(60)

    assert approved.error is None
    assert approved.value.status is PairingStatus.APPROVED
    assert isinstance(swapped.error, ConflictError)
    assert f"Pairing {a} is approved, not a suggestion" in swapped.error.message
    after = {p.id: p for p in services.store.pairings.list_pairings(programme.id)[0]}
    assert set(after) == set(before)  # no new pairs from the swap
    assert after[b].status is PairingStatus.SUGGESTED and after[b].version == before[b].version


def test_two_swaps_over_the_same_suggestions_in_opposite_order_do_not_deadlock(
    on_postgres, postgres_url, monkeypatch
):
    services, programme, (first_user, second_user) = on_postgres
    a, b = _swappable(services, programme.id)
    holding, go_on = _pause_inside(monkeypatch, "build_cohort")
    first, first_out = _in_thread(lambda: swap(services, a, b, first_user.id))
    assert holding.wait(30)
    second, second_out = _in_thread(lambda: swap(services, b, a, second_user.id))
    _wait_for_a_lock_wait(postgres_url)
    go_on.set()
    first.join(60)
    second.join(60)
    assert first_out.error is None and len(first_out.value) == 2
    assert isinstance(second_out.error, ConflictError)
    assert "not a suggestion" in second_out.error.message


def test_two_web_workers_remind_of_a_session_once(on_postgres, monkeypatch):
    """The sending round runs in every web worker: while one is writing a session's
    reminder (its row locked), another round skips that session."""
    from datetime import UTC, datetime, timedelta

    import coach.scheduling as scheduling_module
    from coach.domain import SessionStatus, Stage
    from coach.scheduling import send_reminders

    services, programme, (first_user, _second_user) = on_postgres
    services.store.programmes.update_programme(programme.id, {"dual_approval": False})
    a, _b = _swappable(services, programme.id)
    approve(services, a, first_user.id)
    session = services.store.sessions.lock_session(a, 1, Stage.FIRST)
    start = datetime.now(UTC) + timedelta(days=1)
    services.store.sessions.update_session(session.id, scheduled_at=start)
    holding, go_on = threading.Event(), threading.Event()
    original = scheduling_module._tell_both

    def slow(*args: Any, **kwargs: Any) -> Any:
        holding.set()
        assert go_on.wait(30)
        return original(*args, **kwargs)

    monkeypatch.setattr(scheduling_module, "_tell_both", slow)
    now = datetime.now(UTC)
    first, first_out = _in_thread(lambda: send_reminders(services, now))
    assert holding.wait(30)
    monkeypatch.setattr(scheduling_module, "_tell_both", original)
    second, second_out = _in_thread(lambda: send_reminders(services, now))
    second.join(30)
    go_on.set()
    first.join(30)
    assert (first_out.error, second_out.error) == (None, None)
    assert (first_out.value, second_out.value) == (1, 0)
    reminders = [m for m in services.store.outbox.list_messages() if m.kind == "session_reminder"]
    assert len(reminders) == 2  # one to each member, once
    stored = services.store.sessions.sessions_of_pairing(a)[0]
    assert stored.status is SessionStatus.PLANNED and stored.reminder_sent_at is not None
