"""Session preparation over the real store and index (both databases)."""

import pytest

from coach.config import load_settings
from coach.domain import PairingStatus, Role, Stage
from coach.errors import AccessDeniedError, InputValidationError, NotFoundError
from coach.knowledge import SAMPLE_DIR
from coach.prep.context import build_context
from coach.prep.documents import prepare_agenda, prepare_prompts, stored_agenda, stored_prompts
from coach.sample import load_sample
from coach.services import Services


@pytest.fixture
def pair(database_url, tmp_path, embedder):
    services = Services(
        load_settings(database_url=database_url, data_dir=tmp_path / "d", context_token_budget=400),
        embedder=embedder,
    )
    services.store.migrate()
    programme, _ = load_sample(services.store, SAMPLE_DIR)
    services.index.sync_guidance(services.cards)
    people = services.store.programmes.list_participants(programme.id)
    mentee = next(p for p in people if p.role is Role.MENTEE)
    mentor = next(p for p in people if p.role is Role.MENTOR)
    pairing = services.store.pairings.create_pairing(programme.id, mentor.id, mentee.id)
    yield services, pairing, mentee, mentor
    services.close()


def test_only_the_askers_own_notes_are_used_most_recent_first(pair):
    services, pairing, mentee, mentor = pair
    services.store.pairings.set_pairing_status(pairing.id, PairingStatus.APPROVED)
    first = services.store.sessions.add_session(pairing.id, 1, Stage.FIRST)
    services.store.sessions.add_note(first, mentee.id, "MENTEE-NOTE-1 I froze when posting")
    services.store.sessions.add_note(first, mentor.id, "MENTOR-NOTE-1 seemed defensive")
    second = services.store.sessions.add_session(pairing.id, 2, Stage.REGULAR)
    services.store.sessions.add_note(second, mentee.id, "MENTEE-NOTE-2 posted twice this week")
    context = build_context(services, pairing.id, 3, Role.MENTEE)
    assert context.notes == [
        "MENTEE-NOTE-2 posted twice this week",
        "MENTEE-NOTE-1 I froze when posting",
    ]
    agenda = prepare_agenda(services, pairing.id, 3)
    assert "MENTOR-NOTE" not in agenda.model_dump_json()
    assert "MENTEE-NOTE-2" in agenda.items[0].prepare[0]
    mentor_context = build_context(services, pairing.id, 3, Role.MENTOR)
    assert mentor_context.notes == ["MENTOR-NOTE-1 seemed defensive"]


def test_context_fits_the_token_budget_with_whole_items(pair):
    services, pairing, mentee, _ = pair
    services.store.pairings.set_pairing_status(pairing.id, PairingStatus.APPROVED)
    session = services.store.sessions.add_session(pairing.id, 1, Stage.FIRST)
    for i in range(30):
        services.store.sessions.add_note(
            session, mentee.id, f"note {i}: " + "long reflection " * 20
        )
    context = build_context(services, pairing.id, 2, Role.MENTEE)
    from coach.tokens import count_tokens

    used = sum(count_tokens(c.as_text()) for c in context.cards) + sum(
        count_tokens(n) for n in context.notes
    )
    assert used <= 400
    assert context.cards  # the most relevant cards always come first
    assert all(n.startswith("note ") and n.endswith("reflection ") for n in context.notes)


def test_agenda_and_prompts_are_stored_to_reopen(pair):
    services, pairing, *_ = pair
    with pytest.raises(AccessDeniedError, match="approved pairings only"):
        prepare_agenda(services, pairing.id, 1)
    services.store.pairings.set_pairing_status(pairing.id, PairingStatus.APPROVED)
    with pytest.raises(NotFoundError):
        stored_agenda(services, pairing.id, 1)
    agenda = prepare_agenda(services, pairing.id, 1)
    assert stored_agenda(services, pairing.id, 1) == agenda
    prompts = prepare_prompts(services, pairing.id, 1)
    assert stored_prompts(services, pairing.id, 1) == prompts
    assert agenda.generated_by == prompts.generated_by == "offline"
    with pytest.raises(InputValidationError, match="plans 6 sessions"):
        prepare_agenda(services, pairing.id, 7)


def test_each_session_gets_activities_the_pair_has_not_run_before(pair):
    services, pairing, _, _ = pair
    services.store.pairings.set_pairing_status(pairing.id, PairingStatus.APPROVED)
    seen: list[set[str]] = []
    for number in (1, 2, 3):
        agenda = prepare_agenda(services, pairing.id, number)
        prompts = prepare_prompts(services, pairing.id, number)
        assert set(prompts.activity_ids) == set(agenda.activity_ids)  # the same plan
        ran = set(agenda.activity_ids)
        assert all(not (ran & earlier) for earlier in seen), (number, ran, seen)
        seen.append(ran)
    assert any(seen), "the sample mentee's goals should find activities in the library"
