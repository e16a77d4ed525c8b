"""Feedback summaries: planted themes are found, planted identifiers never come out.

Each case is a small cohort's feedback on the sample programme: who answered (a pair
index and side), ratings, consent to quotes and free text with identifiers planted in it
(roster names and nicknames, emails, phones, employee ids, people outside the roster,
disclosed circumstances). The suite stores the answers through the real submission
path in a throwaway data folder, asks for the coordinator's summary and checks it.
"""

from __future__ import annotations

import re
from typing import Any

from coach.domain import FeedbackIn, FeedbackStage, PairingStatus, Role
from coach.feedback import FeedbackSummary, submit_feedback, summarise_feedback
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


def summary_strings(summary: FeedbackSummary) -> list[str]:
    """Every piece of text a coordinator would read."""
    texts = [summary.message, *summary.working, *summary.not_working]
    texts += [*summary.suggested_actions, *summary.quotes]
    for theme in summary.themes:
        texts += [theme.label, theme.example or ""]
    return texts


@register
class SummariesSuite(Suite):
    name = "summaries"
    description = "Feedback summaries: planted identifier leaks (must be 0), theme recall."
    cases_file = "summaries.jsonl"
    required_labels = ("stage", "answers", "themes", "identifiers")
    thresholds = {  # noqa: RUF012
        "planted_identifier_leaks": Threshold(maximum=0, tolerance=0),
        "theme_recall": Threshold(minimum=0.9, tolerance=0.05),
        "refusals_correct": Threshold(minimum=1.0, tolerance=0),
        "quotes_without_consent": Threshold(maximum=0, tolerance=0),
        "leaks_caught_by_final_check": Threshold(tolerance=2),
        # Themes found that nobody planted: not always wrong (a sentence may fit two), but
        # a rise means the clustering got looser.
        "unplanted_themes": Threshold(maximum=4, tolerance=1),
    }

    def score(self, context: EvalContext, cases: list[dict[str, Any]]) -> Scored:
        base = context.services
        leaks = found = planted = quotes_bad = caught = extra = 0
        refusals_right = refusals = 0
        results: list[CaseResult] = []
        backend = None
        if context.backend != "offline":
            from coach.llm.backends import get_backend

            backend = get_backend(
                base.settings.model_copy(update={"llm_backend": context.backend}),
                recorder=context.recorder,
            )
        for case in cases:
            with scratch_services(base) as services:
                summary, consented = self._run(services, case, backend)
            texts = summary_strings(summary)
            blob = "\n".join(texts)
            leaked = [
                s
                for s in case["identifiers"]
                if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", blob, re.IGNORECASE)
            ]
            labels = {theme.label for theme in summary.themes}
            missing = [theme for theme in case["themes"] if theme not in labels]
            bad_quotes = [q for q in summary.quotes if not any(q in text for text in consented)]
            leaks += len(leaked)
            planted += len(case["themes"])
            found += len(case["themes"]) - len(missing)
            quotes_bad += len(bad_quotes)
            caught += summary.leaks_redacted
            extra += len(labels - set(case["themes"]))
            expect_refusal = bool(case.get("expect_refusal"))
            if expect_refusal:
                refusals += 1
                refusals_right += summary.status == "too_few_responses" and not summary.themes
            problems = []
            if leaked:
                problems.append(f"leaked {leaked}")
            if missing:
                problems.append(f"themes not found {missing}")
            if bad_quotes:
                problems.append(f"{len(bad_quotes)} quote(s) without consent")
            if expect_refusal != (summary.status == "too_few_responses"):
                problems.append(f"status {summary.status}")
            results.append(
                CaseResult(
                    id=case["id"],
                    passed=not problems,
                    expected={"themes": case["themes"], "refusal": expect_refusal},
                    got={"themes": sorted(labels), "status": summary.status},
                    reason="; ".join(problems),
                )
            )
        return Scored(
            metrics={
                "planted_identifier_leaks": float(leaks),
                "theme_recall": found / planted if planted else 1.0,
                "refusals_correct": refusals_right / refusals if refusals else 1.0,
                "quotes_without_consent": float(quotes_bad),
                "leaks_caught_by_final_check": float(caught),
                "unplanted_themes": float(extra),
            },
            cases=results,
            notes=[f"{len(cases)} cohorts, {planted} planted themes"],
        )

    @staticmethod
    def _run(
        services: Services, case: dict[str, Any], backend: Any
    ) -> tuple[FeedbackSummary, set[str]]:
        store = services.store
        store.migrate()
        programme, _ = load_sample(store, services.sample_dir)
        store.update_programme(programme.id, {"min_cohort_size": case.get("min_cohort", 3)})
        people = store.list_participants(programme.id)
        mentors = sorted((p for p in people if p.role is Role.MENTOR), key=lambda p: p.external_id)
        mentees = sorted((p for p in people if p.role is Role.MENTEE), key=lambda p: p.external_id)
        pairings: dict[int, Any] = {}
        stage = FeedbackStage(case["stage"])
        for answer in case["answers"]:
            index = answer["pair"]
            if index not in pairings:
                pairing = store.create_pairing(programme.id, mentors[index].id, mentees[index].id)
                store.set_pairing_status(pairing.id, PairingStatus.APPROVED)
                pairings[index] = pairing
            author = mentors[index] if answer["side"] == "mentor" else mentees[index]
            data = FeedbackIn(
                pairing_id=pairings[index].id,
                stage=stage,
                session_number=2 if stage is FeedbackStage.SESSION else None,
                usefulness=answer["u"],
                pairing_fit=answer["fit"],
                text=answer["text"],
                consent_to_quote=answer["quote"],
            )
            submit_feedback(services, programme.id, author, data)
        summary = summarise_feedback(services, programme.id, stage, backend=backend)
        # What consenting authors wrote, as redacted: every quote must come from there.
        redactor = services.redactor(programme.id)
        consented = {
            redactor.redact(answer["text"]).text for answer in case["answers"] if answer["quote"]
        }
        return summary, consented
