"""Regressions for what an independent probe of the running service found (issue 19)."""

from __future__ import annotations

from coach.domain import PairingStatus
from tests.api.conftest import World
from tests.api.test_access import fresh_pairings


def test_hidden_and_missing_objects_answer_alike_and_name_no_other_id(world: World):
    first, _ = fresh_pairings(world)  # M1 with E1 (the mentee's own), a suggestion
    programme = world.programme_id
    store = world.services.store
    mentor_id = store.get_pairing(first).mentor_id
    answers = []
    for role, path in [
        # another programme's coordinator asks for prompts of a pairing that exists
        ("other_coordinator", f"/programmes/{programme}/pairings/{first}/sessions/1/prompts"),
        # and of one that does not
        ("other_coordinator", f"/programmes/{programme}/pairings/999999/sessions/1/prompts"),
        ("outsider", f"/programmes/{programme}/pairings/{first}"),
        ("outsider", f"/programmes/{programme}/pairings/999999"),
        # the mentee of a pairing that is only a suggestion: not theirs to see yet
        ("mentee", f"/programmes/{programme}/pairings/{first}/sessions/1/agenda"),
        ("mentee", f"/programmes/{programme}/pairings/{first}"),
    ]:
        response = world.client.get(path, headers=world.headers(role))
        assert response.status_code == 404, (role, path, response.text)
        error = response.json()["error"]
        answers.append((error["message"], error["hint"]))
        assert str(mentor_id) not in error["message"]
        assert "suggested" not in error["message"] and "withdrawn" not in error["message"]
    assert len(set(answers)) == 1
    # Creating an agenda or giving feedback on it tells no status either.
    post = world.client.post(
        f"/programmes/{programme}/pairings/{first}/sessions/1/agenda",
        headers=world.headers("mentee"),
    )
    feedback = world.client.post(
        f"/programmes/{programme}/feedback",
        json={"pairing_id": first, "stage": "midpoint", "usefulness": 4, "pairing_fit": 4},
        headers=world.headers("mentee"),
    )
    for response in (post, feedback):
        assert response.status_code == 404
        assert (response.json()["error"]["message"], response.json()["error"]["hint"]) in answers
    store.set_pairing_status(first, PairingStatus.WITHDRAWN)
    again = world.client.get(
        f"/programmes/{programme}/pairings/{first}/sessions/1/agenda",
        headers=world.headers("mentee"),
    )
    assert again.status_code == 404 and "withdrawn" not in again.text
