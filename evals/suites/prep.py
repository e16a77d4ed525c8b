"""Session prep: agendas and mentor prompts for sample pairings and hand-written edge cases.

Each case is a pairing of the sample programme (mentee and mentor by employee id) or an
edge case with its own mentee goals, and a session number. The suite works in a
throwaway data folder, so an eval never writes into a real programme.
"""

from __future__ import annotations

import re
from typing import Any

from coach.domain import PairingStatus, ParticipantIn, Role, Stage
from coach.knowledge import Audience
from coach.prep.documents import prepare_agenda, prepare_prompts
from coach.prep.mentor_prompts import all_questions
from coach.prep.questions import is_open, near_duplicates
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

STAGE_WORDS = {Stage.FIRST: "ground rules", Stage.MIDPOINT: "progress", Stage.CLOSING: "learned"}


@register
class PrepSuite(Suite):
    name = "prep"
    description = "Agendas and mentor prompts: goals served, minutes, cards, privacy, questions."
    cases_file = "prep.jsonl"
    required_labels = ("session",)
    thresholds = {  # noqa: RUF012
        "goals_served": Threshold(minimum=1.0, tolerance=0),
        "minutes_exact": Threshold(minimum=1.0, tolerance=0),
        "cited_cards_valid": Threshold(minimum=1.0, tolerance=0),
        "stage_parts_present": Threshold(minimum=1.0, tolerance=0),
        "foreign_data_leaks": Threshold(maximum=0, tolerance=0),
        "open_questions": Threshold(minimum=1.0, tolerance=0),
        "near_duplicate_pairs": Threshold(maximum=0, tolerance=0),
        "cards_per_agenda": Threshold(tolerance=0.5),
    }

    def score(self, context: EvalContext, cases: list[dict[str, Any]]) -> Scored:
        base = context.services
        with scratch_services(base) as services:
            backend = None
            if context.backend != "offline":
                from coach.llm.backends import get_backend

                backend = get_backend(
                    services.settings.model_copy(update={"llm_backend": context.backend}),
                    recorder=context.recorder,
                )
            return self._score(services, cases, backend)

    def _score(
        self, services: Services, cases: list[dict[str, Any]], backend: Any = None
    ) -> Scored:
        store = services.store
        store.migrate()
        programme, _ = load_sample(store, services.sample_dir)
        services.index.sync_guidance(services.cards)
        people = store.programmes.list_participants(programme.id)
        by_external = {p.external_id: p for p in people}
        cards = {card.id: card for card in services.cards}
        totals = dict.fromkeys(
            (
                "goals",
                "served",
                "agendas",
                "exact",
                "cited",
                "valid",
                "staged",
                "stage_ok",
                "leaks",
                "questions",
                "open",
                "dups",
                "card_count",
            ),
            0,
        )
        results = []
        for number, case in enumerate(cases):
            mentee_id, mentor_id = self._pair(case, number, store, programme.id, by_external)
            pairing = store.pairings.create_pairing(programme.id, mentor_id, mentee_id)
            store.pairings.set_pairing_status(pairing.id, PairingStatus.APPROVED)
            session = int(case["session"])
            agenda = prepare_agenda(services, pairing.id, session, backend=backend)
            prompts = prepare_prompts(services, pairing.id, session, backend=backend)
            mentee = store.programmes.get_participant(mentee_id)
            problems = []
            served = {g for item in agenda.items for g in item.goals}
            missing = [g for g in mentee.goals if g not in served]
            totals["goals"] += len(mentee.goals)
            totals["served"] += len(mentee.goals) - len(missing)
            if missing:
                problems.append(f"goals not served: {missing}")
            totals["agendas"] += 1
            minutes = sum(item.minutes for item in agenda.items)
            if minutes == programme.session_minutes:
                totals["exact"] += 1
            else:
                problems.append(f"minutes {minutes} != {programme.session_minutes}")
            for card_id, audience in [
                *((c, "mentee") for c in agenda.card_ids),
                *((c, "mentor") for c in prompts.card_ids),
            ]:
                totals["cited"] += 1
                card = cards.get(card_id)
                if card and card.audience in (Audience(audience), Audience.ALL):
                    totals["valid"] += 1
                else:
                    problems.append(f"card {card_id} missing or not for the {audience}")
            totals["card_count"] += len(agenda.card_ids)
            if agenda.stage in STAGE_WORDS:
                totals["staged"] += 1
                if any(STAGE_WORDS[agenda.stage] in item.title.lower() for item in agenda.items):
                    totals["stage_ok"] += 1
                else:
                    problems.append(f"no {agenda.stage.value} part in the agenda")
            text = agenda.model_dump_json() + prompts.model_dump_json()
            pair = {mentee_id, mentor_id}
            leaked = [p.name for p in people if p.id not in pair and _mentions(text, p)]
            totals["leaks"] += len(leaked)
            if leaked:
                problems.append(f"other participants appear: {leaked}")
            questions = all_questions(prompts)
            totals["questions"] += len(questions)
            closed = [q for q in questions if not is_open(q)]
            totals["open"] += len(questions) - len(closed)
            if closed:
                problems.append(f"closed questions: {closed}")
            groups = [prompts.openers, *(g.questions for g in prompts.questions)]
            dups = [pair for group in groups for pair in near_duplicates(group)]
            totals["dups"] += len(dups)
            if dups:
                problems.append(f"near-duplicates: {dups}")
            results.append(
                CaseResult(
                    id=case["id"],
                    passed=not problems,
                    expected="goals served, exact minutes, valid cards, open distinct questions",
                    got={
                        "items": [i.title for i in agenda.items],
                        "minutes": minutes,
                        "cards": agenda.card_ids + prompts.card_ids,
                    },
                    reason="; ".join(problems),
                )
            )

        def share(part: str, whole: str) -> float:
            return totals[part] / totals[whole] if totals[whole] else 1.0

        return Scored(
            metrics={
                "goals_served": share("served", "goals"),
                "minutes_exact": share("exact", "agendas"),
                "cited_cards_valid": share("valid", "cited"),
                "stage_parts_present": share("stage_ok", "staged"),
                "foreign_data_leaks": float(totals["leaks"]),
                "open_questions": share("open", "questions"),
                "near_duplicate_pairs": float(totals["dups"]),
                "cards_per_agenda": totals["card_count"] / max(1, totals["agendas"]),
            },
            cases=results,
            notes=[
                f"{totals['agendas']} agendas and prompt sets, {totals['goals']} goals, "
                f"{totals['questions']} questions checked."
            ],
        )

    @staticmethod
    def _pair(
        case: dict[str, Any],
        number: int,
        store: Any,
        programme_id: int,
        by_external: dict[str, Any],
    ) -> tuple[int, int]:
        if "mentee" in case:
            return by_external[case["mentee"]].id, by_external[case["mentor"]].id
        mentee = ParticipantIn(
            external_id=f"EDGE{number}",
            name=f"Edge Mentee {number}",
            email=f"edge{number}@example.org",
            role=Role.MENTEE,
            seniority=8,
            department="Strategy",
            goals=case["goals"],
        )
        store.programmes.upsert_participants(programme_id, [mentee])
        created = next(
            p
            for p in store.programmes.list_participants(programme_id)
            if p.external_id == f"EDGE{number}"
        )
        mentor = next(p for p in by_external.values() if p.role.value == "mentor")
        return created.id, mentor.id


def _mentions(text: str, person: Any) -> bool:
    return bool(re.search(rf"\b{re.escape(person.name)}\b", text)) or str(person.email) in text
