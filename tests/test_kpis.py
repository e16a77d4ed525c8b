"""Programme KPIs over the real store: plan, cadence, ratings, matching, minimum cohort."""

import csv
import io
from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from coach.domain import PairingStatus
from coach.feedback import submit_feedback
from coach.kpis import programme_kpis
from coach.numbers import KPI_LABELS
from coach.store.models import ParticipantRow, SessionRow
from tests.feedback.test_summary import answer


def held(services, pairing_id, number, at):
    with services.store.transaction() as session:
        session.execute(
            update(SessionRow)
            .where(SessionRow.pairing_id == pairing_id, SessionRow.number == number)
            .values(held_at=at)
        )


def test_kpis_follow_their_definitions(cohort):
    services, programme, pairings, mentors, mentees = cohort
    start = datetime.now(UTC)
    # Pair 0 held sessions 1-3 two weeks apart, then a five-week gap before session 4.
    goal = mentees[0].goals[0]
    for number, days, rating in ((1, 0, 2), (2, 14, 3), (3, 28, 3), (4, 63, 4)):
        submit_feedback(
            services,
            programme.id,
            mentees[0],
            answer(
                pairings[0],
                stage="session",
                session_number=number,
                usefulness=4,
                pairing_fit=5,
                goal_progress={goal: rating},
            ),
        )
        held(services, pairings[0].id, number, start + timedelta(days=days))
    for i in (1, 2):  # two more people answer: three respondents in all
        submit_feedback(services, programme.id, mentors[i], answer(pairings[i], usefulness=2))
    report = programme_kpis(services, programme.id, now=start + timedelta(days=70))
    m = report.metrics
    assert set(m) <= set(KPI_LABELS)  # every figure has a label people read
    assert m["pairs_matched"] == 4
    assert m["sessions_held"] == 4 and m["sessions_held_per_pair"] == 1.0
    per_pair = min(programme.sessions_planned, 70 // programme.cadence_days + 1)
    assert m["sessions_expected_to_date"] == 4 * per_pair
    assert per_pair == 4 and m["pairs_on_plan_rate"] == 0.25  # pair 0 held its four
    assert programme.cadence_days * 1.5 < 35
    assert m["cadence_kept_rate"] == round(2 / 3, 3)  # 14, 14 kept; the 35-day gap not
    assert m["respondents"] == 3
    assert m["usefulness_mean"] == round((4 * 4 + 2 + 2) / 6, 1)  # 6 answers: 2 steps of 3
    # One person's goal moved: a mean of it would be that person's progress.
    assert m["goal_progress_mean_change"] is None and m["goals_improved_rate"] is None
    mentees_seeking = [p for p in mentees if p.consent_matching]
    assert m["mentees_matched"] == 4 and m["match_rate"] == round(4 / len(mentees_seeking), 3)
    assert m["repairing_rate"] == 0.0
    assert report.sessions[0].pairs_held == 1 and report.sessions[0].pairs_expected == 4
    assert report.suppressed == {}


def test_time_to_match_and_repairing(cohort):
    services, programme, pairings, mentors, mentees = cohort
    with services.store.transaction() as session:
        session.execute(
            update(ParticipantRow)
            .where(ParticipantRow.programme_id == programme.id)
            .values(created_at=datetime.now(UTC) - timedelta(days=10))
        )
    # Mentee 0 is re-paired with mentor 5 after the first pairing ended.
    services.store.pairings.set_pairing_status(pairings[0].id, PairingStatus.ENDED)
    again = services.store.pairings.create_pairing(programme.id, mentors[5].id, mentees[0].id)
    services.store.pairings.set_pairing_status(again.id, PairingStatus.APPROVED)
    m = programme_kpis(services, programme.id).metrics
    assert m["time_to_match_days_median"] == 10.0
    assert m["repairing_rate"] == 0.25


def test_ratings_are_suppressed_below_the_minimum_cohort_and_small_groups_merge(cohort):
    services, programme, pairings, _mentors, mentees = cohort
    for i in (0, 1):
        submit_feedback(services, programme.id, mentees[i], answer(pairings[i], usefulness=1))
    report = programme_kpis(services, programme.id)
    assert report.metrics["respondents"] == 2
    for name in ("usefulness_mean", "pairing_fit_mean", "goal_progress_mean_change"):
        assert report.metrics[name] is None and "fewer than 3" in report.suppressed[name]
    assert all(row.usefulness_mean is None for row in report.satisfaction_by_month)
    for rows in report.breakdowns.values():
        for row in rows:
            assert row.people >= 3 or row.values.get("usefulness_mean") is None
    departments = {row.group for row in report.breakdowns["mentee_department"]}
    assert any(group.startswith("smaller groups") for group in departments)
    rows = list(csv.reader(io.StringIO(report.to_csv())))
    assert rows[0] == ["section", "name", "group", "value"]
    assert [
        "metric",
        "usefulness_mean",
        "",
        "suppressed: fewer than 3 people have given feedback",
    ] in rows
    assert ["metric", "respondents", "", "2"] in rows


def test_a_mean_read_twice_cannot_be_differenced_down_to_one_answer(cohort):
    """Eight answers, then a ninth: the published means may not reveal the ninth rating."""
    services, programme, pairings, mentors, mentees = cohort
    authors = [(mentees[i], pairings[i]) for i in range(4)] + [
        (mentors[i], pairings[i]) for i in range(4)
    ]
    ratings = [4, 5, 3, 4, 2, 5, 4, 3]
    for (author, pairing), rating in zip(authors, ratings, strict=True):
        submit_feedback(services, programme.id, author, answer(pairing, usefulness=rating))
    before = programme_kpis(services, programme.id).metrics["usefulness_mean"]
    assert before == round(sum(ratings[:6]) / 6, 1)  # answers 7 and 8 wait for a third
    pairing = services.store.pairings.create_pairing(programme.id, mentors[4].id, mentees[4].id)
    services.store.pairings.set_pairing_status(pairing.id, PairingStatus.APPROVED)
    submit_feedback(services, programme.id, mentees[4], answer(pairing, usefulness=1))
    after = programme_kpis(services, programme.id).metrics["usefulness_mean"]
    assert after == round((sum(ratings) + 1) / 9, 1)
    # The most a reader learns is the mean of the last three answers, never the ninth.
    assert abs(9 * after - 6 * before) / 3 > 1.5


def test_kpis_count_sessions_scheduled_ahead_and_cancelled(cohort):
    from coach.domain import SessionStatus, Stage

    services, programme, pairings, _mentors, _mentees = cohort
    now = datetime.now(UTC)
    store = services.store
    ahead = store.sessions.lock_session(pairings[0].id, 1, Stage.FIRST)
    store.sessions.update_session(ahead.id, scheduled_at=now + timedelta(days=3))
    past = store.sessions.lock_session(pairings[1].id, 1, Stage.FIRST)
    store.sessions.update_session(past.id, scheduled_at=now - timedelta(days=3))
    off = store.sessions.lock_session(pairings[2].id, 1, Stage.FIRST)
    store.sessions.update_session(
        off.id, status=SessionStatus.CANCELLED, cancel_reason="mentor on leave"
    )
    m = programme_kpis(services, programme.id, now=now).metrics
    assert m["sessions_scheduled"] == 1  # the one in the past is not ahead any more
    assert m["sessions_cancelled"] == 1
    assert m["sessions_held"] == 0
