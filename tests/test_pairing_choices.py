"""The coordinator's own choices: next-best mentors, pairs made by hand, bulk approval."""

import pytest

from coach.domain import PairingStatus, Role
from coach.errors import ConflictError, InputValidationError
from coach.matching import Solver
from coach.pairing_choices import alternatives, approve_many, pair_manually
from coach.pairings import approve, reject, run_matching, why_excluded
from tests.test_pairings import programme_services  # noqa: F401 - the fixture


def test_alternatives_are_the_next_best_eligible_mentors_with_reasons(programme_services):  # noqa: F811
    services, programme, _users = programme_services
    mentee = next(
        p
        for p in services.store.programmes.list_participants(programme.id)
        if p.role is Role.MENTEE
    )
    found = alternatives(services, programme.id, mentee.id)
    assert 1 <= len(found) <= 5
    assert [a.score for a in found] == sorted((a.score for a in found), reverse=True)
    for option in found:
        assert why_excluded(services, programme.id, mentee.id, option.mentor_id) is None
        assert option.summary.startswith(f"Fit {option.score:.2f}")
        assert option.pros or option.cons


def test_a_manual_pair_that_breaks_a_rule_names_it_and_an_override_needs_a_reason(
    programme_services,  # noqa: F811
):
    services, programme, (first, _second) = programme_services
    people = services.store.programmes.list_participants(programme.id)
    mentee = next(p for p in people if p.role is Role.MENTEE)
    senior_mentor = next(
        (p for p in people if p.role is Role.MENTOR and p.seniority >= mentee.seniority), None
    )
    mentors = [p for p in people if p.role is Role.MENTOR]
    broken = next(
        (
            (m, why)
            for m in [*(x for x in [senior_mentor] if x), *mentors]
            if (why := why_excluded(services, programme.id, mentee.id, m.id))
        ),
        None,
    )
    assert broken is not None, "the sample has an excluded pair"
    mentor, why = broken
    before, _ = services.store.pairings.list_pairings(programme.id)
    with pytest.raises(InputValidationError) as error:
        pair_manually(services, programme.id, mentee.id, mentor.id, first.id)
    assert error.value.problems[0].field == "mentor_id"
    assert why.split(":")[0] in error.value.problems[0].message
    with pytest.raises(InputValidationError) as error:
        pair_manually(services, programme.id, mentee.id, mentor.id, first.id, override=True)
    assert error.value.problems[0].field == "reason"
    assert services.store.pairings.list_pairings(programme.id)[1] == len(before)  # nothing stored
    made = pair_manually(
        services,
        programme.id,
        mentee.id,
        mentor.id,
        first.id,
        override=True,
        reason="the sponsor asked for this pair",
    )
    assert made.status is PairingStatus.SUGGESTED and made.details["override"] == why.split(":")[0]
    assert "overrides the rule" in (made.history[0].reason or "")
    with pytest.raises(InputValidationError) as error:
        pair_manually(services, programme.id, 999_999, mentor.id, first.id)
    assert error.value.problems[0].field == "mentee_id"


def test_bulk_approval_keeps_dual_approval_and_reports_what_it_could_not_do(
    programme_services,  # noqa: F811
):
    services, programme, (first, second) = programme_services
    _, pairings, _ = run_matching(services, programme.id, Solver.OPTIMAL, actor_user_id=first.id)
    chosen = [p.id for p in pairings[:3]]
    reject(services, chosen[2], first.id, "not this one")
    outcome = approve_many(services, programme.id, [*chosen, 999_999], first.id)
    assert {p.id for p in outcome.approved} == set(chosen[:2])
    assert all(p.status is PairingStatus.AWAITING_SECOND_APPROVAL for p in outcome.approved)
    assert set(outcome.refused) == {chosen[2], 999_999}
    assert "rejected" in outcome.refused[chosen[2]]
    again = approve_many(services, programme.id, chosen[:2], first.id)
    assert not again.approved and all("second" in why for why in again.refused.values())
    done = approve_many(services, programme.id, chosen[:2], second.id)
    assert {p.status for p in done.approved} == {PairingStatus.APPROVED}
    with pytest.raises(ConflictError, match=str(chosen[2])):
        approve(services, chosen[2], second.id)
