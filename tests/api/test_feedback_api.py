"""Feedback over HTTP: participants answer, coordinators see only what protects them."""

from __future__ import annotations

import csv
import io

from coach.domain import PairingStatus
from tests.api.conftest import World


def approved_pairing(world: World) -> int:
    store = world.services.store
    pairing = store.pairings.list_pairings(world.programme_id)[0][0]
    store.pairings.set_pairing_status(pairing.id, PairingStatus.APPROVED)
    return pairing.id


def test_participants_answer_once_and_read_back_only_their_own(world: World):
    pairing_id = approved_pairing(world)
    url = f"/programmes/{world.programme_id}/feedback"
    body = {
        "pairing_id": pairing_id,
        "stage": "session",
        "session_number": 1,
        "usefulness": 5,
        "pairing_fit": 2,
        "goal_progress": {"use Power BI myself": 2},
        "text": "Person E1 talks over me. Call 07700 900123.",
    }
    created = world.client.post(url, json=body, headers=world.headers("mentee"))
    assert created.status_code == 201, created.text
    again = world.client.post(url, json=body, headers=world.headers("mentee"))
    assert again.status_code == 409 and "nothing was changed" in again.json()["error"]["hint"]
    mine = world.client.get(url + "/mine", headers=world.headers("mentee")).json()
    assert [m["text"] for m in mine] == [body["text"]]
    assert world.client.get(url + "/mine", headers=world.headers("mentor")).json() == []
    # The coordinator sees a flag for the low fit, never the text.
    flags = world.client.get(url + "/flags", headers=world.headers("coordinator")).json()
    assert [f["pairing_id"] for f in flags] == [pairing_id]
    assert "07700" not in str(flags) and "talks over" not in str(flags)


def test_bad_feedback_names_the_field_and_stores_nothing(world: World):
    pairing_id = approved_pairing(world)
    url = f"/programmes/{world.programme_id}/feedback"
    bad = {"pairing_id": pairing_id, "stage": "midpoint", "usefulness": 9, "pairing_fit": 3}
    response = world.client.post(url, json=bad, headers=world.headers("mentor"))
    assert response.status_code == 422
    assert [f["field"] for f in response.json()["error"]["fields"]] == ["usefulness"]
    wrong_goal = {**bad, "usefulness": 3, "goal_progress": {"learn Mandarin": 3}}
    response = world.client.post(url, json=wrong_goal, headers=world.headers("mentor"))
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "goal_progress.learn Mandarin"
    assert world.services.store.feedback.feedback_for(world.programme_id) == []


def test_summary_below_the_minimum_cohort_and_kpis_as_csv(world: World):
    pairing_id = approved_pairing(world)
    url = f"/programmes/{world.programme_id}/feedback"
    for role in ("mentor", "mentee"):
        body = {"pairing_id": pairing_id, "stage": "midpoint", "usefulness": 4, "pairing_fit": 4}
        assert world.client.post(url, json=body, headers=world.headers(role)).status_code == 201
    summary = world.client.get(
        url + "/summary", params={"stage": "midpoint"}, headers=world.headers("coordinator")
    ).json()
    assert summary["status"] == "too_few_responses" and summary["themes"] == []
    assert summary["respondents"] is None
    response = world.client.get(
        f"/programmes/{world.programme_id}/kpis",
        params={"format": "csv"},
        headers=world.headers("coordinator"),
    )
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert ["metric", "respondents", "", "2"] in rows
    as_json = world.client.get(
        f"/programmes/{world.programme_id}/kpis", headers=world.headers("coordinator")
    ).json()
    assert as_json["metrics"]["usefulness_mean"] is None
    assert "fewer than 3" in as_json["suppressed"]["usefulness_mean"]
