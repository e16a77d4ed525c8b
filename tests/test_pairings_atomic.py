"""Every multi-step pairing operation is one unit of work: a failure injected between its
steps leaves nothing half-done, on both databases.

The faults are plain wrappers around the real repository methods (no mocks): the step
before the fault really writes, and the test proves the write did not survive.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import coach.store.pairings as pairing_rows
from coach.domain import PairingStatus, Role
from coach.errors import ConflictError
from coach.matching import Solver
from coach.pairing_choices import approve_many, pair_manually
from coach.pairings import approve, reject, run_matching, swap
from coach.services import Services
from coach.store.pairings import PairingRepository
from tests.test_pairings import programme_services  # noqa: F401  (the fixture)


class Fault(RuntimeError):
    """The failure a test injects between two steps."""


def fail_on_call(
    monkeypatch: pytest.MonkeyPatch,
    owner: Any,
    name: str,
    call: int,
    *,
    after: bool = False,
    error: Callable[[], Exception] = lambda: Fault("injected between two steps"),
) -> None:
    """Make ``owner.name`` fail on its ``call``-th call: before doing anything, or just
    after it did its work (``after``), as a crash between two steps would."""
    original = getattr(owner, name)
    calls = 0

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == call and not after:
            raise error()
        result = original(*args, **kwargs)
        if calls == call and after:
            raise error()
        return result

    monkeypatch.setattr(owner, name, wrapped)


def state(services: Services, programme_id: int) -> tuple[Any, ...]:
    """Everything a pairing operation may change: each pairing's status, version and
    history length, and the matching runs."""
    rows, _ = services.store.pairings.list_pairings(programme_id)
    run = services.store.pairings.latest_matching_run(programme_id)
    return (
        sorted((p.id, p.status, p.version, len(p.history), p.mentor_id, p.mentee_id) for p in rows),
        run.id if run else None,
    )


@pytest.fixture
def suggested(programme_services):  # noqa: F811
    services, programme, users = programme_services
    _run, pairings, _result = run_matching(services, programme.id, Solver.OPTIMAL)
    return services, programme, users, sorted(pairings, key=lambda p: -(p.score or 0))


def _swappable(services: Services, pairings: list[Any]) -> tuple[int, int]:
    """Two suggestions whose mentors can be exchanged without breaking a rule."""
    from coach.pairings import why_excluded

    for i, first in enumerate(pairings):
        for second in pairings[i + 1 :]:
            if not why_excluded(
                services, first.programme_id, first.mentee_id, second.mentor_id
            ) and not why_excluded(services, first.programme_id, second.mentee_id, first.mentor_id):
                return first.id, second.id
    raise AssertionError("the sample has two swappable suggestions")


def test_a_swap_that_fails_after_its_withdrawals_leaves_both_suggestions_as_they_were(
    suggested, monkeypatch
):
    services, programme, (first_user, _), pairings = suggested
    a, b = _swappable(services, pairings)
    before = state(services, programme.id)
    # The two withdrawals and the first new suggestion are written; the second fails.
    fail_on_call(monkeypatch, PairingRepository, "create_pairing", 2)
    with pytest.raises(Fault):
        swap(services, a, b, first_user.id)
    assert state(services, programme.id) == before
    monkeypatch.undo()
    made = swap(services, a, b, first_user.id)  # and the same swap then works whole
    assert len(made) == 2
    statuses = {p.id: p.status for p in services.store.pairings.list_pairings(programme.id)[0]}
    assert statuses[a] is statuses[b] is PairingStatus.WITHDRAWN


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_a_review_that_fails_after_its_change_changes_nothing(suggested, monkeypatch, decision):
    services, programme, (first_user, _), pairings = suggested
    target = pairings[0]
    before = state(services, programme.id)
    fail_on_call(monkeypatch, PairingRepository, "set_pairing_status", 1, after=True)
    with pytest.raises(Fault):
        if decision == "approve":
            approve(services, target.id, first_user.id)
        else:
            reject(services, target.id, first_user.id, "diaries clash")
    assert state(services, programme.id) == before
    assert services.store.pairings.get_pairing(target.id).status is PairingStatus.SUGGESTED


def test_a_rerun_that_fails_part_way_keeps_the_earlier_suggestions_and_stores_no_run(
    suggested, monkeypatch
):
    services, programme, _users, _pairings = suggested
    before = state(services, programme.id)
    # The run row and the withdrawals of the earlier suggestions are written first; the
    # third new suggestion fails.
    fail_on_call(monkeypatch, pairing_rows, "_suggestion", 3)
    with pytest.raises(Fault):
        run_matching(services, programme.id, Solver.OPTIMAL)
    assert state(services, programme.id) == before
    open_now = services.store.pairings.list_pairings(
        programme.id, statuses=[PairingStatus.SUGGESTED]
    )[1]
    assert open_now == len(before[0])


def test_a_manual_pair_that_fails_after_withdrawing_the_old_suggestion_withdraws_nothing(
    suggested, monkeypatch
):
    services, programme, (first_user, _), pairings = suggested
    target = pairings[0]
    people = services.store.programmes.list_participants(programme.id)
    mentor = next(
        p
        for p in people
        if p.role is Role.MENTOR and p.id != target.mentor_id and p.consent_matching
    )
    before = state(services, programme.id)
    fail_on_call(monkeypatch, pairing_rows, "_suggestion", 1)
    with pytest.raises(Fault):
        pair_manually(
            services,
            programme.id,
            target.mentee_id,
            mentor.id,
            first_user.id,
            override=True,
            reason="they asked for each other",
        )
    assert state(services, programme.id) == before


def test_one_refusal_in_a_bulk_approval_undoes_only_its_own_change(suggested, monkeypatch):
    """Each approval of a bulk approval is a savepoint: a refusal found after its write
    undoes that one, and the others are kept."""
    services, programme, (first_user, _), pairings = suggested
    chosen = [p.id for p in pairings[:3]]
    fail_on_call(
        monkeypatch,
        PairingRepository,
        "set_pairing_status",
        2,
        after=True,
        error=lambda: ConflictError("refused after the write"),
    )
    with services.unit_of_work() as unit:  # as the API runs it: inside the request's unit
        outcome = approve_many(unit, programme.id, chosen, first_user.id)
    assert [p.id for p in outcome.approved] == [chosen[0], chosen[2]]
    assert outcome.refused == {chosen[1]: "refused after the write"}
    stored = {i: services.store.pairings.get_pairing(i) for i in chosen}
    # The sample programme asks for two reviewers: a first approval is the change.
    assert stored[chosen[0]].status is PairingStatus.AWAITING_SECOND_APPROVAL
    assert stored[chosen[1]].status is PairingStatus.SUGGESTED
    assert stored[chosen[1]].version == pairings[1].version
    assert stored[chosen[2]].status is PairingStatus.AWAITING_SECOND_APPROVAL


def test_without_a_unit_of_work_the_same_fault_would_leave_a_half_done_swap(suggested, monkeypatch):
    """The counterfactual that shows the tests above can fail: the same swap, with each
    step committed on its own (as before units of work), is left half-done."""
    services, programme, (first_user, _), pairings = suggested
    a, b = _swappable(services, pairings)
    before = state(services, programme.id)

    def one_transaction_per_step(self: Services, *, writes: bool = True) -> Any:
        from contextlib import nullcontext

        return nullcontext(self)

    monkeypatch.setattr(Services, "unit_of_work", one_transaction_per_step)
    fail_on_call(monkeypatch, PairingRepository, "create_pairing", 2)
    with pytest.raises(Fault):
        swap(services, a, b, first_user.id)
    assert state(services, programme.id) != before
    statuses = {p.id: p.status for p in services.store.pairings.list_pairings(programme.id)[0]}
    assert statuses[a] is PairingStatus.WITHDRAWN  # withdrawn, and only one new pair
