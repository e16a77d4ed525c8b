"""Redaction of participant text: the one place that runs Presidio.

Presidio's analyzer finds, and its anonymizer replaces, with consistent pseudonyms within
one document ([PERSON_1] stays the same person, whether named in full, by first name or by
nickname):
- the programme roster: full names, first names, surnames, nicknames, emails and manager
  names, case-insensitively as whole words (our ``RosterRecognizer``); a name that is also
  a common English word ("Grace", "Price", "Young") is matched only when capitalised;
- other people's names (spaCy's named entities through Presidio's own recogniser);
- emails and employee ids (our patterns: Presidio's email check rejects internal domains
  such as .example or .local), phone numbers (international, UK and European formats),
  postal addresses (street lines and UK postcodes), URLs (Presidio's recogniser);
- sensitive disclosures (``coach.privacy.disclosures``): the whole sentence becomes a
  category marker such as ``[health disclosure]``.

The mapping from placeholder to original stays in memory on the ``Redaction`` returned;
it is never stored, and it is handed only to code that shows results to the pair.

Offline: tldextract (used by Presidio's URL recogniser) would download the public suffix
list at first use, so it is pointed at its bundled snapshot before Presidio is loaded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from coach.config import DEFAULT_EMPLOYEE_ID, SPACY_MODEL
from coach.domain import ParticipantIn
from coach.privacy.common_words import is_everyday_word
from coach.privacy.disclosures import MeaningCheck, find_disclosures
from coach.privacy.given_names import COMMON_NICKNAMES, GIVEN_NAMES, MORE_GIVEN_NAMES

# Our labels -> placeholder kinds. Labels are what the eval harness scores.
KINDS = {
    "PERSON": "PERSON",
    "ROSTER": "PERSON",
    "EMAIL": "EMAIL",
    "PHONE": "PHONE",
    "URL": "URL",
    "EMPLOYEE_ID": "EMPLOYEE_ID",
    "ADDRESS": "ADDRESS",
    # Presidio's predefined recognisers, kept as they are (issue 15: restricting the
    # analyzer to a handful of entities had dropped them).
    "CREDIT_CARD": "CARD",
    "IBAN_CODE": "IBAN",
    "US_BANK_NUMBER": "ACCOUNT",
    "CRYPTO": "CRYPTO_WALLET",
    "IP_ADDRESS": "IP_ADDRESS",
    "MAC_ADDRESS": "DEVICE_ID",
    "US_SSN": "NATIONAL_ID",
    "US_ITIN": "NATIONAL_ID",
    "US_PASSPORT": "NATIONAL_ID",
    "US_DRIVER_LICENSE": "NATIONAL_ID",
    "UK_NHS": "NATIONAL_ID",
    "UK_NINO": "NATIONAL_ID",
    "MEDICAL_LICENSE": "NATIONAL_ID",
    "DATE_OF_BIRTH": "DATE_OF_BIRTH",
}
IDENTIFIER_LABELS = tuple(KINDS)
# Presidio's names for what we already label in our own words.
SAME_AS = {"EMAIL_ADDRESS": "EMAIL", "PHONE_NUMBER": "PHONE"}
# The lowest score each recogniser's results are kept from. Presidio's own recognisers
# score a bare pattern low and raise it when context words are near ("card", "SSN");
# their checksums (cards, IBANs) already score 1.0.
MIN_SCORE = {
    "PHONE": 0.4,  # phonenumbers' matches score 0.4 without context
    "CREDIT_CARD": 0.4,
    "US_SSN": 0.3,
    "US_ITIN": 0.3,
    "US_DRIVER_LICENSE": 0.6,  # its weak patterns match "Q3" or "v2" near "licence"
    "US_PASSPORT": 0.3,
    "US_BANK_NUMBER": 0.3,
}
DEFAULT_MIN_SCORE = 0.5
# Regions whose phone numbers the phonenumbers library looks for: the UK, the US, Canada
# and the European countries a programme is most likely to have staff in.
PHONE_REGIONS = (
    "GB", "US", "CA", "IE", "DE", "FR", "NL", "BE", "LU", "ES", "PT", "IT", "AT", "CH",
    "DK", "SE", "NO", "FI", "PL", "CZ", "SK", "HU", "RO", "BG", "GR", "HR", "SI", "EE",
    "LV", "LT", "CY", "MT", "IS", "AU", "NZ", "IN",
)  # fmt: skip
# A stretch of text that may hold a phone number: digits, with the signs numbers are
# written with, and a little room either side for the library's own checks.
DIGIT_RUN = re.compile(r"[+(]?\d[\d \t().\-/]{5,}\d")
# Dates are everyday words in notes; one is an identifier only as a date of birth.
BIRTH = re.compile(r"\b(?:born(?: on)?|date of birth|d\.?o\.?b\.?|birthday)\b[\s:,-]*$", re.I)

EMAIL = r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b"
PHONE = (
    r"(?<![\w+])(?:\+|00)\d{1,3}[\s.-]?(?:\(0\)[\s.-]?)?\d{1,5}(?:[\s.-]?\d{2,5}){1,4}\b"
    r"|(?<![\w+])0\d{2,4}[\s.-]?\d{3,4}[\s.-]?\d{3,4}\b"
)
URL = r"\b(?:https?://|www\.)[^\s<>\"'()]+"
UK_POSTCODE = r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2}\b"
STREET_TYPES = (
    "Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Close|Drive|Way|Place|Court|Crescent|Terrace|"
    "Gardens|Square|Grove|Row|Mews|Walk|Parade|Hill|Park|Boulevard|Strasse|Straße"
)
STREET_ADDRESS = (
    r"(?:\b(?:Flat|Apartment|Apt|Unit)\s+\d+[A-Za-z]?,?\s+)?"
    r"\b\d{1,4}[A-Za-z]?,?\s+(?:[A-Z][a-z']+\s+){1,3}(?:" + STREET_TYPES + r")\b"
    r"(?:,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)?"  # a town
    r"(?:,?\s*" + UK_POSTCODE + r")?"
)
# Which recogniser wins when spans overlap: the precise ones over spaCy's guesses.
PRIORITY = {
    "ROSTER": 5,
    "EMAIL": 5,
    "CREDIT_CARD": 5,  # checksummed
    "IBAN_CODE": 5,  # checksummed
    "CRYPTO": 5,
    "EMPLOYEE_ID": 4,
    "ADDRESS": 4,
    "IP_ADDRESS": 3,  # inside a URL, the URL wins (longer)
    "US_SSN": 4,
    "UK_NHS": 4,
    "DATE_OF_BIRTH": 4,
    "PHONE": 3,
    "URL": 3,
    "PERSON": 1,
}

# Names that are also everyday English words: matched only when written with a capital,
# so "the price of" or "young colleagues" stay, while "Finn Price" and "Nikhil Young" go.
COMMON_WORD_NAMES = frozenset(
    """
    al amber april art august bay bell best bill bishop black blue bob brook brown
    bush carter chase cliff cook cross dale dawn day dean dev drew ed faith fields
    fish fisher ford forest fox frank frost gale gay gene glen gold grace grant
    green hall hardy heath heather hill holly hope hunt hunter iris ivy jack jay jo
    joy june king lamb lane lee little long lord mark marsh may mason miles moss
    newman page park parker patience pat payne pearl penny pool price rich rob robin
    rose ruby rush sandy savage sky small sterling stone storm strong summer sunny
    taylor terry tom turner victor wade walker ward warren wells west white will
    wood woods young
    """.split()  # noqa: SIM905 - a word list reads better as text
)


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    label: str  # ROSTER, PERSON, EMAIL, PHONE, URL, EMPLOYEE_ID, ADDRESS, DISCLOSURE
    text: str
    person_key: str | None = None  # roster identity, so aliases share a pseudonym
    category: str | None = None  # for DISCLOSURE: health, family, finances...


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

    def counts(self) -> dict[str, int]:
        """How many spans of each label were redacted (for audit lines, never the text)."""
        counts: dict[str, int] = {}
        for item in self.found:
            counts[item.label] = counts.get(item.label, 0) + 1
        return counts


def offline_tldextract() -> None:
    """Point tldextract (Presidio's URL recogniser uses it) at its bundled suffix list, so
    that it never downloads one: call before Presidio is loaded."""
    import tldextract
    import tldextract.tldextract as tldextract_module

    tldextract_module.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@lru_cache(maxsize=2)
def _engines(spacy_model: str = SPACY_MODEL) -> tuple[Any, Any]:
    """Presidio's analyzer (spaCy's small English model) and anonymizer, loaded once per
    process, offline, with our pattern recognisers registered beside Presidio's own."""
    offline_tldextract()
    from presidio_analyzer import AnalyzerEngine, Pattern, PatternRecognizer
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_anonymizer import AnonymizerEngine

    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": spacy_model}],
            # Only people come from spaCy's entities; the other labels would be logged
            # as unmapped on every call.
            "ner_model_configuration": {
                "model_to_presidio_entity_mapping": {"PERSON": "PERSON", "PER": "PERSON"},
                "labels_to_ignore": [
                    "CARDINAL",
                    "DATE",
                    "EVENT",
                    "FAC",
                    "GPE",
                    "LANGUAGE",
                    "LAW",
                    "LOC",
                    "MONEY",
                    "NORP",
                    "ORDINAL",
                    "ORG",
                    "PERCENT",
                    "PRODUCT",
                    "QUANTITY",
                    "TIME",
                    "WORK_OF_ART",
                ],
            },
        }
    )
    nlp_engine = provider.create_engine()
    # The dependency parser is the costliest part of the pipeline and nothing here reads
    # its output (names, tags, entities and lemmas come from the other components).
    for pipeline in getattr(nlp_engine, "nlp", {}).values():
        if "parser" in pipeline.pipe_names:
            pipeline.disable_pipe("parser")
    analyzer = AnalyzerEngine(nlp_engine=nlp_engine, supported_languages=["en"])
    from presidio_analyzer.predefined_recognizers import PhoneRecognizer

    # Presidio's phone recogniser (the phonenumbers library) for the regions a programme
    # names; a valid number counts anywhere. A number shaped like a phone number that the
    # library does not know counts only next to words such as "call" or "mobile".
    class WindowedPhoneRecognizer(PhoneRecognizer):
        """The library scans the whole text once per region; here it scans only the
        stretches that hold seven digits or more, which most texts do not, and stops at
        the first region (most likely first) in which a stretch holds a valid number."""

        def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> Any:
            import phonenumbers

            results = []
            for window in DIGIT_RUN.finditer(text):
                value = window.group(0)
                digits = sum(c.isdigit() for c in value)
                # Fewer than seven digits is no phone number; an unbroken run of more
                # than fifteen is a card or an account number, for other recognisers.
                if digits < 7 or re.fullmatch(r"\d{16,}", value):
                    continue
                # A number written with its country code reads the same in every
                # region: one try tells.
                international = value.lstrip("( ").startswith("+")
                regions = self.supported_regions[:1] if international else self.supported_regions
                for region in regions:
                    found = [
                        self._get_recognizer_result(match, value, region, None)
                        for match in phonenumbers.PhoneNumberMatcher(
                            value, region, leniency=self.leniency or 0
                        )
                    ]
                    for result in found:
                        result.start += window.start()
                        result.end += window.start()
                    if found:
                        results += found
                        break
            return results

    # The library compiles its patterns on every use unless told to keep them; with many
    # regions they overflow Python's own regex cache and are compiled again and again.
    from phonenumbers import re_util

    re_util.enable_pattern_cache()
    analyzer.registry.remove_recognizer("PhoneRecognizer")
    analyzer.registry.add_recognizer(
        WindowedPhoneRecognizer(supported_regions=PHONE_REGIONS, name="coach_phonenumbers")
    )
    analyzer.registry.add_recognizer(
        _shaped_recognizer("PHONE_NUMBER", PHONE_SHAPE, PHONE_CONTEXT, range(8, 16))
    )
    analyzer.registry.add_recognizer(
        _shaped_recognizer("CREDIT_CARD", CARD_SHAPE, CARD_CONTEXT, range(13, 20))
    )
    # Presidio compiles patterns case-insensitively unless told otherwise. Addresses are
    # written with the case they mean: without it, a town swallowed the first letters of
    # its postcode ("London SW") and the rest ("1A 1AA") was left in the text.
    cased = re.DOTALL | re.MULTILINE
    for label, patterns, flags in (
        ("EMAIL", [EMAIL], cased | re.IGNORECASE),
        ("PHONE", [PHONE], cased),
        ("URL", [URL], cased | re.IGNORECASE),
        ("ADDRESS", [STREET_ADDRESS, UK_POSTCODE], cased),
    ):
        analyzer.registry.add_recognizer(
            PatternRecognizer(
                supported_entity=label,
                name=f"coach_{label.lower()}",
                patterns=[Pattern(f"{label.lower()}_{i}", p, 0.9) for i, p in enumerate(patterns)],
                global_regex_flags=flags,
            )
        )
    analyzer.registry.add_recognizer(_given_name_recognizer())
    analyzer.registry.add_recognizer(_context_person_recognizer())
    analyzer.registry.add_recognizer(_uncommon_name_recognizer())
    analyzer.registry.add_recognizer(_address_recognizer())
    return analyzer, AnonymizerEngine()


# spaCy entity types that mark a capitalised common word as part of a name of a thing
# ("Young Professionals Network", "Green Team"), not of a person.
_THING_ENTITIES = frozenset(
    {"ORG", "FAC", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "NORP", "LAW"}
)


def _token_at(doc: Any, start: int) -> Any:
    for token in doc:
        if token.idx <= start < token.idx + max(len(token.text), 1):
            return token
    return None


def _reads_as_name(doc: Any, start: int) -> bool:
    """Whether the capitalised word at ``start`` reads as a person's name: spaCy tags it a
    proper noun or a person, or it is the subject of a verb ("Grace said"), and it is not
    part of the name of a thing ("Young Professionals Network")."""
    token = _token_at(doc, start)
    if token is None:
        return True
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    # "Will is keen", "May said": a verb in the third person makes the word its subject,
    # though spaCy may read a sentence-initial "Will" as the modal.
    if following is not None and following.tag_ in ("VBZ", "VBD"):
        return True
    if (
        following is not None
        and following.pos_ in ("VERB", "AUX")
        and token.pos_ not in ("VERB", "AUX")
    ):
        return True
    if token.ent_type_ in _THING_ENTITIES:
        return False
    return bool(token.pos_ == "PROPN" or token.ent_type_ == "PERSON")


PHONE_CONTEXT = [
    "phone", "call", "mobile", "cell", "tel", "telephone", "fax", "desk", "number",
    "contact", "reach", "ring", "text", "whatsapp", "landline", "extension",
]  # fmt: skip
PHONE_SHAPE = (
    r"(?<![\w+/:.-])(?:\+\d{1,3}[\s.-]?)?\(?\d{2,5}\)?(?:[\s.-]?\d{2,5}){1,4}"
    r"(?!\w|[/:.-]\d)"
)
CARD_CONTEXT = ["card", "credit", "debit", "cc", "visa", "mastercard", "amex", "charge"]
CARD_SHAPE = r"(?<![\w.-])\d{4}(?:[ -]?\d{2,4}){2,4}(?:[ -]?\d{1,3})?(?![\w-]|\.\d)"


def _shaped_recognizer(entity: str, pattern: str, context: list[str], digits: range) -> Any:
    """Digits grouped like ``entity`` (a digit count in ``digits``), scored too low to
    count unless a word of ``context`` is near; Presidio's context enhancer raises it
    then. For numbers the stricter checks reject: phone numbers no region assigns, card
    numbers whose checksum fails (a leaked card number is a leak all the same)."""
    from presidio_analyzer import Pattern, PatternRecognizer

    class ShapeRecognizer(PatternRecognizer):
        def validate_result(self, pattern_text: str) -> bool:
            return sum(c.isdigit() for c in pattern_text) in digits

    return ShapeRecognizer(
        supported_entity=entity,
        name=f"coach_{entity.lower()}_shape",
        patterns=[Pattern(f"{entity.lower()}_shape", pattern, 0.1)],
        context=context,
    )


_DATE_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}$|^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$")


def _phone_like(value: str) -> bool:
    """Seven digits or more and not a date: phonenumbers accepts a year or a date as a
    valid number in some regions ("2024", "2006-06-15")."""
    return sum(c.isdigit() for c in value) >= 7 and not _DATE_LIKE.match(value.strip())


def _roster_recognizer(redactor: Redactor) -> Any:
    """A Presidio recogniser for this roster (built per redactor, passed ad hoc)."""
    from presidio_analyzer import EntityRecognizer, RecognizerResult

    class RosterRecognizer(EntityRecognizer):
        def load(self) -> None:
            return None

        def analyze(self, text: str, entities: list[str], nlp_artifacts: Any) -> list[Any]:
            results = []
            for start, end, alias, capital_only in redactor.roster_matches(text):
                # "Grace", "Price", "Young": a name only where spaCy reads a name.
                if capital_only and not _reads_as_name(nlp_artifacts.tokens, start):
                    continue
                key = redactor.aliases[alias.lower()]
                label, key = ("EMAIL", f"{key}:email") if "@" in alias else ("ROSTER", key)
                results.append(
                    RecognizerResult(
                        label, start, end, 1.0, recognition_metadata={"person_key": key}
                    )
                )
            return results

    return RosterRecognizer(supported_entities=["ROSTER", "EMAIL"], name="coach_roster")


# A person's name as written after a cue: capitalised words (any Latin script), with
# initials and the particles of surnames between them ("Lincoln D. Ingham", "Christiane
# de Vaan").
_CAP = r"[A-Z\u00C0-\u00DE\u0100-\u017F][\w\u00C0-\u024F'\u2019-]*"
_NAME = (
    _CAP + r"(?:[ \t]+(?:[A-Z]\.?(?=[ \t]+[A-Z])|(?:de|da|di|van|von|der|den|le|la|du|del|"
    r"ter|ten|bin|al|el|dos|das)(?=[ \t]+[A-Z])|" + _CAP + r")){0,3}"
)
_KIN = (
    r"manager|line manager|colleague|boss|wife|husband|partner|friend|son|daughter|"
    r"brother|sister|mother|father|mum|dad|mentor|mentee|assistant|director|deputy|"
    r"team lead|team leader|report|cousin|uncle|aunt|neighbour|neighbor|fiancée?|doctor"
)
# Cues after which a capitalised word is a person whatever spaCy thinks.
STRONG_CUES = re.compile(
    # The cue in any case; the name must be capitalised.
    r"(?i:\b(?:my name is|name is|my name's|name:|i am|i'm|this is|call me|calls me|"
    r"dear|hi|hello|hey|thanks|thank you|regards|cheers|signed|said|name|named|"
    r"says|told|asked|replied|named (?:him|her|them)|directed by|written by|produced by|"
    r"sung by|performed by|"
    r"(?:my|her|his|their|our|your) (?:" + _KIN + r")(?: is| was|,)?)|"
    r"\b(?:mr|mrs|ms|miss|mx|dr|prof|sir|dame)\.?):?[ \t]+(" + _NAME + r")"
)
# Verbs that take a person as their object; they open a sentence as an action too ("Ask
# Wanjiru for the codes"), where spaCy often reads them as part of the name.
CONTACT_VERBS = frozenset(
    """
    met meet tell ask email emailed call called ring rang phone phoned text texted copy cc
    thank
    """.split()  # noqa: SIM905 - a word list reads better as text
)
# Cues after which a capitalised word is a person only when spaCy reads a proper noun
# that is not a place, an organisation or a product.
WEAK_CUES = re.compile(
    r"\b(?:by|with|to|from|given|gave|of|for|"
    # Verbs of contact start a sentence too, as an action: "Call Imani Okafor-Reyes".
    r"(?i:" + "|".join(sorted(CONTACT_VERBS)) + r"))"
    r"[ \t]+(" + _NAME + r")"
)
# A name at the start of a sentence, before a verb that people are the subject of, or a
# possessive ("Santo Armendáriz lives at", "Matej Jurković's killers").
SUBJECT = re.compile(
    # A clause after a semicolon opens like a sentence: "...; Ruairi from analytics will".
    r"(?:^|(?<=[.!?;]\s)|(?<=\n))[ \t]*(" + _NAME + r")(?=(?:'s|\u2019s)\b|[ \t]+"
    r"(?:lives|lived|works|worked|spent|joined|left|wrote|writes|said|says|thinks|"
    r"thought|wants|wanted|feels|felt|from|began|begins|started|listed|published|"
    r"had given|married|moved|helped|helps|presented|leads|led|runs|ran|covers|"
    r"agreed|offered|suggested|showed|shared|sent|explained|mentioned|spoke|talked|"
    # "Thandiwe in HR", "Kwame in payroll": a person placed in a team
    r"in[ \t]+(?=[A-Z]{2}|payroll\b|finance\b|legal\b|facilities\b|procurement\b))\b)"
)
# A name addressed at the start of a sentence: "Hilbrand, can I speak to your boss?"
VOCATIVE = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))[ \t]*(" + _NAME + r"),[ \t]+(?=(?:can|could|would|will|"
    r"please|do|did|have|are|is|i|you|we|thanks|thank)\b)",
)
# Given names that may stand alone as a person (not those that are also words).
LONE_NAMES = (GIVEN_NAMES | MORE_GIVEN_NAMES) - COMMON_WORD_NAMES
# At the start of a line, a speaker's name before a colon ("Shawn: Remember me?"),
# unless it is a form's field ("Name:", "Phone:").
SPEAKER = re.compile(r"(?m)^[ \t]*(" + _CAP + r"(?:[ \t]+" + _CAP + r")?):(?:[ \t]|(?=[\"\u201c]))")
FIELDS = frozenset(
    """
    name address phone mobile desk fax email e-mail date time subject re to from cc
    bcc note notes location company title tel telephone office home work web website
    url id ref reference status summary agenda action actions question answer q a
    """.split()  # noqa: SIM905 - a word list reads better as text
)
# Capitalised words that follow a cue without being a name ("said I", "asked When").
NOT_NAMES = frozenset(
    """
    i i'm i've i'd we you he she they it this that there here then when where what who
    why how which yes no so the a an and but or if my your our their his her its
    january february march april may june july august september october november
    december monday tuesday wednesday thursday friday saturday sunday
    covid brexit christmas easter ramadan diwali eid hanukkah lent advent halloween
    """.split()  # noqa: SIM905 - a word list reads better as text
)
# Names of products, platforms and tools that notes mention all the time: never people.
PRODUCTS = frozenset(
    """
    teams slack linkedin excel outlook word powerpoint copilot chatgpt claude gemini
    tiktok instagram facebook twitter youtube whatsapp zoom sharepoint onedrive google
    microsoft apple android iphone ipad windows jira confluence trello asana notion
    miro tableau python sql github gitlab salesforce workday sap oracle amazon netflix
    spotify snapchat reddit threads bluesky discord figma canva shopify ebay vinted
    """.split()  # noqa: SIM905 - a word list reads better as text
)

# Names of generations: spaCy's small model reads "Gen" in "Gen Z customers" as a person.
GENERATIONS = re.compile(
    r"\b(?:gen(?:eration)?[- ]?(?:x|y|z|alpha)|millennials?|boomers?|zoomers?)\b", re.IGNORECASE
)

CUED_BY = "coach_person_context"  # its names are vouched for by their context: kept whole


def _context_person_recognizer() -> Any:
    """People named after a cue: "my name is", a title, "my manager", a greeting or a
    sign-off, or a verb of speaking; and speakers at the start of a line."""
    from presidio_analyzer import EntityRecognizer, RecognizerResult

    from coach.privacy.places import MAJOR_PLACE, is_known_place

    def name_parts(doc: Any, start: int, end: int) -> list[Any]:
        return [t for t in doc if start <= t.idx < end]

    class ContextPersonRecognizer(EntityRecognizer):
        def load(self) -> None:
            return None

        def analyze(self, text: str, entities: list[str], nlp_artifacts: Any) -> list[Any]:
            doc = nlp_artifacts.tokens
            results = []
            for match in STRONG_CUES.finditer(text):
                start, end = match.span(1)
                if text[start:end].split()[0].lower() not in PRODUCTS | NOT_NAMES:
                    results.append(RecognizerResult("PERSON", start, end, 0.85))
            for match in WEAK_CUES.finditer(text):
                start, end = match.span(1)
                tokens = name_parts(doc, start, end)
                if (
                    tokens
                    and all(t.pos_ == "PROPN" or t.text in ".-" for t in tokens)
                    and not any(t.ent_type_ in _THING_ENTITIES for t in tokens)
                    # A surname may be a word ("Okonjo-Bell", "Jasper Fox"); the first
                    # name may not ("with Power BI").
                    and not _plain_word(tokens[0].text)
                ):
                    results.append(RecognizerResult("PERSON", start, end, 0.6))
            for pattern in (SUBJECT, VOCATIVE):
                for match in pattern.finditer(text):
                    start, end = match.span(1)
                    words = re.findall(r"[\w'-]+", text[start:end])
                    # Only a large place rules a subject out: many given names are
                    # also small towns somewhere ("Ngozi", "Florence").
                    if not any(_plain_word(w) for w in words) and not is_known_place(
                        text[start:end], least_population=MAJOR_PLACE
                    ):
                        results.append(RecognizerResult("PERSON", start, end, 0.6))
            for token in doc:
                # A name that is also a word, as the subject of a verb in the third
                # person: "Will has offered to run it", "Grace said" (not "May I").
                following = doc[token.i + 1] if token.i + 1 < len(doc) else None
                if (
                    token.text.istitle()
                    and token.text.lower() in COMMON_WORD_NAMES - NOT_NAMES
                    and following is not None
                    and following.tag_ in ("VBZ", "VBD")
                ):
                    end = token.idx + len(token.text)
                    results.append(RecognizerResult("PERSON", token.idx, end, 0.6))
                    continue
                # A first name on its own: a known given name, unless it is also a
                # frequent English word that spaCy does not read as a name ("Marina").
                lower = token.text.lower()
                if (
                    token.text[:1].isupper()
                    and lower in LONE_NAMES
                    and (token.pos_ == "PROPN" or not _frequent(lower))
                ):
                    end = token.idx + len(token.text)
                    results.append(RecognizerResult("PERSON", token.idx, end, 0.6))
            speakers = [
                match.span(1)
                for match in SPEAKER.finditer(text)
                if not set(match.group(1).lower().split()) & (FIELDS | PRODUCTS | {"by"})
            ]
            if len(speakers) >= 2:  # a dialogue, not a form's labels
                for start, end in speakers:
                    results.append(RecognizerResult("PERSON", start, end, 0.7))
            return results

    return ContextPersonRecognizer(supported_entities=["PERSON"], name=CUED_BY)


# Words that make a capitalised name an organisation's, whatever else it holds.
ORG_WORDS = frozenset(
    """
    inc ltd llc plc gmbh ag sa spa bv nv co corp corporation company group holdings
    bank trust council university college school hospital network team department
    committee board association foundation partners consulting services solutions
    """.split()  # noqa: SIM905 - a word list reads better as text
)


def _everyday(word: str) -> bool:
    from coach.privacy.common_words import is_everyday_word

    return is_everyday_word(word)


def _frequent(word: str) -> bool:
    """A frequent English word by its rank in the tokenizer, names or not."""
    from coach.privacy.common_words import FREQUENT_RANK
    from coach.tokens import word_rank

    rank = word_rank(word.lower())
    return rank is not None and rank < FREQUENT_RANK


def _plain_word(word: str) -> bool:
    """A word that is no evidence of a person on its own: an everyday word, a name that
    is also a word ("Frank", "Grace"), a month or a function word, or a product."""
    lower = word.lower()
    return lower in COMMON_WORD_NAMES or lower in NOT_NAMES or lower in PRODUCTS or _everyday(word)


def _address_recognizer() -> Any:
    """Street addresses in UK, US and European forms (``coach.privacy.addresses``)."""
    from presidio_analyzer import EntityRecognizer, RecognizerResult

    from coach.privacy.addresses import find_addresses

    class AddressRecognizer(EntityRecognizer):
        def load(self) -> None:
            return None

        def analyze(self, text: str, entities: list[str], nlp_artifacts: Any) -> list[Any]:
            return [RecognizerResult("ADDRESS", s, e, 0.8) for s, e in find_addresses(text)]

    return AddressRecognizer(supported_entities=["ADDRESS"], name="coach_addresses")


def _uncommon_name_recognizer() -> Any:
    """Capitalised words the small spaCy model files under a place, an organisation or
    a group, that are no place, no product, no organisation's name and no everyday
    word: most often a person's name from another language ("Nikolaj", "Ágnes")."""
    from presidio_analyzer import EntityRecognizer, RecognizerResult

    from coach.privacy.places import is_known_place

    class UncommonNameRecognizer(EntityRecognizer):
        def load(self) -> None:
            return None

        def analyze(self, text: str, entities: list[str], nlp_artifacts: Any) -> list[Any]:
            results = []
            for ent in nlp_artifacts.tokens.ents:
                if ent.label_ not in _THING_ENTITIES or len(ent) > 3:
                    continue
                words = [t.text for t in ent if t.text not in "-'\u2019"]
                if (
                    words
                    and all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words)
                    and not any(w.isupper() for w in words)  # acronyms: ATM, IBAN, HR
                    and not any(w.lower() in ORG_WORDS | PRODUCTS for w in words)
                    and not any(_plain_word(w) for w in words)
                    and not _opening_compound(ent)
                    and not is_known_place(ent.text)
                    # "the Lighthouse room": a name of a person takes no article
                    and not (ent.start > 0 and ent.doc[ent.start - 1].pos_ == "DET")
                ):
                    results.append(RecognizerResult("PERSON", ent.start_char, ent.end_char, 0.55))
            return results

    return UncommonNameRecognizer(supported_entities=["PERSON"], name="coach_uncommon_names")


def _opening_compound(ent: Any) -> bool:
    """A sentence's first word that spaCy reads as a common noun before another one
    ("Courier address for the forms"): capitalised only because it opens the sentence."""
    doc = ent.doc
    first = doc[ent.start]
    opens = ent.start == 0 or doc[ent.start - 1].text in (".", "!", "?", "\n")
    following = doc[ent.end] if ent.end < len(doc) else None
    return (
        len(ent) == 1
        and opens
        and first.pos_ == "NOUN"
        and following is not None
        and following.pos_ == "NOUN"
    )


def _given_name_recognizer() -> Any:
    """'Gemma Holt': a common given name followed by capitalised proper nouns."""
    from presidio_analyzer import EntityRecognizer, RecognizerResult

    class GivenNameRecognizer(EntityRecognizer):
        def load(self) -> None:
            return None

        def analyze(self, text: str, entities: list[str], nlp_artifacts: Any) -> list[Any]:
            doc = nlp_artifacts.tokens
            results = []
            for token in doc:
                if not (token.text.istitle() and token.text.lower() in GIVEN_NAMES):
                    continue
                end_token = token
                nxt = token.i + 1
                while (
                    nxt < len(doc)
                    and nxt - token.i <= 2
                    and doc[nxt].text[:1].isupper()
                    and doc[nxt].pos_ == "PROPN"
                ):
                    end_token = doc[nxt]
                    nxt += 1
                    # hyphenated surnames arrive as three tokens: Grant - Hughes
                    if nxt + 1 < len(doc) and doc[nxt].text == "-" and doc[nxt + 1].text.istitle():
                        end_token = doc[nxt + 1]
                        nxt += 2
                if end_token is not token:
                    end = end_token.idx + len(end_token.text)
                    results.append(RecognizerResult("PERSON", token.idx, end, 0.7))
            return results

    return GivenNameRecognizer(supported_entities=["PERSON"], name="coach_given_names")


def _employee_id_recognizer(pattern: str) -> Any:
    from presidio_analyzer import Pattern, PatternRecognizer

    return PatternRecognizer(
        supported_entity="EMPLOYEE_ID",
        name="coach_employee_id",
        patterns=[Pattern("employee_id", pattern, 0.9)],
    )


def roster_aliases(people: Sequence[ParticipantIn]) -> dict[str, str]:
    """Lower-case alias -> person key, for everyone on the roster and their managers:
    full name, each part of it, listed nicknames, email and the common short forms of the
    first name. Where two people share an alias, the first keeps it (it is hidden either
    way; only the restored name could be the other person's)."""
    aliases: dict[str, str] = {}
    for person in people:
        key = f"participant:{person.external_id}"
        parts = person.name.split()
        common = COMMON_NICKNAMES.get(parts[0].lower(), ()) if parts else ()
        # Nicknames that are everyday words are refused on entry; one stored before that
        # check is skipped here rather than erasing the word from everyone's text.
        nicknames = [n for n in person.nicknames if not is_everyday_word(n)]
        for alias in [person.name, *parts, *nicknames, str(person.email), *common]:
            if len(alias) > 1:
                aliases.setdefault(alias.lower(), key)
        if person.manager_name:
            manager_key = f"manager:{person.manager_id or person.manager_name}"
            for alias in [person.manager_name, *person.manager_name.split()]:
                if len(alias) > 1:
                    aliases.setdefault(alias.lower(), manager_key)
    return aliases


class Redactor:
    """Finds and replaces identifiers and disclosures; one per roster (cheap to build)."""

    def __init__(
        self,
        roster: Sequence[ParticipantIn] = (),
        *,
        employee_id_pattern: str = DEFAULT_EMPLOYEE_ID,
        disclosures: bool = True,
        spacy_model: str = SPACY_MODEL,
        meaning: MeaningCheck | None = None,
    ) -> None:
        self.spacy_model = spacy_model
        self.meaning = meaning  # disclosures by meaning as well as by pattern
        self.aliases = roster_aliases(roster)
        self.disclosures = disclosures
        # Restored text uses a person's full roster name, whichever alias was written.
        self.display = {f"participant:{p.external_id}": p.name for p in roster}
        self.display.update(
            {
                f"manager:{p.manager_id or p.manager_name}": p.manager_name
                for p in roster
                if p.manager_name
            }
        )
        self.employee_id_pattern = employee_id_pattern
        # Case-sensitive by design: ids are written in capitals, and ignoring case would
        # turn words such as "abc12345" in a URL into ids.
        self.employee_id = re.compile(employee_id_pattern)
        self._any_case = _alternation([a for a in self.aliases if not _needs_capital(a)])
        self._capitalised = _alternation(
            [a for a in self.aliases if _needs_capital(a)], ignore_case=False
        )
        self._recognizers = [_roster_recognizer(self), _employee_id_recognizer(employee_id_pattern)]

    def roster_matches(self, text: str) -> Iterable[tuple[int, int, str, bool]]:
        """(start, end, alias as written, whether only its capital makes it a name)."""
        for pattern, capital_only in ((self._any_case, False), (self._capitalised, True)):
            if pattern is not None:
                for match in pattern.finditer(text):
                    yield match.start(), match.end(), match.group(0), capital_only

    def find(self, text: str) -> list[Found]:
        """Identifiers (without overlaps) and disclosure sentences, in text order.

        Disclosures are a separate layer: an identifier inside a disclosed sentence is
        still reported (and scored), though the sentence marker replaces both.
        """
        analyzer, _ = _engines(self.spacy_model)
        artifacts = analyzer.nlp_engine.process_text(text, "en")
        doc = artifacts.tokens
        results = analyzer.analyze(
            text=text,
            language="en",
            entities=None,  # every recogniser: Presidio's predefined ones and ours
            ad_hoc_recognizers=self._recognizers,
            # Our patterns are written with the case they mean (postcodes, ids).
            regex_flags=re.DOTALL | re.MULTILINE,
            nlp_artifacts=artifacts,
        )
        found: list[Found] = []
        for result in results:
            label = SAME_AS.get(result.entity_type, result.entity_type)
            if label == "DATE_TIME" and BIRTH.search(
                text[max(0, result.start - 30) : result.start]
            ):
                label = "DATE_OF_BIRTH"
            if label not in KINDS or result.score < MIN_SCORE.get(label, DEFAULT_MIN_SCORE):
                continue
            if label == "PHONE" and not _phone_like(text[result.start : result.end]):
                continue
            start, end = result.start, result.end
            while end > start and text[end - 1] in ".,;:!?)'\"":
                end -= 1  # sentence punctuation is not part of a URL or name
            metadata = result.recognition_metadata or {}
            if label == "PERSON":
                if any(g.start() < end and start < g.end() for g in GENERATIONS.finditer(text)):
                    continue
                if metadata.get("recognizer_name") == CUED_BY:
                    start, end = _trim_cued(text, start, end)
                else:
                    start, end = _trim_person(doc, text, start, end)
                if start >= end or _not_a_person(doc, text, start, end):
                    continue
            found.append(
                Found(
                    start,
                    end,
                    label,
                    text[start:end],
                    person_key=metadata.get("person_key"),
                )
            )
        found = self._outside_people_first(text, found)
        found = _join_addresses(text, found)
        found = _widen_people(text, found)
        found += _addressees(text, found)
        found += _other_mentions(text, found)
        identifiers = _resolve_overlaps(found)
        if not self.disclosures:
            return identifiers
        sentences = [
            Found(d.start, d.end, "DISCLOSURE", d.text, category=d.category)
            for d in find_disclosures(
                text,
                self.meaning,
                [(f.start, f.end) for f in identifiers if f.label in ("PERSON", "ROSTER")],
            )
        ]
        return sorted([*identifiers, *sentences], key=lambda f: (f.start, f.label != "DISCLOSURE"))

    def _outside_people_first(self, text: str, found: list[Found]) -> list[Found]:
        """ "Aisling Byrne" is not our Sam Byrne: where spaCy's PERSON span holds a roster
        alias plus name words that are no alias of that person, the whole span is another
        person, and the roster match inside it is dropped."""
        people = [f for f in found if f.label == "PERSON"]
        roster = [f for f in found if f.label == "ROSTER"]
        dropped: set[int] = set()
        for index, item in enumerate(found):
            if item.label != "ROSTER":
                continue
            for person in people:
                if not (person.start <= item.start and item.end <= person.end):
                    continue
                # Capitalised words of the PERSON span that no roster match covers.
                others = [
                    match.group(0)
                    for match in re.finditer(r"[A-Z][\w'-]*", person.text)
                    if match.group(0).rstrip(".").lower() not in TITLES
                    and not any(r.start <= person.start + match.start() < r.end for r in roster)
                ]
                before = text[: person.start].rstrip()
                # A capitalised first word of a sentence may be a verb spaCy misread
                # ("Met Debs"); trust it as a name only when it is a known given name.
                # Words after the roster name ("Pat Doherty") are a surname.
                opens = not before or before[-1] in ".!?\n"
                if others and (
                    not opens or person.start == item.start or others[0].lower() in GIVEN_NAMES
                ):
                    dropped.add(index)
        return [f for i, f in enumerate(found) if i not in dropped]

    def redact(self, text: str) -> Redaction:
        from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

        found = self.find(text)
        disclosed = [f for f in found if f.label == "DISCLOSURE"]
        numbers: dict[str, int] = {}
        placeholder_of: dict[str, str] = {}
        mapping: dict[str, str] = {}
        spans: list[tuple[Found, str]] = []
        for item in found:
            if item.label == "DISCLOSURE":
                kind = f"{item.category} disclosure"
                numbers[kind] = numbers.get(kind, 0) + 1
                count = numbers[kind]
                placeholder = f"[{kind}]" if count == 1 else f"[{kind} #{count}]"
                mapping[placeholder] = item.text
                spans.append((item, placeholder))
                continue
            if any(d.start <= item.start and item.end <= d.end for d in disclosed):
                continue  # the sentence marker already hides it
            kind = KINDS[item.label]
            identity = item.person_key or f"{kind}:{item.text.lower()}"
            if identity not in placeholder_of:
                numbers[kind] = numbers.get(kind, 0) + 1
                placeholder_of[identity] = f"[{kind}_{numbers[kind]}]"
                mapping[placeholder_of[identity]] = self.display.get(identity, item.text)
            spans.append((item, placeholder_of[identity]))
        if not spans:
            return Redaction(text, found, mapping)
        # Presidio's anonymizer does the replacing; each span gets its own placeholder,
        # so each is its own "entity type" with a replace operator.
        _, anonymizer = _engines(self.spacy_model)
        results = [RecognizerResult(p, f.start, f.end, 1.0) for f, p in spans]
        operators = {p: OperatorConfig("replace", {"new_value": p}) for _, p in spans}
        output = anonymizer.anonymize(
            text=text,
            analyzer_results=results,
            operators=operators,
            merge_entities_with_spaces=False,
        )
        return Redaction(output.text, found, mapping)


def _needs_capital(alias: str) -> bool:
    return " " not in alias and "@" not in alias and (alias in COMMON_WORD_NAMES or len(alias) <= 2)


def _alternation(aliases: list[str], *, ignore_case: bool = True) -> re.Pattern[str] | None:
    if not aliases:
        return None
    names = sorted(aliases, key=len, reverse=True)
    if not ignore_case:
        # Capitalised or all capitals, as a name is written.
        names = [form for name in names for form in (name.capitalize(), name.upper())]
    return re.compile(
        # Not inside a longer word, an email or a hyphenated name ("Grant-Hughes").
        r"(?<![\w.-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w@]|-\w)",
        re.IGNORECASE if ignore_case else 0,
    )


TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "professor",
        "sir",
        "dame",
        "father",
        "sister",
        "brother",
        "rev",
        "reverend",
        "lord",
        "lady",
        "judge",
        "cllr",
        "councillor",
    }
)
_POSSESSIVE = re.compile(r"(?:'s|\u2019s|')$")


def _trim_person(doc: Any, text: str, start: int, end: int) -> tuple[int, int]:
    """Keep the proper nouns of a PERSON span: spaCy's small model sometimes takes a verb
    ("Ring Hollie Brennan"), a greeting or a possessive along with the name, and sometimes
    calls a lone common noun ("Email") or a lower-case word a person."""
    tokens = [t for t in doc if start <= t.idx and t.idx + len(t.text) <= end]

    def named(token: Any) -> bool:
        # A proper noun, or a capitalised word the small model tagged otherwise (it often
        # does with names from other languages: "Csanád", "Sigtryggur"), unless it is a
        # verb or a function word ("Ring", "Hi").
        if token.text.lower() in PRODUCTS:
            return False
        return token.pos_ == "PROPN" or (
            token.text[:1].isupper()
            and token.text.lower() not in NOT_NAMES
            and token.pos_ not in ("VERB", "AUX", "PRON", "DET", "ADP", "CCONJ", "SCONJ", "INTJ")
            and not _plain_word(token.text)
        )

    names = [t for t in tokens if named(t) or t.text in "-'\u2019" or t.text == "'s"]
    # A title says nothing about who it is ("Dr", "Father"): keep the name only. Nor is
    # a verb of contact that opens the sentence ("Ask Wanjiru") part of the name.
    while names and (
        not named(names[0])
        or names[0].text.rstrip(".").lower() in TITLES
        or (names[0].text.lower() in CONTACT_VERBS and len(names) > 1)
    ):
        names.pop(0)
    while names and not named(names[-1]):
        names.pop()
    if not names or not any(c.isupper() for c in text[names[0].idx : end]):
        return start, start
    start, end = names[0].idx, names[-1].idx + len(names[-1].text)
    tail = _POSSESSIVE.search(text[start:end])
    if tail:
        end -= len(tail.group(0))
    return start, end


# Words before a place name that say it is used as a place: "the Glasgow team", "our
# Leeds office", "in Cardiff". "from" is left out: "feedback from Florence" is a person.
_PLACE_BEFORE = frozenset(
    "the a an our their your his her its in near around across outside".split()  # noqa: SIM905
)


def _not_a_person(doc: Any, text: str, start: int, end: int) -> bool:
    """spaCy's small model reads some places, languages, acronyms and other words as
    people ("the Glasgow team", "the survey in Igbo", "San Francisco", "ADHD", "long
    Covid"). A language, a lone acronym or a word of ``NOT_NAMES`` is never taken for a
    person here; a known place only where the word before it says it is used as a
    place."""
    from coach.privacy.places import LANGUAGES, is_known_place

    value = text[start:end]
    if all(w.lower() in LANGUAGES for w in value.split()) or value.lower() in NOT_NAMES:
        return True
    # An acronym alone ("ADHD", "HMRC") is not a name; names written in capitals come
    # with a surname or a cue.
    if " " not in value and value.isupper():
        return True
    token = _token_at(doc, start)
    before = doc[token.i - 1].text if token is not None and token.i > 0 else ""
    # The second word of a place ("San Francisco", "Los Angeles") read as a person.
    if before[:1].isupper() and is_known_place(f"{before} {value}"):
        return True
    return is_known_place(value) and before.lower() in _PLACE_BEFORE


def _trim_cued(text: str, start: int, end: int) -> tuple[int, int]:
    """A cued name without a leading title or verb of contact, or a trailing possessive."""
    value = text[start:end]
    tail = _POSSESSIVE.search(value)
    if tail:
        end -= len(tail.group(0))
    words = text[start:end].split()
    # A title, or a verb of contact opening the sentence ("Ask Wanjiru in finance").
    while words and (
        words[0].rstrip(".").lower() in TITLES
        or (words[0].lower() in CONTACT_VERBS and len(words) > 1)
    ):
        start = text.index(words[1], start) if len(words) > 1 else end
        words.pop(0)
    return start, end


_PARTICLES = frozenset(
    "de da di do dos das del della van von der den le la du ter ten bin binti al el".split()  # noqa: SIM905
)
_SUFFIXES = frozenset("phd md dvm dds jr sr ii iii iv esq mba".split())  # noqa: SIM905
_WORD_BEFORE = re.compile(r"([\w\u00C0-\u024F'\u2019.-]+)[ \t]+$")
_WORD_AFTER = re.compile(r"^(,?)[ \t]+([\w\u00C0-\u024F'\u2019.-]+)")
# "Møller, Price and Hale": the words that join the names of a list.
_JOIN_AFTER = re.compile(r"^(?:,[ \t]*(?:and|&)?|[ \t]+(?:and|&))[ \t]+(" + _NAME + r")")
_JOIN_BEFORE = re.compile(
    r"(?:^|(?<=[\s:(\"]))(" + _NAME + r")(?:,[ \t]*(?:and|&)?|[ \t]+(?:and|&))[ \t]+$"
)


def _name_word(word: str, *, listed: bool = False) -> bool:
    """A capitalised word that may be part of a person's name. In a list beside a name
    ("Møller, Price and Hale") surnames that are also words count too."""
    from coach.privacy.places import DEMONYMS, is_known_place

    word = word.rstrip(".'\u2019")
    if not word[:1].isupper() or (word.isupper() and len(word) > 1):
        return False
    lower = word.lower()
    if lower in NOT_NAMES | PRODUCTS | ORG_WORDS or lower in DEMONYMS:
        return False
    # Beside a name, a town's name is a surname as often ("Conway and Hale").
    return listed or not (_plain_word(word) or is_known_place(word))


def _widen_people(text: str, found: list[Found]) -> list[Found]:
    """A person's name whole: the small model often finds only part of "Kinya T
    Shikikawa", "Eliane van der Vlist" or "Ms. Aimee McGregor DVM". Each name takes in
    the initials, particles, name words, titles and suffixes beside it; then names
    listed with it ("Waters, Long and Crosby") are people too."""
    taken = [(f.start, f.end) for f in found if f.label != "PERSON"]

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    out: list[Found] = []
    for item in found:
        if item.label not in ("PERSON", "ROSTER"):
            out.append(item)
            continue
        start, end = item.start, item.end
        for _ in range(3):
            match = _WORD_BEFORE.search(text, 0, start)
            if match is None:
                break
            word = match.group(1)
            bare = word.rstrip(".").lower()
            if text[match.end(1) : start].strip() or not free(match.start(1), start):
                break
            if bare in TITLES and word[:1].isupper():  # "Dr", "Ms.", "Father"
                start = match.start(1)
                continue
            # A roster name is known whole; only its title is added.
            mid_sentence = match.start(1) > 0 and text[match.start(1) - 1] not in ".!?"
            if item.label == "PERSON" and (
                re.fullmatch(r"[A-Z]\.?", word)
                or bare in _PARTICLES
                or (_name_word(word) and mid_sentence)
            ):
                start = match.start(1)
            else:
                break
        if item.label == "ROSTER":
            out.append(Found(start, end, item.label, text[start:end], item.person_key))
            continue
        for _ in range(3):
            match = _WORD_AFTER.match(text[end:])
            if match is None:
                break
            comma, word = match.groups()
            bare = word.rstrip(".,").lower()
            rest = text[end + match.end() :]
            stop = end + match.end(2) - (len(word) - len(word.rstrip(".,")))
            if not free(end, stop):
                break
            if bare in _SUFFIXES:
                end = stop
            elif comma:
                break
            elif (
                (re.fullmatch(r"[A-Z]\.?", word) or bare in _PARTICLES)
                and re.match(r"[ \t]+[A-Z\u00C0-\u00DE]", rest)
            ) or _name_word(word.rstrip(".,")):
                end = stop
            else:
                break
        out.append(Found(start, end, item.label, text[start:end], item.person_key))
    # Names listed beside a person are people: repeat so a list is followed to its end.
    people = [f for f in out if f.label == "PERSON"]
    while people:
        added: list[Found] = []
        for item in people:
            after = _JOIN_AFTER.match(text[item.end :])
            before = _JOIN_BEFORE.search(text, 0, item.start)
            for match, offset in ((after, item.end), (before, 0)):
                if match is None:
                    continue
                start, end = offset + match.start(1), offset + match.end(1)
                words = text[start:end].split()
                if (
                    all(_name_word(w, listed=True) for w in words if w.lower() not in _PARTICLES)
                    and free(start, end)
                    and not any(f.start < end and start < f.end for f in out + added)
                ):
                    added.append(Found(start, end, "PERSON", text[start:end]))
        out += added
        people = added
    return out


# A line of two or three name words just above an address, or an answer to a question
# that asks for a name ("What's the name on the account? User: Esat Jeknić").
_NAME_LINE = re.compile(r"(?:^|\n|:)[ \t]*(" + _NAME + r")[ \t]*\n\s*$")
_NAME_ANSWER = re.compile(
    r"(?i:\bname\b)[^.?!\n]{0,40}\?\s+(?:[A-Z]\w*:[ \t]+)?(" + _NAME + r")(?=[ \t]*(?:$|[\n.,!]))"
)


def _addressees(text: str, found: list[Found]) -> list[Found]:
    """People named where a form or a letter puts a name: above the address, or as the
    answer to a question about the name."""
    spans = []
    for item in found:
        if item.label == "ADDRESS":
            match = _NAME_LINE.search(text, 0, item.start)
            if match:
                spans.append(match.span(1))
    spans += [m.span(1) for m in _NAME_ANSWER.finditer(text)]
    extra: list[Found] = []
    for start, end in spans:
        words = text[start:end].split()
        if (
            2 <= len(words) <= 4
            and all(_name_word(w, listed=True) for w in words if w.lower() not in _PARTICLES)
            and not any(f.start < end and start < f.end for f in [*found, *extra])
        ):
            extra.append(Found(start, end, "PERSON", text[start:end]))
    return extra


_NOT_SEARCHED_ALONE = TITLES | PRODUCTS | COMMON_WORD_NAMES


def _other_mentions(text: str, found: list[Found]) -> list[Found]:
    """Once a name is found, its other mentions in the text are the same person: the
    full name again, or one part of it ("Calan Stevenson ... everyone calls me Calan")."""
    names: dict[str, Found] = {}
    for item in found:
        if item.label not in ("PERSON", "ROSTER"):
            continue
        names.setdefault(item.text, item)
        for part in re.findall(_CAP, item.text):
            part = part.rstrip(".'\u2019")
            # A part that is also a word ("May", "Will") is not searched for alone.
            if len(part) >= 3 and part.lower() not in _NOT_SEARCHED_ALONE:
                names.setdefault(part, item)
    covered = [(f.start, f.end) for f in found]
    extra: list[Found] = []
    for name, origin in sorted(names.items(), key=lambda pair: -len(pair[0])):
        for start, end in _whole_word_occurrences(text, name):
            if any(s <= start < e for s, e in covered):
                continue
            extra.append(Found(start, end, origin.label, name, origin.person_key))
            covered.append((start, end))
    return extra


def _whole_word_occurrences(text: str, word: str) -> Iterable[tuple[int, int]]:
    """Where ``word`` stands whole (not inside a longer word or a hyphenated name). A
    plain search: a regex per name was compiled anew for most texts, since names differ."""

    def joins(char: str) -> bool:
        return char.isalnum() or char in "_-"

    at = text.find(word)
    while at != -1:
        end = at + len(word)
        if not (at and joins(text[at - 1])) and not (end < len(text) and joins(text[end])):
            yield at, end
        at = text.find(word, at + 1)


def _join_addresses(text: str, found: list[Found]) -> list[Found]:
    """Address spans that overlap ("Harbour House, 2 Dock Lane, Leeds LS1" and "2 Dock
    Lane, Leeds LS1 4AP", from different recognisers) or that only a comma parts ("Floor
    4" and "88 Wellington Street, Glasgow G2 6UL") are one address."""
    addresses = sorted((f for f in found if f.label == "ADDRESS"), key=lambda f: f.start)
    joined: list[tuple[int, int]] = []
    for item in addresses:
        if joined and (
            item.start < joined[-1][1]
            or re.fullmatch(r",?[ \t]*", text[joined[-1][1] : item.start])
        ):
            joined[-1] = (joined[-1][0], max(joined[-1][1], item.end))
        else:
            joined.append((item.start, item.end))
    others = [f for f in found if f.label != "ADDRESS"]
    return others + [Found(s, e, "ADDRESS", text[s:e]) for s, e in joined]


def _resolve_overlaps(found: list[Found]) -> list[Found]:
    """Keep non-overlapping spans, preferring our precise recognisers, then longer spans.
    A person's name that runs into a span kept before it ("Dr. Verena Schuur Apt. 961",
    the address taking "Apt. 961") keeps the part before it."""
    ranked = sorted(found, key=lambda f: (-PRIORITY.get(f.label, 0), -(f.end - f.start), f.start))
    kept: list[Found] = []
    for item in ranked:
        clash = [k for k in kept if not (item.end <= k.start or item.start >= k.end)]
        if clash and item.label == "PERSON":
            cut = min(k.start for k in clash)
            text = item.text[: max(cut - item.start, 0)].rstrip(" ,.;:-")
            if cut > item.start and text and all(k.start >= item.start for k in clash):
                item = Found(item.start, item.start + len(text), item.label, text, item.person_key)
                clash = []
        if not clash:
            kept.append(item)
    return sorted(kept, key=lambda f: f.start)
