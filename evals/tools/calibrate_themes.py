"""Choose the meaning check's bars: per-sentence theme precision and recall at each.

``python -m evals.tools.calibrate_themes`` runs the theme finder over the tuning
sentences of ``feedback_sentences`` (BY_THEME and MIXED, every third one held out and
never read here; NEUTRAL ones carry no theme) and over CALIBRATION, sentences written
after the catalogue was tuned, for each candidate classifier probability and similarity
floor. ``--misses`` lists the calibration sentences missed; ``--fresh`` and ``--fresh2`` score
FRESH_CHECK and FRESH_CHECK_2, batches each written before a change (read since);
``--fresh3`` scores FRESH_CHECK_3 (never read for tuning) per sentence and as cohorts;
``--cohorts`` scores 300 small cohorts built from the read batches the way the summaries
eval builds its sets, counted by people: one missed sentence is one miscount.

What the measurements said (2026-12-06):
- With the nearest example and a bar of 0.65, a lower bar looked better sentence by
  sentence (0.55: calibration recall 0.75 against 0.64) but cost theme precision on the
  summaries eval's tuning sets (1.0 to 0.95), so the bar stayed.
- Cues and examples grown from the calibration misses found every calibration sentence
  but not one more FRESH_CHECK sentence (P 0.792, R 0.704 before and after): cues fit the
  wording they were written from.
- A logistic-regression classifier over the examples' embeddings, with the catalogue's
  neutral sentences as a class of their own and a similarity floor, kept the tuning
  sentences (P 0.972, R 0.995) and, measured before the cues grew, raised calibration
  recall from 0.64 to 0.89 at precision 1.0 (p 0.5, floor 0.5; chosen here). FRESH_CHECK,
  once: P 0.816, R 0.741. On the summaries eval's feedback sets nothing moved (held-out
  counts exact 0.896): the misses there are wordings neither method reaches yet.
- FRESH_CHECK_2 (``--fresh2``, 54 sentences and 9 without a theme), written before the
  next change: P 0.755, R 0.685. Reading FRESH_CHECK's misses showed cues firing outside
  their theme ("Honestly" for candour, "prompts" for digital skills); a cued theme now
  needs the classifier to give it at least 0.01 (tuning P 0.972 -> 0.977, R unchanged;
  FRESH_CHECK P 0.816 -> 0.909). FRESH_CHECK_2 then: P 0.809, R 0.704. A lower floor
  (0.35) found more of the fresh sentences (R 0.72 -> 0.77) but showed a theme nobody
  raised on the summaries eval's tuning sets, so the floor stayed at 0.5.
- FRESH_CHECK_3 (72 sentences and 12 without a theme), written before the next change:
  P 0.821, R 0.764; as cohorts R 0.747, P 0.855, exact 0.770. More examples, looser
  bars for a sure classifier, a second pass in context and an encoder fine-tuned on the
  catalogue each gained here and on the read cohorts but lost on the summaries eval's
  held-out sets, so none shipped (evals/README.md has the figures).
"""

from __future__ import annotations

import argparse
import random
from collections import defaultdict

from coach.config import load_settings
from coach.feedback.themes import THEME_PROBABILITY, THEME_SIMILARITY, ThemeFinder, load_catalogue
from coach.services import shared_embedder
from evals.tools.feedback_sentences import (
    BY_THEME,
    CALIBRATION,
    FRESH_CHECK,
    FRESH_CHECK_2,
    FRESH_CHECK_3,
    MIXED,
    NEUTRAL,
    NEUTRAL_CHECK,
    NEUTRAL_CHECK_3,
    split_of,
)

BARS = (0.4, 0.45, 0.5, 0.55, 0.6)  # similarity floors
PROBABILITIES = (0.3, 0.5, 0.7)


def labelled() -> tuple[list[tuple[str, set[str]]], list[tuple[str, set[str]]]]:
    tune = [
        (text, {theme})
        for theme, texts in BY_THEME.items()
        for i, text in enumerate(texts)
        if split_of(i) == "tune"
    ]
    tune += [(text, set(themes)) for i, (text, themes) in enumerate(MIXED) if split_of(i) == "tune"]
    tune += [(text, set()) for i, text in enumerate(NEUTRAL) if split_of(i) == "tune"]
    fresh = [(text, {theme}) for theme, texts in CALIBRATION.items() for text in texts]
    return tune, fresh


def score(finder: ThemeFinder, items: list[tuple[str, set[str]]]) -> tuple[float, float]:
    found = finder.find([text for text, _ in items])
    hits = sum(len(set(got) & want) for (_, want), got in zip(items, found, strict=True))
    shown = sum(len(got) for got in found)
    wanted = sum(len(want) for _, want in items)
    return hits / max(shown, 1), hits / max(wanted, 1)


def read_batches() -> tuple[dict[str, list[str]], list[str]]:
    """The fresh batches already read (CALIBRATION, FRESH_CHECK, FRESH_CHECK_2): the
    wordings nobody tuned the catalogue on at first, free to read now."""
    pool: dict[str, list[str]] = defaultdict(list)
    for batch in (CALIBRATION, FRESH_CHECK, FRESH_CHECK_2):
        for theme, texts in batch.items():
            pool[theme] += texts
    return dict(pool), list(NEUTRAL_CHECK)


Cohort = tuple[list[list[str]], dict[str, int]]


def cohorts(
    pool: dict[str, list[str]], neutral: list[str], count: int = 300, seed: int = 7
) -> list[Cohort]:
    """Small cohorts answering with the pool's sentences, as the summaries eval builds
    its sets: per cohort each person's sentences and the people per theme that at least
    two raised. Fresh wordings in the shape that counts: one sentence missed is one
    person missing from a count."""
    rng = random.Random(seed)
    built = []
    for _ in range(count):
        people = rng.randint(3, 9)
        themes = list(pool)
        rng.shuffle(themes)
        main = themes[: rng.randint(1, 4)]
        solo = themes[len(main) : len(main) + rng.randint(0, 2)]
        said: list[list[str]] = [[] for _ in range(people)]
        raised: dict[str, set[int]] = defaultdict(set)
        for theme in main:
            for person in rng.sample(range(people), rng.randint(2, min(people, 4))):
                said[person].append(rng.choice(pool[theme]))
                raised[theme].add(person)
        for theme in solo:
            person = rng.randrange(people)
            said[person].append(rng.choice(pool[theme]))
            raised[theme].add(person)
        for person in range(people):
            if not said[person] or rng.random() < 0.35:
                said[person].append(rng.choice(neutral))
        expected = {theme: len(who) for theme, who in raised.items() if len(who) >= 2}
        built.append((said, expected))
    return built


def score_cohorts(finder: ThemeFinder, built: list[Cohort]) -> tuple[float, float, float]:
    """Theme recall, precision and exact counts, counted by people as the summary does."""
    expected_n = shown_n = hits = exact = 0
    for said, expected in built:
        texts = [text for person in said for text in person]
        authors = [index for index, person in enumerate(said) for _ in person]
        people: dict[str, set[int]] = defaultdict(set)
        for author, found in zip(authors, finder.find(texts), strict=True):
            for theme in found:
                people[theme].add(author)
        shown = {theme: len(who) for theme, who in people.items() if len(who) >= 2}
        expected_n += len(expected)
        shown_n += len(shown)
        common = [theme for theme in shown if theme in expected]
        hits += len(common)
        exact += sum(shown[theme] == expected[theme] for theme in common)
    return hits / max(expected_n, 1), hits / max(shown_n, 1), exact / max(hits, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--misses", action="store_true", help="list the calibration sentences missed"
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="score FRESH_CHECK once at THEME_SIMILARITY (a check, never for choosing)",
    )
    parser.add_argument(
        "--fresh2",
        action="store_true",
        help="score FRESH_CHECK_2 and NEUTRAL_CHECK (a check, never for choosing)",
    )
    parser.add_argument(
        "--fresh3",
        action="store_true",
        help="score FRESH_CHECK_3 and NEUTRAL_CHECK_3 (a check, never for choosing)",
    )
    parser.add_argument(
        "--cohorts",
        action="store_true",
        help="theme recall, precision and exact counts on cohorts built from read batches",
    )
    args = parser.parse_args()
    embed = shared_embedder(load_settings()).embed
    catalogue = load_catalogue()
    tune, fresh = labelled()
    if args.fresh:
        items = [(text, {theme}) for theme, texts in FRESH_CHECK.items() for text in texts]
        precision, recall = score(ThemeFinder(catalogue, embed), items)
        print(
            f"fresh check at p {THEME_PROBABILITY}, floor {THEME_SIMILARITY}: "
            f"P {precision:.3f} R {recall:.3f}"
        )
        return
    if args.fresh2:
        items = [(text, {theme}) for theme, texts in FRESH_CHECK_2.items() for text in texts]
        items += [(text, set()) for text in NEUTRAL_CHECK]
        precision, recall = score(ThemeFinder(catalogue, embed), items)
        print(f"fresh check 2: P {precision:.3f} R {recall:.3f}")
        return
    if args.cohorts:
        built = cohorts(*read_batches())
        recall, precision, exact = score_cohorts(ThemeFinder(catalogue, embed), built)
        print(f"read cohorts: recall {recall:.3f}, precision {precision:.3f}, exact {exact:.3f}")
        return
    if args.fresh3:
        items = [(text, {theme}) for theme, texts in FRESH_CHECK_3.items() for text in texts]
        items += [(text, set()) for text in NEUTRAL_CHECK_3]
        finder = ThemeFinder(catalogue, embed)
        precision, recall = score(finder, items)
        print(f"fresh check 3: P {precision:.3f} R {recall:.3f}")
        built = cohorts(FRESH_CHECK_3, NEUTRAL_CHECK_3)
        recall, precision, exact = score_cohorts(finder, built)
        print(f"its cohorts: recall {recall:.3f}, precision {precision:.3f}, exact {exact:.3f}")
        return
    if args.misses:
        finder = ThemeFinder(catalogue, embed)
        for (text, want), got in zip(fresh, finder.find([t for t, _ in fresh]), strict=True):
            if set(got) != want:
                print(f"want {sorted(want)} got {got}: {text}")
        return
    for probability in PROBABILITIES:
        for bar in BARS:
            finder = ThemeFinder(catalogue, embed, similarity=bar, probability=probability)
            (tp, tr), (fp, fr) = score(finder, tune), score(finder, fresh)
            print(
                f"p {probability:.2f} floor {bar:.2f}: tuning P {tp:.3f} R {tr:.3f} | "
                f"calibration P {fp:.3f} R {fr:.3f}"
            )


if __name__ == "__main__":
    main()
