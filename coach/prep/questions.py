"""Questions as the documents use them: open questions, near-duplicates, and who a
line is addressed to.

A question is open when it starts with what, how, which... and ends with a question mark.
Two lines are near-duplicates when they share most of their words (the eval measures the
same with embeddings, cosine >= 0.9). A line in the speaker's own voice about themselves
("What do I know about this topic that the mentee does not?") is self-preparation, not a
question for the other person.
"""

from __future__ import annotations

import re

OPEN_STARTS = (
    "what",
    "how",
    "which",
    "where",
    "why",
    "tell me",
    "describe",
    "walk me",
    "who",
    "when",
)
NEAR_DUPLICATE = 0.6  # word-set overlap (Jaccard) from which two questions count as one
LINE_DUPLICATE = 0.8  # the same for activity and preparation lines


def is_open(question: str) -> bool:
    return question.strip().lower().startswith(OPEN_STARTS) and question.rstrip().endswith("?")


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z']+", text.lower()) if len(w) > 2}


def near_duplicates(
    questions: list[str], threshold: float = NEAR_DUPLICATE
) -> list[tuple[str, str]]:
    pairs = []
    for i, first in enumerate(questions):
        for second in questions[i + 1 :]:
            a, b = _words(first), _words(second)
            if a and b and len(a & b) / len(a | b) >= threshold:
                pairs.append((first, second))
    return pairs


def without_repeats(
    lines: list[str],
    taken: list[str],
    threshold: float = NEAR_DUPLICATE,
    *,
    limit: int | None = None,
) -> list[str]:
    """``lines`` less those that repeat one of ``taken`` or an earlier line in other
    words, at most ``limit`` of them; ``taken`` grows with what is kept, so one pool can
    serve a whole document.

    Activities and preparation lines share a sentence frame across goals ("... shows how
    to X, drawing on Y"), so they pass a higher ``threshold`` (LINE_DUPLICATE) than
    questions: only the goal and skill differ, and those are what matter."""
    kept: list[str] = []
    for line in lines:
        if limit is not None and len(kept) >= limit:
            break
        if line in taken or any(
            len(_words(line) & _words(other)) / max(1, len(_words(line) | _words(other)))
            >= threshold
            for other in taken
        ):
            continue
        kept.append(line)
        taken.append(line)
    return kept


def self_reflection(question: str) -> bool:
    """A line the speaker asks of themselves rather than of the other person."""
    words = question.lower().replace("?", " ").split()
    return "i" in words[:4] or ("my" in words[:5] and "you" not in words)


# A commitment in the reader's own note: "I'll post once a week", "we agreed to ...".
COMMITMENT = re.compile(
    r"\b(?:i|we)\s*(?:will|'ll|\u2019ll|agreed to|plan to|am going to|are going to|"
    r"promised to|want to try)\s+(?P<action>[^.!?\n]{3,160})",
    re.IGNORECASE,
)
SECOND_PERSON = {"my": "your", "mine": "yours", "me": "you", "myself": "yourself", "i": "you"}


def agreed_action(notes: list[str]) -> str | None:
    """The last commitment written in the reader's own most recent note that holds one,
    in the second person ("post once a week on LinkedIn"), or None."""
    for note in notes:  # most recent first
        found = list(COMMITMENT.finditer(note))
        if found:
            action = found[-1].group("action").strip().rstrip(",;:")
            return " ".join(SECOND_PERSON.get(w.lower(), w) for w in action.split())
    return None
