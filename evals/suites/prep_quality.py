"""Session prep as its readers judge it: is each document specific, correct and usable?

The ``prep`` suite checks the machinery (minutes add up, cards are real); this one scores
what a mentee and a mentor would notice, on the pairs of ``evals/data/prep_quality.jsonl``
(source: ``evals/tools/prep_quality_cases.py``), every metric for the tuning split and
the held-out third on its own:

- ``raw_goal_lines``: question or preparation lines that paste a goal as written (a goal
  of three words or more, inside the line); documents should use the goal, not quote it;
- ``near_duplicate_lines``: pairs of lines in one document whose embeddings have cosine
  0.9 or more (the same thing said twice);
- ``focus_skill_named``: of the goals that lead a session and that a mentor skill covers
  (the matcher's judgement, computed here independently), the share whose item names a
  covering skill in a show-and-try activity;
- ``items_closest_to_own_goal``: of the focus items (agenda) and focus goal sections
  (prompts) of pairs with two goals or more, the share whose content (title left out) is
  closer by embedding to its own goal than to any other goal of the pair;
- ``stage_and_voice``: the share of documents that pass every stage and voice check:
  the first session agrees ground rules and later ones do not open as a first meeting;
  the last session points to no next session; the mid-point reviews progress; the
  mentee's questions are put to the mentor, not to themselves; the mentor's questions
  and openers speak to the mentee ("you"); wording keeps the programme's direction;
- ``instructions_placed``: documents in which text that is an instruction rather than a
  goal appears at all.

There is no public benchmark for session prep; the test suite shows that the template
composer this replaced fails it (tests/evals/test_prep_quality_suite.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from coach.domain import (
    Direction,
    PairingStatus,
    ParticipantIn,
    ProgrammeIn,
    Role,
    Stage,
)
from coach.prep.agenda import Agenda
from coach.prep.documents import prepare_agenda, prepare_prompts
from coach.prep.mentor_prompts import MentorPrompts
from coach.prep.rubric import (
    agenda_stage_and_voice,
    pasted_lines,
    prompts_stage_and_voice,
    skill_not_shown,
)
from coach.sample import load_sample
from coach.services import Services
from evals.harness import (
    CaseResult,
    EvalContext,
    Scored,
    Suite,
    Threshold,
    register,
    scratch_services,
)

DUPLICATE_COSINE = 0.9
SPLITS = ("tune", "held_out")

# Builds the backend the suite runs (None: the configured one); tests swap in a worse one.
BackendFactory = Callable[[Services], Any]


def _no_backend(services: Services) -> Any:
    return None


@register
class PrepQualitySuite(Suite):
    name = "prep_quality"
    description = "Agendas and prompts as readers judge them; held-out third reported apart."
    cases_file = "prep_quality.jsonl"
    required_labels = ("goals", "skills", "session", "split", "direction")
    thresholds = {  # noqa: RUF012
        **{f"raw_goal_lines_{s}": Threshold(maximum=0, tolerance=0) for s in SPLITS},
        **{f"near_duplicate_lines_{s}": Threshold(maximum=0, tolerance=0) for s in SPLITS},
        **{f"focus_skill_named_{s}": Threshold(minimum=0.9, tolerance=0.05) for s in SPLITS},
        **{
            f"items_closest_to_own_goal_{s}": Threshold(minimum=0.9, tolerance=0.05) for s in SPLITS
        },
        **{f"stage_and_voice_{s}": Threshold(minimum=1.0, tolerance=0) for s in SPLITS},
        **{f"instructions_placed_{s}": Threshold(maximum=0, tolerance=0) for s in SPLITS},
    }
    backend_factory: BackendFactory = _no_backend

    def score(self, context: EvalContext, cases: list[dict[str, Any]]) -> Scored:
        with scratch_services(context.services) as services:
            backend = type(self).backend_factory(services)
            if backend is None and context.backend != "offline":
                from coach.llm.backends import get_backend

                backend = get_backend(
                    services.settings.model_copy(update={"llm_backend": context.backend}),
                    recorder=context.recorder,
                )
            return self._score(services, cases, backend)

    def _score(self, services: Services, cases: list[dict[str, Any]], backend: Any) -> Scored:
        store = services.store
        store.migrate()
        reverse, _ = load_sample(store, services.sample_dir)
        traditional = store.programmes.create_programme(
            ProgrammeIn(
                slug="prep-quality-traditional",
                name="Traditional mentoring",
                direction=Direction.TRADITIONAL,
                sessions_planned=reverse.sessions_planned,
                session_minutes=reverse.session_minutes,
                ground_rules=reverse.ground_rules,
            )
        )
        services.sync_guidance()
        judge = services.coverage_judge
        embed = services.embedder.embed
        tallies = {s: dict.fromkeys(_TALLIES, 0) for s in SPLITS}
        results = []
        for number, case in enumerate(cases):
            direction = Direction(case["direction"])
            programme = reverse if direction is Direction.REVERSE else traditional
            pairing_id = _pair(services, programme.id, number, case, direction)
            session = int(case["session"])
            agenda = prepare_agenda(services, pairing_id, session, backend=backend)
            prompts = prepare_prompts(services, pairing_id, session, backend=backend)
            goals = [g for i, g in enumerate(case["goals"]) if i not in case["instructions"]]
            planted = [case["goals"][i] for i in case["instructions"]]
            covering = judge.covered(goals, case["skills"]) if goals else np.zeros((0, 0))
            skills_for = {
                goal: [s for s, ok in zip(case["skills"], row, strict=True) if ok]
                for goal, row in zip(goals, covering, strict=True)
            }
            found = _judge(agenda, prompts, goals, planted, skills_for, direction, embed)
            split = case["split"]
            for key, value in found["counts"].items():
                tallies[split][key] += value
            results.append(
                CaseResult(
                    id=case["id"],
                    passed=not found["problems"],
                    expected=f"{split}: specific, distinct, staged, no instruction placed",
                    got={
                        "agenda": [i.title for i in agenda.items],
                        "focus": agenda.focus,
                    },
                    reason="; ".join(found["problems"]),
                )
            )
        metrics: dict[str, float] = {}
        for split, t in tallies.items():
            metrics[f"raw_goal_lines_{split}"] = float(t["raw"])
            metrics[f"near_duplicate_lines_{split}"] = float(t["dups"])
            metrics[f"focus_skill_named_{split}"] = t["named"] / max(1, t["coverable"])
            metrics[f"items_closest_to_own_goal_{split}"] = t["closest"] / max(1, t["items"])
            metrics[f"stage_and_voice_{split}"] = t["staged_ok"] / max(1, t["documents"])
            metrics[f"instructions_placed_{split}"] = float(t["placed"])
        held = sum(c["split"] == "held_out" for c in cases)
        return Scored(
            metrics=metrics,
            cases=results,
            notes=[f"{len(cases)} pairs ({held} held out), an agenda and prompts each."],
        )


_TALLIES = (
    "raw",
    "dups",
    "named",
    "coverable",
    "closest",
    "items",
    "staged_ok",
    "documents",
    "placed",
)


def _pair(
    services: Services, programme_id: int, number: int, case: dict[str, Any], direction: Direction
) -> int:
    store = services.store
    senior, junior = (8, 3) if direction is Direction.REVERSE else (3, 8)
    rows = [
        ParticipantIn(
            external_id=f"PQ{number}-{role.value}",
            name=name,
            email=f"pq{number}-{role.value}@example.org",
            role=role,
            seniority=senior if role is Role.MENTEE else junior,
            department=case.get("sector", "Operations").title()[:60],
            goals=case["goals"] if role is Role.MENTEE else [],
            skills=case["skills"] if role is Role.MENTOR else [],
        )
        for role, name in ((Role.MENTEE, "Morgan Ellery"), (Role.MENTOR, "Priya Castell"))
    ]
    store.programmes.upsert_participants(programme_id, rows)
    people = {p.external_id: p for p in store.programmes.list_participants(programme_id)}
    mentee, mentor = people[f"PQ{number}-mentee"], people[f"PQ{number}-mentor"]
    pairing = store.pairings.create_pairing(programme_id, mentor.id, mentee.id)
    store.pairings.set_pairing_status(pairing.id, PairingStatus.APPROVED)
    session = int(case["session"])
    if session > 1 and (case.get("mentee_note") or case.get("mentor_note")):
        earlier = store.sessions.add_session(pairing.id, session - 1, Stage.REGULAR)
        if case.get("mentee_note"):
            store.sessions.add_note(earlier, mentee.id, case["mentee_note"])
        if case.get("mentor_note"):
            store.sessions.add_note(earlier, mentor.id, case["mentor_note"])
    return pairing.id


def _judge(
    agenda: Agenda,
    prompts: MentorPrompts,
    goals: list[str],
    planted: list[str],
    skills_for: dict[str, list[str]],
    direction: Direction,
    embed: Callable[[list[str]], Any],
) -> dict[str, Any]:
    counts = dict.fromkeys(_TALLIES, 0)
    problems: list[str] = []
    agenda_questions = [q for item in agenda.items for q in item.questions]
    agenda_prepare = [p for item in agenda.items for p in item.prepare]
    mentor_questions = [*prompts.openers, *(q for g in prompts.questions for q in g.questions)]
    # 1. Goals pasted into questions and preparation lines.
    pasted = pasted_lines([*agenda_questions, *agenda_prepare, *mentor_questions], goals)
    counts["raw"] = len(pasted)
    if pasted:
        problems.append(f"pastes a goal: {pasted[0]!r}")
    # 2. The same thing said twice in one document.
    agenda_lines = [
        *(line for item in agenda.items for line in (*item.activities, *item.prepare)),
        *agenda_questions,
    ]
    prompt_lines = [
        *prompts.openers,
        *(line for g in prompts.questions for line in (*g.show_and_try, *g.questions)),
        *prompts.upward_feedback,
        *prompts.if_mentee_takes_over,
        *prompts.prepare_yourself,
    ]
    for lines in (agenda_lines, prompt_lines):
        if len(lines) < 2:
            continue
        vectors = np.asarray(embed(lines))
        similar = np.triu(vectors @ vectors.T, k=1) >= DUPLICATE_COSINE
        counts["dups"] += int(similar.sum())
        if similar.any():
            i, j = (int(v[0]) for v in np.nonzero(similar))
            problems.append(f"says twice: {lines[i]!r} / {lines[j]!r}")
    # 3. Focus goals the mentor covers: is a covering skill named in an activity?
    sections = {g.goal: g for g in prompts.questions}
    for goal in agenda.focus or [g for item in agenda.items for g in item.goals[:1]][:1]:
        if not skills_for.get(goal):
            continue
        activities = [
            *(a for item in agenda.items if item.goals == [goal] for a in item.activities),
            *(sections[goal].show_and_try if goal in sections else []),
        ]
        counts["coverable"] += 1
        if not skill_not_shown(activities, skills_for[goal]):
            counts["named"] += 1
        else:
            problems.append(f"no covering skill shown for {goal!r}")
    # 4. Each focus part is about its own goal more than about the pair's other goals.
    if len(goals) >= 2:
        goal_vectors = np.asarray(embed(goals))
        parts: list[tuple[str, str]] = []
        for item in agenda.items:
            if len(item.goals) == 1 and item.goals[0] in goals and item.goals[0] in agenda.focus:
                parts.append(
                    (item.goals[0], " ".join([*item.activities, *item.prepare, *item.questions]))
                )
        for section in prompts.questions:
            if section.goal in agenda.focus and section.goal in goals:
                parts.append((section.goal, " ".join([*section.show_and_try, *section.questions])))
        for goal, content in parts:
            counts["items"] += 1
            similarity = goal_vectors @ np.asarray(embed([content]))[0]
            if int(np.argmax(similarity)) == goals.index(goal):
                counts["closest"] += 1
            else:
                problems.append(f"a part for {goal!r} reads closer to another goal")
    # 5. Stage and voice.
    for name, failures in (
        ("agenda", agenda_stage_and_voice(agenda, direction)),
        ("prompts", prompts_stage_and_voice(prompts, direction)),
    ):
        counts["documents"] += 1
        if failures:
            problems.append(f"{name}: " + "; ".join(failures))
        else:
            counts["staged_ok"] += 1
    # 6. Instruction-like text anywhere in either document.
    for text in (agenda.model_dump_json(), prompts.model_dump_json()):
        if any(p[:40].lower() in text.lower() for p in planted):
            counts["placed"] += 1
            problems.append("an instruction appears in a document")
    return {"counts": counts, "problems": problems}
