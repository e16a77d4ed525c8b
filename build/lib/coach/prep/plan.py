"""The pair's plan across the programme: which goals lead which session.

Before any single session, the mentee's usable goals are laid out over every planned
session. A goal leads a session in this order of priority:
1. goals the mentor's skills cover (the matcher's coverage judgement) before goals they
   do not, so the pair starts where the mentor can really help;
2. goals served least so far (earlier agendas), then the lowest latest self-rating;
3. the mentee's own order.
A goal rated 2 or lower in each of its last two ratings is re-planned when the mentor
covers it (it leads the next session, with a different approach) and raised with the
coordinator when they do not (it leads no session until someone has looked at it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coach.domain import Stage
from coach.prep.context import SessionContext, stage_for
from coach.prep.goals import GoalKind, read_goal

LOW_RATING = 2  # a self-rating at or below this counts as low
COVERED_HEAD_START = 2  # turns a covered goal leads before an uncovered one gets its turn
FOCUS_SLOTS = {Stage.FIRST: 1, Stage.REGULAR: 2, Stage.MIDPOINT: 1, Stage.CLOSING: 1}


@dataclass(frozen=True)
class PlannedSession:
    number: int
    stage: Stage
    focus: list[str]  # goals (as the mentee wrote them) that lead this session


@dataclass(frozen=True)
class Plan:
    sessions: list[PlannedSession]
    replanned: list[str] = field(default_factory=list)  # rated low twice, mentor covers it
    raised: list[str] = field(default_factory=list)  # rated low twice, not covered
    uncovered: list[str] = field(default_factory=list)  # no mentor skill covers it
    set_aside: int = 0  # goal texts that are instructions, not goals (never shown)

    def session(self, number: int) -> PlannedSession:
        return next(s for s in self.sessions if s.number == number)


def rated_low_twice(ratings: list[int]) -> bool:
    return len(ratings) >= 2 and all(r <= LOW_RATING for r in ratings[-2:])


def plan_goals(
    goals: list[str],
    *,
    sessions_planned: int,
    session_minutes: int,
    covered: dict[str, list[str]] | None = None,
    held: dict[int, list[str]] | None = None,
    ratings: dict[str, list[int]] | None = None,
) -> Plan:
    """Lay the goals out over every planned session, from the first.

    ``covered`` maps a goal to the mentor skills that cover it; ``held`` gives, for
    sessions already prepared, the goals that really led them (the plan keeps those and
    plans the rest around them); ``ratings`` holds every self-rating, oldest first.
    """
    covered = covered or {}
    held = held or {}
    served: dict[str, int] = {}
    ratings = ratings or {}
    readings = [read_goal(goal) for goal in goals]
    usable = [r.original for r in readings if r.kind is not GoalKind.INSTRUCTION]
    set_aside = len(goals) - len(usable)
    low = [g for g in usable if rated_low_twice(ratings.get(g, []))]
    replanned = [g for g in low if covered.get(g)]
    raised = [g for g in low if not covered.get(g)]
    uncovered = [g for g in usable if not covered.get(g)]
    candidates = [g for g in usable if g not in raised] or usable

    sessions = []
    for number in range(1, sessions_planned + 1):
        stage = stage_for(number, sessions_planned)
        slots = max(1, min(FOCUS_SLOTS[stage], session_minutes // 15, len(candidates)))
        order = priority_order(candidates, covered=covered, served=served, ratings=ratings)
        first = [g for g in order if g in replanned]
        focus = [*first, *(g for g in order if g not in first)][:slots]
        if number in held:  # prepared already: what really led it stands
            focus = [g for g in held[number] if g in usable]
        for goal in focus:
            served[goal] = served.get(goal, 0) + 1
        replanned = [g for g in replanned if g not in focus]  # re-planned once is enough
        sessions.append(PlannedSession(number, stage, focus))
    return Plan(
        sessions=sessions,
        replanned=[g for g in low if covered.get(g)],
        raised=raised,
        uncovered=uncovered,
        set_aside=set_aside,
    )


def priority_order(
    goals: list[str],
    *,
    covered: dict[str, list[str]],
    served: dict[str, int],
    ratings: dict[str, list[int]],
) -> list[str]:
    """Goals in the order they should lead: served least, where a goal the mentor's skills
    cover counts as served ``COVERED_HEAD_START`` times fewer (so covered goals lead
    first, and uncovered ones still get their turn later); then rated lowest, then the
    mentee's own order."""

    def key(goal: str) -> tuple[int, int, int]:
        latest = ratings.get(goal, [])
        return (
            served.get(goal, 0) + (0 if covered.get(goal) else COVERED_HEAD_START),
            latest[-1] if latest else 0,
            goals.index(goal),
        )

    return sorted(goals, key=key)


def pair_plan(context: SessionContext) -> Plan:
    """The plan from this session on, from what the context knows."""
    return plan_goals(
        context.goals,
        sessions_planned=context.sessions_planned,
        session_minutes=context.session_minutes,
        covered=context.goal_skills,
        held=context.held_focus,
        ratings=context.goal_ratings or {g: [r] for g, r in context.goal_progress.items()},
    )
