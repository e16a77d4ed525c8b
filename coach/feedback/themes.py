"""Feedback themes: the catalogue in ``knowledge/feedback`` and how a sentence finds its own.

A sentence is cut into parts where its meaning may turn ("..., but ...", ";", " - ")
and where it runs into the next without a full stop; two clauses joined by "and", and
overlapping windows of a long part's words, are also read one by one. Each part carries
every theme whose cue it contains, or the theme its meaning names: a classifier trained
on the embeddings of the catalogue's written examples, checked against how close the part
is to that theme's own examples (``by_meaning``). A theme that is working is never given
to a part whose tone is negative, nor the other way round: "the agenda was useful" and
"the agenda was generic" share their words, not their meaning. Themes are counted by
people elsewhere; here a part may carry several.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from coach.errors import FieldProblem, KnowledgeError
from coach.knowledge import KNOWLEDGE_DIR

if TYPE_CHECKING:
    from sklearn.linear_model import LogisticRegression

FEEDBACK_DIR = KNOWLEDGE_DIR / "feedback"
# A theme by meaning alone (see ``ThemeFinder.by_meaning``), and how sure the classifier
# must be before a cue counts (``ThemeFinder.supported``). Chosen with
# ``python -m evals.tools.calibrate_themes``: each batch of read feedback
# sentences is scored by a catalogue holding every other batch, so the bars are judged on
# wording the examples do not contain (the catalogue's examples include those batches).
# all-mpnet-base-v2 reads the parts since 2026-12-07 (ninth session): with the bars chosen
# for all-MiniLM-L6-v2 (p 0.4, floor 0.35) the six read batches left out in turn went from
# P 0.905, R 0.894 (cohorts exact 0.886) to P 0.918, R 0.908 (exact 0.909). A grid over p
# (0.25-0.4), floor (0.25-0.45) and the classifier's C (3-100) then chose p 0.3, floor
# 0.38: P 0.921, R 0.917; cohorts R 0.929, P 0.943, exact 0.919 (a floor of 0.3 gave R
# 0.920 but read "It was not useful at all" as trouble with rooms and links, 0.36 close).
THEME_PROBABILITY = 0.3
THEME_SIMILARITY = 0.38
CLASSIFIER_C = 100.0  # weak regularisation: about forty examples per theme
# A part whose cues already name a theme takes a further theme by meaning only when it is
# this close to one of that theme's examples: near misses otherwise add a second, wrong one.
STRONG_SIMILARITY = 0.8
CUE_SUPPORT = 0.15
# Where a part holds cues of two themes or more, each needs only this much: the classifier
# picks one theme a part, and "he talks over me and our sessions keep being moved" or a
# sentence that runs into the next without a full stop says two things. (The batches left
# out carry one theme a sentence and show only what it costs, P 0.917 -> 0.900; on the
# summaries eval's tuning sets, where people say several things, exact counts gain 0.888
# -> 0.912 in a quick stand-in for the eval.)
SHARED_CUE_SUPPORT = 0.01
# A clause joined by "and" ("nobody has been in touch and our goals have gone nowhere")
# adds its own theme only where the classifier, reading the whole part, gives that theme
# at least this much; a cue the clause holds counts as it would in a part of its own.
CLAUSE_SUPPORT = 0.1
# A theme by meaning stands against the tone words, negator or not, where the classifier is
# this sure of it and the part this close to one of its examples: "I now get why the
# under-thirties don't answer the phone" is about another generation whatever "don't" does
# to the tone, and a sentence added to the catalogue as an example reads as its theme.
SURE_PROBABILITY = 0.85
SURE_SIMILARITY = 0.8
# A long part is also read in overlapping windows of words: a part that runs on without
# punctuation ("we send each other questions in advance and it works wifi in the north
# office is useless for video") says several things, and a long formal one buries its point
# in filler; the embedding of the whole blurs both. A window adds a theme by meaning only
# where the classifier on the whole part leaves room for it (``CLAUSE_SUPPORT``) and is
# itself ``WINDOW_PROBABILITY`` sure of it, and a cue only where the whole part holds it
# too (read with the whole part's negators). Answers typed on a phone run short fragments
# together ("he hogs the conversation a bit worried stuff gets passed on to HR"), so since
# the tenth session windows are four words from parts of eight; only parts that leave a
# theme unclaimed are read in windows (``ThemeFinder.find``). Chosen on the read batches
# left out, typed as answers (``evals.tools.calibrate_themes``): exact counts 0.878 ->
# 0.895 there, 0.919 -> 0.937 as cohorts of sentences, per-sentence P 0.921 -> 0.912.
WINDOW_FROM = 8  # words a part needs before it is read in windows
WINDOW_WORDS = 4
WINDOW_STEP = 2
WINDOW_PROBABILITY = 0.6
# What a sentence leans to without saying it plainly enough to carry the theme (see
# ``ThemeFinder.leanings``): the summary counts a person for a theme on a leaning only
# where two other people raised that theme plainly.
LEAN_PROBABILITY = 0.15
LEAN_SIMILARITY = 0.4
NO_THEME = ""  # the class of the catalogue's neutral sentences
NEGATION_WINDOW = 3  # words a negator reaches forward: "not very useful"

Slug = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)
Tone = Literal["positive", "negative"]

# Where a sentence's meaning may turn: each side is read on its own.
_TURNS = re.compile(
    r"\s*;\s*(?:however,?\s+)?|\s+[-\u2013]\s+|,?\s+but\s+|,?\s+although\s+"
    r"|,?\s+though\s+|,?\s+whereas\s+"
    r"|,?\s+however,?\s+|,?\s+yet\s+|,\s+and\s+|,\s+while\s+|,\s+so\s+",
    re.IGNORECASE,
)
# A sentence that ends without a full stop runs into the next: "coming in with questions
# ready keeps us on track It's been hard to carve out the hour". A capitalised word after
# a lower-case one starts a new sentence there, unless it is a name: "I" and acronyms do
# not count (their second letter is not lower case), nor a word after another capitalised
# one ("Sarah Jones") or after a word no sentence ends with ("a dashboard in Power BI").
_CAPITALISED = re.compile(r"\s+(?=[A-Z][a-z])")
# Words no sentence ends with.
_NO_END = re.compile(
    r"a|an|the|my|our|your|his|her|their|its|this|that|these|those|to|of|in|on|at|for|from"
    r"|with|by|about|into|onto|over|under|via|using|use|used|and|or|but|than|as|like",
    re.IGNORECASE,
)
# "I" may start a sentence that runs on from one without a full stop ("half an hour flies
# by, we need longer I bite my tongue a lot"), but not after a word that leads into a
# clause of the same sentence: a joining word ("because I"), a verb of thinking or saying
# ("think I"), a word a relative clause hangs from ("the last time I", "the way I") or a
# filler ("honestly I"). After a noun it may go either way ("the figures I need"), so the
# pieces are read beside the whole part, as clauses joined by "and" are.
_I_STARTS = re.compile(r"\s+(?=I(?:'m|'ve|'d|'ll|\u2019m|\u2019ve|\u2019d|\u2019ll)?\s)")
# (Words no sentence ends with, ``_NO_END``, are not repeated here.)
_BEFORE_I = re.compile(
    r"so|because|cos|when|whenever|if|which|what|who|how|why|where"
    r"|until|till|before|after|since|while|though|although|unless|whether|once|think"
    r"|thought|know|knew|feel|felt|guess|hope|wish|say|said|mean|sure|glad|worried|afraid"
    r"|time|times|way|ones|one|thing|things|stuff|everything|anything|something|nothing"
    r"|all|now|then|here|there|sometimes|often|never|always|also|just|even|only|maybe"
    r"|probably|actually|really|honestly|basically|what's|whatever|tbh",
    re.IGNORECASE,
)
# "and" with no comma joins two things said where a clause with its own subject follows
# a clause of its own: "he does all the talking and I don't dare push back", not "push
# back and pushes back himself" nor "my mentor and I".
_AND_CLAUSE = re.compile(
    r"\s+and\s+(?=(?:i|i'm|i've|we|we're|we've|he|she|they|it's|you|my|our|his|her|their"
    r"|the|no\s+one|nobody|nothing|there)\s)",
    re.IGNORECASE,
)
_WORDS = re.compile(r"[a-z0-9][a-z0-9'\u2019-]*")
# What the redactor leaves for a person or an identifier ("[PERSON_1]", "[PHONE_2]";
# coach.privacy.redaction): no example carries such a token, and it pulls a part towards
# whichever theme's examples its shape happens to resemble. A person is read as the
# partner, whom feedback names most; any other identifier as "this" ("Ring [PHONE_1] and
# ask for [PERSON_1]" read "Ring my partner and ask for my partner" sounded like a plea for
# help from the programme team). The bare and "#2" shapes are read the same way, since
# reading more tokens as words costs nothing here.
_PLACEHOLDER = re.compile(r"\[([A-Z][A-Z_]*?)(?:_\d+| #\d+)?\]")
PLACEHOLDER_READING = "my partner"
IDENTIFIER_READING = "this"


def plain_reading(part: str) -> str:
    """``part`` with each redaction placeholder read as the words it stands in for."""
    return _PLACEHOLDER.sub(
        lambda m: PLACEHOLDER_READING if m.group(1) == "PERSON" else IDENTIFIER_READING, part
    )


class ThemeAction(BaseModel):
    """Something a coordinator can do about a theme, backed by a guidance card."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(min_length=10, max_length=200)
    card: str = Slug


class ThemeSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Slug
    label: str = Field(min_length=5, max_length=80)
    tone: Tone
    cues: list[str] = Field(min_length=1)
    examples: list[str] = Field(min_length=2)
    actions: list[ThemeAction] = Field(min_length=1)


class ToneLexicon(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    positive: list[str] = Field(min_length=1)
    negative: list[str] = Field(min_length=1)
    negators: list[str] = Field(min_length=1)


class Catalogue(BaseModel):
    """Every theme and the tone words, as a coordinator may extend them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    themes: list[ThemeSpec] = Field(min_length=1)
    # Sentences that carry no theme, so the meaning check learns what that sounds like.
    neutral: list[str] = Field(default_factory=list)
    tone: ToneLexicon

    @model_validator(mode="after")
    def _unique(self) -> Catalogue:
        for key in ("id", "label"):
            values = [getattr(theme, key) for theme in self.themes]
            twice = sorted({v for v in values if values.count(v) > 1})
            if twice:
                raise ValueError(f"theme {key}s must be unique; used twice: {', '.join(twice)}")
        return self

    def theme(self, theme_id: str) -> ThemeSpec:
        return next(theme for theme in self.themes if theme.id == theme_id)

    @cached_property
    def by_label(self) -> dict[str, ThemeSpec]:
        return {theme.label: theme for theme in self.themes}

    def written(self) -> list[tuple[str, str]]:
        """(owner, sentence) of every written example; neutral ones are owned by
        ``NO_THEME``. What ordinary feedback about the programme sounds like."""
        owned = [(theme.id, text) for theme in self.themes for text in theme.examples]
        return owned + [(NO_THEME, text) for text in self.neutral]


def compile_cue(cue: str) -> re.Pattern[str]:
    """A cue as a pattern: words in order, ``stem*`` for any ending, ``~`` for a gap."""
    parts = []
    for word in cue.lower().split():
        if word == "~":
            parts.append(r"(?:\s+\S+){0,3}")
            continue
        stem = word.endswith("*")
        core = re.escape(word.rstrip("*")).replace("'", "['\u2019]")
        parts.append(r"\s+" + core + (r"[\w'\u2019-]*" if stem else r"(?![\w'\u2019-])"))
    pattern = "".join(parts).removeprefix(r"\s+")
    return re.compile(r"(?<![\w'\u2019-])" + pattern, re.IGNORECASE)


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(
            f"{path.name} cannot be read as YAML ({exc}).",
            [FieldProblem(path.name, "not valid YAML")],
        ) from None


def load_catalogue(directory: Path = FEEDBACK_DIR) -> Catalogue:
    """``themes.yaml`` and ``tone.yaml``, validated; one error names every bad field."""
    themes = _read_yaml(directory / "themes.yaml") or {}
    tone = _read_yaml(directory / "tone.yaml") or {}
    try:
        catalogue = Catalogue.model_validate({**themes, "tone": tone})
    except ValidationError as exc:
        problems = [
            FieldProblem(".".join(str(p) for p in e["loc"]), e["msg"]) for e in exc.errors()
        ]
        raise KnowledgeError(
            "The feedback theme catalogue is invalid: " + "; ".join(map(str, problems)),
            problems,
            hint="fix the named fields in knowledge/feedback (themes.yaml, tone.yaml).",
        ) from None
    for theme in catalogue.themes:
        for cue in theme.cues:
            if not cue.strip() or cue.split()[0] == "~" or cue.split()[-1] == "~":
                raise KnowledgeError(
                    f"theme '{theme.id}': the cue '{cue}' is empty or starts or ends with '~'.",
                    [FieldProblem(f"themes.{theme.id}.cues", "a cue needs words around '~'")],
                )
    return catalogue


def run_on_sentences(text: str) -> list[str]:
    """``text`` cut where a sentence without a full stop runs into the next: before a
    capitalised word that is not a name (``_CAPITALISED``)."""
    pieces, start = [], 0
    for match in _CAPITALISED.finditer(text):
        before = text[start : match.start()].split()
        last = before[-1] if before else ""
        if last[:1].islower() and not _NO_END.fullmatch(last.strip(",;:")):
            pieces.append(text[start : match.start()])
            start = match.end()
    return [*pieces, text[start:]]


def before_i(text: str) -> list[str]:
    """``text`` cut before each "I" that may start a sentence run on from the last
    (``_BEFORE_I``), where both sides have three words or more. Only a reading beside the
    whole: "the figures I need" is one sentence."""
    pieces, start = [], 0
    for match in _I_STARTS.finditer(text):
        before = text[start : match.start()].split()
        last = before[-1] if before else ""
        word = last.strip(";:")
        if (
            len(before) >= 3
            and len(text[match.end() :].split()) >= 3
            and word[:1].islower()
            and not word.endswith(",")
            and not _NO_END.fullmatch(word)
            and not _BEFORE_I.fullmatch(word)
        ):
            pieces.append(text[start : match.start()])
            start = match.end()
    return [*pieces, text[start:]]


def and_clauses(text: str) -> list[str]:
    """``text`` cut at each "and" that joins two clauses of three words or more."""
    for match in _AND_CLAUSE.finditer(text):
        left, right = text[: match.start()], text[match.end() :]
        if min(len(_WORDS.findall(side.lower())) for side in (left, right)) >= 3:
            return [left.strip(" ,"), *and_clauses(right)]
    return [text]


def word_windows(text: str) -> list[str]:
    """Overlapping runs of ``WINDOW_WORDS`` words of a part of ``WINDOW_FROM`` words or more."""
    words = text.split()
    if len(words) < WINDOW_FROM:
        return []
    last = len(words) - WINDOW_WORDS
    starts = [*range(0, last, WINDOW_STEP), last]
    return [" ".join(words[start : start + WINDOW_WORDS]) for start in starts]


def split_parts(sentence: str) -> list[str]:
    """The parts of a sentence where its meaning may turn; short scraps stay attached."""
    pieces = [p.strip(" ,.;") for run in run_on_sentences(sentence) for p in _TURNS.split(run)]
    parts: list[str] = []
    for piece in pieces:
        if not piece:
            continue
        if parts and len(_WORDS.findall(piece.lower())) < 3:
            parts[-1] = f"{parts[-1]} {piece}"
        else:
            parts.append(piece)
    return parts or [sentence]


class ToneReader:
    """+1, 0 or -1 for a text from the tone words, with negation turning a word round."""

    def __init__(self, lexicon: ToneLexicon) -> None:
        self._positive = [compile_cue(c) for c in lexicon.positive]
        self._negative = [compile_cue(c) for c in lexicon.negative]
        self._negators = {n.lower() for n in lexicon.negators}

    def _negated_at(self, text: str) -> list[tuple[int, int]]:
        """(start, end) character spans that a negator reaches."""
        reach = []
        words = list(_WORDS.finditer(text.lower()))
        for index, word in enumerate(words):
            single = word.group(0).replace("\u2019", "'")
            double = f"{single} {words[index + 1].group(0)}" if index + 1 < len(words) else ""
            if single in self._negators or double in self._negators:
                last = words[min(index + NEGATION_WINDOW, len(words) - 1)]
                reach.append((word.end(), last.end()))
        return reach

    def negated(self, text: str, position: int) -> bool:
        """Whether a negator reaches the word that starts at ``position``."""
        return any(start <= position < end for start, end in self._negated_at(text))

    def negates(self, phrase: str) -> bool:
        """Whether a phrase carries its own negator ("not a good fit")."""
        return bool(self._negated_at(phrase)) or any(
            w.group(0) in self._negators for w in _WORDS.finditer(phrase.lower())
        )

    def score(self, text: str) -> int:
        reach = self._negated_at(text)
        total = 0
        for patterns, sign in ((self._positive, 1), (self._negative, -1)):
            for pattern in patterns:
                for match in pattern.finditer(text):
                    negated = any(start <= match.start() < end for start, end in reach)
                    # A negated negative word ("not bad") is mild praise; a negated
                    # positive one ("not useful") is a complaint.
                    total += -sign if negated else sign
        return (total > 0) - (total < 0)


class ThemeFinder:
    """Which catalogue themes each sentence carries (ids, possibly several)."""

    def __init__(
        self,
        catalogue: Catalogue,
        embed: Callable[[list[str]], Any] | None,
        *,
        similarity: float = THEME_SIMILARITY,
        probability: float = THEME_PROBABILITY,
        cue_support: float = CUE_SUPPORT,
        embed_examples: Callable[[list[str]], Any] | None = None,
    ) -> None:
        """``embed_examples``: how the catalogue's examples are embedded, where not by
        ``embed`` (the services keep their vectors between processes)."""
        self.catalogue = catalogue
        self._embed_examples = embed_examples or embed
        self._cue_support = cue_support
        self.tone = ToneReader(catalogue.tone)
        self._embed = embed
        self._similarity = similarity
        self._probability = probability
        # A cue of something working does not count where a negator reaches it ("we
        # have not connected" is no sign of good rapport) unless it holds its own. Cues of
        # problems do: "I do not know who to contact" is still a complaint.
        self._cues = [
            (
                t.id,
                [(compile_cue(c), t.tone == "negative" or self.tone.negates(c)) for c in t.cues],
            )
            for t in catalogue.themes
        ]
        self._tones = {t.id: t.tone for t in catalogue.themes}

    @cached_property
    def _examples(self) -> tuple[np.ndarray, np.ndarray]:
        """(owner, vector) of every example; the neutral ones are owned by ``NO_THEME``."""
        assert self._embed_examples is not None
        written = self.catalogue.written()
        owners = [owner for owner, _ in written]
        texts = [text for _, text in written]
        vectors = np.asarray(self._embed_examples(texts), dtype=np.float32)
        return np.array(owners), vectors

    def cue_themes(self, part: str) -> set[str]:
        themes = set()
        for theme_id, patterns in self._cues:
            for pattern, stands in patterns:
                match = pattern.search(part)
                if match and (stands or not self.tone.negated(part, match.start())):
                    themes.add(theme_id)
                    break
        return themes

    def supported(self, probabilities: np.ndarray, cued: list[set[str]]) -> list[set[str]]:
        """The cued themes the classifier does not rule out: a cue is one word or phrase
        and fires outside its theme too ("Honestly one of the most useful things" is no
        sign of candour, "the people on the call" no complaint about links), so a lone
        cued theme stays only where the classifier gives it at least ``CUE_SUPPORT``.
        Where a part holds cues of several themes, each needs only ``SHARED_CUE_SUPPORT``.
        """
        column = {str(label): i for i, label in enumerate(self._classifier.classes_)}
        kept = []
        for row, cues in enumerate(cued):
            bar = self._cue_support if len(cues) == 1 else SHARED_CUE_SUPPORT
            kept.append({t for t in cues if probabilities[row, column[t]] >= bar})
        return kept

    def _read(self, parts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Per part, the classifier's probabilities and the cosine to every example (a
        redaction placeholder read as the words it stands in for: ``plain_reading``)."""
        assert self._embed is not None
        plain = [plain_reading(part) for part in parts]
        vectors = np.asarray(self._embed(plain), dtype=np.float32)
        _, examples = self._examples
        return self._classifier.predict_proba(vectors), vectors @ examples.T

    def _judge(
        self, parts: list[str], cues: list[set[str]]
    ) -> tuple[np.ndarray, list[set[str]], list[set[str]], list[set[str]]]:
        """Per part: the classifier's probabilities, the cued themes it supports, and the
        themes by meaning and sure ones (``supported``, ``by_meaning``)."""
        probabilities, scores = self._read(parts)
        cued = self.supported(probabilities, cues)
        near, sure = self.by_meaning(probabilities, scores, cued)
        return probabilities, cued, near, sure

    def by_meaning(
        self, probabilities: np.ndarray, scores: np.ndarray, cued: list[set[str]]
    ) -> tuple[list[set[str]], list[set[str]]]:
        """Per part, the theme its meaning names, if one does; and per part that theme
        again where the classifier is ``SURE_PROBABILITY`` sure of it and the part
        ``SURE_SIMILARITY`` close to one of its examples (no tone words overrule it).

        A classifier trained on the catalogue's examples picks the likeliest theme; the
        part takes it when the classifier gives it at least ``THEME_PROBABILITY`` and the
        part is at least ``THEME_SIMILARITY`` close to one of that theme's own examples
        (a sentence about nothing in the catalogue is far from every example, however the
        probabilities fall). A part whose cues already name a theme takes a further one
        only when it is ``STRONG_SIMILARITY`` close to one of its examples. Only one theme
        per part comes by meaning: several themes close together usually means none of
        them is what was said.
        """
        owners, _ = self._examples
        labels = self._classifier.classes_
        near: list[set[str]] = []
        sure: list[set[str]] = []
        for row, column in enumerate(probabilities.argmax(axis=1)):
            theme = str(labels[column])
            if theme == NO_THEME:
                near.append(set())
                sure.append(set())
                continue
            closest = float(scores[row, owners == theme].max())
            if cued[row]:
                fits = closest >= STRONG_SIMILARITY
            else:
                fits = probabilities[row, column] >= self._probability and (
                    closest >= self._similarity
                )
            near.append({theme} if fits else set())
            certain = probabilities[row, column] >= SURE_PROBABILITY
            sure.append({theme} if fits and certain and closest >= SURE_SIMILARITY else set())
        return near, sure

    @cached_property
    def _classifier(self) -> LogisticRegression:
        """Multinomial logistic regression over the examples' embeddings (lbfgs, so the
        same catalogue always gives the same model); retrained whenever the catalogue is
        loaded, so examples a coordinator adds count at once."""
        from sklearn.linear_model import LogisticRegression

        owners, examples = self._examples
        return LogisticRegression(C=CLASSIFIER_C, max_iter=2000).fit(examples, owners)

    def leanings(self, sentences_: Sequence[str]) -> list[set[str]]:
        """Per sentence, the themes its parts lean to: the classifier's likeliest theme for
        the part (or its second, where the tone words rule the first out), at least
        ``LEAN_PROBABILITY`` likely and ``LEAN_SIMILARITY`` close to one of its examples.
        Nothing where the neutral class comes first. Weaker evidence than ``find``: a
        reading in the light of what others said, not on its own."""
        if self._embed is None or not sentences_:
            return [set() for _ in sentences_]
        parts = [(index, part) for index, s in enumerate(sentences_) for part in split_parts(s)]
        probabilities, scores = self._read([part for _, part in parts])
        labels = [str(label) for label in self._classifier.classes_]
        owners, _ = self._examples
        leaning: list[set[str]] = [set() for _ in sentences_]
        for row, (index, part) in enumerate(parts):
            tone = self.tone.score(part)
            for column in np.argsort(-probabilities[row])[:2]:
                theme = labels[column]
                if theme == NO_THEME:
                    break
                if tone == (-1 if self._tones[theme] == "positive" else 1):
                    continue
                closest = float(scores[row, owners == theme].max())
                if probabilities[row, column] >= LEAN_PROBABILITY and closest >= LEAN_SIMILARITY:
                    leaning[index].add(theme)
                break
        return leaning

    def find(self, sentences_: Sequence[str]) -> list[list[str]]:
        """For each sentence, its theme ids in catalogue order."""
        # (sentence, text, whole): a part of a sentence, or a clause of such a part joined
        # by "and" or a window of its words, read on its own too; ``whole`` is the index of
        # the part it comes from.
        parts: list[tuple[int, str, int | None]] = []
        for index, sentence in enumerate(sentences_):
            for part in split_parts(sentence):
                at = len(parts)
                parts.append((index, part, None))
                if self._embed is None:
                    continue
                clauses = [piece for clause in and_clauses(part) for piece in before_i(clause)]
                if len(clauses) > 1:
                    parts += [(index, clause, at) for clause in clauses]
        found: list[set[str]] = [set() for _ in sentences_]
        raw_cues = [self.cue_themes(part) for _, part, _ in parts]
        cued = raw_cues
        near: list[set[str]] = [set() for _ in parts]
        sure: list[set[str]] = [set() for _ in parts]
        probabilities = np.zeros((0, 0))
        column: dict[str, int] = {}
        windows: set[int] = set()  # which parts are windows
        if parts and self._embed is not None:
            probabilities, cued, near, sure = self._judge([p for _, p, _ in parts], raw_cues)
            column = {str(label): i for i, label in enumerate(self._classifier.classes_)}
            # Windows are read only for a long part that leaves a theme unclaimed: one
            # the classifier gives at least ``CLAUSE_SUPPORT`` (all a window's theme by
            # meaning may add) that neither its cues nor its meaning gave it. Reading
            # every long part in windows would embed three times as many texts.
            extra: list[tuple[int, str, int]] = []
            for at, (index, part, whole) in enumerate(parts):
                room = {
                    str(label)
                    for label, p in zip(self._classifier.classes_, probabilities[at], strict=True)
                    if p >= CLAUSE_SUPPORT and str(label) != NO_THEME
                }
                if whole is None and room - cued[at] - near[at]:
                    extra += [(index, window, at) for window in word_windows(part)]
            if extra:
                # a cue the window cuts off from its negator does not count
                more_cues = [self.cue_themes(w) & raw_cues[at] for _, w, at in extra]
                more, more_cued, more_near, more_sure = self._judge(
                    [w for _, w, _ in extra], more_cues
                )
                windows = set(range(len(parts), len(parts) + len(extra)))
                parts += extra
                probabilities = np.vstack([probabilities, more])
                cued = [*cued, *more_cued]
                near = [*near, *more_near]
                sure = [*sure, *more_sure]
        for at, ((index, part, whole), cues, close, certain) in enumerate(
            zip(parts, cued, near, sure, strict=True)
        ):
            tone = self.tone.score(part)
            # A theme found by meaning was learnt from examples of its own tone, so the
            # tone words overrule it only where a negator turns the part round, which an
            # embedding hardly sees ("It was not useful at all" sits near praise). "He
            # treats the sessions as a chance to coach me rather than learn" reads
            # positive word by word and is a complaint. A sure reading stands regardless.
            negated = self.tone.negates(part)
            for theme_id in cues | close:
                wanted = 1 if self._tones[theme_id] == "positive" else -1
                trusted = theme_id in certain or (theme_id in close and not negated)
                if not (trusted or tone != -wanted or (theme_id in cues and len(cues) == 1)):
                    continue
                # A clause adds a theme by meaning only where the whole part leaves room
                # for it: "he sets the direction and my points get lost" is one complaint,
                # and its second clause alone reads like something else. A clause's cue of
                # its own stands ("... and our sessions keep being moved"); a window's does
                # not, since the whole part holds it too and was judged with it there ("I
                # don't think we have really connected at all over the past few months"
                # says no rapport, whatever a window ending on "connected" reads like).
                if (
                    whole is not None
                    and (theme_id not in cues or at in windows)
                    and probabilities[whole, column[theme_id]] < CLAUSE_SUPPORT
                ):
                    continue
                if (
                    at in windows
                    and theme_id not in cues
                    and probabilities[at, column[theme_id]] < WINDOW_PROBABILITY
                ):
                    continue
                found[index].add(theme_id)
        order = [t.id for t in self.catalogue.themes]
        return [[tid for tid in order if tid in ids] for ids in found]
