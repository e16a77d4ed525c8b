"""Sensitive disclosures: sentences in which someone reveals something personal.

A disclosure is a sentence that says something about a person's health, mental health,
family circumstances, religion or belief, sexuality, ethnicity, politics, finances, legal
matters or job performance. Redaction replaces the whole sentence with a category marker
(``[health disclosure]``), because the surrounding words identify as much as the term.

Talking about a topic is not disclosing: "we discussed neurodiversity at work" or "how
do younger staff see mental health days?" are the substance of reverse mentoring and
must stay readable. So most patterns need a personal anchor (I, my, he, his, she, her,
they, a named person's life event) next to the sensitive term; a few terms are personal
on their own ("diagnosed with", "signed off sick", "on a performance improvement plan").

The patterns are ours, written for workplace mentoring notes in English; they are
measured by the redaction eval (``coach eval redaction``), recall first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
import yaml

from coach.knowledge import KNOWLEDGE_DIR

# Someone specific: the writer or a third person. "Our/we" stay out on purpose: "our
# mental health policy" is a topic.
WHO = r"(?:i|i'm|i've|i'd|i'll|me|my|myself|he|he's|his|him|she|she's|her|hers|they're|their)"
FAMILY = (
    r"(?:wife|husband|partner|son|daughter|kids?|children|child|baby|mum|mom|mother|dad|"
    r"father|parents?|brother|sister|grandmother|grandfather|gran|nan|family|fianc[ée]e?|"
    r"twins|triplets)"
)

# Common medicines whose name alone tells a condition (mood, attention, diabetes, heart,
# addiction treatment): "I take X" is a health disclosure.
MEDICATION = (
    r"sertraline|fluoxetine|citalopram|escitalopram|paroxetine|prozac|zoloft|venlafaxine|"
    r"mirtazapine|duloxetine|lithium|lamotrigine|quetiapine|olanzapine|risperidone|"
    r"aripiprazole|methylphenidate|ritalin|concerta|adderall|elvanse|lisdexamfetamine|"
    r"atomoxetine|diazepam|valium|lorazepam|xanax|zopiclone|insulin|metformin|propranolol|"
    r"beta[- ]blockers?|statins?|warfarin|methadone|buprenorphine|naltrexone|disulfiram|"
    r"antabuse|hrt|antidepressants?|anti-anxiety|antipsychotics?|epipen|inhaler|steroids|"
    r"chemo|morphine|tramadol|codeine|painkillers|sleeping pills"
)

_CATEGORY_PATTERNS: dict[str, list[str]] = {
    "mental health": [
        rf"\b{WHO}\b[^.!?]{{0,60}}\b(?:anxiety|depression|depressed|panic attacks?|"
        r"burn(?:ed|t)?[- ]?out|therap(?:y|ist)|counsell?(?:ing|or)|breakdown|ptsd|ocd|"
        r"bipolar|self-harm|suicidal|"
        r"antidepressants?|mental health (?:issues?|problems?|struggles?|condition|crisis))\b",
        r"\b(?:struggling|struggled|struggles) with (?:my|his|her|their) mental health\b",
        r"\bsigned off (?:with|for) (?:stress|anxiety|depression)\b",
        rf"\b{WHO}\b[^.!?]{{0,40}}\b(?:adhd|autistic|autism|dyslexi[ac]|dyspraxi[ac])\b",
        # Addiction and recovery: personal on their own when said of someone.
        rf"\b{WHO}\b[^.!?]{{0,60}}\b(?:addict(?:ed|ion)?|alcoholi(?:c|sm)|sober|sobriety|"
        r"rehab|relapsed?|in recovery|drinking problem|gambling (?:problem|addiction)|"
        r"(?:aa|na) meetings?|twelve[- ]step|12[- ]step)\b",
        r"\bin recovery from (?:alcohol|drink|drugs?|addiction|gambling|an? eating disorder)\b",
        r"\b(?:alcohol|drug|gambling|opioid|cocaine) (?:addiction|dependency|dependence)\b",
    ],
    "health": [
        r"\bdiagnosed with\b",
        r"\b(?:signed off|on sick leave|off sick|sick note)\b",
        rf"\b{WHO}\b[^.!?]{{0,60}}\b(?:cancer|chemo(?:therapy)?|surgery|operation|hospital|"
        r"diabetes|diabetic|epilepsy|seizures?|pregnan(?:t|cy)|miscarriage|ivf|menopause|"
        r"chronic (?:pain|illness|fatigue)|long covid|ms flare|heart condition|medication|"
        r"disability|disabled|wheelchair|hearing aids?|migraines?|physio(?:therapy)?|"
        r"illness|terminally ill|recovering from|dialysis|transplant|stammer|stutter|asthma|"
        r"arthritis|parkinson's|crohn's|endometriosis|tinnitus|hearing loss|partially sighted|"
        r"(?:broke|broken|fractured) (?:his|her|their|my|a|an) \w+|crutches|heart attack|"
        r"long-term condition|(?:an? )?(?:mri|biopsy|scan results)|"
        r"(?:hip|knee|joint|shoulder) (?:replacement|operation)|mobility (?:issues?|problems?)|"
        r"(?:hospital )?waiting list for|eyesight|(?:losing|lost) (?:his|her|their|my) sight|"
        r"sight loss|visually impaired|registered blind|guide dog|screen reader)\b",
        # Medication names it: "I take sertraline", "she is on beta blockers".
        rf"\b{WHO}\b[^.!?]{{0,60}}\b(?:{MEDICATION})\b",
        rf"\b{WHO}\b[^.!?]{{0,30}}\b(?:was|were|been|am|is|are|got|get|gets) prescribed\b",
        r"\b(?:(?:my|his|her|their) prescriptions?|repeat prescription)\b",
    ],
    "family": [
        rf"\b(?:my|his|her|their)\s+{FAMILY}\b[^.!?]{{0,60}}\b(?:divorce|separat(?:ed|ion)|"
        r"ill|illness|hospital|dementia|passed away|died|funeral|custody|carer|caring|"
        r"care home|hospice|diagnos(?:ed|is)|cancer|moving out|split up|pregnan(?:t|cy)|"
        r"born|expecting|adopt\w*|foster\w*|stroke|nursing home)\b",
        rf"\b{WHO}\b[^.!?]{{0,40}}\b(?:divorce|divorced|separat(?:ed|ion)|custody|bereavement|"
        r"bereaved|widowed|single (?:mum|mom|dad|parent)|(?:a |the )?(?:main |primary )?carer for|"
        r"caring for (?:my|his|her|their)|expecting a baby|maternity|paternity|"
        r"fertility|going through a (?:divorce|separation)|neonatal|nicu|special care baby|"
        r"only earner|sole earner|breadwinner|"
        r"born (?:early|premature(?:ly)?)|premature (?:baby|babies|twins)|"
        # fostering or adopting children ("fostering collaboration" is no disclosure)
        r"(?:foster(?:s|ing|ed)?|adopt(?:s|ing|ed)?)(?: (?:a|an|two|three|four|\w+))?"
        r" (?:child|children|kids?|teenagers?|boys?|girls?|sons?|daughters?|bab(?:y|ies)|"
        r"siblings)|foster carers?|adoptive (?:parents?|mum|mom|dad))\b",
        rf"\b(?:passed away|funeral)\b[^.!?]{{0,40}}\b(?:my|his|her|their)\s+{FAMILY}\b",
        # a partner's or parent's job lost is the family's news, not a performance matter
        rf"\b(?:my|his|her|their)\s+{FAMILY}\b[^.!?]{{0,30}}\b(?:made redundant|lost "
        r"(?:his|her|their) job|laid off|out of work|unemployed)\b",
        r"\b(?:twins|triplets|baby|babies|son|daughter)\b[^.!?]{0,20}\b(?:born (?:early|"
        r"premature(?:ly)?)|in (?:the )?(?:neonatal|special care|nicu))",
    ],
    "religion": [
        rf"\b{WHO}\b[^.!?]{{0,40}}\b(?:pray(?:s|ing|ers?)?|mosque|church|synagogue|temple|gurdwara|"
        r"ramadan|fasting(?! from)|my faith|(?:his|her|their) faith|muslim|christian|jewish|"
        r"hindu|sikh|"
        r"buddhist|catholic|atheist|religious|kosher|halal|sabbath|eid|diwali|"
        r"(?:keeps?|keeping|observes?|observing|breaks?|breaking) (?:the|a|her|his|their|my) fast|"
        r"observ(?:es|ing) (?:lent|passover|shabbat|yom kippur|navratri|vaisakhi)|"
        r"passover|shabbat|yom kippur|hajj|pilgrimage|converted to|her faith|his faith|"
        r"jehovah's witness|mormon|latter-day saints?|quaker|baptist|methodist|anglican|"
        r"evangelical|born-again|pentecostal|rastafarian|pagan|baha'i|bahai)\b",
    ],
    "sexuality": [
        rf"\b{WHO}\b[^.!?]{{0,40}}\b(?:gay|lesbian|bisexual|queer|pansexual|asexual|"
        r"trans|transgender|non-binary|nonbinary|came out|coming out|(?:his|her|my) boyfriend|"
        r"(?:her|my) girlfriend|same-sex)\b",
        # "bi" only where it is said of someone ("she's bi", "came out as bi"): after any
        # word it is as often Power BI or a BI team.
        rf"\b{WHO}\b[^.!?]{{0,30}}(?:\b(?:is|am|are|as)|'s|'m)\s+bi\b(?![- ](?:team|tool|report))",
        r"\b(?:came out|coming out) (?:as|to)\b",
    ],
    "ethnicity": [
        r"\b(?:as|being) (?:a|the only|one of the few) (?:black|asian|white|mixed-race|"
        r"brown|south asian|east asian|arab|latina?o?|roma|traveller)\b",
        r"\b(?:the )?only (?:black|asian|brown|mixed-race|muslim|jewish|arab|disabled|gay) "
        r"(?:person|woman|man|colleague|member|employee|manager|one)\b",
        rf"\bbecause of {WHO} (?:accent|name|skin|race|colou?r|religion|hijab|turban|headscarf)\b",
        rf"\b{WHO}\b[^.!?]{{0,40}}\b(?:heritage|ethnicity|racism|racist|racial(?:ly)?|"
        r"skin colou?r|immigrant|refugee background|visa status|migrant)\b",
        # Experiences of racism told without the word: taken for a member of staff in a
        # lower role, asked where one is "really" from, a name mispronounced on purpose.
        rf"\b(?:{WHO}\b[^.!?]{{0,40}}\b(?:mistaken|taken|mistook|confused) for|"
        rf"(?:assumed|thought|presumed) (?:that )?{WHO} (?:was|were|is|are|must be)) (?:the|a|an) "
        r"(?:cleaner|cleaning staff|security guard|waiter|waitress|driver|receptionist|"
        r"porter|caterer|intern|interpreter|translator|assistant|secretary|tea lady|"
        r"delivery (?:driver|person))\b",
        # expected to interpret for everyone who shares a language or a background
        rf"\b(?:ask|asks|asked|asking|expect|expects|expected) {WHO} to (?:translate|interpret)\b",
        rf"\b(?:asked|asks|asking) {WHO}\b[^.!?]{{0,20}}\bwhere (?:he|she|they|i) "
        r"(?:is|am|are|was|were) really from\b",
    ],
    "immigration": [
        rf"\b{WHO}\b[^.!?]{{0,50}}\b(?:visa|work permit|residence permit|right to work|"
        r"leave to remain|settled status|pre-settled status|indefinite leave|green card|"
        r"citizenship application|naturali[sz]ation|home office|deportation|deported|"
        r"immigration (?:status|case|hearing|lawyer)|(?:british|uk|us|irish|german|french) "
        r"citizenship|citizenship (?:test|interview|ceremony)|naturali[sz]ed|"
        r"(?:asylum|refugee status)|sponsorship for (?:a|his|her|their|my) visa)\b",
    ],
    "politics": [
        rf"\b{WHO}\b[^.!?]{{0,40}}\b(?:voted?|voting|labour|tory|tories|conservative|"
        r"lib ?dem|liberal democrats?|reform uk|green party|snp|plaid|trade union|union rep|"
        r"party member|activist|campaign(?:ed|ing|s)? for|marched|protest(?:ed|s|ing)?|"
        r"standing (?:for|as)|stood (?:for|as)|(?:local|general|council) elections?|"
        r"canvass\w*|candidate for (?:the )?(?:council|parliament|mayor)|hustings|"
        r"party conference|picket|member of the \w+ party|shop steward|union (?:conference|"
        r"member|membership|branch|meeting|official|organiser|organizer)|on strike|"
        r"(?:spoke|speaks|speaking|marched|went|goes|joined) (?:at|to|on|in) (?:a|the) "
        r"(?:rally|march|demonstration|protest|picket line))\b",
    ],
    "finances": [
        rf"\b{WHO}\b[^.!?]{{0,50}}\b(?:debt|debts|in arrears|overdraft|payday loan|bankrupt(?:cy)?|"
        r"(?:can't|cannot|couldn't|could not|unable to) afford|struggling to pay|mortgage arrears|"
        r"repossess(?:ed|ion)|food bank|iva|money worries|second job|"
        r"behind (?:on|with) (?:(?:my|his|her|their|the) )?(?:rent|bills|mortgage|payments)|"
        r"bailiffs?|loan shark|credit card debt|evict(?:ed|ion))\b",
        r"\b(?:his|her|my|their) (?:salary|pay|bonus|pay rise) (?:is|was|of)\b",
    ],
    "legal": [
        rf"\b{WHO}\b[^.!?]{{0,50}}\b(?:tribunal|lawsuit|sued|suing|solicitor|arrested|"
        r"police caution|criminal record|conviction|convicted|court case|in court|"
        r"restraining order|whistleblow(?:er|ing)|settlement agreement|legal action|"
        r"witness in|court (?:hearing|date|summons)|jury service|magistrates|on bail|"
        r"probation officer|custody battle|injunction)\b",
        r"\b(?:grievance|harassment complaint|discrimination claim)\b[^.!?]{0,40}\b(?:against|"
        r"by|from|filed|raised|lodged)\b",
        rf"\b{WHO}\b[^.!?]{{0,30}}\b(?:filed|raised|lodged|brought) (?:a|an) "
        r"(?:grievance|complaint|claim)\b",
    ],
    "performance": [
        r"\b(?:performance improvement plan|capability (?:process|procedure|review)|"
        r"disciplinary (?:hearing|action|process|meeting)|final written warning|"
        r"written warning|verbal warning|gross misconduct|dismissed|fired|sacked|"
        r"made redundant|at risk of redundancy|managed out)\b",
        rf"\b{WHO}\b[^.!?]{{0,40}}\b(?:on a pip|on (?:a |an )?(?:improvement|performance) plan|"
        r"poor performance rating|underperform(?:ing|ance)|bottom of the rankings|"
        r"missed (?:his|her|my|their) targets|failed (?:his|her|my|their) probation|"
        r"low rating|rated (?:as )?(?:below|under) expectations)\b",
        rf"\b{WHO}\b[^.!?]{{0,40}}\b(?:targets? (?:were|was|are|is)?\s*missed|"
        r"missed (?:\w+ )?targets|not meeting (?:expectations|targets)|"
        r"(?:bad|poor|negative|critical) (?:appraisal|review)|passed over for promotion|"
        r"(?:appraisal|review) (?:was|were|came back) (?:poor|bad|negative|critical)|"
        r"failed (?:the|a|an|her|his|my|their) (?:probation|assessment)|"
        r"(?:did not|didn't|has not|hasn't) pass(?:ed)? (?:the|a|an|her|his|my|their) "
        r"(?:probation|assessment)|(?:moved|taken|removed|pulled) off (?:the|a|an|that) "
        r"(?:project|account|team|client)|complain(?:ed|t|ts) about (?:his|her|their|my) "
        r"(?:work|conduct|behaviour|performance)|contract (?:ends|is ending|will not be "
        r"renewed|was not renewed)|formal warning)\b",
    ],
}

CATEGORIES = tuple(_CATEGORY_PATTERNS)
_COMPILED = {
    category: [re.compile(p, re.IGNORECASE) for p in patterns]
    for category, patterns in _CATEGORY_PATTERNS.items()
}
# A sentence ends at . ! ? (followed by space, a quote or the end) or a line break;
# "e.g." and "Dr." style abbreviations are common enough in notes to keep together.
_ABBREVIATIONS = re.compile(r"\b(?:e\.g|i\.e|etc|Dr|Mr|Mrs|Ms|St|vs|approx)\.$", re.IGNORECASE)
_BOUNDARY = re.compile(r"[.!?]+[\"')\]]*(?=\s|$)|\n+")


@dataclass(frozen=True)
class Disclosure:
    start: int
    end: int
    category: str
    text: str


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, end after its final punctuation, spaces trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end() if match.group(0).strip() else match.start()
        if match.group(0).strip() and _ABBREVIATIONS.search(text[start : match.end()]):
            continue
        spans.append((start, end))
        start = match.end()
    spans.append((start, len(text)))
    trimmed = []
    for begin, end in spans:
        while begin < end and text[begin].isspace():
            begin += 1
        while end > begin and text[end - 1].isspace():
            end -= 1
        if begin < end:
            trimmed.append((begin, end))
    return trimmed


def classify(sentence: str) -> str | None:
    """The disclosure category of one sentence, or None when it discloses nothing."""
    for category, patterns in _COMPILED.items():
        if any(p.search(sentence) for p in patterns):
            return category
    return None


EXAMPLES_FILE = KNOWLEDGE_DIR / "lexicon" / "disclosure_examples.yaml"
# A sentence this close (cosine) to a written disclosure, and closer to it than to every
# topic sentence (the feedback catalogue's examples among them), discloses: the most
# recall at precision 0.85 on the redaction eval's tuning split and the written examples
# left out in turn (``python -m evals.tools.calibrate_disclosures``; the held-out texts
# are never read).
DISCLOSURE_SIMILARITY = 0.31
NAMED_MARGIN = 0.1
# A disclosure must come within this much of the nearest topic sentence, not beat it:
# with some six hundred feedback examples among the topics, one of them is always near
# ("I have been off for two weeks with stress and my mentee covered the reading" came
# closer to "My mentee interrupts before I can finish" than to any disclosure). The
# smallest margin that keeps every disclosure of the redaction eval's tuning split.
TOPIC_MARGIN = 0.02
_ANCHOR = re.compile(rf"\b{WHO}\b", re.IGNORECASE)


class MeaningCheck:
    """Disclosures the patterns miss, found by meaning: a sentence that names a person
    ("I", "she", "his"...) is compared with the written examples of each category in
    ``knowledge/lexicon/disclosure_examples.yaml`` and with sentences that only talk
    about those subjects.

    ``ordinary`` sentences count as topics too: the services pass the feedback theme
    catalogue's examples, so a sentence nearer to ordinary talk about the programme
    than to any disclosure (by more than ``TOPIC_MARGIN``) stays. Without them "He has
    cancelled twice because of board meetings" read as health and "We have drifted far
    from the reason I joined" as politics, and feedback summaries lost what those people
    said."""

    def __init__(
        self,
        embed: Callable[[list[str]], np.ndarray],
        examples: Path = EXAMPLES_FILE,
        threshold: float = DISCLOSURE_SIMILARITY,
        ordinary: Sequence[str] = (),
    ) -> None:
        self.embed = embed
        self.examples = examples
        self.threshold = threshold
        self.ordinary = list(ordinary)

    @cached_property
    def _table(self) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
        data = yaml.safe_load(self.examples.read_text(encoding="utf-8"))
        labels = [c for c, items in data["categories"].items() for _ in items]
        texts = [t for items in data["categories"].values() for t in items]
        return (
            labels,
            _unit(self.embed(texts)),
            _unit(self.embed([*data["topics"], *self.ordinary])),
            np.array(labels),
        )

    def scores(self, sentences_: Sequence[str]) -> list[tuple[str, float, float]]:
        """Per sentence: the closest category, its similarity, the closest topic's."""
        labels, examples, topics, _ = self._table
        vectors = _unit(self.embed(list(sentences_)))
        near = vectors @ examples.T
        best = near.argmax(axis=1)
        topic = (vectors @ topics.T).max(axis=1)
        return [(labels[int(b)], float(near[i, b]), float(topic[i])) for i, b in enumerate(best)]

    def classify(
        self, sentences_: Sequence[str], named: Sequence[bool] | None = None
    ) -> list[str | None]:
        """Per sentence, the category it discloses by meaning, or None. A sentence that
        names a person but holds no pronoun (``named``) needs ``NAMED_MARGIN`` more:
        notes name someone in most sentences, so a name alone is weaker evidence."""
        named = named or [False] * len(sentences_)
        anchored = [i for i, s in enumerate(sentences_) if _ANCHOR.search(s) or named[i]]
        verdicts: list[str | None] = [None] * len(sentences_)
        if not anchored:
            return verdicts
        for i, (category, score, topic) in zip(
            anchored, self.scores([sentences_[i] for i in anchored]), strict=True
        ):
            bar = self.threshold
            if not _ANCHOR.search(sentences_[i]):
                bar += NAMED_MARGIN
            if score >= bar and score + TOPIC_MARGIN > topic:
                verdicts[i] = category
        return verdicts


def _unit(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1, norms)


def _as_pronouns(text: str, start: int, end: int, people: Sequence[tuple[int, int]]) -> str:
    """The sentence with each person's name read as "she": "Farah keeps the fast" is as
    personal as "she keeps the fast", and the patterns anchor on pronouns."""
    inside = sorted((max(s, start), min(e, end)) for s, e in people if s < end and start < e)
    if not inside:
        return text[start:end]
    pieces, at = [], start
    for s, e in inside:
        if s < at:
            continue
        pieces += [text[at:s], "she"]
        at = e
    pieces.append(text[at:end])
    return "".join(pieces)


def find_disclosures(
    text: str,
    meaning: MeaningCheck | None = None,
    people: Sequence[tuple[int, int]] = (),
) -> list[Disclosure]:
    """Disclosing sentences: by the patterns, then (with ``meaning``) by meaning.
    ``people`` are the spans of names found in ``text``: for the patterns, a name anchors
    a sentence the way a pronoun does."""
    found = []
    rest: list[tuple[int, int]] = []
    named: list[bool] = []
    for start, end in sentences(text):
        category = classify(_as_pronouns(text, start, end, people))
        if category is not None:
            found.append(Disclosure(start, end, category, text[start:end]))
        else:
            rest.append((start, end))
            named.append(any(s < end and start < e for s, e in people))
    if meaning is not None and rest:
        verdicts = meaning.classify([text[s:e] for s, e in rest], named)
        for (start, end), category in zip(rest, verdicts, strict=True):
            if category is not None:
                found.append(Disclosure(start, end, category, text[start:end]))
    return sorted(found, key=lambda d: d.start)
