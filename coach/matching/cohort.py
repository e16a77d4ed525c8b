"""The matching view of a programme: people, their vectors, availability and reporting lines.

Availability is turned into one bitmask per person over the week in UTC, in half-hour
steps, so overlap between any two people is a bitwise AND. Time zones are converted at a
fixed reference week, so a pairing does not change with daylight-saving dates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import numpy as np

from coach.domain import WEEKDAYS, Participant, Programme, Role, Slot

STEP_MINUTES = 30
WEEK_STEPS = 7 * 24 * 60 // STEP_MINUTES  # 336
_REFERENCE_MONDAY = datetime(2027, 1, 4)  # a Monday in winter time


def slot_steps(slot: Slot, timezone: str) -> list[int]:
    """Half-hour steps of the UTC week covered by a local weekly slot."""
    zone = ZoneInfo(timezone)
    day = WEEKDAYS.index(slot.day)
    local_start = (_REFERENCE_MONDAY + timedelta(days=day, minutes=slot.start_minute)).replace(
        tzinfo=zone
    )
    offset = local_start.utcoffset() or timedelta(0)
    start = day * 24 * 60 + slot.start_minute - int(offset.total_seconds() // 60)
    end = start + (slot.end_minute - slot.start_minute)
    first = start // STEP_MINUTES
    last = -(-end // STEP_MINUTES)  # ceiling: a partly covered step counts
    return [step % WEEK_STEPS for step in range(first, last)]


def availability_mask(slots: Sequence[Slot], timezone: str) -> np.ndarray:
    mask = np.zeros(WEEK_STEPS, dtype=bool)
    for slot in slots:
        mask[slot_steps(slot, timezone)] = True
    return mask


@lru_cache(maxsize=1024)
def utc_offset_hours(timezone: str) -> float:
    offset = _REFERENCE_MONDAY.replace(tzinfo=ZoneInfo(timezone)).utcoffset() or timedelta(0)
    return offset.total_seconds() / 3600


if TYPE_CHECKING:
    from coach.matching.coverage import CoverageJudge


@dataclass
class Cohort:
    """Everything the matcher needs, built once per run."""

    programme: Programme
    mentees: list[Participant]
    mentors: list[Participant]
    goal_vectors: dict[int, np.ndarray]  # participant id -> (goals, dim), normalised
    skill_vectors: dict[int, np.ndarray]
    previous_pairs: set[tuple[int, int]] = field(default_factory=set)  # (mentee, mentor)
    # Pairs a reviewer rejected, with the reason: never suggested again.
    rejected_pairs: dict[tuple[int, int], str] = field(default_factory=dict)
    # The coverage judgement (texts and vectors). Runs of the product always have one;
    # cohorts of bare vectors (benchmarks, property tests) fall back to cosine credit.
    judge: CoverageJudge | None = None
    availability: dict[int, np.ndarray] = field(init=False)
    chain: dict[int, frozenset[str]] = field(init=False)  # id -> managers up the line

    def __post_init__(self) -> None:
        everyone = [*self.mentees, *self.mentors]
        self.availability = {p.id: availability_mask(p.availability, p.timezone) for p in everyone}
        manager_of = {p.external_id: p.manager_id for p in everyone if p.manager_id}
        self.chain = {}
        for person in everyone:
            managers: list[str] = []
            current = person.manager_id
            while current is not None and current not in managers:
                managers.append(current)
                current = manager_of.get(current)
            self.chain[person.id] = frozenset(managers)

    @property
    def people(self) -> dict[int, Participant]:
        return {p.id: p for p in [*self.mentees, *self.mentors]}


def split_roles(participants: Sequence[Participant]) -> tuple[list[Participant], list[Participant]]:
    mentees = [p for p in participants if p.role is Role.MENTEE]
    mentors = [p for p in participants if p.role is Role.MENTOR]
    return mentees, mentors
