"""Feedback: participants answer, coordinators read summaries that protect the pair.

What a participant writes is raw feedback: only its author reads it back. Coordinators
get a summary per programme and stage, and only when at least the programme's minimum
cohort size (default 3) have answered; below that the answer says so and nothing else.

A summary is built from redacted text only (roster-aware: names, nicknames, emails, ids,
phones, disclosures), so no backend, local or remote, sees who said what:
1. every text is split into sentences and redacted; sentences that carried a sensitive
   disclosure are dropped whole (a marker alone says that somebody disclosed something);
2. sentences are embedded and each joins the nearest theme of a catalogue of feedback
   themes that programmes meet (scheduling, preparation, pairing fit, ...) when it is
   close enough; no label is ever made from participants' words; a theme is shown only
   when at least two people raised it;
3. the offline composer labels themes, scores sentiment, lists what works and what
   does not, suggests actions, and quotes only consenting authors (after redaction);
   the ``openai`` backend may write the same from ``prompts/feedback_summary.j2``;
4. a final leak check scans every string of the result against the roster, the
   recognisers and the disclosure patterns: an identifier is redacted, a quote or example
   that carries a disclosure is dropped whole, a theme whose label is not from the
   catalogue is dropped; each is counted in ``leaks_redacted``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from pydantic import BaseModel, Field

from coach.domain import (
    Feedback,
    FeedbackIn,
    FeedbackStage,
    PairingStatus,
    Participant,
)
from coach.errors import FieldProblem, InputValidationError, NotFoundError
from coach.llm.task import Restore, Task
from coach.prep.context import stage_for
from coach.privacy.aggregates import protected_mean
from coach.privacy.disclosures import sentences
from coach.privacy.redaction import Redactor

if TYPE_CHECKING:
    from coach.llm.backends import Backend
    from coach.services import Services

log = logging.getLogger("coach.feedback")

LOW_FIT = 2  # a pairing-fit rating at or below this flags the pair for a conversation
MIN_THEME_RESPONDENTS = 2  # a theme raised by one person could point at that person
THEME_SIMILARITY = 0.4  # a sentence joins a catalogue theme at or above this score
MAX_QUOTES = 3


# -- submitting ------------------------------------------------------------------------


def submit_feedback(
    services: Services, programme_id: int, author: Participant, data: FeedbackIn
) -> Feedback:
    """Validate and store one participant's answer for their own pairing."""
    store = services.store
    pairing = store.get_pairing(data.pairing_id)
    # A suggestion, rejection or withdrawal is not the participant's to see: it answers
    # like a pairing that does not exist, without telling its status.
    if (
        pairing.programme_id != programme_id
        or author.id not in (pairing.mentor_id, pairing.mentee_id)
        or pairing.status not in (PairingStatus.APPROVED, PairingStatus.ENDED)
    ):
        raise NotFoundError("pairing of this participant", data.pairing_id)
    problems: list[FieldProblem] = []
    programme = store.get_programme(programme_id)
    if data.stage is FeedbackStage.SESSION:
        if data.session_number is None:
            problems.append(
                FieldProblem("session_number", "say which session this feedback is about")
            )
        elif data.session_number > programme.sessions_planned:
            problems.append(
                FieldProblem(
                    "session_number",
                    f"the programme plans {programme.sessions_planned} sessions; "
                    f"use 1 to {programme.sessions_planned}",
                )
            )
    elif data.session_number is not None:
        problems.append(
            FieldProblem(
                "session_number",
                f"leave it empty for {data.stage.value} feedback (it is about the programme "
                "so far, not one session)",
            )
        )
    unknown = sorted(set(data.goal_progress) - set(author.goals))
    for goal in unknown:
        known = "; ".join(author.goals) or "none yet (add goals to your profile)"
        problems.append(
            FieldProblem(f"goal_progress.{goal}", f"not one of your goals; rate one of: {known}")
        )
    if problems:
        raise InputValidationError(
            "The feedback is not valid: " + "; ".join(str(p) for p in problems),
            problems,
            hint="correct the named fields; nothing was stored.",
        )
    session_stage = (
        stage_for(data.session_number, programme.sessions_planned)
        if data.session_number is not None
        else None
    )
    return store.add_feedback(author.id, data, session_stage=session_stage)


# -- re-pairing flags ------------------------------------------------------------------


class PairingFlag(BaseModel):
    """A pair to talk to: someone rated the fit low. Never says who, nor what was written."""

    pairing_id: int
    mentor_name: str
    mentee_name: str
    stage: FeedbackStage
    flagged_at: str
    message: str = "may need re-pairing: a pairing-fit rating of 2 or lower"


def repairing_flags(services: Services, programme_id: int) -> list[PairingFlag]:
    store = services.store
    latest: dict[int, Feedback] = {}
    for answer in store.feedback_for(programme_id):
        if answer.pairing_fit <= LOW_FIT:
            latest[answer.pairing_id] = answer
    flags = []
    for pairing_id, answer in sorted(latest.items()):
        pairing = store.get_pairing(pairing_id)
        if pairing.status is not PairingStatus.APPROVED:
            continue  # already ended or re-paired
        flags.append(
            PairingFlag(
                pairing_id=pairing_id,
                mentor_name=store.get_participant(pairing.mentor_id).name,
                mentee_name=store.get_participant(pairing.mentee_id).name,
                stage=answer.stage,
                # The day only: the exact time could tell which side answered.
                flagged_at=answer.created_at.date().isoformat(),
            )
        )
    return flags


# -- summaries -------------------------------------------------------------------------


@dataclass(frozen=True)
class ThemeSpec:
    """One theme of the catalogue: what it is about (embedded) and what to do if it hurts."""

    label: str
    about: str
    action: str


THEMES: tuple[ThemeSpec, ...] = (
    ThemeSpec(
        "Finding time for sessions",
        "sessions moved, cancelled or rescheduled; busy diaries; no time; calendar clashes; "
        "quarter-end pressure; meetings postponed; finding a regular slot",
        "Protect session time: agree a fixed recurring slot and ask line managers to free "
        "the mentor's diary for it.",
    ),
    ThemeSpec(
        "Session length and frequency",
        "sessions too short or too long; not enough time once we get going; meet more often "
        "or less often; forty-five minutes; an hour",
        "Review session length and cadence with the pairs at the mid-point review.",
    ),
    ThemeSpec(
        "Preparation and agendas",
        "the mentee came prepared; agenda was useful or too generic; preparing questions "
        "before the session; rewriting the agenda",
        "Ask mentees to send their agenda a day ahead and tailor it to their own goals.",
    ),
    ThemeSpec(
        "Learning digital skills and tools",
        "learnt about TikTok, social media, data dashboards, AI tools, technology; finally "
        "understand the data platform; learning the new tools; tried the tools between "
        "sessions",
        "Add hands-on practice with the tools between sessions, with a short task each time.",
    ),
    ThemeSpec(
        "Confidence to give candid feedback upward",
        "holding back; nervous about giving feedback to someone senior; speaking up; felt "
        "like a conversation between equals; confidence",
        "Offer the mentors a short session on giving candid feedback to senior colleagues.",
    ),
    ThemeSpec(
        "Senior mentee taking over the session",
        "the mentee talks too much, tells stories about the old days, takes over, the "
        "session drifts and we lose the thread",
        "Share the guidance on letting the mentor lead, and use the agenda to keep focus.",
    ),
    ThemeSpec(
        "Pairing fit and rapport",
        "the match feels right or wrong; little in common; conversations feel forced; good "
        "rapport; we get on well; compatible styles",
        "Check in with pairs who report a poor fit and offer re-pairing where it does not improve.",
    ),
    ThemeSpec(
        "Confidentiality and trust",
        "line manager asks what we talk about; uncomfortable; private; confidential; "
        "trust; what is said stays in the room",
        "Remind line managers of the ground rules: give the time, never ask about content.",
    ),
    ThemeSpec(
        "Logistics: rooms, booking and sharing resources",
        "room booking system; video call links; sharing slides and resources; attachments "
        "get lost; the tools for meeting",
        "Fix the logistics: a bookable space for pairs and one place to share resources.",
    ),
    ThemeSpec(
        "Programme support and check-ins",
        "mid-point check-in was rushed; coordinator support; kick-off event; briefing from "
        "the programme team; who to contact; programme organisation",
        "Give the mid-point review a proper slot and name a contact person for each pair.",
    ),
    ThemeSpec(
        "Understanding another generation",
        "understand how younger colleagues think and work; what graduates want; the "
        "other perspective; culture and generational differences",
        "Collect the insights pairs are willing to share for the sponsor's report.",
    ),
    ThemeSpec(
        "Visibility and growth for the junior mentor",
        "visibility with senior leaders; a senior advocate; career growth; leadership "
        "practice; network; presenting to the board",
        "Recognise mentors' contribution in their development reviews.",
    ),
)

_POSITIVE = re.compile(
    r"\b(?:useful|great|helpful|helped|brilliant|enjoy(?:ed|ing)?|valuable|good|best|"
    r"learn(?:t|ed)|works? well|grateful|thoughtful|patient|better|love(?:d)?|excellent|"
    r"finally understand|insightful|generous|clear|lifeline|mattered|fantastic|equals)\b",
    re.IGNORECASE,
)
_NEGATIVE = re.compile(
    r"\b(?:hard|difficult|awful|rushed|too short|too long|not enough|lost|suffer(?:ing|s)?|"
    r"forced|uncomfortable|struggl(?:e|ed|ing)|moved|cancel(?:led|ed)|generic|drift(?:s|ed)?|"
    r"not sure|wish|frustrat(?:ed|ing)|slow|confus(?:ed|ing)|hold back|poor|bad|waste|"
    r"nothing in common|little in common|late|no time|can't|cannot|didn't|doesn't work|"
    r"worse|worry|worried|awkward)\b",
    re.IGNORECASE,
)
_NEGATED = re.compile(
    r"\b(?:not|never|no longer|hardly)\s+(?:\w+\s+)?(?:useful|helpful|good|clear)\b", re.IGNORECASE
)
_MARKER = re.compile(r"\[[a-z ]+ disclosure(?: #\d+)?\]")
_PLACEHOLDER = re.compile(r"\[[A-Z_]+_\d+\]")


def sentence_sentiment(sentence: str) -> int:
    """+1, 0 or -1: a small lexicon with negation, enough to sort themes by tone."""
    score = len(_POSITIVE.findall(sentence)) - len(_NEGATIVE.findall(sentence))
    score -= 2 * len(_NEGATED.findall(sentence))
    return (score > 0) - (score < 0)


class Theme(BaseModel):
    label: str
    respondents: int = Field(description="How many people raised it (at least two).")
    sentiment: Literal["positive", "negative", "mixed"]
    example: str | None = Field(
        default=None, description="A redacted sentence from someone who consented to quotes."
    )


class FeedbackSummary(BaseModel):
    """What a coordinator reads about one programme stage."""

    programme_id: int
    stage: FeedbackStage
    status: Literal["ok", "too_few_responses"]
    message: str
    min_cohort_size: int
    respondents: int | None = None
    responses: int | None = None
    usefulness_mean: float | None = None
    pairing_fit_mean: float | None = None
    sentiment: dict[str, int] = Field(default_factory=dict)  # sentences by tone
    overall_sentiment: Literal["positive", "negative", "mixed"] | None = None
    themes: list[Theme] = Field(default_factory=list)
    working: list[str] = Field(default_factory=list)
    not_working: list[str] = Field(default_factory=list)
    suggested_actions: list[str] = Field(default_factory=list)
    quotes: list[str] = Field(default_factory=list)
    flags_for_repairing: int = 0
    generated_by: str = "offline"
    fallback_reason: str | None = None
    leaks_redacted: int = 0


class SummarySentence(BaseModel):
    id: int
    author: int  # an index within this summary, never a participant id
    text: str  # redacted
    sentiment: int
    quotable: bool
    theme: str | None = None  # a catalogue label, or None when no theme is near


class SummaryContext(BaseModel):
    """The input of the summary job: redacted sentences and figures, nothing else."""

    programme_name: str
    programme_id: int
    stage: FeedbackStage
    min_cohort_size: int
    respondents: int
    responses: int
    usefulness_mean: float
    pairing_fit_mean: float
    flags_for_repairing: int
    sentences: list[SummarySentence]
    catalogue: list[dict[str, str]]


def build_summary_context(
    services: Services,
    programme_id: int,
    stage: FeedbackStage,
    redactor: Redactor | None = None,
) -> SummaryContext | FeedbackSummary:
    """The redacted, clustered input; or the refusal when too few people answered."""
    store = services.store
    programme = store.get_programme(programme_id)
    answers = store.feedback_for(programme_id, stage)
    respondents = sorted({answer.author_id for answer in answers})
    if len(respondents) < programme.min_cohort_size:
        return FeedbackSummary(
            programme_id=programme_id,
            stage=stage,
            status="too_few_responses",
            message=(
                f"Fewer than {programme.min_cohort_size} people have answered "
                f"{stage.value} feedback, so no summary is shown: it could point at them."
            ),
            min_cohort_size=programme.min_cohort_size,
        )
    minimum = programme.min_cohort_size
    redactor = redactor or services.redactor(programme_id)
    author_index = {author: index for index, author in enumerate(respondents, start=1)}
    rows: list[SummarySentence] = []
    for answer in answers:
        redacted = redactor.redact(answer.text).text if answer.text.strip() else ""
        # A disclosure marker stands for a whole sentence: it becomes a break, so the
        # disclosure is dropped and its neighbours stay separate sentences.
        redacted = _MARKER.sub("\n", redacted)
        for start, end in sentences(redacted):
            text = redacted[start:end].strip()
            if len(text) < 8:
                continue
            rows.append(
                SummarySentence(
                    id=len(rows),
                    author=author_index[answer.author_id],
                    text=text,
                    sentiment=sentence_sentiment(text),
                    quotable=answer.consent_to_quote,
                )
            )
    assign_themes(rows, services.embedder.embed)
    return SummaryContext(
        programme_name=programme.name,
        programme_id=programme_id,
        stage=stage,
        min_cohort_size=programme.min_cohort_size,
        respondents=len(respondents),
        responses=len(answers),
        # Released in whole steps of the minimum cohort: see coach.privacy.aggregates.
        usefulness_mean=protected_mean([a.usefulness for a in answers], minimum) or 0.0,
        pairing_fit_mean=protected_mean([a.pairing_fit for a in answers], minimum) or 0.0,
        flags_for_repairing=len(
            [f for f in repairing_flags(services, programme_id) if f.stage is stage]
        ),
        sentences=rows,
        catalogue=[{"label": t.label, "about": t.about} for t in THEMES],
    )


def assign_themes(rows: list[SummarySentence], embed: Callable[[list[str]], Any]) -> None:
    """Give each sentence its nearest catalogue theme when close enough, else none.

    A sentence's score for a theme is the mean of its cosine with the whole description
    and with the closest single phrase of it: the whole catches the gist, the phrase a
    sentence that says one of the things precisely.
    """
    if not rows:
        return
    vectors = np.asarray(embed([row.text for row in rows]), dtype=np.float32)
    whole = np.asarray(embed([f"{t.label}: {t.about}" for t in THEMES]), dtype=np.float32)
    phrases = [(i, p.strip()) for i, t in enumerate(THEMES) for p in [t.label, *t.about.split(";")]]
    phrase_vectors = np.asarray(embed([p for _, p in phrases]), dtype=np.float32)
    owners = np.array([i for i, _ in phrases])
    by_phrase = vectors @ phrase_vectors.T
    best_phrase = np.stack(
        [by_phrase[:, owners == i].max(axis=1) for i in range(len(THEMES))], axis=1
    )
    similarity = (vectors @ whole.T + best_phrase) / 2
    # Sentences near no catalogue theme stay unthemed: a label made from their own words
    # would carry what one person wrote (a surname, a condition) to the coordinator.
    for index, row in enumerate(rows):
        best = int(np.argmax(similarity[index]))
        row.theme = THEMES[best].label if similarity[index, best] >= THEME_SIMILARITY else None


def compose_summary(context: SummaryContext) -> FeedbackSummary:
    """The offline summary: deterministic, extractive, built from redacted sentences."""
    by_theme: dict[str, list[SummarySentence]] = {}
    for row in context.sentences:
        if row.theme:
            by_theme.setdefault(row.theme, []).append(row)
    actions = {t.label: t.action for t in THEMES}
    themes: list[Theme] = []
    for label, rows in by_theme.items():
        people = {row.author for row in rows}
        if len(people) < MIN_THEME_RESPONDENTS:
            continue
        tone = sum(row.sentiment for row in rows)
        positives = sum(row.sentiment > 0 for row in rows)
        negatives = sum(row.sentiment < 0 for row in rows)
        sentiment: Literal["positive", "negative", "mixed"] = (
            "positive"
            if positives and not negatives
            else "negative"
            if negatives and not positives
            else ("positive" if tone > 0 else "negative" if tone < 0 else "mixed")
        )
        quotable = [row for row in rows if row.quotable]
        themes.append(
            Theme(
                label=label,
                respondents=len(people),
                sentiment=sentiment,
                example=quotable[0].text if quotable else None,
            )
        )
    themes.sort(key=lambda t: (-t.respondents, t.label))
    counts = {
        "positive": sum(row.sentiment > 0 for row in context.sentences),
        "negative": sum(row.sentiment < 0 for row in context.sentences),
        "neutral": sum(row.sentiment == 0 for row in context.sentences),
    }
    overall: Literal["positive", "negative", "mixed"] = (
        "positive"
        if counts["positive"] > 1.5 * counts["negative"]
        else "negative"
        if counts["negative"] > 1.5 * counts["positive"]
        else "mixed"
    )
    not_working = [t.label for t in themes if t.sentiment in ("negative", "mixed")]
    suggested = [actions[label] for label in not_working if label in actions]
    if context.flags_for_repairing:
        suggested.append(
            f"Talk to the {context.flags_for_repairing} pair(s) flagged for a low pairing-fit "
            "rating before the next session."
        )
    quotes = _pick_quotes(context.sentences, themes)
    return FeedbackSummary(
        programme_id=context.programme_id,
        stage=context.stage,
        status="ok",
        message=f"{context.respondents} people gave {context.responses} answers.",
        min_cohort_size=context.min_cohort_size,
        respondents=context.respondents,
        responses=context.responses,
        usefulness_mean=context.usefulness_mean,
        pairing_fit_mean=context.pairing_fit_mean,
        sentiment=counts,
        overall_sentiment=overall,
        themes=themes,
        working=[t.label for t in themes if t.sentiment == "positive"],
        not_working=not_working,
        suggested_actions=suggested,
        quotes=quotes,
        flags_for_repairing=context.flags_for_repairing,
    )


def _pick_quotes(rows: list[SummarySentence], themes: list[Theme]) -> list[str]:
    """Consented, redacted sentences: one per leading theme, then the most positive."""
    quotes: list[str] = []
    for theme in themes:
        if theme.example and theme.example not in quotes:
            quotes.append(theme.example)
        if len(quotes) == MAX_QUOTES:
            return quotes
    for row in sorted(rows, key=lambda r: (-r.sentiment, r.id)):
        if row.quotable and row.text not in quotes and len(row.text) >= 30:
            quotes.append(row.text)
        if len(quotes) == MAX_QUOTES:
            break
    return quotes


def check_summary(summary: FeedbackSummary, context: SummaryContext) -> list[str]:
    """What a generated summary must respect (a model's answer is held to it too)."""
    problems = []
    consented = {row.text for row in context.sentences if row.quotable}
    for quote in summary.quotes:
        if quote not in consented:
            problems.append(f"quote not from a consenting author, word for word: {quote[:60]}")
    labels = {t.label for t in THEMES}
    for theme in summary.themes:
        if theme.label not in labels:
            problems.append(f"theme '{theme.label[:60]}' is not a catalogue label")
        if theme.respondents < MIN_THEME_RESPONDENTS:
            problems.append(f"theme '{theme.label}' has fewer than two respondents")
        if theme.respondents > context.respondents:
            problems.append(f"theme '{theme.label}' counts more people than answered")
        if theme.example and theme.example not in consented:
            problems.append(f"theme '{theme.label}' example is not a consented sentence")
    return problems


def leak_check(summary: FeedbackSummary, redactor: Redactor) -> FeedbackSummary:
    """Make every string of the summary safe to show a coordinator, and count each fix.

    - theme labels and the working / not-working lists hold catalogue labels only: any
      other label (a model's own, or words of a participant) is dropped;
    - a quote, example or free sentence that carries a sensitive disclosure is dropped
      whole (its neighbouring words identify as much as the term);
    - any other identifier found (roster names, emails, phones, ...) becomes
      ``[REDACTED]``. Strings of our own catalogue are ours and pass untouched.
    """
    labels = {t.label for t in THEMES}
    safe = labels | {t.action for t in THEMES}
    caught = 0

    def findings(text: str) -> list[Any]:
        # Placeholders are already safe: what overlaps one is not a finding.
        placeholders = [(m.start(), m.end()) for m in _PLACEHOLDER.finditer(text)]
        return [
            f
            for f in redactor.find(text)
            if not any(f.start < end and start < f.end for start, end in placeholders)
        ]

    def clean(text: str) -> str | None:
        """The text with identifiers redacted, or None when it must go whole."""
        nonlocal caught
        if text in safe:
            return text
        found = findings(text)
        if not found:
            return text
        caught += len(found)
        if any(f.label == "DISCLOSURE" for f in found):
            return None
        pieces, last = [], 0
        for item in sorted(found, key=lambda f: f.start):
            if item.start < last:
                continue
            pieces += [text[last : item.start], "[REDACTED]"]
            last = item.end
        pieces.append(text[last:])
        return "".join(pieces)

    def label_only(text: str) -> bool:
        nonlocal caught
        if text in labels:
            return True
        caught += 1
        return False

    data = summary.model_dump()
    data["themes"] = [
        {**t, "example": clean(t["example"]) if t["example"] else None}
        for t in data["themes"]
        if label_only(t["label"])
    ]
    for key in ("working", "not_working"):
        data[key] = [text for text in data[key] if label_only(text)]
    for key in ("suggested_actions", "quotes"):
        data[key] = [kept for text in data[key] if (kept := clean(text)) is not None]
    data["message"] = clean(data["message"]) or "Summary of the answers."
    if caught:
        log.warning("feedback summary leak check removed or redacted %d item(s)", caught)
    data["leaks_redacted"] = summary.leaks_redacted + caught
    return FeedbackSummary.model_validate(data)


def _protect_summary(context: SummaryContext, redactor: Redactor | None) -> tuple[Any, Restore]:
    """Summary sentences are redacted already; a second pass costs little and catches
    anything the first missed. Nothing is ever mapped back for a coordinator."""
    if redactor is not None:
        data = context.model_dump()
        for row in data["sentences"]:
            row["text"] = redactor.redact(row["text"]).text
        context = SummaryContext.model_validate(data)
    return context, lambda value: value


def _summary_defaults(context: SummaryContext) -> dict[str, Any]:
    return {
        "programme_id": context.programme_id,
        "stage": context.stage.value,
        "status": "ok",
        "message": f"{context.respondents} people gave {context.responses} answers.",
        "min_cohort_size": context.min_cohort_size,
        "respondents": context.respondents,
        "responses": context.responses,
        "usefulness_mean": context.usefulness_mean,
        "pairing_fit_mean": context.pairing_fit_mean,
        "flags_for_repairing": context.flags_for_repairing,
    }


FEEDBACK_SUMMARY: Task[SummaryContext, FeedbackSummary] = Task(
    "feedback_summary",
    "feedback_summary.j2",
    FeedbackSummary,
    compose_summary,
    check_summary,
    _protect_summary,
    _summary_defaults,
)


def summarise_feedback(
    services: Services,
    programme_id: int,
    stage: FeedbackStage,
    *,
    backend: Backend | None = None,
) -> FeedbackSummary:
    """The coordinator's summary of one programme stage, with the configured backend."""
    from coach.llm.backends import get_backend

    redactor = services.redactor(programme_id)
    built = build_summary_context(services, programme_id, stage, redactor)
    if isinstance(built, FeedbackSummary):
        return built
    runner = backend or get_backend(services.settings)
    summary = runner.execute(FEEDBACK_SUMMARY, built, redactor=redactor)
    return leak_check(summary, redactor)


def my_feedback(services: Services, programme_id: int, author: Participant) -> list[Feedback]:
    """An author's own answers, text included (nobody else reads them)."""
    return services.store.feedback_by_author(programme_id, author.id)
