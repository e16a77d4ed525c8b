"""Messages the programme sends on its events, written with them (both databases)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from coach.domain import FeedbackStage, PairingStatus, Programme
from coach.feedback import send_check_in
from coach.matching import Solver
from coach.pairings import approve, run_matching
from coach.programme_mail import feedback_due, send_feedback_requests
from coach.store.pairings import PairingRepository
from tests.test_pairings import programme_services  # noqa: F401  (the fixture)
from tests.test_pairings_atomic import Fault, fail_on_call


def _kinds(services, kind):
    return [m for m in services.store.outbox.list_messages(limit=500) if m.kind == kind]


def test_an_approved_pair_hears_who_their_partner_is_after_the_second_approval(
    programme_services,  # noqa: F811
):
    services, programme, (first, second) = programme_services
    _run, pairings, _ = run_matching(services, programme.id, Solver.OPTIMAL)
    pairing = pairings[0]
    approve(services, pairing.id, first.id)  # the sample asks for two reviewers
    assert _kinds(services, "pairing_approved") == []
    approve(services, pairing.id, second.id)
    told = _kinds(services, "pairing_approved")
    mentee = services.store.programmes.get_participant(pairing.mentee_id)
    mentor = services.store.programmes.get_participant(pairing.mentor_id)
    assert sorted(m.recipient for m in told) == sorted(
        [str(mentee.email).lower(), str(mentor.email).lower()]
    )
    to_mentee = next(m for m in told if m.recipient == str(mentee.email).lower())
    assert to_mentee.subject == f"Meet your mentor: {mentor.name}"
    assert f"{programme.sessions_planned} sessions" in to_mentee.body
    # The link leads to the first session's preparation on the reader's own page.
    assert "Prepare the agenda for your first session" in to_mentee.body
    assert f"/web/programmes/{programme.id}/me#next-{pairing.id}" in to_mentee.body
    to_mentor = next(m for m in told if m is not to_mentee)
    assert "Prepare the conversation prompts for your first session" in to_mentor.body


def test_an_approval_that_fails_tells_nobody(programme_services, monkeypatch):  # noqa: F811
    services, programme, (first, second) = programme_services
    _run, pairings, _ = run_matching(services, programme.id, Solver.OPTIMAL)
    approve(services, pairings[0].id, first.id)
    fail_on_call(monkeypatch, PairingRepository, "set_pairing_status", 1, after=True)
    with pytest.raises(Fault):
        approve(services, pairings[0].id, second.id)
    assert _kinds(services, "pairing_approved") == []


def test_a_check_in_reaches_both_members_by_email(programme_services):  # noqa: F811
    services, programme, (first, second) = programme_services
    _run, pairings, _ = run_matching(services, programme.id, Solver.OPTIMAL)
    approve(services, pairings[0].id, first.id)
    approve(services, pairings[0].id, second.id)
    send_check_in(services, programme.id, pairings[0].id, first.id, "How are the sessions going?")
    told = _kinds(services, "check_in")
    assert len(told) == 2 and "How are the sessions going?" in told[0].body


def test_feedback_is_due_at_half_and_at_the_end_of_the_plan():
    start = datetime(2027, 1, 4, tzinfo=UTC)
    programme = Programme.model_validate(
        {
            "id": 1,
            "slug": "pilot",
            "name": "Pilot",
            "cadence_days": 14,
            "sessions_planned": 6,
            "created_at": start,
        }
    )
    assert feedback_due(programme, start, 0, start + timedelta(days=10)) == []
    assert feedback_due(programme, start, 3, start + timedelta(days=10)) == [FeedbackStage.MIDPOINT]
    assert feedback_due(programme, start, 0, start + timedelta(days=42)) == [FeedbackStage.MIDPOINT]
    assert feedback_due(programme, start, 6, start + timedelta(days=50)) == [
        FeedbackStage.MIDPOINT,
        FeedbackStage.CLOSING,
    ]


def test_feedback_requests_go_out_once_per_pair_and_stage(programme_services):  # noqa: F811
    services, programme, (first, second) = programme_services
    _run, pairings, _ = run_matching(services, programme.id, Solver.OPTIMAL)
    for pairing in pairings[:2]:
        approve(services, pairing.id, first.id)
        approve(services, pairing.id, second.id)
    span = timedelta(days=programme.cadence_days * programme.sessions_planned)
    now = datetime.now(UTC)
    assert send_feedback_requests(services, now + span / 2) == 4  # two pairs, two people
    assert send_feedback_requests(services, now + span / 2) == 0
    assert send_feedback_requests(services, now + span) == 4  # the closing ones
    asked = _kinds(services, "feedback_request")
    assert len(asked) == 8
    assert {m.subject.rsplit("(", 1)[1] for m in asked} == {
        "mid-point feedback)",
        "closing feedback)",
    }
    approved = services.store.pairings.list_pairings(
        programme.id, statuses=[PairingStatus.APPROVED]
    )[1]
    assert approved == 2
