"""The store against both engines: SQLite file and the real PostgreSQL server."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from coach.domain import (
    FeedbackIn,
    FeedbackStage,
    PairingStatus,
    ParticipantIn,
    ProgrammeIn,
    Role,
    Stage,
    UserRole,
)
from coach.errors import ConflictError, NotFoundError, StoreError
from coach.store import Page, Store
from coach.store.models import Base


def person(external_id: str, role: Role = Role.MENTOR, **extra) -> ParticipantIn:
    values = {
        "external_id": external_id,
        "name": f"Person {external_id}",
        "email": f"{external_id.lower()}@example.org",
        "role": role,
        "seniority": 2 if role is Role.MENTOR else 8,
        "department": "Claims",
        "skills": ["Power BI dashboards"],
        "goals": ["presenting to senior audiences"],
    }
    return ParticipantIn.model_validate({**values, **extra})


@pytest.fixture
def programme(store: Store):
    return store.programmes.upsert_programme(ProgrammeIn(slug="pilot-2027", name="Pilot"))


def test_migrations_match_the_models(store: Store):
    with store.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []
    store.check()  # at head


def test_check_reports_an_unmigrated_database(database_url):
    fresh = Store.from_url(database_url)
    with pytest.raises(StoreError, match="coach init"):
        fresh.check()
    fresh.dispose()


def test_sqlite_runs_in_wal_mode(tmp_path):
    store = Store.from_url(f"sqlite:///{tmp_path / 'wal' / 'coach.db'}")
    store.migrate()
    with store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    store.dispose()


def test_programme_upsert_by_slug_keeps_the_id(store: Store, programme):
    updated = store.programmes.upsert_programme(
        ProgrammeIn(
            slug="pilot-2027",
            name="Pilot, renamed",
            session_minutes=60,
            ground_rules=["Confidential"],
            objectives=[{"name": "Digital", "measure": "x"}],
        )
    )
    assert updated.id == programme.id
    again = store.programmes.get_programme("pilot-2027")
    assert again.name == "Pilot, renamed"
    assert again.session_minutes == 60
    assert again.objectives[0].name == "Digital"
    assert store.programmes.get_programme(str(programme.id)).slug == "pilot-2027"
    with pytest.raises(NotFoundError, match="No programme 'nope'"):
        store.programmes.get_programme("nope")


def test_participants_upsert_creates_updates_and_never_duplicates(store: Store, programme):
    first = store.programmes.upsert_participants(
        programme.id, [person("A1"), person("B1", Role.MENTEE), person("C1")]
    )
    assert (first.created, first.updated, first.unchanged) == (3, 0, 0)
    second = store.programmes.upsert_participants(
        programme.id,
        [person("A1", department="Finance"), person("B1", Role.MENTEE), person("D1")],
    )
    assert (second.created, second.updated, second.unchanged) == (1, 1, 1)
    people = {p.external_id: p for p in store.programmes.list_participants(programme.id)}
    assert sorted(people) == ["A1", "B1", "C1", "D1"]
    assert people["A1"].department == "Finance"
    assert store.programmes.count_participants(programme.id) == {"mentor": 3, "mentee": 1}
    assert [
        p.external_id for p in store.programmes.list_participants(programme.id, role=Role.MENTEE)
    ] == ["B1"]


def test_a_failed_upsert_changes_nothing(store: Store, programme):
    store.programmes.upsert_participants(programme.id, [person("A1")])
    clash = [person("B2", department="Legal"), person("C2", email="a1@example.org")]
    with pytest.raises(ConflictError, match="share an employee id or email"):
        store.programmes.upsert_participants(programme.id, clash)
    assert [p.external_id for p in store.programmes.list_participants(programme.id)] == ["A1"]


def test_lists_are_paginated_and_clamped(store: Store, programme):
    store.programmes.upsert_participants(programme.id, [person(f"P{i:02d}") for i in range(12)])
    page = store.programmes.list_participants(programme.id, page=Page(offset=5, limit=4))
    assert [p.external_id for p in page] == ["P05", "P06", "P07", "P08"]
    assert Page(offset=-3, limit=10_000).clamp() == Page(0, 500)


def test_pairing_keeps_its_whole_status_history(store: Store, programme):
    store.programmes.upsert_participants(programme.id, [person("M1"), person("E1", Role.MENTEE)])
    ids = {p.external_id: p.id for p in store.programmes.list_participants(programme.id)}
    user = store.accounts.add_user("coord@example.org", "Coordinator")
    pairing = store.pairings.create_pairing(programme.id, ids["M1"], ids["E1"], score=0.8)
    assert pairing.status is PairingStatus.SUGGESTED
    store.pairings.set_pairing_status(pairing.id, PairingStatus.APPROVED, actor_user_id=user.id)
    ended = store.pairings.set_pairing_status(
        pairing.id, PairingStatus.ENDED, reason="mentor moved on"
    )
    assert [(e.from_status, e.to_status) for e in ended.history] == [
        (None, PairingStatus.SUGGESTED),
        (PairingStatus.SUGGESTED, PairingStatus.APPROVED),
        (PairingStatus.APPROVED, PairingStatus.ENDED),
    ]
    assert ended.history[1].actor_user_id == user.id
    assert ended.history[2].reason == "mentor moved on"


def test_a_record_of_another_programme_is_as_unknown_as_a_missing_one(store: Store, programme):
    store.programmes.upsert_participants(programme.id, [person("M1"), person("E1", Role.MENTEE)])
    ids = {p.external_id: p.id for p in store.programmes.list_participants(programme.id)}
    pairing = store.pairings.create_pairing(programme.id, ids["M1"], ids["E1"], score=0.8)
    other = programme.id + 1000
    assert store.pairings.get_pairing(pairing.id, programme_id=programme.id).id == pairing.id
    with pytest.raises(NotFoundError) as elsewhere:
        store.pairings.get_pairing(pairing.id, programme_id=other)
    with pytest.raises(NotFoundError) as missing:
        store.pairings.get_pairing(pairing.id + 1000, programme_id=programme.id)
    assert str(elsewhere.value).replace(str(pairing.id), "N") == str(missing.value).replace(
        str(pairing.id + 1000), "N"
    )
    with pytest.raises(NotFoundError):
        store.programmes.get_participant(ids["M1"], programme_id=other)


def test_a_stale_version_cannot_overwrite_a_newer_decision(store: Store, programme):
    store.programmes.upsert_participants(programme.id, [person("M1"), person("E1", Role.MENTEE)])
    ids = {p.external_id: p.id for p in store.programmes.list_participants(programme.id)}
    pairing = store.pairings.create_pairing(programme.id, ids["M1"], ids["E1"])
    store.pairings.set_pairing_status(pairing.id, PairingStatus.APPROVED, expected_version=1)
    with pytest.raises(ConflictError, match="changed by someone else"):
        store.pairings.set_pairing_status(pairing.id, PairingStatus.REJECTED, expected_version=1)


def test_pairing_roles_must_fit(store: Store, programme):
    store.programmes.upsert_participants(programme.id, [person("M1"), person("M2")])
    ids = {p.external_id: p.id for p in store.programmes.list_participants(programme.id)}
    with pytest.raises(NotFoundError, match="mentee"):
        store.pairings.create_pairing(programme.id, ids["M1"], ids["M2"])


def test_notes_are_read_back_by_their_author_only(store: Store, programme):
    store.programmes.upsert_participants(programme.id, [person("M1"), person("E1", Role.MENTEE)])
    ids = {p.external_id: p.id for p in store.programmes.list_participants(programme.id)}
    pairing = store.pairings.create_pairing(programme.id, ids["M1"], ids["E1"])
    first = store.sessions.add_session(pairing.id, 1, Stage.FIRST)
    second = store.sessions.add_session(pairing.id, 2, Stage.REGULAR)
    store.sessions.add_note(first, ids["E1"], "I want to post on LinkedIn myself")
    store.sessions.add_note(first, ids["M1"], "Mentee was nervous about the dashboard")
    store.sessions.add_note(second, ids["E1"], "Tried a post; it went well")
    assert store.sessions.notes_by_author(pairing.id, ids["E1"]) == [
        (1, "I want to post on LinkedIn myself"),
        (2, "Tried a post; it went well"),
    ]
    assert store.sessions.notes_by_author(pairing.id, ids["M1"]) == [
        (1, "Mentee was nervous about the dashboard")
    ]
    with pytest.raises(ConflictError, match="already has a session number 1"):
        store.sessions.add_session(pairing.id, 1, Stage.FIRST)


def test_feedback_only_from_a_member_of_the_pairing(store: Store, programme):
    store.programmes.upsert_participants(
        programme.id, [person("M1"), person("E1", Role.MENTEE), person("X1")]
    )
    ids = {p.external_id: p.id for p in store.programmes.list_participants(programme.id)}
    pairing = store.pairings.create_pairing(programme.id, ids["M1"], ids["E1"])
    data = FeedbackIn(
        pairing_id=pairing.id,
        stage=FeedbackStage.SESSION,
        usefulness=4,
        pairing_fit=5,
        goal_progress={"LinkedIn": 3},
        text="Useful",
    )
    store.feedback.add_feedback(ids["E1"], data)
    with pytest.raises(NotFoundError):
        store.feedback.add_feedback(ids["X1"], data)
    assert store.feedback.count_feedback(programme.id) == 1


def test_users_have_unique_emails(store: Store):
    store.accounts.add_user("Lead@Example.org", "Lead", role=UserRole.ADMIN)
    assert store.accounts.get_user_by_email("lead@example.org").role is UserRole.ADMIN
    with pytest.raises(ConflictError):
        store.accounts.add_user("lead@example.org", "Someone else")


def test_coordinators_belong_to_programmes(store: Store, programme):
    user = store.accounts.add_user("coord@example.org", "Coordinator")
    store.programmes.add_coordinator(programme.id, user.id)
    store.programmes.add_coordinator(programme.id, user.id)  # idempotent
    assert store.programmes.coordinator_ids(programme.id) == [user.id]


def test_a_person_may_mentor_in_one_programme_and_be_mentored_in_another(store: Store):
    first = store.programmes.upsert_programme(ProgrammeIn(slug="first-one", name="First"))
    second = store.programmes.upsert_programme(ProgrammeIn(slug="second-one", name="Second"))
    store.programmes.upsert_participants(
        first.id, [person("X1", Role.MENTOR, email="sam@example.org")]
    )
    user = store.accounts.add_user("Sam@example.org", "Sam")  # linked by email, case-insensitively
    store.programmes.upsert_participants(
        second.id, [person("X1", Role.MENTEE, email="sam@example.org")]
    )
    membership = store.accounts.membership(user.id)
    assert {pid: role for pid, (_, role) in membership.participates.items()} == {
        first.id: Role.MENTOR,
        second.id: Role.MENTEE,
    }
