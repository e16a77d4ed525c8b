"""Feedback summaries: the themes people raised are found and counted by people, nothing
planted leaks, and too few answers are refused.

The 300 sets (``evals/data/summaries.jsonl``, built by ``evals.tools.build_summaries`` from
the labelled sentences in ``evals/tools/feedback_sentences.py``) are answers of small
cohorts of the sample programme at each stage. The suite stores them through the real
submission path in a throwaway data folder, asks for the coordinator's summary and scores:
- theme recall and precision against the themes at least two people raised (a theme
  raised by one person must not be shown: it counts against precision);
- respondent counts: a found theme must count exactly the people who raised it (a count
  that is not is told as too low or too high, with the share of people reached);
- planted identifiers (phones, emails, ids, people outside the roster, the partner's
  first name) and words of planted disclosures: none may appear in anything shown;
- refusal below the minimum cohort, and quotes only from consenting authors.

The held-out sets (41-60, built from sentences never read while tuning; 81-120 and
181-300, eight later batches of twenty sets, each written blind before the change it
judges, also reported alone as ``held_out_2``, ``held_out_3`` and ``held_out_7`` to
``held_out_12``) are reported apart and are what the thresholds
judge. The tuning sets (1-40; 61-80 and 121-180 in the wording of batches whose misses
were read and which are now the catalogue's examples, the last three reported alone as
``read_4``, ``read_5`` and ``read_6``) show the pipeline: counts, leaks, refusals.
In the same run a baseline finder scores the held-out contexts: the nearest catalogue
example by embedding, one theme per sentence, no cues and no tone (how the first version
clustered), so the gain is measured.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from coach.domain import FeedbackIn, FeedbackStage, PairingStatus, Role
from coach.feedback import FeedbackSummary, submit_feedback, summarise_feedback
from coach.feedback.summary import build_summary_context, compose_summary
from coach.feedback.themes import NO_THEME, Catalogue, ThemeFinder
from coach.services import Services
from evals.harness import (
    CaseResult,
    EvalContext,
    Scored,
    Suite,
    Threshold,
    register,
    sample_database,
    scratch_services,
)
from evals.tools.feedback_sentences import LATER_BATCHES

BASELINE_SIMILARITY = 0.45

FinderFactory = Callable[[Catalogue, Callable[[list[str]], Any]], Any]


class NearestExampleFinder(ThemeFinder):
    """The baseline: one theme per sentence, the nearest example's, by embedding alone."""

    def find(self, sentences_: Sequence[str]) -> list[list[str]]:
        if not sentences_:
            return []
        owners, examples = self._examples
        themed = owners != NO_THEME  # the first version knew no neutral sentences
        owners, examples = owners[themed], examples[themed]
        assert self._embed is not None
        vectors = np.asarray(self._embed(list(sentences_)), dtype=np.float32)
        scores = vectors @ examples.T
        best = scores.argmax(axis=1)
        return [
            [str(owners[column])] if scores[row, column] >= BASELINE_SIMILARITY else []
            for row, column in enumerate(best)
        ]


def summary_strings(summary: FeedbackSummary) -> list[str]:
    """Every piece of text a coordinator would read."""
    texts = [summary.message, *summary.working, *summary.not_working]
    texts += [*summary.suggested_actions, *summary.quotes]
    for theme in summary.themes:
        texts += [theme.label, theme.example or ""]
        texts += [action.text for action in theme.actions]
    return texts


def _contains(blob: str, value: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(value)}(?!\w)", blob, re.IGNORECASE) is not None


class Tally:
    """Themes expected and shown, set by set: recall, precision and how counts go wrong."""

    def __init__(self) -> None:
        self.expected = self.shown = self.found = self.exact = self.under = self.over = 0
        self.within_one = 0  # themes found whose count is at most one person off
        # Of the themes found: the people who raised them, and how many of those the
        # count reaches. Only counts are compared, not who, so this is an upper bound: a
        # count above the truth reaches them all, and a person missed where another was
        # wrongly counted goes unseen.
        self.people = self.reached = 0
        self.sizes: list[int] = []  # people who raised each theme found
        self.sets: list[tuple[dict[str, int], dict[str, int]]] = []  # for ``intervals``

    def add(self, expected: dict[str, int], shown: dict[str, int]) -> None:
        self.sets.append((expected, shown))
        self.expected += len(expected)
        self.shown += len(shown)
        hits = [t for t in shown if t in expected]
        self.found += len(hits)
        self.exact += sum(shown[t] == expected[t] for t in hits)
        self.under += sum(shown[t] < expected[t] for t in hits)
        self.over += sum(shown[t] > expected[t] for t in hits)
        self.within_one += sum(abs(shown[t] - expected[t]) <= 1 for t in hits)
        self.people += sum(expected[t] for t in hits)
        self.reached += sum(min(shown[t], expected[t]) for t in hits)
        self.sizes += [expected[t] for t in hits]

    def people_reached(self) -> float:
        return self.reached / self.people if self.people else 1.0

    def exact_if_independent(self) -> float:
        """The exact share to expect were each person missed independently at the rate
        seen and nobody counted twice: a theme raised by n people is exact with
        probability r**n. Exact counts for every theme need r close to 1."""
        rate = self.people_reached()
        return sum(rate**n for n in self.sizes) / len(self.sizes) if self.sizes else 1.0

    def intervals(self, *, resamples: int = 1000, seed: int = 0) -> dict[str, tuple[float, float]]:
        """Where the middle 95% of each figure (``theme_recall``, ``theme_precision``,
        ``counts_exact``) falls when the sets are drawn again with replacement: how much
        it would move with other sets of the same kind. A batch of twenty sets moves a
        lot, so a change of a few hundredths on one batch is not yet a change. The seed
        is fixed, so a run's intervals are reproducible."""
        rng = np.random.default_rng(seed)
        drawn: dict[str, list[float]] = {}
        for _ in range(resamples if self.sets else 0):
            again = Tally()
            for index in rng.integers(0, len(self.sets), len(self.sets)):
                again.add(*self.sets[index])
            for name, value in again.metrics("m").items():
                drawn.setdefault(name.removeprefix("m_"), []).append(value)
        return {
            name: (float(np.percentile(values, 2.5)), float(np.percentile(values, 97.5)))
            for name, values in drawn.items()
        }

    def metrics(self, prefix: str) -> dict[str, float]:
        return {
            f"{prefix}_theme_recall": self.found / self.expected if self.expected else 1.0,
            f"{prefix}_theme_precision": self.found / self.shown if self.shown else 1.0,
            f"{prefix}_counts_exact": self.exact / self.found if self.found else 1.0,
        }

    def count_metrics(self, prefix: str) -> dict[str, float]:
        """How the counts that are not exact go wrong: too low (someone who raised the
        theme was not read as saying it) or too high; the share at most one person off;
        and the share of people reached."""
        found = self.found or 1
        return {
            f"{prefix}_counts_too_low": self.under / found,
            f"{prefix}_counts_too_high": self.over / found,
            f"{prefix}_counts_within_one": self.within_one / found if self.found else 1.0,
            f"{prefix}_people_reached": self.people_reached(),
        }


# The later batches, each also reported alone: held out, and read (tuning sets since
# their misses were read; see evals.tools.build_summaries).
LATER = tuple(LATER_BATCHES)


@register
class SummariesSuite(Suite):
    name = "summaries"
    description = (
        "Feedback summaries: theme recall/precision and exact counts (held-out batches apart), "
        "planted identifier and disclosure leaks (must be 0), refusals below the cohort."
    )
    cases_file = "summaries.jsonl"
    required_labels = ("split", "stage", "answers", "themes", "identifiers", "disclosures")
    # The targets are recall and precision >= 0.9 and exact counts on the held-out
    # sets. Over the 180 held-out sets (the finder of the tenth session: all-mpnet-base-v2,
    # run-on answers read in short windows), recall is 0.916 and precision 0.949 (batches
    # 7-12, in registers the catalogue has not read: 0.83-0.92 recall); counts are exact
    # for 0.819.
    # The floors guard that level (evals/README.md has each batch's readings); the counts
    # floor sits above a summary that counts sentences instead of people.
    thresholds = {  # noqa: RUF012
        "held_out_theme_recall": Threshold(minimum=0.9, tolerance=0.03),
        "held_out_theme_precision": Threshold(minimum=0.93, tolerance=0.03),
        "held_out_counts_exact": Threshold(minimum=0.8, tolerance=0.04),
        "tune_theme_recall": Threshold(tolerance=0.03),
        "tune_theme_precision": Threshold(tolerance=0.03),
        "tune_counts_exact": Threshold(tolerance=0.04),
        # How counts go wrong: too low where a person's answer was not read as raising
        # the theme (0.133 of the held-out themes found, eleventh session), too high where
        # the theme was read into an answer that does not raise it (0.027). Too high is
        # the worse error for a coordinator, who would act on people who are not there,
        # so its bar sits at about twice today's; too low is bounded by the exact floor.
        "held_out_counts_too_low": Threshold(maximum=0.2, tolerance=0.04),
        "held_out_counts_too_high": Threshold(maximum=0.05, tolerance=0.02),
        # A count at most one person off: what a coordinator can still act on as it stands.
        "held_out_counts_within_one": Threshold(tolerance=0.02),
        "held_out_people_reached": Threshold(tolerance=0.02),
        "tune_counts_too_low": Threshold(maximum=0.15, tolerance=0.04),
        "tune_counts_too_high": Threshold(maximum=0.03, tolerance=0.02),
        "tune_counts_within_one": Threshold(tolerance=0.02),
        "tune_people_reached": Threshold(tolerance=0.02),
        "planted_identifier_leaks": Threshold(maximum=0, tolerance=0),
        "planted_disclosure_leaks": Threshold(maximum=0, tolerance=0),
        "refusals_correct": Threshold(minimum=1.0, tolerance=0),
        "quotes_without_consent": Threshold(maximum=0, tolerance=0),
        # A theme one person raised, shown because the finder read it in a second person's
        # answer too (it counts against precision as well). 10 of 300 sets: 6 of the first
        # 260, two more in the eleventh batch's first reading (English as a second
        # language) and two in the twelfth's (understatement and anecdotes); 8 with the
        # MiniLM finder once the ninth batch was added.
        "single_person_themes_shown": Threshold(maximum=10, tolerance=1),
        "leaks_caught_by_final_check": Threshold(tolerance=2),
        "baseline_held_out_theme_recall": Threshold(tolerance=1.0),
        "baseline_held_out_theme_precision": Threshold(tolerance=1.0),
        # Each later held-out batch alone, tracked.
        **{
            f"{batch}_{metric}": Threshold(tolerance=tolerance)
            for batch in LATER
            for metric, tolerance in (
                ("theme_recall", 0.03),
                ("theme_precision", 0.03),
                ("counts_exact", 0.04),
            )
        },
    }
    # Builds the theme finder under test; tests swap in a worse one.
    finder_factory: FinderFactory | None = None

    def score(self, context: EvalContext, cases: list[dict[str, Any]]) -> Scored:
        base = context.services
        tallies = {
            split: Tally()
            for split in (
                *("tune", "held_out", *LATER),
                "baseline_held_out",
            )
        }
        leaks = disclosed = quotes_bad = caught = solo_shown = 0
        refusals_right = refusals = 0
        results: list[CaseResult] = []
        backend = None
        if context.backend != "offline":
            from coach.llm.backends import get_backend

            backend = get_backend(
                base.settings.model_copy(update={"llm_backend": context.backend}),
                recorder=context.recorder,
            )
        factory = type(self).finder_factory
        catalogue = base.theme_finder.catalogue
        # Neither finder holds data of a set: each embeds the catalogue once for all.
        finder = base.theme_finder if factory is None else factory(catalogue, base.embedder.embed)
        plain = NearestExampleFinder(catalogue, base.embedder.embed)
        with sample_database(base) as (database, programme_id):
            runs = []
            for case in cases:
                with scratch_services(base, database=database) as services:
                    services.put("theme_finder", finder)
                    runs.append(self._run(services, programme_id, case, backend, plain))
        for case, (summary, consented, partners, baseline) in zip(cases, runs, strict=True):
            blob = "\n".join(summary_strings(summary))
            leaked = [s for s in [*case["identifiers"], *partners] if _contains(blob, s)]
            told = [w for w in case["disclosures"] if _contains(blob, w)]
            shown = {theme.id: theme.respondents for theme in summary.themes}
            expected: dict[str, int] = case["themes"]
            solo = [t for t in case.get("single_person_themes", []) if t in shown]
            bad_quotes = [q for q in summary.quotes if not any(q in text for text in consented)]
            if not case.get("expect_refusal"):
                tallies[case["split"]].add(expected, shown)
                if case.get("batch") in tallies:  # also alone
                    tallies[case["batch"]].add(expected, shown)
                if baseline is not None:
                    tallies[f"baseline_{case['split']}"].add(
                        expected, {t.id: t.respondents for t in baseline.themes}
                    )
            leaks += len(leaked)
            disclosed += len(told)
            quotes_bad += len(bad_quotes)
            solo_shown += len(solo)
            caught += summary.leaks_redacted
            expect_refusal = bool(case.get("expect_refusal"))
            if expect_refusal:
                refusals += 1
                refusals_right += summary.status == "too_few_responses" and not summary.themes
            problems = []
            if leaked or told:
                problems.append(f"leaked {[*leaked, *told]}")
            missing = sorted(set(expected) - set(shown))
            extra = sorted(set(shown) - set(expected))
            wrong = sorted(t for t in shown if t in expected and shown[t] != expected[t])
            if missing:
                problems.append(f"themes not found {missing}")
            if extra:
                problems.append(f"themes nobody (or one person) raised {extra}")
            if wrong:
                problems.append(f"counts wrong {[(t, shown[t], expected[t]) for t in wrong]}")
            if bad_quotes:
                problems.append(f"{len(bad_quotes)} quote(s) without consent")
            if expect_refusal != (summary.status == "too_few_responses"):
                problems.append(f"status {summary.status}")
            results.append(
                CaseResult(
                    id=f"{case['split']}:{case['id']}",
                    passed=not problems,
                    expected={"themes": expected, "refusal": expect_refusal},
                    got={"themes": shown, "status": summary.status},
                    reason="; ".join(problems),
                )
            )
        metrics: dict[str, float] = {}
        for name, tally in tallies.items():
            values = tally.metrics(name)
            if name.startswith("baseline"):
                values.pop(f"{name}_counts_exact")
            elif name in ("tune", "held_out"):
                values.update(tally.count_metrics(name))
            metrics.update(values)
        metrics.update(
            {
                "planted_identifier_leaks": float(leaks),
                "planted_disclosure_leaks": float(disclosed),
                "refusals_correct": refusals_right / refusals if refusals else 1.0,
                "quotes_without_consent": float(quotes_bad),
                "single_person_themes_shown": float(solo_shown),
                "leaks_caught_by_final_check": float(caught),
            }
        )
        held = sum(c["split"] == "held_out" for c in cases)
        return Scored(
            metrics=metrics,
            cases=results,
            notes=[
                f"{len(cases)} feedback sets ({held} held out), "
                f"{refusals} below the minimum cohort",
                f"{tallies['tune'].expected} expected themes in tuning sets, "
                f"{tallies['held_out'].expected} held out",
                "held-out counts exact {:.3f}; with each person missed independently at the "
                "rate seen ({:.3f} reached) one would expect {:.3f}".format(
                    metrics["held_out_counts_exact"],
                    tallies["held_out"].people_reached(),
                    tallies["held_out"].exact_if_independent(),
                ),
                *(self._spread(name, tallies[name]) for name in ("held_out", LATER[-1])),
            ],
        )

    @staticmethod
    def _spread(name: str, tally: Tally) -> str:
        """The 95% bootstrap interval of each figure (``Tally.intervals``), for the sets of
        one split or batch."""
        spread = tally.intervals()
        figures = ", ".join(
            "{} {:.2f}-{:.2f}".format(label, *spread[metric])
            for label, metric in (
                ("recall", "theme_recall"),
                ("precision", "theme_precision"),
                ("counts exact", "counts_exact"),
            )
        )
        return f"{name} ({len(tally.sets)} sets not refused), 95% of resamples fall in: {figures}"

    @staticmethod
    def _run(
        services: Services,
        programme_id: int,
        case: dict[str, Any],
        backend: Any,
        plain: NearestExampleFinder,
    ) -> tuple[FeedbackSummary, set[str], list[str], FeedbackSummary | None]:
        store = services.store
        store.programmes.update_programme(
            programme_id, {"min_cohort_size": case.get("min_cohort", 3)}
        )
        people = store.programmes.list_participants(programme_id)
        mentors = sorted((p for p in people if p.role is Role.MENTOR), key=lambda p: p.external_id)
        mentees = sorted((p for p in people if p.role is Role.MENTEE), key=lambda p: p.external_id)
        pairings: dict[int, Any] = {}
        stage = FeedbackStage(case["stage"])
        partners: list[str] = []
        texts: list[tuple[str, bool]] = []
        for answer in case["answers"]:
            index = answer["pair"]
            if index not in pairings:
                pairing = store.pairings.create_pairing(
                    programme_id, mentors[index].id, mentees[index].id
                )
                store.pairings.set_pairing_status(pairing.id, PairingStatus.APPROVED)
                pairings[index] = pairing
            mentee = answer["side"] == "mentee"
            author = mentees[index] if mentee else mentors[index]
            partner = (mentors[index] if mentee else mentees[index]).name.split()[0]
            text = answer["text"]
            if "{partner}" in text:
                partners.append(partner)
                text = text.replace("{partner}", partner)
            goals = {}
            if author.goals and stage is not FeedbackStage.SESSION:
                goals = {goal: 4 for goal in author.goals}
                if answer.get("low_goal"):
                    goals[author.goals[0]] = 2
            data = FeedbackIn(
                pairing_id=pairings[index].id,
                stage=stage,
                session_number=2 if stage is FeedbackStage.SESSION else None,
                usefulness=answer["u"],
                pairing_fit=answer["fit"],
                text=text,
                consent_to_quote=answer["quote"],
                goal_progress=goals,
            )
            submit_feedback(services, programme_id, author, data)
            texts.append((text, answer["quote"]))
        summary = summarise_feedback(services, programme_id, stage, backend=backend)
        # What consenting authors wrote, as redacted: every quote must come from there.
        redactor = services.redactor(programme_id)
        consented = {redactor.redact(text).text for text, quote in texts if quote}
        baseline = None
        if case["split"] == "held_out" and summary.status == "ok":
            built = build_summary_context(services, programme_id, stage, redactor)
            assert not isinstance(built, FeedbackSummary)
            for row, found in zip(
                built.sentences, plain.find([r.text for r in built.sentences]), strict=True
            ):
                row.themes = found
            built.low_goal_raters = []  # the first version read no goal ratings
            baseline = compose_summary(built)
        return summary, consented, partners, baseline
