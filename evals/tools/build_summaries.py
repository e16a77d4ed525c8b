"""Build ``evals/data/summaries.jsonl``: 300 feedback sets from the labelled sentences.

Each set is one stage's answers from a small cohort of the sample programme: who answered
(a pair index and side), ratings, consent to quotes, goal self-ratings ("low_goal": one
goal rated 2 of 5) and free text assembled from ``feedback_sentences``: sentences that
carry themes, sentences that carry two, sentences that carry none, and planted
identifiers and disclosures. A set's expected themes are those that at least two people
raised (by their words, or for "goals are not being worked on" by a low goal rating at the
mid-point or close), each with its exact number of people. Themes raised by one person
are planted too: they must not be shown. Sets below the minimum cohort must be refused.

Sets 41-60 use held-out sentences only. Sets 61-80 take their themed and neutral
sentences from ``FRESH_CHECK_3`` (batch "fresh"): written in other words after the
catalogue was first tuned and reported apart until 2026-12-07, when that batch, like
the other read ones, became catalogue examples; they are tuning sets now (their planted
identifiers and disclosures come from the tuning pool; no mixed sentences, no refusals).
Sets 81-100, 101-120 and 181-300 (twenty a batch) are held out too: the second, third,
seventh to twelfth held-out batches (``HELD_OUT_2``, ``HELD_OUT_3``, ``HELD_OUT_7`` ...
``HELD_OUT_12``, each with its own mixed and neutral sentences; the ninth is the mix of
registers a real survey gets, the tenth the survey box as typed on a phone, the eleventh
English as a second language and report language, the twelfth understatement and small
anecdotes that show a theme without naming it), each written blind before the change it
judges, and each reported alone. Sets 121-140 and 141-160 (batches
"read_4" and "read_5") were held out in the same way until 2026-12-07, when the sixth
batch had been written and their misses were read; sets 161-180 (batch "read_6")
likewise until the seventh batch had been written. They are tuning sets now, reported
alone too, and their sentences catalogue examples.
Later sets are drawn from the same generator after the earlier ones, so adding
them changes none of those. The seed is fixed, so the file is reproducible:

    .venv/bin/python -m evals.tools.build_summaries
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from pathlib import Path
from typing import Any

from evals.tools.feedback_sentences import (
    BY_THEME,
    DISCLOSURES,
    FRESH_CHECK_3,
    LATER_BATCHES,
    MIXED,
    NEUTRAL,
    NEUTRAL_CHECK_3,
    PLANTED,
    split_of,
)

OUT = Path(__file__).resolve().parent.parent / "data" / "summaries.jsonl"
SEED = 16
SETS = 300
HELD_OUT_FROM = 41
# Where each batch after the first sixty sets starts: (first set number, batch).
LATER_FROM = [
    (281, "held_out_12"),
    (261, "held_out_11"),
    (241, "held_out_10"),
    (221, "held_out_9"),
    (201, "held_out_8"),
    (181, "held_out_7"),
    (161, "read_6"),
    (141, "read_5"),
    (121, "read_4"),
    (101, "held_out_3"),
    (81, "held_out_2"),
    (61, "fresh"),
]
# set numbers below the minimum cohort
REFUSALS = {
    *(5, 12, 23, 34, 44, 52, 58, 87, 96, 106, 115, 124, 133, 145, 152),
    *(164, 175, 184, 196, 203, 214, 225, 236, 246, 257, 266, 275, 284, 293),
}
GOALS = "goals-not-served"


def _pool(split: str) -> dict[str, Any]:
    if split == "fresh":
        pool = _pool("tune")
        return {**pool, "themes": FRESH_CHECK_3, "mixed": [], "neutral": NEUTRAL_CHECK_3}
    if split in LATER_BATCHES:
        # Planted identifiers and disclosures come from the held-out pool for every later
        # batch, read ones too: the sets were drawn that way, and drawing them again from
        # another pool would change every set after them.
        themes, mixed, neutral = LATER_BATCHES[split]
        return {**_pool("held_out"), "themes": themes, "mixed": mixed, "neutral": neutral}

    def keep(items: list[Any]) -> list[Any]:
        return [item for index, item in enumerate(items) if split_of(index) == split]

    return {
        "themes": {theme: keep(sentences) for theme, sentences in BY_THEME.items()},
        "mixed": keep(MIXED),
        "neutral": keep(NEUTRAL),
        "planted": keep(PLANTED),
        "disclosures": keep(DISCLOSURES),
    }


def _build_set(number: int, rng: random.Random) -> dict[str, Any]:
    batch = next((name for start, name in LATER_FROM if number >= start), None) or (
        "held_out" if number >= HELD_OUT_FROM else "tune"
    )
    split = "held_out" if batch.startswith("held_out") else "tune"
    pool = _pool(batch)
    stage = rng.choice(["session", "midpoint", "midpoint", "closing"])
    minimum = rng.choice([3, 3, 3, 4, 5])
    if number in REFUSALS:
        people = rng.randint(1, minimum - 1)
    else:
        people = rng.randint(minimum, min(minimum + 4, 9))
    themes = list(pool["themes"])
    rng.shuffle(themes)
    main = themes[: rng.randint(1, 4)]
    solo = themes[len(main) : len(main) + rng.randint(0, 2)]
    assigned: dict[int, list[str]] = defaultdict(list)
    for theme in main:
        count = rng.randint(2, min(people, 4)) if people >= 2 else 1
        for person in rng.sample(range(people), count):
            assigned[person].append(theme)
    for theme in solo:
        assigned[rng.randrange(people)].append(theme)
    answers: list[dict[str, Any]] = []
    identifiers: list[str] = []
    disclosed: list[str] = []
    used: set[str] = set()
    raised: dict[str, set[int]] = defaultdict(set)

    def pick(options: list[Any]) -> Any:
        fresh = [o for o in options if (o if isinstance(o, str) else o[0]) not in used]
        choice = rng.choice(fresh or options)
        used.add(choice if isinstance(choice, str) else choice[0])
        return choice

    for person in range(people):
        side = "mentee" if person % 2 == 0 else "mentor"
        wanted = list(dict.fromkeys(assigned.get(person, [])))
        low_goal = False
        if GOALS in wanted and side == "mentee" and stage != "session" and rng.random() < 0.5:
            wanted.remove(GOALS)  # said by the rating alone
            low_goal = True
            raised[GOALS].add(person)
        parts: list[str] = []
        # Two themes of one person may come as one sentence that carries both.
        for text, pair in pool["mixed"]:
            if set(pair) <= set(wanted) and text not in used and rng.random() < 0.7:
                parts.append(text)
                used.add(text)
                for theme in pair:
                    wanted.remove(theme)
                    raised[theme].add(person)
                break
        for theme in wanted:
            parts.append(pick(pool["themes"][theme]))
            raised[theme].add(person)
        if not parts or rng.random() < 0.35:
            parts.append(pick(pool["neutral"]))
        if rng.random() < 0.3:
            text, values = pick(pool["planted"])
            parts.append(text)
            identifiers += values
        if rng.random() < 0.2:
            text, words = pick(pool["disclosures"])
            parts.append(text)
            disclosed += words
        rng.shuffle(parts)
        fit = rng.choice([2, 3, 4, 4, 5, 5]) if rng.random() < 0.9 else 1
        answers.append(
            {
                "pair": person // 2,
                "side": side,
                "u": rng.choice([2, 3, 4, 4, 5, 5]),
                "fit": fit,
                "quote": rng.random() < 0.6,
                "low_goal": low_goal,
                "text": " ".join(parts),
            }
        )
    expected = {theme: len(who) for theme, who in sorted(raised.items()) if len(who) >= 2}
    return {
        "id": f"f{number:02d}-{stage}-{people}of{minimum}",
        "split": split,
        "stage": stage,
        "min_cohort": minimum,
        "expect_refusal": number in REFUSALS,
        "themes": {} if number in REFUSALS else expected,
        "single_person_themes": sorted(t for t, who in raised.items() if len(who) == 1),
        "identifiers": sorted(set(identifiers)),
        "disclosures": sorted(set(disclosed)),
        "answers": answers,
    } | ({"batch": batch} if batch not in ("tune", "held_out") else {})


def build() -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    return [_build_set(number, rng) for number in range(1, SETS + 1)]


def main() -> None:
    sets = build()
    OUT.write_text("".join(json.dumps(s) + "\n" for s in sets), encoding="utf-8")
    held = sum(s["split"] == "held_out" for s in sets)
    print(f"wrote {len(sets)} sets ({held} held out) to {OUT}")


if __name__ == "__main__":
    main()
