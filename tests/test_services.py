"""The index knows when it was lost: a record in the database of what was indexed."""

from coach.config import load_settings
from coach.domain import PairingStatus, Role
from coach.errors import IndexUnavailableError
from coach.knowledge import SAMPLE_DIR
from coach.prep.documents import prepare_agenda
from coach.sample import load_sample
from coach.services import Services


def test_a_lost_index_is_noticed_refuses_agendas_and_recovers_after_reindexing(tmp_path, embedder):
    database = f"sqlite:///{tmp_path / 'coach.db'}"
    first = Services(
        load_settings(database_url=database, chroma_path=tmp_path / "chroma-a"),
        embedder=embedder,
    )
    first.store.migrate()
    assert first.index_health().status == "not_indexed"
    report = first.sync_guidance()
    assert report.entries > 100
    assert first.index_health(thorough=True).status == "ok"
    programme, _ = load_sample(first.store, SAMPLE_DIR)
    people = first.store.programmes.list_participants(programme.id)
    mentor = next(p for p in people if p.role is Role.MENTOR)
    mentee = next(p for p in people if p.role is Role.MENTEE)
    pairing = first.store.pairings.create_pairing(programme.id, mentor.id, mentee.id)
    first.store.pairings.set_pairing_status(pairing.id, PairingStatus.APPROVED)
    assert prepare_agenda(first, pairing.id, 1).card_ids

    # A restart whose index folder is gone: Chroma quietly makes an empty one.
    restarted = Services(
        load_settings(database_url=database, chroma_path=tmp_path / "chroma-b"),
        embedder=embedder,
    )
    health = restarted.index_health()
    assert health.status == "lost" and str(report.entries) in health.detail
    try:
        prepare_agenda(restarted, pairing.id, 2)
    except IndexUnavailableError as exc:
        assert "coach index --rebuild" in (exc.hint or "")
        assert "chroma-b" not in exc.message
    else:
        raise AssertionError("an agenda was made without its guidance")
    restarted.sync_guidance()
    assert restarted.index_health(thorough=True).status == "ok"
    assert prepare_agenda(restarted, pairing.id, 2).card_ids
    first.close()
    restarted.close()
