"""Every route of the OpenAPI spec, called by every role, answers as this table says.

A route missing from the table fails the suite: a new route cannot ship without an
explicit access decision.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest

from tests.api.conftest import ROLES, World

_counter = itertools.count()

# Status per role, in the order of ROLES:
#            anonymous admin coord other  mentor mentee outsider
TABLE: dict[tuple[str, str], tuple[int, ...]] = {
    ("GET", "/healthz"): (200, 200, 200, 200, 200, 200, 200),
    ("GET", "/readyz"): (200, 200, 200, 200, 200, 200, 200),
    ("GET", "/status"): (401, 200, 403, 403, 403, 403, 403),
    ("GET", "/me"): (401, 200, 200, 200, 200, 200, 200),
    ("GET", "/me/tokens"): (401, 200, 200, 200, 200, 200, 200),
    ("POST", "/users"): (401, 201, 403, 403, 403, 403, 403),
    ("GET", "/users"): (401, 200, 403, 403, 403, 403, 403),
    ("POST", "/users/{user_id}/tokens"): (401, 201, 403, 403, 403, 403, 403),
    ("DELETE", "/tokens/{token_id}"): (401, 200, 404, 404, 404, 200, 404),
    ("GET", "/users/{user_id}/tokens"): (401, 200, 403, 403, 403, 403, 403),
    ("DELETE", "/users/{user_id}/tokens"): (401, 200, 403, 403, 403, 403, 403),
    ("POST", "/programmes"): (401, 201, 201, 201, 403, 403, 403),
    ("GET", "/programmes"): (401, 200, 200, 200, 200, 200, 200),
    ("GET", "/programmes/{programme_id}"): (401, 200, 200, 404, 200, 200, 404),
    ("PATCH", "/programmes/{programme_id}"): (401, 200, 200, 404, 403, 403, 404),
    ("POST", "/programmes/{programme_id}/coordinators"): (401, 204, 403, 403, 403, 403, 403),
    ("GET", "/programmes/{programme_id}/participants"): (401, 200, 200, 404, 403, 403, 404),
    ("POST", "/programmes/{programme_id}/participants"): (401, 201, 201, 404, 403, 403, 404),
    ("POST", "/programmes/{programme_id}/invitations"): (401, 201, 201, 404, 403, 403, 404),
    # The pair schedule their own sessions; the programme team sees counts in the KPIs.
    ("GET", "/programmes/{programme_id}/pairings/{pairing_id}/sessions"): (
        401,
        403,
        403,
        404,
        200,
        200,
        404,
    ),
    ("POST", "/programmes/{programme_id}/pairings/{pairing_id}/sessions/{number}/proposal"): (
        401,
        403,
        403,
        404,
        201,
        201,
        404,
    ),
    ("POST", "/programmes/{programme_id}/pairings/{pairing_id}/sessions/{number}/acceptance"): (
        401,
        403,
        403,
        404,
        409,
        409,
        404,
    ),  # none proposed
    ("POST", "/programmes/{programme_id}/pairings/{pairing_id}/sessions/{number}/outcome"): (
        401,
        403,
        403,
        404,
        200,
        200,
        404,
    ),
    ("GET", "/programmes/{programme_id}/pairings/{pairing_id}/sessions/{number}/calendar.ics"): (
        401,
        403,
        403,
        404,
        200,
        200,
        404,
    ),
    # Anyone may ask, and the answer is the same whether or not the address has an account.
    ("POST", "/sign-in-links"): (202, 202, 202, 202, 202, 202, 202),
    ("POST", "/programmes/{programme_id}/participants/import"): (
        401,
        200,
        200,
        404,
        403,
        403,
        404,
    ),
    ("GET", "/programmes/{programme_id}/participants/{participant_id}"): (
        401,
        200,
        200,
        404,
        404,
        200,
        404,
    ),
    ("PATCH", "/programmes/{programme_id}/participants/{participant_id}"): (
        401,
        200,
        200,
        404,
        404,
        200,
        404,
    ),
    ("POST", "/programmes/{programme_id}/matching/runs"): (401, 201, 201, 404, 403, 403, 404),
    ("GET", "/programmes/{programme_id}/matching/runs/latest"): (
        401,
        200,
        200,
        404,
        403,
        403,
        404,
    ),
    ("GET", "/programmes/{programme_id}/matching/exclusion"): (
        401,
        200,
        200,
        404,
        403,
        403,
        404,
    ),
    ("GET", "/programmes/{programme_id}/pairings"): (401, 200, 200, 404, 200, 200, 404),
    ("GET", "/programmes/{programme_id}/pairings/{pairing_id}"): (
        401,
        200,
        200,
        404,
        200,
        200,
        404,
    ),
    ("POST", "/programmes/{programme_id}/pairings/{pairing_id}/approve"): (
        401,
        200,
        200,
        404,
        403,
        403,
        404,
    ),
    ("POST", "/programmes/{programme_id}/pairings/{pairing_id}/reject"): (
        401,
        200,
        200,
        404,
        403,
        403,
        404,
    ),
    ("POST", "/programmes/{programme_id}/pairings/swap"): (401, 200, 200, 404, 403, 403, 404),
    ("GET", "/programmes/{programme_id}/pairings/alternatives"): (
        401,
        200,
        200,
        404,
        403,
        403,
        404,
    ),
    ("POST", "/programmes/{programme_id}/pairings/manual"): (401, 201, 201, 404, 403, 403, 404),
    ("POST", "/programmes/{programme_id}/pairings/approve"): (401, 200, 200, 404, 403, 403, 404),
    ("POST", "/programmes/{programme_id}/pairings/{pairing_id}/sessions/{number}/agenda"): (
        401,
        403,
        403,
        404,
        403,
        201,
        404,
    ),
    ("GET", "/programmes/{programme_id}/pairings/{pairing_id}/sessions/{number}/agenda"): (
        401,
        403,
        403,
        404,
        403,
        200,
        404,
    ),
    ("POST", "/programmes/{programme_id}/pairings/{pairing_id}/sessions/{number}/prompts"): (
        401,
        403,
        403,
        404,
        201,
        403,
        404,
    ),
    ("GET", "/programmes/{programme_id}/pairings/{pairing_id}/sessions/{number}/prompts"): (
        401,
        403,
        403,
        404,
        200,
        403,
        404,
    ),
    ("POST", "/programmes/{programme_id}/feedback"): (401, 403, 403, 404, 201, 201, 404),
    ("GET", "/programmes/{programme_id}/feedback/mine"): (401, 403, 403, 404, 200, 200, 404),
    ("GET", "/programmes/{programme_id}/feedback/summary"): (401, 200, 200, 404, 403, 403, 404),
    ("GET", "/programmes/{programme_id}/feedback/flags"): (401, 200, 200, 404, 403, 403, 404),
    ("GET", "/programmes/{programme_id}/feedback/attention"): (401, 200, 200, 404, 403, 403, 404),
    ("POST", "/programmes/{programme_id}/pairings/{pairing_id}/check-ins"): (
        401,
        201,
        201,
        404,
        403,
        403,
        404,
    ),
    ("POST", "/programmes/{programme_id}/pairings/{pairing_id}/coordinator-notes"): (
        401,
        201,
        201,
        404,
        403,
        403,
        404,
    ),
    ("GET", "/programmes/{programme_id}/pairings/{pairing_id}/coordinator-notes"): (
        401,
        200,
        200,
        404,
        403,
        403,
        404,
    ),
    ("GET", "/programmes/{programme_id}/kpis"): (401, 200, 200, 404, 403, 403, 404),
}


def fresh_pairings(world: World) -> tuple[int, int]:
    """Two new open suggestions (E1 with M1, E2 with M2); earlier approvals are ended."""
    from coach.domain import PairingStatus

    store = world.services.store
    approved, _ = store.pairings.list_pairings(
        world.programme_id, statuses=[PairingStatus.APPROVED]
    )
    for pairing in approved:
        store.pairings.set_pairing_status(pairing.id, PairingStatus.ENDED)
    ids = world.participant_ids
    first = store.pairings.create_pairing(world.programme_id, ids["M1"], ids["E1"], score=0.5)
    second = store.pairings.create_pairing(world.programme_id, ids["M2"], ids["E2"], score=0.5)
    return first.id, second.id


ROSTER = (
    "external_id,name,email,role,seniority,department,skills,goals\n"
    "R1,Rae One,rae@example.org,mentor,2,Sales,TikTok,\n"
)


def _next_monday_morning() -> str:
    from datetime import UTC, datetime, timedelta

    day = datetime.now(UTC).replace(hour=9, minute=30, second=0, microsecond=0)
    day += timedelta(days=3)
    while day.weekday() != 0:
        day += timedelta(days=1)
    return day.isoformat()


def _agree_session(world: World, pairing_id: int, number: int) -> None:
    from datetime import datetime

    from coach.scheduling import accept_session, propose_session

    store = world.services.store
    pairing = store.pairings.get_pairing(pairing_id)
    mentee = store.programmes.get_participant(pairing.mentee_id)
    mentor = store.programmes.get_participant(pairing.mentor_id)
    start = datetime.fromisoformat(_next_monday_morning())
    propose_session(world.services, pairing, mentee, number, start)
    accept_session(world.services, pairing, mentor, number)


def request_for(world: World, method: str, path: str) -> dict[str, Any]:
    """Path parameters and a valid body for one call; unique values avoid clashes."""
    n = next(_counter)
    params: dict[str, Any] = {
        "programme_id": world.programme_id,
        "participant_id": world.participant_ids["E1"],
        "user_id": world.user_ids["outsider"],
    }
    if (method, path) == ("DELETE", "/users/{user_id}/tokens"):
        # Cutting someone off: a person of their own, so nobody's token used here ends.
        params["user_id"] = world.services.store.accounts.add_user(f"leaver{n}@example.org", "L").id
    if "{token_id}" in path:
        from coach.accounts import issue_token

        record, _ = issue_token(world.services.store, world.user_ids["mentee"], f"t{n}")
        params["token_id"] = record.id
    if "{pairing_id}" in path or path.endswith(("/swap", "/manual", "/pairings/approve")):
        first, second = fresh_pairings(world)
        params["pairing_id"] = first
        params["number"] = 2
        if "/sessions/" in path:
            from coach.domain import PairingStatus
            from coach.prep.documents import prepare_agenda, prepare_prompts

            world.services.store.pairings.set_pairing_status(first, PairingStatus.APPROVED)
            if method == "GET" and path.endswith(("/agenda", "/prompts")):  # to reopen
                prepare_agenda(world.services, first, 2)
                prepare_prompts(world.services, first, 2)
            if path.endswith("/calendar.ics"):  # an agreed time to hand out
                _agree_session(world, first, 2)
        elif method == "GET" or path.endswith("/check-ins"):
            # Participants see only approved pairings; check-ins go to approved pairs.
            from coach.domain import PairingStatus

            world.services.store.pairings.set_pairing_status(first, PairingStatus.APPROVED)
    elif path.endswith("/feedback") and method == "POST":
        from coach.domain import PairingStatus

        first, second = fresh_pairings(world)
        world.services.store.pairings.set_pairing_status(first, PairingStatus.APPROVED)
    else:
        first = second = 0
    if path.endswith("/runs/latest"):
        world.services.store.pairings.record_matching_run(world.programme_id, "optimal", {}, [])
    bodies: dict[tuple[str, str], Callable[[], dict[str, Any]]] = {
        ("POST", "/users"): lambda: {"json": {"email": f"new{n}@example.org", "name": "New"}},
        ("POST", "/users/{user_id}/tokens"): lambda: {"json": {"name": "laptop"}},
        ("POST", "/programmes"): lambda: {"json": {"slug": f"new-programme-{n}", "name": "New"}},
        ("PATCH", "/programmes/{programme_id}"): lambda: {"json": {"session_minutes": 60}},
        ("POST", "/programmes/{programme_id}/coordinators"): lambda: {
            "json": {"user_id": world.user_ids["outsider"]}
        },
        ("POST", "/programmes/{programme_id}/participants"): lambda: {
            "json": {
                "external_id": f"N{n}",
                "name": "New Person",
                "email": f"n{n}@example.org",
                "role": "mentor",
                "seniority": 2,
                "department": "IT",
                "skills": ["Excel"],
            }
        },
        ("POST", "/programmes/{programme_id}/invitations"): lambda: {
            "json": {"participant_ids": [world.participant_ids["E1"]]}
        },
        ("POST", "/sign-in-links"): lambda: {"json": {"email": "mentee@example.org"}},
        (
            "POST",
            "/programmes/{programme_id}/pairings/{pairing_id}/sessions/{number}/proposal",
        ): lambda: {"json": {"start": _next_monday_morning()}},
        (
            "POST",
            "/programmes/{programme_id}/pairings/{pairing_id}/sessions/{number}/outcome",
        ): lambda: {"json": {"status": "held"}},
        ("POST", "/programmes/{programme_id}/participants/import"): lambda: {
            "files": {"file": ("roster.csv", ROSTER.encode(), "text/csv")}
        },
        ("PATCH", "/programmes/{programme_id}/participants/{participant_id}"): lambda: {
            "json": {"goals": ["use Power BI myself", f"post on LinkedIn {n}"]}
        },
        ("POST", "/programmes/{programme_id}/matching/runs"): lambda: {"json": {}},
        ("GET", "/programmes/{programme_id}/matching/exclusion"): lambda: {
            "params": {
                "mentee_id": world.participant_ids["E1"],
                "mentor_id": world.participant_ids["M1"],
            }
        },
        ("POST", "/programmes/{programme_id}/pairings/{pairing_id}/approve"): lambda: {"json": {}},
        ("POST", "/programmes/{programme_id}/pairings/{pairing_id}/reject"): lambda: {
            "json": {"reason": "not a good fit"}
        },
        ("GET", "/programmes/{programme_id}/pairings/alternatives"): lambda: {
            "params": {"mentee_id": world.participant_ids["E1"]}
        },
        ("POST", "/programmes/{programme_id}/pairings/manual"): lambda: {
            "json": {
                "mentee_id": world.participant_ids["E2"],
                "mentor_id": world.participant_ids["M2"],
                "reason": "they asked to work together",
                "override": True,
            }
        },
        ("POST", "/programmes/{programme_id}/pairings/approve"): lambda: {
            "json": {"pairing_ids": [first]}
        },
        ("POST", "/programmes/{programme_id}/pairings/swap"): lambda: {
            "json": {"first_id": first, "second_id": second}
        },
        ("POST", "/programmes/{programme_id}/feedback"): lambda: {
            "json": {"pairing_id": first, "stage": "midpoint", "usefulness": 4, "pairing_fit": 4}
        },
        ("GET", "/programmes/{programme_id}/feedback/summary"): lambda: {
            "params": {"stage": "midpoint"}
        },
        ("POST", "/programmes/{programme_id}/pairings/{pairing_id}/check-ins"): lambda: {
            "json": {"text": "How are the sessions going?"}
        },
        ("POST", "/programmes/{programme_id}/pairings/{pairing_id}/coordinator-notes"): lambda: {
            "json": {"text": "Call both before the next session."}
        },
    }
    extra = bodies.get((method, path), dict)()
    return {"url": path.format(**params), **extra}


def test_every_route_has_an_access_decision(world: World):
    spec = world.client.get("/openapi.json").json()
    routes = {
        (method.upper(), path)
        for path, operations in spec["paths"].items()
        for method in operations
    }
    assert routes == set(TABLE), (
        f"routes without a row in TABLE: {sorted(routes - set(TABLE))}; "
        f"rows without a route: {sorted(set(TABLE) - routes)}"
    )


@pytest.mark.parametrize(("method", "path"), sorted(TABLE))
def test_each_role_gets_the_expected_answer(world: World, method: str, path: str):
    answers = {}
    for role in ROLES:
        response = world.client.request(
            method, headers=world.headers(role), **request_for(world, method, path)
        )
        answers[role] = response.status_code
        if response.status_code >= 400:
            error = response.json()["error"]
            assert error["code"] and error["message"] and error["request_id"]
    assert answers == dict(zip(ROLES, TABLE[(method, path)], strict=True))
