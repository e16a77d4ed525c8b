"""The peer of the matching benchmark: jonodrew's mentor-match 7.0.1, run on our cohort.

Runs in an environment of its own (``.venv-peer``, made by ``make bench-matching``), which
holds mentor-match and its Munkres and nothing of ours: it reads one JSON file written by
``bench.matching`` and prints one JSON line. Only the standard library is used here, so
the peer pays for nothing it would not pay for in its own use.

The problem it is given is the one our solver gets: every mentee and every mentor place
(a mentor with two places is two mentor-match mentors with one email), our fit of each
allowed pair as the score of a rule, and our hard-rule exclusions as a ``Disqualify``
rule. mentor-match's own ``process_data`` then builds its match matrix and runs Munkres.
Timed: from the participants to the assigned pairs, end to end.
"""

from __future__ import annotations

import json
import sys
import time

from matching.mentee import Mentee
from matching.mentor import Mentor
from matching.process import process_data
from matching.rules.rule import Disqualify, Rule

SCALE = 1_000_000  # mentor-match scores are integers: fit in millionths


class Fit(Rule):
    """Our fit of the pair, as an integer score."""

    def __init__(self, fit: dict[tuple[int, int], int]) -> None:
        super().__init__()
        self.fit = fit

    def apply(self, match_object) -> int:  # type: ignore[no-untyped-def]
        return self.fit.get((match_object.mentee.row, match_object.mentor.column), 0)


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as source:
        problem = json.load(source)
    started = time.perf_counter()
    fit = {
        (int(row), int(column)): round(float(score) * SCALE)
        for row, column, score in problem["edges"]
    }
    mentees = []
    for row in range(problem["mentees"]):
        mentee = Mentee(grade=9, email=f"mentee{row}@bench.example")
        mentee.row = row
        mentees.append(mentee)
    mentors = []
    for column, places in enumerate(problem["capacity"]):
        for _ in range(places):
            mentor = Mentor(grade=3, email=f"mentor{column}@bench.example")
            mentor.column = column
            mentors.append(mentor)
    # mentor-match applies a pair's rules last first: the exclusion runs before the score.
    rules = [Fit(fit), Disqualify(lambda m: (m.mentee.row, m.mentor.column) not in fit)]
    mentors, mentees = process_data(mentors, mentees, [rules])
    seconds = time.perf_counter() - started
    pairs = sorted((m.row, m.mentors[0].column) for m in mentees if m.mentors)
    print(json.dumps({"seconds": seconds, "pairs": pairs}))


if __name__ == "__main__":
    main()
