"""A programme moves from SQLite to PostgreSQL (and back) with nothing lost."""

import json

import pytest

from coach.config import load_settings
from coach.domain import FeedbackIn, PairingStatus, Role, Stage, UserRole
from coach.errors import ConflictError, InputValidationError
from coach.feedback import submit_feedback
from coach.knowledge import SAMPLE_DIR
from coach.sample import load_sample
from coach.services import Services
from coach.store import Store
from coach.store.transfer import SECTIONS, checksums, export_programme, import_programme
from tests.conftest import _reset_postgres


@pytest.fixture
def busy_sqlite(tmp_path, embedder):
    """The sample programme with a coordinator, reviewed pairs, sessions, notes, feedback."""
    services = Services(load_settings(data_dir=tmp_path / "src"), embedder=embedder)
    store = services.store
    store.migrate()
    programme, _ = load_sample(store, SAMPLE_DIR)
    coordinator = store.accounts.add_user(
        "coord@harbourvale.example", "Coord", role=UserRole.COORDINATOR
    )
    store.programmes.add_coordinator(programme.id, coordinator.id)
    people = store.programmes.list_participants(programme.id)
    mentors = [p for p in people if p.role is Role.MENTOR]
    mentees = [p for p in people if p.role is Role.MENTEE]
    _run, _ = store.pairings.record_matching_run(
        programme.id,
        "optimal",
        {"excluded": {"reporting_line": 3}},
        [(mentees[i].id, mentors[i].id, 0.5 + i / 100, {"reasons": ["x"]}) for i in range(5)],
        actor_user_id=coordinator.id,
    )
    pairings = store.pairings.list_pairings(programme.id)[0]
    for pairing in pairings[:4]:
        store.pairings.set_pairing_status(
            pairing.id, PairingStatus.APPROVED, actor_user_id=coordinator.id
        )
    store.pairings.set_pairing_status(
        pairings[4].id, PairingStatus.REJECTED, reason="diaries clash"
    )
    for pairing in pairings[:4]:
        session_id = store.sessions.ensure_session(pairing.id, 1, Stage.FIRST)
        store.sessions.add_note(
            session_id,
            pairing.mentee_id,
            "Private: I froze when posting \u2013 \u00fcn\u00efcode \u2713",
        )
        mentee = store.programmes.get_participant(pairing.mentee_id)
        submit_feedback(
            services,
            programme.id,
            mentee,
            FeedbackIn(
                pairing_id=pairing.id,
                stage="session",
                session_number=1,
                usefulness=4,
                pairing_fit=3,
                goal_progress={mentee.goals[0]: 2},
                text="Useful. We moved the session twice.",
                consent_to_quote=True,
            ),
        )
    yield services, programme
    services.close()


def test_sqlite_to_postgresql_and_back_keeps_every_record(busy_sqlite, postgres_url, tmp_path):
    services, programme = busy_sqlite
    source = export_programme(services.store, programme.slug)
    assert json.loads(json.dumps(source)) == source  # plain JSON
    counts = {s: v["count"] for s, v in checksums(source).items()}
    assert counts["participants"] == 62 and counts["pairings"] == 5
    assert counts["sessions"] == 4 and counts["feedback"] == 4 and counts["matching_runs"] == 1
    assert sum(len(p["events"]) for p in source["pairings"]) == 10

    _reset_postgres(postgres_url)
    target = Store.from_url(postgres_url)
    target.migrate()
    import_programme(target, source)
    moved = export_programme(target, programme.slug)
    assert checksums(moved) == checksums(source)
    assert moved == source

    back = Store.from_url(f"sqlite:///{tmp_path / 'back.db'}")
    back.migrate()
    import_programme(back, moved)
    assert checksums(export_programme(back, programme.slug)) == checksums(source)
    # The moved programme works: its coordinator and participants are who they were.
    user = target.accounts.get_user_by_email("coord@harbourvale.example")
    assert target.accounts.membership(user.id).coordinates
    target.dispose()
    back.dispose()


def test_an_import_refuses_a_programme_that_exists_and_a_foreign_file(busy_sqlite):
    services, programme = busy_sqlite
    document = export_programme(services.store, programme.slug)
    with pytest.raises(ConflictError):
        import_programme(services.store, document)
    with pytest.raises(InputValidationError):
        import_programme(services.store, {"format": "something else"})
    assert set(SECTIONS) <= set(document)
