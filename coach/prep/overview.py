"""What a pair sees of their pairing on their own page: the mentee's goals with the mentor
skills that serve them, why they were matched, the plan across the programme, and the
documents already prepared for the reader.

Everything a session document refers to can be opened from here, so an agenda never
points at something its reader cannot see.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coach.domain import Role
from coach.pairings import member_view
from coach.prep.goals import read_goal
from coach.prep.plan import Plan, plan_goals
from coach.services import Services


@dataclass(frozen=True)
class GoalLine:
    phrase: str
    skills: list[str]  # the mentor's skills that cover it, best first (may be empty)


@dataclass(frozen=True)
class PairOverview:
    goals: list[GoalLine]
    why: str  # the one-line summary stored with the pairing
    pros: list[str]
    plan: Plan
    phrases: dict[str, str]  # goal as written -> its phrase, for showing the plan
    documents: list[int] = field(default_factory=list)  # session numbers with the reader's document


def pair_overview(services: Services, pairing_id: int, reader: Role) -> PairOverview:
    """The overview of one approved pairing for its mentee or mentor (``reader``)."""
    store = services.store
    pairing = store.pairings.get_pairing(pairing_id)
    programme = store.programmes.get_programme(pairing.programme_id)
    mentee = store.programmes.get_participant(pairing.mentee_id)
    mentor = store.programmes.get_participant(pairing.mentor_id)
    usable = [goal for goal in mentee.goals if read_goal(goal).usable]
    covered = (
        services.coverage_judge.covering(usable, mentor.skills) if usable and mentor.skills else {}
    )
    held: dict[int, list[str]] = {}
    kind = "agenda" if reader is Role.MENTEE else "prompts"
    documents = []
    for earlier in store.sessions.session_documents(
        pairing_id, before=programme.sessions_planned + 1
    ):
        agenda = earlier.get("agenda") or {}
        if agenda.get("focus") is not None:
            held[earlier["number"]] = list(agenda["focus"])
        if earlier.get(kind):
            documents.append(int(earlier["number"]))
    plan = plan_goals(
        mentee.goals,
        sessions_planned=programme.sessions_planned,
        session_minutes=programme.session_minutes,
        covered=covered,
        held=held,
        ratings=store.feedback.goal_ratings(pairing_id, mentee.id),
    )
    details = member_view(pairing).details
    return PairOverview(
        goals=[GoalLine(read_goal(g).phrase, covered.get(g, [])) for g in usable],
        why=str(details.get("summary") or ""),
        pros=[str(p) for p in details.get("pros", details.get("reasons", []))],
        plan=plan,
        phrases={g: read_goal(g).phrase for g in usable},
        documents=sorted(documents),
    )
