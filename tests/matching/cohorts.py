"""Random cohorts for property tests: hypothesis strategies over real domain records."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
from hypothesis import strategies as st

from coach.domain import Direction, Participant, ProgrammeIn, Role, Slot
from coach.domain import Programme as ProgrammeRecord
from coach.matching.cohort import Cohort

SLOTS = ["mon 09:00-11:00", "tue 14:00-16:00", "wed 09:00-10:00", "thu 16:00-18:00"]
ZONES = ["Europe/London", "Europe/Berlin", "America/New_York"]
DEPARTMENTS = ["Claims", "IT", "Sales"]
DIM = 8


def _unit(rng: np.random.Generator, rows: int) -> np.ndarray:
    vectors = rng.normal(size=(rows, DIM)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


@st.composite
def cohorts(draw: st.DrawFn) -> Cohort:
    n_mentees = draw(st.integers(0, 10))
    n_mentors = draw(st.integers(0, 9))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    direction = draw(st.sampled_from(list(Direction)))
    programme = ProgrammeRecord(
        **ProgrammeIn(
            slug="prop-test", name="Property test", direction=direction, rotate_pairs=True
        ).model_dump(),
        id=1,
        created_at=datetime.now(UTC),
    )
    people: list[Participant] = []
    total = n_mentees + n_mentors
    for i in range(total):
        role = Role.MENTEE if i < n_mentees else Role.MENTOR
        external = f"P{i}"
        manager = draw(st.one_of(st.none(), st.integers(0, total - 1)))
        # Managers only point to earlier people, so reporting lines have no cycles.
        manager_id = f"P{manager}" if manager is not None and manager < i else None
        others = [f"P{j}" for j in range(total) if j != i]
        people.append(
            Participant(
                id=i + 1,
                programme_id=1,
                updated_at=datetime.now(UTC),
                external_id=external,
                name=f"Person {i}",
                email=f"p{i}@example.org",
                role=role,
                seniority=draw(st.integers(1, 9)),
                department=draw(st.sampled_from(DEPARTMENTS)),
                manager_id=manager_id,
                skills=[f"skill {i}.{k}" for k in range(draw(st.integers(1, 3)))],
                goals=[f"goal {i}.{k}" for k in range(draw(st.integers(1, 3)))],
                interests=draw(
                    st.lists(st.sampled_from(["chess", "running", "film"]), max_size=2, unique=True)
                ),
                availability=[
                    Slot.parse(s)
                    for s in draw(
                        st.lists(st.sampled_from(SLOTS), min_size=0, max_size=3, unique=True)
                    )
                ],
                timezone=draw(st.sampled_from(ZONES)),
                communication_style=draw(st.sampled_from([None, "direct", "reflective"])),
                learning_style=draw(st.sampled_from([None, "hands-on", "reading"])),
                capacity=draw(st.integers(0, 3)) if role is Role.MENTOR else 1,
                consent_matching=draw(st.booleans().filter(lambda _: True)) or rng.random() < 0.7,
                preferred_ids=draw(st.lists(st.sampled_from(others), max_size=2, unique=True))
                if others
                else [],
                avoid_ids=draw(st.lists(st.sampled_from(others), max_size=1, unique=True))
                if others
                else [],
            )
        )
    mentees = [p for p in people if p.role is Role.MENTEE]
    mentors = [p for p in people if p.role is Role.MENTOR]
    previous = {(e.id, m.id) for e in mentees for m in mentors if rng.random() < 0.1}
    return Cohort(
        programme=programme,
        mentees=mentees,
        mentors=mentors,
        goal_vectors={p.id: _unit(rng, len(p.goals)) for p in people},
        skill_vectors={p.id: _unit(rng, len(p.skills)) for p in people},
        previous_pairs=previous,
    )
