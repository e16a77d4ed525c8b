"""Synthetic approved pairs for benchmarks: invented people, one mentor and one mentee each."""

from __future__ import annotations

from coach.domain import PairingStatus, Participant, ParticipantIn, Role
from coach.privacy.given_names import GIVEN_NAMES
from coach.store import Store


def approved_pairs(
    store: Store, programme_id: int, count: int
) -> list[tuple[int, Participant, Participant]]:
    """``count`` approved pairings as (pairing id, mentor, mentee). Names are common given
    names with a made-up surname, so redaction meets realistic names, not "Mentor 1"."""
    given = sorted(GIVEN_NAMES)
    rows = [
        ParticipantIn(
            external_id=f"{prefix}{i:05d}",
            name=f"{given[(2 * i + offset) % len(given)].title()} Vandergast{i}",
            email=f"{prefix.lower()}{i}@bench.example",
            role=role,
            seniority=grade,
            department="Claims" if i % 2 else "Finance",
            skills=["Power BI dashboards"],
            goals=["use Power BI myself"],
        )
        for i in range(count)
        for prefix, offset, role, grade in (("MR", 0, Role.MENTOR, 2), ("MT", 1, Role.MENTEE, 8))
    ]
    store.programmes.upsert_participants(programme_id, rows)
    people = {p.external_id: p for p in store.programmes.list_participants(programme_id)}
    pairs = []
    for i in range(count):
        mentor, mentee = people[f"MR{i:05d}"], people[f"MT{i:05d}"]
        pairing = store.pairings.create_pairing(programme_id, mentor.id, mentee.id)
        store.pairings.set_pairing_status(pairing.id, PairingStatus.APPROVED)
        pairs.append((pairing.id, mentor, mentee))
    return pairs
