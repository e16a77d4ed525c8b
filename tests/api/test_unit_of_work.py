"""A request is one unit of work: if it fails after writing, none of its writes stay."""

from __future__ import annotations

import pytest

import api.routes.pairings as pairing_routes
from coach.domain import PairingStatus
from tests.api.conftest import World


class BrokenView:
    """A response model that fails after the route's work is done."""

    @classmethod
    def model_validate(cls, *_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the response could not be built")


def test_a_request_that_fails_after_its_write_stores_nothing(
    world: World, monkeypatch: pytest.MonkeyPatch
):
    store = world.services.store
    pairing = store.pairings.list_pairings(world.programme_id)[0][0]
    monkeypatch.setattr(pairing_routes, "PairingPublic", BrokenView)
    url = f"/programmes/{world.programme_id}/pairings/{pairing.id}/approve"
    response = world.client.post(url, headers=world.headers("coordinator"), json={})
    assert response.status_code == 500
    after = store.pairings.get_pairing(pairing.id)
    assert after.status is PairingStatus.SUGGESTED
    assert after.version == pairing.version and len(after.history) == len(pairing.history)

    monkeypatch.undo()  # the same request, answered, is stored
    response = world.client.post(url, headers=world.headers("coordinator"), json={})
    assert response.status_code == 200
    assert store.pairings.get_pairing(pairing.id).status is not PairingStatus.SUGGESTED
