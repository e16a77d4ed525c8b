"""Pairs that need attention, and what a coordinator does about them."""

from datetime import UTC, datetime, timedelta

import pytest

from coach.domain import FeedbackIn, PairingStatus
from coach.errors import InputValidationError, NotFoundError
from coach.feedback import (
    add_note_to_self,
    check_ins,
    my_notes,
    pairs_needing_attention,
    send_check_in,
    submit_feedback,
)


def test_low_fit_and_behind_plan_pairs_are_listed_with_their_actions(cohort):
    services, programme, pairings, mentors, _mentees = cohort
    data = FeedbackIn(
        pairing_id=pairings[0].id, stage="session", session_number=1, usefulness=3, pairing_fit=2
    )
    submit_feedback(services, programme.id, mentors[0], data)
    for pairing in pairings[1:]:  # the others held session 1 too
        submit_feedback(
            services,
            programme.id,
            mentors[pairings.index(pairing)],
            data.model_copy(update={"pairing_id": pairing.id, "pairing_fit": 4}),
        )
    # On the day of approval every pair is on plan: only the low fit shows.
    rows = pairs_needing_attention(services, programme.id)
    assert [(r.pairing_id, r.reasons) for r in rows] == [(pairings[0].id, ["low_fit"])]
    assert [a.kind for a in rows[0].actions] == ["check_in", "re_pair", "note"]
    assert "2 or lower" in rows[0].why[0]
    # Five weeks on, with a fortnightly cadence, three sessions are expected; two were due
    # more than a cadence ago, and each pair held one.
    later = datetime.now(UTC) + timedelta(days=programme.cadence_days * 2 + 1)
    rows = pairs_needing_attention(services, programme.id, now=later)
    assert len(rows) == 4 and rows[0].pairing_id == pairings[0].id
    assert rows[0].reasons == ["low_fit", "behind_plan"]
    assert rows[1].why == [
        f"behind plan: 1 of 2 sessions held that were due more than {programme.cadence_days} "
        "days ago"
    ]
    assert [a.kind for a in rows[1].actions] == ["check_in", "note"]


def test_a_check_in_reaches_the_pair_and_a_note_stays_with_its_author(cohort):
    services, programme, pairings, *_ = cohort
    first = services.store.accounts.add_user("coord1@example.org", "C1").id
    second = services.store.accounts.add_user("coord2@example.org", "C2").id
    send_check_in(services, programme.id, pairings[0].id, first, "  How are things going?  ")
    assert [m.text for m in check_ins(services, pairings[0].id)] == ["How are things going?"]
    add_note_to_self(services, programme.id, pairings[0].id, first, "Call both on Friday.")
    assert [n.text for n in my_notes(services, pairings[0].id, first)] == ["Call both on Friday."]
    assert my_notes(services, pairings[0].id, second) == []
    assert check_ins(services, pairings[1].id) == []


def test_bad_check_ins_name_the_field_and_store_nothing(cohort):
    services, programme, pairings, *_ = cohort
    services.store.pairings.set_pairing_status(pairings[1].id, PairingStatus.ENDED)
    with pytest.raises(InputValidationError) as error:
        send_check_in(services, programme.id, pairings[0].id, None, "hi")
    assert [p.field for p in error.value.problems] == ["text"]
    with pytest.raises(InputValidationError) as error:
        send_check_in(services, programme.id, pairings[1].id, None, "How is it going?")
    assert [p.field for p in error.value.problems] == ["pairing_id"]
    with pytest.raises(NotFoundError):
        send_check_in(services, programme.id + 1, pairings[0].id, None, "How is it going?")
    assert check_ins(services, pairings[0].id) == check_ins(services, pairings[1].id) == []
