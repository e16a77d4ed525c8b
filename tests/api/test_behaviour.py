"""The service's contract beyond access: errors, limits, logs, tokens and profiles."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from coach.store.models import ApiTokenRow
from tests.api.conftest import World


def participants_of(world: World, role: str = "coordinator") -> list[dict]:
    response = world.client.get(
        f"/programmes/{world.programme_id}/participants?limit=500", headers=world.headers(role)
    )
    assert response.status_code == 200
    return response.json()["items"]


def test_422_names_every_bad_field_and_changes_nothing(world: World):
    before = world.client.get(
        f"/programmes/{world.programme_id}", headers=world.headers("coordinator")
    ).json()
    response = world.client.patch(
        f"/programmes/{world.programme_id}",
        json={"session_minutes": 5, "cadence_days": "often"},
        headers=world.headers("coordinator"),
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_input"
    assert {f["field"] for f in error["fields"]} == {"session_minutes", "cadence_days"}
    assert "session_minutes" in error["message"] and "nothing was changed" in error["hint"]
    after = world.client.get(
        f"/programmes/{world.programme_id}", headers=world.headers("coordinator")
    ).json()
    assert after == before


def test_a_bad_roster_upload_reports_rows_and_stores_nothing(world: World):
    count = len(participants_of(world))
    roster = (
        "external_id,name,email,role,seniority,department,skills,goals\n"
        "A1,Ann,ann@example.org,mentor,2,IT,Excel,\n"
        "A2,Bob,bob@,mentor,2,IT,Excel,\n"
        "A3,Cat,cat@example.org,mentee,8,IT,,\n"
    )
    response = world.client.post(
        f"/programmes/{world.programme_id}/participants/import",
        files={"file": ("roster.csv", roster.encode(), "text/csv")},
        headers=world.headers("coordinator"),
    )
    assert response.status_code == 422
    fields = {(f["row"], f["field"]) for f in response.json()["error"]["fields"]}
    assert (3, "email") in fields
    assert any(row == 4 for row, _ in fields)
    assert len(participants_of(world)) == count


def test_a_conflicting_registration_is_409_and_stores_nothing(world: World):
    count = len(participants_of(world))
    response = world.client.post(
        f"/programmes/{world.programme_id}/participants",
        json={
            "external_id": "M1",
            "name": "Dup",
            "email": "dup@example.org",
            "role": "mentor",
            "seniority": 2,
            "department": "IT",
            "skills": ["Excel"],
        },
        headers=world.headers("coordinator"),
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"
    assert len(participants_of(world)) == count


def test_participants_edit_only_their_own_preferences(world: World):
    url = f"/programmes/{world.programme_id}/participants/{world.participant_ids['E1']}"
    locked = world.client.patch(
        url, json={"seniority": 3, "goals": ["x"]}, headers=world.headers("mentee")
    )
    assert locked.status_code == 403
    assert "seniority" in locked.json()["error"]["message"]
    own = world.client.patch(url, json={"goals": ["learn TikTok"]}, headers=world.headers("mentee"))
    assert own.status_code == 200
    assert own.json()["goals"] == ["learn TikTok"]
    by_coordinator = world.client.patch(
        url, json={"seniority": 9}, headers=world.headers("coordinator")
    )
    assert by_coordinator.json()["seniority"] == 9
    # the model's cross-field rules still apply to a partial update
    emptied = world.client.patch(url, json={"goals": []}, headers=world.headers("mentee"))
    assert emptied.status_code == 422


def test_background_is_visible_to_its_owner_only(world: World):
    url = f"/programmes/{world.programme_id}/participants/{world.participant_ids['E1']}"
    assert world.client.get(url, headers=world.headers("mentee")).json()["background"]
    assert world.client.get(url, headers=world.headers("coordinator")).json()["background"] is None
    assert all(p["background"] is None for p in participants_of(world))


def test_a_participant_cannot_reach_another_programme_or_person(world: World):
    other = world.client.get(
        f"/programmes/{world.other_programme_id}", headers=world.headers("mentee")
    )
    missing = world.client.get("/programmes/999999", headers=world.headers("mentee"))
    assert other.status_code == missing.status_code == 404
    assert other.json()["error"]["message"].replace(
        str(world.other_programme_id), "?"
    ) == missing.json()["error"]["message"].replace("999999", "?")
    peer = world.client.get(
        f"/programmes/{world.programme_id}/participants/{world.participant_ids['E2']}",
        headers=world.headers("mentee"),
    )
    assert peer.status_code == 404
    wrong_programme = world.client.get(
        f"/programmes/{world.other_programme_id}/participants/{world.participant_ids['E1']}",
        headers=world.headers("other_coordinator"),
    )
    assert wrong_programme.status_code == 404


def test_lists_are_paginated(world: World):
    page = world.client.get(
        f"/programmes/{world.programme_id}/participants?offset=1&limit=1",
        headers=world.headers("coordinator"),
    ).json()
    assert page["offset"] == 1 and page["limit"] == 1 and page["total"] == 4
    assert len(page["items"]) == 1
    too_big = world.client.get(
        f"/programmes/{world.programme_id}/participants?limit=100000",
        headers=world.headers("coordinator"),
    )
    assert too_big.status_code == 422
    assert too_big.json()["error"]["fields"][0]["field"] == "query.limit"
    mine = world.client.get("/programmes", headers=world.headers("mentee")).json()
    assert [p["id"] for p in mine["items"]] == [world.programme_id]


def test_oversized_bodies_are_refused_before_anything_is_read(world: World):
    limit = world.services.settings.max_body_bytes
    response = world.client.post(
        "/programmes",
        content=b"x" * (limit + 1),
        headers={**world.headers("admin"), "content-type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "body_too_large"


def test_tokens_can_be_revoked_and_expire(world: World):
    created = world.client.post(
        f"/users/{world.user_ids['outsider']}/tokens",
        json={"name": "laptop", "ttl_days": 7},
        headers=world.headers("admin"),
    ).json()
    secret = {"Authorization": f"Bearer {created['token']}"}
    assert world.client.get("/me", headers=secret).json()["user"]["email"] == "outsider@example.org"
    listed = world.client.get("/me/tokens", headers=secret).json()
    assert created["id"] in [t["id"] for t in listed]
    assert all("token" not in t for t in listed)  # the secret is never shown again
    assert world.client.delete(f"/tokens/{created['id']}", headers=secret).status_code == 200
    assert world.client.get("/me", headers=secret).status_code == 401

    _, other = __import__("coach.accounts", fromlist=["issue_token"]).issue_token(
        world.services.store, world.user_ids["outsider"], "short"
    )
    with world.services.store.transaction() as session:
        session.execute(
            update(ApiTokenRow).values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    response = world.client.get("/me", headers={"Authorization": f"Bearer {other}"})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["error"]["code"] == "unauthenticated"


def test_tokens_are_stored_only_as_hashes(world: World):
    with world.services.store.transaction() as session:
        hashes = [row.token_hash for row in session.query(ApiTokenRow)]
    assert hashes and not any(token in hashes for token in world.tokens.values())
    assert all(len(h) == 64 for h in hashes)


def test_request_logs_hold_no_participant_text_or_token(world: World, caplog):
    caplog.set_level(logging.INFO, logger="coach.http")
    secret_goal = "overcome my fear of public speaking after my divorce"
    world.client.patch(
        f"/programmes/{world.programme_id}/participants/{world.participant_ids['E1']}?note=private",
        json={"goals": [secret_goal]},
        headers=world.headers("mentee"),
    )
    lines = [r.getMessage() for r in caplog.records if r.name == "coach.http"]
    assert lines
    entry = json.loads(lines[-1])
    assert entry["path"] == "/programmes/{programme_id}/participants/{participant_id}"
    assert set(entry) == {"event", "request_id", "method", "path", "status", "duration_ms"}
    text = "\n".join(lines)
    assert secret_goal not in text and "private" not in text
    assert world.tokens["mentee"] not in text


def test_unknown_routes_use_the_error_shape(world: World):
    response = world.client.get("/nowhere")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert response.headers["x-request-id"] == response.json()["error"]["request_id"]


def test_readiness_reports_a_broken_index_without_details(world: World, monkeypatch):
    from coach.errors import IndexUnavailableError

    def broken() -> dict:
        raise IndexUnavailableError(
            "down", hint="start the Chroma server", detail="OSError: /srv/coach/chroma gone"
        )

    monkeypatch.setattr(world.services.index, "check", broken)
    response = world.client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"store": "ok", "index": "unavailable"}
    assert "/srv" not in response.text
    status = world.client.get("/status", headers=world.headers("admin"))
    assert status.status_code == 200 and "/srv/coach/chroma" in status.json()["checks"]["index"]
    assert world.client.get("/status", headers=world.headers("coordinator")).status_code == 403


def test_the_openapi_docs_are_served(world: World):
    assert world.client.get("/docs").status_code == 200
    spec = world.client.get("/openapi.json").json()
    assert "ProgrammeCreate" in spec["components"]["schemas"]
    assert "ParticipantPublic" in spec["components"]["schemas"]


def test_control_characters_are_refused_with_a_readable_message(world: World):
    response = world.client.post(
        "/users",
        json={"email": "nul@example.org", "name": "Bad\u0000Name"},
        headers=world.headers("admin"),
    )
    assert response.status_code == 422
    [problem] = response.json()["error"]["fields"]
    assert problem["field"] == "name"
    assert "control characters" in problem["message"]


def test_matching_flow_over_the_api(world: World):
    base = f"/programmes/{world.programme_id}"
    coordinator = world.headers("coordinator")
    run = world.client.post(
        f"{base}/matching/runs", json={"solver": "optimal"}, headers=coordinator
    )
    assert run.status_code == 201
    body = run.json()
    assert body["suggestions"] and body["summary"]["excluded"] is not None
    suggestion = next(
        s for s in body["suggestions"] if s["mentee_id"] == world.participant_ids["E1"]
    )
    assert suggestion["details"]["summary"] and suggestion["details"]["pros"]
    # the mentee sees no suggestion before approval
    mine = world.client.get(f"{base}/pairings", headers=world.headers("mentee")).json()
    assert mine["items"] == []
    approved = world.client.post(
        f"{base}/pairings/{suggestion['id']}/approve", json={}, headers=coordinator
    )
    assert approved.json()["status"] == "approved"
    again = world.client.post(
        f"{base}/pairings/{suggestion['id']}/approve", json={}, headers=coordinator
    )
    assert again.status_code == 409 and again.json()["error"]["code"] == "conflict"
    mine = world.client.get(f"{base}/pairings", headers=world.headers("mentee")).json()
    assert [p["id"] for p in mine["items"]] == [suggestion["id"]]
    latest = world.client.get(f"{base}/matching/runs/latest", headers=coordinator).json()
    assert latest["id"] == body["id"]
    bad = world.client.post(
        f"{base}/matching/runs", json={"weights": {"charisma": 1}}, headers=coordinator
    )
    assert bad.status_code == 422 and "charisma" in bad.json()["error"]["message"]


def test_bad_bodies_get_clear_4xx_and_store_nothing(world: World):
    headers = world.headers("coordinator")
    programmes_before = world.services.store.programmes.count_programmes()
    response = world.client.post(
        "/programmes",
        content=b'{"slug": "bad-\xff\xfe-bytes", "name": "x"}',
        headers={**headers, "content-type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_body"
    assert "UTF-8" in response.json()["error"]["hint"]
    assert world.services.store.programmes.count_programmes() == programmes_before
    url = f"/programmes/{world.programme_id}/participants"
    people_before = len(world.services.store.programmes.list_participants(world.programme_id))
    bad_csv = (
        b"external_id,name,email,role,seniority,department,skills\n"
        b"X9,\xff\xfe,x@e.org,mentor,2,IT,Excel\n"
    )
    response = world.client.post(
        url + "/import", files={"file": ("r.csv", bad_csv, "text/csv")}, headers=headers
    )
    assert response.status_code == 422 and "UTF-8" in response.json()["error"]["message"]
    person = {
        "external_id": "LONG1",
        "name": "Long Goals",
        "email": "long@example.org",
        "role": "mentee",
        "seniority": 8,
        "department": "IT",
    }
    for goals, field in ((["g" * 5000], "goals.0"), ([f"goal {i}" for i in range(3000)], "goals")):
        response = world.client.post(url, json={**person, "goals": goals}, headers=headers)
        assert response.status_code == 422
        assert [f["field"] for f in response.json()["error"]["fields"]] == [field]
    assert (
        len(world.services.store.programmes.list_participants(world.programme_id)) == people_before
    )


def test_matching_an_empty_cohort_is_a_409_and_records_no_run(world: World):
    headers = world.headers("admin")
    empty = world.client.post(
        "/programmes", json={"slug": "nobody-yet", "name": "Empty"}, headers=headers
    )
    pid = empty.json()["id"]
    response = world.client.post(f"/programmes/{pid}/matching/runs", json={}, headers=headers)
    assert response.status_code == 409
    assert "nobody to match" in response.json()["error"]["message"]
    assert world.services.store.pairings.latest_matching_run(pid) is None
