"""Is a nickname an everyday word? Then the redactor would hide that word in everyone's text.

Nicknames are matched as whole words, case-insensitively, wherever they appear, so a
nickname "sessions" or "the" erased that word from every author's feedback and hid whole
themes from the summary. A nickname is refused when it is an everyday English word:
- four letters or more: a word that the tokenizer encodes as one token of a low rank,
  i.e. a frequent lower-case word in running text;
- shorter: a word of ``knowledge/lexicon/short_words.txt`` (short tokens are as often
  pieces of words or code, " bo", " val", as words, so rank says little there).

Given names and short forms we know (``given_names``), and names that are also words
which the redactor already treats with care (``COMMON_WORD_NAMES``: hidden only where
spaCy reads a name), stay allowed: "Grace", "Will", "Rob".
"""

from __future__ import annotations

from functools import lru_cache

from coach.knowledge import KNOWLEDGE_DIR
from coach.privacy.given_names import COMMON_NICKNAMES, GIVEN_NAMES
from coach.tokens import word_rank

# Below this rank a one-token lower-case word is frequent in ordinary text: " useful"
# 5505, " meeting" 6574, " calendar" 13470, " sessions" 16079, " agenda" 18909.
FREQUENT_RANK = 40_000
SHORT = 4
SHORT_WORDS_FILE = KNOWLEDGE_DIR / "lexicon" / "short_words.txt"


@lru_cache(maxsize=1)
def _short_words() -> frozenset[str]:
    lines = SHORT_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip()[:1] not in ("", "#"))


@lru_cache(maxsize=1)
def _known_names() -> frozenset[str]:
    from coach.privacy.redaction import COMMON_WORD_NAMES  # the redactor's own word-names

    short_forms = {form for forms in COMMON_NICKNAMES.values() for form in forms}
    return frozenset(GIVEN_NAMES | short_forms | COMMON_WORD_NAMES | set(COMMON_NICKNAMES))


def is_everyday_word(nickname: str) -> bool:
    """True when ``nickname`` (one word) is an everyday word rather than a name."""
    word = nickname.strip().lower()
    if not word or " " in word or word in _known_names():
        return False
    if len(word) < SHORT:
        return word in _short_words()
    if not word.isalpha():
        return False
    rank = word_rank(word)
    return rank is not None and rank < FREQUENT_RANK
