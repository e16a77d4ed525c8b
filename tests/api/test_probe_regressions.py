"""Regressions for what an independent probe of the running service found (issue 19)."""

from __future__ import annotations

from coach.domain import PairingStatus
from tests.api.conftest import World
from tests.api.test_access import fresh_pairings


def test_hidden_and_missing_objects_answer_alike_and_name_no_other_id(world: World):
    first, _ = fresh_pairings(world)  # M1 with E1 (the mentee's own), a suggestion
    programme = world.programme_id
    store = world.services.store
    mentor_id = store.pairings.get_pairing(first).mentor_id
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
    store.pairings.set_pairing_status(first, PairingStatus.WITHDRAWN)
    again = world.client.get(
        f"/programmes/{programme}/pairings/{first}/sessions/1/agenda",
        headers=world.headers("mentee"),
    )
    assert again.status_code == 404 and "withdrawn" not in again.text


def test_nicknames_that_are_everyday_words_are_refused_and_change_nothing(world: World):
    path = f"/programmes/{world.programme_id}/participants/{world.participant_ids['E1']}"
    before = world.client.get(path, headers=world.headers("mentee")).json()
    response = world.client.patch(
        path, json={"nicknames": ["Bex", "sessions", "the"]}, headers=world.headers("mentee")
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert [f["field"] for f in error["fields"]] == ["nicknames"]
    message = error["fields"][0]["message"]
    assert "'sessions'" in message and "'the'" in message and "Bex" not in message
    assert world.client.get(path, headers=world.headers("mentee")).json() == before
    fine = world.client.patch(
        path, json={"nicknames": ["Bex", "Grace"]}, headers=world.headers("mentee")
    )
    assert fine.status_code == 200 and fine.json()["nicknames"] == ["Bex", "Grace"]


def test_weights_must_be_finite_and_bounded_and_a_refused_run_withdraws_nothing(world: World):
    programme = world.programme_id
    coordinator = world.headers("coordinator")
    first, second = fresh_pairings(world)  # two open suggestions
    for body in (
        '{"matching_weights": {"goal_coverage": NaN}}',
        '{"matching_weights": {"goal_coverage": Infinity}}',
        '{"matching_weights": {"goal_coverage": 1e300}}',
        '{"matching_weights": {"goal_coverage": -1}}',
    ):
        response = world.client.patch(
            f"/programmes/{programme}",
            content=body,
            headers={**coordinator, "Content-Type": "application/json"},
        )
        assert response.status_code == 422, body
        fields = [f["field"] for f in response.json()["error"]["fields"]]
        assert fields == ["matching_weights.goal_coverage"], fields
    stored = world.client.get(f"/programmes/{programme}", headers=coordinator).json()
    assert stored["matching_weights"] == {}
    run = world.client.post(
        f"/programmes/{programme}/matching/runs",
        content='{"weights": {"availability": NaN}}',
        headers={**coordinator, "Content-Type": "application/json"},
    )
    assert run.status_code == 422
    store = world.services.store
    assert {store.pairings.get_pairing(i).status for i in (first, second)} == {
        PairingStatus.SUGGESTED
    }


def test_a_roster_nested_too_deep_or_with_a_huge_field_is_400_with_the_row(world: World):
    url = f"/programmes/{world.programme_id}/participants/import"
    coordinator = world.headers("coordinator")
    count = world.services.store.programmes.count_participants_total(world.programme_id)
    huge = "external_id,name\nA1,Ann\nA2," + "x" * 140_000 + "\n"
    for name, data, row in [
        ("roster.json", b"[" * 50_000, 1),
        ("roster.json", b'[\n{"name": "a",\n "goals": [[[[[[[[["x"]]]]]]]]]}\n]', 3),
        ("roster.csv", huge.encode(), 3),
    ]:
        response = world.client.post(
            url, files={"file": (name, data, "text/plain")}, headers=coordinator
        )
        assert response.status_code == 400, response.text
        error = response.json()["error"]
        assert error["code"] == "malformed_file"
        assert error["fields"][0]["row"] == row and "nothing was imported" in error["hint"]
    assert world.services.store.programmes.count_participants_total(world.programme_id) == count


def test_the_request_log_line_is_written_for_failures_too(world: World, caplog, monkeypatch):
    import json
    import logging

    from fastapi.testclient import TestClient

    from coach.store.programmes import ProgrammeRepository

    caplog.set_level(logging.INFO, logger="coach.http")

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    # On the class: each request works with its own unit-of-work store.
    monkeypatch.setattr(ProgrammeRepository, "get_programme", broken)
    client = TestClient(world.client.app, raise_server_exceptions=False)
    response = client.get(f"/programmes/{world.programme_id}", headers=world.headers("admin"))
    assert response.status_code == 500
    request_id = response.json()["error"]["request_id"]
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.getMessage()[:1] == "{"]
    assert any(line["request_id"] == request_id and line["status"] == 500 for line in lines)


def test_a_streamed_body_over_the_limit_is_413_and_405_says_what_is_allowed(world: World):
    limit = world.services.settings.max_body_bytes

    def chunks():
        for _ in range(limit // 65_536 + 2):
            yield b"x" * 65_536

    response = world.client.post(
        "/programmes",
        content=chunks(),
        headers={**world.headers("coordinator"), "Content-Type": "application/json"},
    )
    assert response.status_code == 413 and response.json()["error"]["code"] == "body_too_large"
    wrong = world.client.put("/programmes", headers=world.headers("coordinator"))
    assert wrong.status_code == 405 and "POST" in wrong.headers["allow"]


def test_every_answer_carries_security_headers(world: World):
    for path, headers in [("/login", {}), ("/me", world.headers("mentee")), ("/nowhere", {})]:
        response = world.client.get(path, headers=headers)
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["cache-control"] == "no-store"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert "script-src 'self'" in response.headers["content-security-policy"]


def test_uvicorns_access_log_never_shows_a_query_string(world: World, capsys):
    import logging

    logger = logging.getLogger("uvicorn.access")
    handler = logging.StreamHandler()
    logger.addHandler(handler)
    try:
        logger.warning(
            '%s - "%s %s HTTP/%s" %d', "127.0.0.1:5", "GET", "/login?token=cch_secret", "1.1", 200
        )
    finally:
        logger.removeHandler(handler)
    err = capsys.readouterr().err
    assert '"GET /login HTTP/1.1" 200' in err and "cch_secret" not in err


def test_update_fields_that_cannot_be_null_say_so_and_the_schema_agrees(world: World):
    coordinator = world.headers("coordinator")
    response = world.client.patch(
        f"/programmes/{world.programme_id}", json={"name": None}, headers=coordinator
    )
    assert response.status_code == 422
    field = response.json()["error"]["fields"][0]
    assert field["field"] == "name" and "not null" in field["message"]
    spec = world.client.get("/openapi.json").json()["components"]["schemas"]
    name = spec["ProgrammeUpdate"]["properties"]["name"]
    assert "anyOf" not in name and name["type"] == "string"
    background = spec["ParticipantUpdate"]["properties"]["background"]
    assert {"type": "null"} in background["anyOf"]  # null clears it, as documented
    cleared = world.client.patch(
        f"/programmes/{world.programme_id}/participants/{world.participant_ids['E1']}",
        json={"background": None, "email": "mentee@example.org"},
        headers=coordinator,
    )
    assert cleared.status_code == 200, cleared.text


def test_internationalised_emails_are_accepted_and_documented_as_such(world: World):
    spec = world.client.get("/openapi.json").json()["components"]["schemas"]
    assert spec["UserCreate"]["properties"]["email"]["format"] == "idn-email"
    made = world.client.post(
        "/users",
        json={"email": "zoë@münchen.example", "name": "Zoë"},
        headers=world.headers("admin"),
    )
    assert made.status_code == 201 and made.json()["email"] == "zoë@münchen.example"


def test_the_web_form_offers_and_accepts_only_the_solvers_the_api_does(world: World):
    from coach.errors import InputValidationError
    from coach.matching import solver_for_run

    for name in ("greedy", "optimal; drop"):
        try:
            solver_for_run(name)
        except InputValidationError as exc:
            assert exc.problems[0].field == "solver"
        else:
            raise AssertionError(name)
    spec = world.client.get("/openapi.json").json()["components"]["schemas"]
    assert "greedy" not in spec["MatchingRunCreate"]["properties"]["solver"]["pattern"]


def test_the_pair_does_not_read_the_background_reason_coordinators_see(world: World):
    store = world.services.store
    for pairing_id in fresh_pairings(world):
        store.pairings.set_pairing_status(pairing_id, PairingStatus.WITHDRAWN)
    reasons = ["covers 1 of 2 goals", "different backgrounds (both opted in)"]
    ids = world.participant_ids
    first = store.pairings.create_pairing(
        world.programme_id,
        ids["M1"],
        ids["E1"],
        details={"reasons": reasons, "parts": {"diversity": 1.0, "goal_coverage": 0.5}},
    ).id
    store.pairings.set_pairing_status(first, PairingStatus.APPROVED)
    path = f"/programmes/{world.programme_id}/pairings/{first}"
    member = world.client.get(path, headers=world.headers("mentee")).json()
    assert member["details"]["reasons"] == ["covers 1 of 2 goals"]
    assert "diversity" not in member["details"]["parts"]
    listed = world.client.get(
        f"/programmes/{world.programme_id}/pairings", headers=world.headers("mentor")
    ).json()["items"]
    assert all("background" not in " ".join(p["details"].get("reasons", [])) for p in listed)
    coordinator = world.client.get(path, headers=world.headers("coordinator")).json()
    assert coordinator["details"]["reasons"] == reasons
