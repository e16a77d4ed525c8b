"""The index against embedded Chroma and a real `chroma run` server on loopback."""

import uuid

import numpy as np
import pytest

from coach.config import load_settings
from coach.domain import ParticipantIn, Stage
from coach.errors import IndexUnavailableError
from coach.index import Index
from coach.knowledge import load_cards


@pytest.fixture(params=["embedded", "server"])
def index(request, tmp_path, embedder):
    if request.param == "embedded":
        settings = load_settings(data_dir=tmp_path / "data")
    else:
        url = request.getfixturevalue("chroma_server")
        settings = load_settings(chroma_url=url, index_prefix=f"t{uuid.uuid4().hex[:12]}")
    return Index.from_settings(settings, embedder)


@pytest.fixture(scope="module")
def cards():
    return load_cards()


def test_guidance_sync_embeds_only_what_changed(index, cards, embedder):
    first = index.sync_guidance(cards)
    assert first.added == sum(1 + len(c.passages) for c in cards)
    assert index.check()["guidance"] == first.added
    before = embedder.texts_embedded
    again = index.sync_guidance(cards)
    assert (again.added, again.removed, again.unchanged) == (0, 0, first.added)
    assert embedder.texts_embedded == before
    fewer = index.sync_guidance(cards[1:])
    assert fewer.removed == 1 + len(cards[0].passages)


def test_search_filters_by_audience_and_stage(index, cards):
    index.sync_guidance(cards)
    by_id = {card.id: card for card in cards}
    hits = index.search_guidance(
        "how do I give candid feedback to my senior mentee", audience="mentor", k=5
    )
    assert hits[0].card_id == "giving-upward-feedback"
    assert all(by_id[h.card_id].audience.value in ("mentor", "all") for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    staged = index.search_guidance("what to do in the meeting", stage=Stage.CLOSING, k=10)
    assert staged and all(Stage.CLOSING in by_id[h.card_id].stages for h in staged)
    coordinator = index.search_guidance("feedback", audience="coordinator", k=10)
    assert all(by_id[h.card_id].audience.value in ("coordinator", "all") for h in coordinator)


def participant(pid: int, role: str, texts: list[str]):
    from datetime import UTC, datetime

    from coach.domain import Participant

    base = ParticipantIn(
        external_id=f"E{pid}",
        name=f"P {pid}",
        email=f"p{pid}@example.org",
        role=role,
        seniority=2 if role == "mentor" else 8,
        department="IT",
        skills=texts if role == "mentor" else ["strategy"],
        goals=texts if role == "mentee" else ["presenting"],
    )
    return Participant(**base.model_dump(), id=pid, programme_id=1, updated_at=datetime.now(UTC))


def test_participant_goals_are_indexed_per_programme_and_leavers_removed(index):
    people = [
        participant(1, "mentee", ["use Power BI", "post on LinkedIn"]),
        participant(2, "mentor", ["Power BI dashboards"]),
    ]
    report = index.sync_participants(1, people)
    assert report.added == 5  # mentee: 2 goals + 1 skill; mentor: 1 skill + 1 goal
    index.sync_participants(2, [participant(9, "mentor", ["Excel"])])
    vectors = {(v.participant_id, v.kind): v for v in index.participant_vectors(1)}
    assert vectors[(1, "goal")].texts == ["use Power BI", "post on LinkedIn"]
    assert vectors[(1, "goal")].vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors[(2, "skill")].vectors, axis=1), 1.0, atol=1e-5)
    changed = [participant(1, "mentee", ["use Power BI", "run hybrid meetings"])]
    again = index.sync_participants(1, changed)
    assert (again.added, again.removed) == (1, 3)  # one new goal; old goal and leaver gone
    assert {v.participant_id for v in index.participant_vectors(1)} == {1}
    assert {v.participant_id for v in index.participant_vectors(2)} == {9}  # untouched


def test_an_unreachable_server_is_a_clear_error(embedder):
    with pytest.raises(IndexUnavailableError, match="COACH_CHROMA_URL"):
        Index.from_settings(load_settings(chroma_url="http://127.0.0.1:9"), embedder)


def test_a_rebuild_empties_the_index_and_the_next_sync_restores_it(index, cards):
    first = index.sync_guidance(cards[:3])
    assert first.added > 0 and index.check()["guidance"] == first.added
    index.drop()
    assert index.check() == {"guidance": 0, "goals": 0}
    assert index.search_guidance("feedback to a senior leader") == []
    again = index.sync_guidance(cards[:3])
    assert again.added == first.added and again.unchanged == 0
