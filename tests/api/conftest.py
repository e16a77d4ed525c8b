"""An app on each database engine, seeded with one user of every role.

Roles: anonymous (no token), admin, coordinator (of programme P), other_coordinator (of
programme Q only), mentor and mentee (paired participants of P), outsider (a member who
takes part in nothing).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import MetaData, text

from api.main import create_app
from coach.accounts import issue_token
from coach.config import load_settings
from coach.domain import ParticipantIn, ProgrammeIn, Role, UserRole
from coach.index import ids_fingerprint
from coach.services import Services

ROLES = ["anonymous", "admin", "coordinator", "other_coordinator", "mentor", "mentee", "outsider"]


def person(external_id: str, role: Role, email: str, **extra: object) -> ParticipantIn:
    return ParticipantIn.model_validate(
        {
            "external_id": external_id,
            "name": f"Person {external_id}",
            "email": email,
            "role": role,
            "seniority": 2 if role is Role.MENTOR else 8,
            "department": "Claims",
            "skills": ["Power BI dashboards"],
            "goals": ["use Power BI myself"],
            "background": "first-generation graduate",
            "consent_background": True,
            "availability": "mon 09:00-11:00; wed 14:00-16:00",
            **extra,
        }
    )


@dataclass
class World:
    client: TestClient
    services: Services
    programme_id: int
    other_programme_id: int
    participant_ids: dict[str, int]
    user_ids: dict[str, int]
    tokens: dict[str, str] = field(default_factory=dict)

    def headers(self, role: str) -> dict[str, str]:
        if role == "anonymous":
            return {}
        return {"Authorization": f"Bearer {self.tokens[role]}"}

    def reset(self) -> None:
        """Back to the seeded world, ids included: every table emptied (identities
        restarted) and seeded again, with new tokens. For property tests whose examples
        must each meet the same world, so that a replayed example gets the same answers."""
        engine = self.services.store.engine
        reflected = MetaData()
        reflected.reflect(engine)
        tables = [t for t in reflected.sorted_tables if t.name != "alembic_version"]
        with engine.begin() as connection:
            if engine.dialect.name == "postgresql":
                names = ", ".join(f'"{t.name}"' for t in tables)
                connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            else:
                for table in reversed(tables):  # children before their parents
                    connection.execute(table.delete())
                counters = "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'"
                if connection.execute(text(counters)).first():
                    connection.execute(text("DELETE FROM sqlite_sequence"))
        seeded = _seed(self.services)
        self.programme_id, self.other_programme_id = seeded[0], seeded[1]
        self.participant_ids, self.user_ids = seeded[2], seeded[3]
        self.tokens.clear()
        for role, user_id in self.user_ids.items():
            self.tokens[role] = issue_token(self.services.store, user_id, "test")[1]


def _seed(services: Services) -> tuple[int, int, dict[str, int], dict[str, int]]:
    """Programmes P and Q, four participants of P (one pair), a user of every role."""
    store = services.store
    p = store.programmes.create_programme(ProgrammeIn(slug="pilot-p", name="Programme P"))
    q = store.programmes.create_programme(ProgrammeIn(slug="pilot-q", name="Programme Q"))
    store.programmes.upsert_participants(
        p.id,
        [
            person("M1", Role.MENTOR, "mentor@example.org"),
            person("M2", Role.MENTOR, "second.mentor@example.org", department="IT"),
            person("E1", Role.MENTEE, "mentee@example.org"),
            person("E2", Role.MENTEE, "other.mentee@example.org"),
        ],
    )
    users = {
        "admin": store.accounts.add_user("admin@example.org", "Admin", role=UserRole.ADMIN),
        "coordinator": store.accounts.add_user(
            "coord@example.org", "Coord", role=UserRole.COORDINATOR
        ),
        "other_coordinator": store.accounts.add_user(
            "q@example.org", "Q", role=UserRole.COORDINATOR
        ),
        "mentor": store.accounts.add_user("mentor@example.org", "Mentor"),
        "mentee": store.accounts.add_user("mentee@example.org", "Mentee"),
        "outsider": store.accounts.add_user("outsider@example.org", "Outsider"),
    }
    store.programmes.add_coordinator(p.id, users["coordinator"].id)
    store.programmes.add_coordinator(q.id, users["other_coordinator"].id)
    participants = {x.external_id: x.id for x in store.programmes.list_participants(p.id)}
    store.pairings.create_pairing(p.id, participants["M1"], participants["E1"])
    # This world runs without guidance cards: record an index that is meant to be empty,
    # as a sync of no cards would (readiness compares the index with this record).
    store.index_state.record("guidance", 0, ids_fingerprint([]))
    return p.id, q.id, participants, {role: user.id for role, user in users.items()}


@pytest.fixture
def world(database_url: str, tmp_path, embedder) -> Iterator[World]:
    settings = load_settings(database_url=database_url, data_dir=tmp_path / "data")
    services = Services(settings, embedder=embedder)
    services.store.migrate()
    p, q, participants, user_ids = _seed(services)
    app = create_app(settings, services=services)
    with TestClient(app, raise_server_exceptions=False) as client:
        world = World(
            client=client,
            services=services,
            programme_id=p,
            other_programme_id=q,
            participant_ids=participants,
            user_ids=user_ids,
        )
        for role, user_id in user_ids.items():
            world.tokens[role] = issue_token(services.store, user_id, "test")[1]
        yield world
