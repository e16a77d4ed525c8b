"""Suggest, review and re-run on the sample programme, on both databases."""

import pytest

from coach.config import load_settings
from coach.domain import PairingStatus, UserRole
from coach.errors import ConflictError, InputValidationError
from coach.knowledge import SAMPLE_DIR
from coach.matching import Solver
from coach.pairings import approve, reject, run_matching, swap, why_excluded
from coach.sample import load_sample
from coach.services import Services


@pytest.fixture
def programme_services(database_url, tmp_path, embedder):
    services = Services(
        load_settings(database_url=database_url, data_dir=tmp_path / "d"), embedder=embedder
    )
    services.store.migrate()
    programme, _ = load_sample(services.store, SAMPLE_DIR)
    users = [
        services.store.accounts.add_user(
            f"r{i}@example.org", f"Reviewer {i}", role=UserRole.COORDINATOR
        )
        for i in (1, 2)
    ]
    yield services, programme, users
    services.close()


def test_run_review_and_rerun(programme_services):
    services, programme, (first, second) = programme_services
    run, pairings, result = run_matching(
        services, programme.id, Solver.OPTIMAL, actor_user_id=first.id
    )
    assert len(pairings) == len(result.suggestions) >= 20
    assert run.summary["excluded"] and run.summary["fairness"]
    assert any(u["cause"] == "no_consent" for u in run.summary["unmatched"])
    best = max(pairings, key=lambda p: p.score)
    assert best.details["pros"][0].startswith("covers")
    assert best.details["summary"].startswith(f"Fit {best.score:.2f}: covers")
    assert set(best.details["parts"]) >= {"goal_coverage", "availability"}

    # dual approval: a second, different reviewer
    half = approve(services, best.id, first.id)
    assert half.status is PairingStatus.AWAITING_SECOND_APPROVAL
    with pytest.raises(ConflictError, match="second, different reviewer"):
        approve(services, best.id, first.id)
    done = approve(services, best.id, second.id)
    assert done.status is PairingStatus.APPROVED
    assert [e.to_status for e in done.history] == [
        PairingStatus.SUGGESTED,
        PairingStatus.AWAITING_SECOND_APPROVAL,
        PairingStatus.APPROVED,
    ]

    other = next(p for p in pairings if p.id != best.id)
    with pytest.raises(InputValidationError):
        reject(services, other.id, first.id, "  ")
    rejected = reject(services, other.id, first.id, "they already work together closely")
    assert rejected.history[-1].reason == "they already work together closely"

    # re-run for the unmatched: the approved pair stays, its mentee is not suggested again
    run2, pairings2, _ = run_matching(services, programme.id, Solver.OPTIMAL)
    assert services.store.pairings.get_pairing(best.id).status is PairingStatus.APPROVED
    assert all(p.mentee_id != best.mentee_id for p in pairings2)
    withdrawn = services.store.pairings.get_pairing(pairings[-1].id)
    if withdrawn.id not in (best.id, other.id):
        assert withdrawn.status is PairingStatus.WITHDRAWN
        assert withdrawn.history[-1].reason == f"superseded by matching run {run2.id}"


def test_stale_versions_and_double_approvals_are_refused(programme_services):
    services, programme, (first, second) = programme_services
    services.store.programmes.update_programme(programme.id, {"dual_approval": False})
    _, pairings, _ = run_matching(services, programme.id)
    pairing = pairings[0]
    approve(services, pairing.id, first.id, expected_version=pairing.version)
    with pytest.raises(ConflictError):
        approve(services, pairing.id, second.id, expected_version=pairing.version)


def test_swap_exchanges_mentors_and_checks_rules(programme_services):
    services, programme, (first, _) = programme_services
    _, pairings, _ = run_matching(services, programme.id)
    for a in pairings:
        for b in pairings:
            if a.id >= b.id:
                continue
            ok_a = why_excluded(services, programme.id, a.mentee_id, b.mentor_id) is None
            ok_b = why_excluded(services, programme.id, b.mentee_id, a.mentor_id) is None
            if ok_a and ok_b:
                new = swap(services, a.id, b.id, first.id)
                assert {(p.mentee_id, p.mentor_id) for p in new} == {
                    (a.mentee_id, b.mentor_id),
                    (b.mentee_id, a.mentor_id),
                }
                assert services.store.pairings.get_pairing(a.id).status is PairingStatus.WITHDRAWN
                assert new[0].details["summary"] and new[0].details["pros"]
                return
    pytest.fail("no swappable pair of suggestions in the sample")


def test_why_excluded_names_the_rule(programme_services):
    services, programme, _ = programme_services
    people = services.store.programmes.list_participants(programme.id)
    by_external = {p.external_id: p for p in people}
    mentor = next(p for p in people if p.role.value == "mentor" and p.manager_id in by_external)
    manager = by_external[mentor.manager_id]
    assert why_excluded(services, programme.id, manager.id, mentor.id).startswith("reporting_line")


def test_a_rerun_keeps_every_decision_and_never_suggests_a_rejected_pair_again(
    programme_services,
):
    services, programme, (first, _second) = programme_services
    _, pairings, _ = run_matching(services, programme.id, Solver.OPTIMAL, actor_user_id=first.id)
    ranked = sorted(pairings, key=lambda p: -(p.score or 0))
    halfway, turned_down = ranked[0], ranked[1]
    approve(services, halfway.id, first.id)  # dual approval: waits for a second reviewer
    reject(services, turned_down.id, first.id, "they already work together on a project")
    run2, again, result = run_matching(
        services, programme.id, Solver.OPTIMAL, actor_user_id=first.id
    )
    store = services.store
    assert store.pairings.get_pairing(halfway.id).status is PairingStatus.AWAITING_SECOND_APPROVAL
    assert store.pairings.get_pairing(turned_down.id).status is PairingStatus.REJECTED
    pairs = {(p.mentee_id, p.mentor_id) for p in again}
    assert (turned_down.mentee_id, turned_down.mentor_id) not in pairs
    assert halfway.mentee_id not in {p.mentee_id for p in again}  # keeps its place
    assert result.excluded.get("rejected_by_reviewer") == 1
    assert run2.summary["rejected_pairs"][0]["reason"] == "they already work together on a project"
    listed, _ = store.pairings.list_pairings(programme.id)
    live = [
        (p.mentee_id, p.mentor_id)
        for p in listed
        if p.status not in (PairingStatus.WITHDRAWN, PairingStatus.REJECTED)
    ]
    assert len(live) == len(set(live)), "a pair is listed twice"


def test_fairness_covers_the_whole_programme_after_a_rerun_and_flags_gaps(programme_services):
    from coach.pairings import programme_fairness

    services, programme, (first, _second) = programme_services
    _, pairings, _ = run_matching(services, programme.id, Solver.OPTIMAL, actor_user_id=first.id)
    best = max(pairings, key=lambda p: p.score or 0)
    approve(services, best.id, first.id)
    approve(services, best.id, _second.id)
    run2, _, _ = run_matching(services, programme.id, Solver.OPTIMAL, actor_user_id=first.id)
    people = [
        p for p in services.store.programmes.list_participants(programme.id) if p.consent_matching
    ]
    for rows in (programme_fairness(services, programme.id), run2.summary["fairness"]):
        by_department = [
            r for r in rows if _get(r, "role") == "mentee" and _get(r, "dimension") == "department"
        ]
        assert sum(_get(r, "people") for r in by_department) == sum(
            p.role.value == "mentee" for p in people
        )  # the approved mentee is counted too, not only the re-run's cohort


def _get(row, name):
    return row[name] if isinstance(row, dict) else getattr(row, name)


def test_a_group_well_below_the_rest_is_flagged():
    from datetime import UTC, datetime

    from coach.domain import Participant, Role
    from coach.matching.engine import fairness_rows

    def person(i, department, role=Role.MENTEE):
        return Participant(
            id=i,
            programme_id=1,
            updated_at=datetime.now(UTC),
            external_id=f"P{i}",
            name=f"P {i}",
            email=f"p{i}@example.org",
            role=role,
            seniority=8,
            department=department,
            goals=["x"],
            skills=["y"],
        )

    mentees = [person(1, "Claims"), person(2, "Claims"), person(3, "IT"), person(4, "IT")]
    mentors = [person(10, "Sales", Role.MENTOR), person(11, "Sales", Role.MENTOR)]
    rows = fairness_rows(mentees, mentors, [(3, 10, 0.7), (4, 11, 0.6)], 3)
    claims = next(r for r in rows if r.group == "Claims")
    assert claims.matched == 0 and claims.gap == "matched 0% against 100% for the rest"
    assert next(r for r in rows if r.group == "IT").gap is None
