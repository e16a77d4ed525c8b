"""Feedback submission, re-pairing flags and coordinator summaries (real store, model)."""

import json

import httpx2
import pytest

from coach.config import load_settings
from coach.domain import FeedbackIn, FeedbackStage, PairingStatus
from coach.errors import ConflictError, InputValidationError, NotFoundError
from coach.feedback import (
    FeedbackSummary,
    repairing_flags,
    submit_feedback,
    summarise_feedback,
)
from coach.feedback.summary import (
    SummaryContext,
    SummarySentence,
    compose_summary,
    count_in_context,
    leak_check,
    typed_as_a_sentence,
)
from coach.llm.backends import OpenAIBackend
from tests.llm.test_backends import FakeServer, completion


def answer(pairing, **extra):
    values = {"pairing_id": pairing.id, "stage": "midpoint", "usefulness": 4, "pairing_fit": 4}
    return FeedbackIn.model_validate({**values, **extra})


def test_submission_checks_name_the_field_and_store_nothing(cohort):
    services, programme, pairings, _mentors, mentees = cohort
    cases = [
        (answer(pairings[0], stage="session"), "session_number"),
        (answer(pairings[0], stage="session", session_number=40), "session_number"),
        (answer(pairings[0], session_number=2), "session_number"),
        (answer(pairings[0], goal_progress={"juggling": 3}), "goal_progress.juggling"),
    ]
    for data, field in cases:
        with pytest.raises(InputValidationError) as error:
            submit_feedback(services, programme.id, mentees[0], data)
        assert field in [p.field for p in error.value.problems]
    with pytest.raises(NotFoundError):  # someone else's pairing
        submit_feedback(services, programme.id, mentees[1], answer(pairings[0]))
    assert services.store.feedback.feedback_for(programme.id) == []


def test_one_answer_per_stage_and_session_feedback_marks_the_session_held(cohort):
    services, programme, pairings, mentors, mentees = cohort
    goal = mentees[0].goals[0]
    data = answer(pairings[0], stage="session", session_number=2, goal_progress={goal: 3})
    stored = submit_feedback(services, programme.id, mentees[0], data)
    assert stored.goal_progress == {goal: 3}
    with pytest.raises(ConflictError):
        submit_feedback(services, programme.id, mentees[0], data)
    partner = data.model_copy(update={"goal_progress": {}})
    submit_feedback(services, programme.id, mentors[0], partner)  # the partner answers too
    sessions = services.store.sessions.sessions_of_programme(programme.id)
    assert [(p, n, status) for p, n, status, _ in sessions] == [(pairings[0].id, 2, "held")]
    assert len(services.store.feedback.feedback_for(programme.id)) == 2


def test_feedback_needs_an_approved_pairing(cohort):
    services, programme, pairings, _mentors, mentees = cohort
    services.store.pairings.set_pairing_status(pairings[1].id, PairingStatus.REJECTED)
    # Answered like a missing pairing: a rejected pairing is not the participant's to see.
    with pytest.raises(NotFoundError):
        submit_feedback(services, programme.id, mentees[1], answer(pairings[1]))


def test_low_fit_flags_the_pair_without_saying_who_or_what(cohort):
    services, programme, pairings, mentors, _mentees = cohort
    secret = "SECRET-TEXT he dominates every meeting"
    submit_feedback(
        services, programme.id, mentors[0], answer(pairings[0], pairing_fit=2, text=secret)
    )
    submit_feedback(services, programme.id, mentors[1], answer(pairings[1], pairing_fit=3))
    flags = repairing_flags(services, programme.id)
    assert [f.pairing_id for f in flags] == [pairings[0].id]
    assert "SECRET" not in flags[0].model_dump_json()
    assert "T" not in flags[0].flagged_at  # the day only, not the time of the answer
    services.store.pairings.set_pairing_status(pairings[0].id, PairingStatus.ENDED)
    assert repairing_flags(services, programme.id) == []


def test_below_the_minimum_cohort_the_summary_says_so_and_nothing_else(cohort):
    services, programme, pairings, _mentors, mentees = cohort
    for i in range(2):
        submit_feedback(services, programme.id, mentees[i], answer(pairings[i], text="Great."))
    summary = summarise_feedback(services, programme.id, FeedbackStage.MIDPOINT)
    assert summary.status == "too_few_responses"
    assert summary.respondents is None and summary.themes == [] and summary.quotes == []
    assert summary.usefulness_mean is None and "3" in summary.message


TEXTS = [
    (True, "Our sessions keep being moved because of quarter-end. Theo Irving was patient."),
    (False, "Finding a regular slot is hard; diaries are packed. Email me at x.y@corp.example."),
    (True, "I have been on antidepressants since spring. We cancelled twice because of clashes."),
    (False, "Debs takes over and tells long stories, so we lose the thread. Call 07700 900123."),
]


def test_summary_finds_themes_and_shows_no_identifier_disclosure_or_unconsented_quote(cohort):
    services, programme, pairings, _mentors, mentees = cohort
    for i, (consent, text) in enumerate(TEXTS):
        submit_feedback(
            services,
            programme.id,
            mentees[i],
            answer(pairings[i], text=text, consent_to_quote=consent, usefulness=3 + i % 2),
        )
    summary = summarise_feedback(services, programme.id, FeedbackStage.MIDPOINT)
    assert summary.status == "ok" and summary.respondents == 4
    assert "Hard to find time for sessions" in summary.not_working
    scheduling = next(t for t in summary.themes if t.id == "hard-to-find-time")
    # Three people raised it (the fourth wrote about the mentee taking over), each once.
    assert scheduling.respondents == 3 and scheduling.tone == "negative"
    assert scheduling.actions[0].card_id == "scheduling-and-cancellations"
    assert scheduling.actions[0].card_title
    assert summary.suggested_actions
    dumped = summary.model_dump_json()
    for secret in ["Theo", "Irving", "x.y@corp.example", "07700", "antidepressants", "Debs"]:
        assert secret not in dumped, secret
    for quote in summary.quotes:
        assert any(quote in services.redactor(programme.id).redact(t).text for c, t in TEXTS if c)
    assert summary.usefulness_mean == 3.3  # the first whole step of three answers: 3, 4, 3


def test_leak_check_redacts_and_counts_what_a_backend_let_through(cohort):
    services, programme, *_ = cohort
    leaky = FeedbackSummary(
        programme_id=programme.id,
        stage=FeedbackStage.MIDPOINT,
        status="ok",
        message="4 people answered.",
        min_cohort_size=3,
        working=["Hannah Adeyemi explains dashboards well", "Hard to find time for sessions"],
        quotes=[
            "Ask priya.nakamura@harbourvale.example or HV2033 about it.",
            "The sessions help me stay on track now that I take sertraline every morning.",
        ],
        themes=[
            {
                "id": "x",
                "label": "Other: okonkwo's, plan, project",
                "respondents": 3,
                "tone": "negative",
            },
            {
                "id": "hard-to-find-time",
                "label": "Hard to find time for sessions",
                "respondents": 2,
                "tone": "negative",
            },
        ],
    )
    checked = leak_check(leaky, services.redactor(programme.id), services.theme_finder.catalogue)
    dumped = checked.model_dump_json()
    for secret in ["Hannah", "okonkwo", "sertraline", "priya", "HV2033"]:
        assert secret not in dumped, secret
    # Labels outside the catalogue go (2), the disclosing quote goes whole (1), the two
    # identifiers of the other quote are redacted (2).
    assert checked.leaks_redacted == 5
    assert checked.working == ["Hard to find time for sessions"]
    assert [t.label for t in checked.themes] == ["Hard to find time for sessions"]
    assert checked.quotes == ["Ask [REDACTED] or [REDACTED] about it."]


RECOVERY = [
    (True, "I am in recovery from alcohol addiction and I take sertraline every morning."),
    (False, "Being in recovery from alcohol addiction makes the evening events hard for me."),
    (False, "I'm in recovery from alcohol addiction, so recovery comes first this quarter."),
    (False, "We spent the session on okonkwo's reorganisation plan for the project."),
    (False, "Most of our time went on okonkwo's reorganisation plan and the project."),
]


def test_summary_labels_and_quotes_carry_no_participant_words_or_disclosures(cohort):
    """The probe's case: addiction, medication and a lower-case surname outside the
    roster, written by consenting and non-consenting authors alike."""
    services, programme, pairings, mentors, mentees = cohort
    authors = [mentees[0], mentees[1], mentees[2], mentors[0], mentors[1]]
    pairs = [pairings[0], pairings[1], pairings[2], pairings[0], pairings[1]]
    for author, pairing, (consent, text) in zip(authors, pairs, RECOVERY, strict=True):
        submit_feedback(
            services, programme.id, author, answer(pairing, text=text, consent_to_quote=consent)
        )
    summary = summarise_feedback(services, programme.id, FeedbackStage.MIDPOINT)
    assert summary.status == "ok" and summary.respondents == 5
    dumped = summary.model_dump_json().lower()
    for secret in ["addiction", "alcohol", "recovery", "sertraline", "okonkwo"]:
        assert secret not in dumped, secret
    catalogue = set(services.theme_finder.catalogue.by_label)
    assert all(theme.label in catalogue for theme in summary.themes)


def test_openai_summary_sees_only_redacted_text_and_falls_back_on_an_unconsented_quote(cohort):
    services, programme, pairings, _mentors, mentees = cohort
    for i, (consent, text) in enumerate(TEXTS):
        submit_feedback(
            services,
            programme.id,
            mentees[i],
            answer(pairings[i], text=text, consent_to_quote=consent),
        )
    bad = {
        "themes": [],
        "working": [],
        "not_working": ["Hard to find time for sessions"],
        "suggested_actions": ["Fix the diaries."],
        "quotes": ["Finding a regular slot is hard; diaries are packed."],  # not consented
    }
    server = FakeServer(completion(json.dumps(bad)), completion(json.dumps(bad)))
    settings = load_settings(
        llm_backend="openai", llm_base_url="http://127.0.0.1:9/v1", llm_model="m", llm_max_retries=0
    )
    backend = OpenAIBackend(
        settings, http_client=httpx2.Client(transport=httpx2.MockTransport(server))
    )
    summary = summarise_feedback(services, programme.id, FeedbackStage.MIDPOINT, backend=backend)
    sent = json.dumps(server.requests)
    for secret in ["Theo", "Irving", "x.y@corp.example", "07700", "antidepressants", "Debs"]:
        assert secret not in sent, secret
    assert "not from a consenting author" in server.requests[1]["messages"][-1]["content"]
    assert (
        summary.generated_by == "offline" and "invalid after one repair" in summary.fallback_reason
    )

    good = {**bad, "quotes": [], "suggested_actions": ["Agree a fixed slot."]}
    server = FakeServer(completion(json.dumps(good)))
    backend = OpenAIBackend(
        settings, http_client=httpx2.Client(transport=httpx2.MockTransport(server))
    )
    summary = summarise_feedback(services, programme.id, FeedbackStage.MIDPOINT, backend=backend)
    assert summary.generated_by == "openai:m" and summary.suggested_actions == [
        "Agree a fixed slot."
    ]
    assert summary.respondents == 4  # figures come from the data, not from the model


def _row(number: int, author: int, themes: list[str]) -> SummarySentence:
    return SummarySentence(
        id=number, author=author, text=f"sentence {number}", tone=0, quotable=False, themes=themes
    )


def test_a_leaning_counts_only_where_two_others_raised_the_theme_plainly():
    order = ["hard-to-find-time", "poor-fit", "goals-not-served"]
    rows = [
        _row(0, 1, ["hard-to-find-time"]),
        _row(1, 2, ["hard-to-find-time"]),
        _row(2, 3, []),  # leans to the time theme two others raised: counted
        _row(3, 4, []),  # leans to poor fit, which nobody raised plainly: not counted
        _row(4, 1, ["poor-fit"]),  # leans to time again: already counted, unchanged
        _row(5, 5, []),  # leans to goals, raised by two low ratings
    ]
    leanings = [set(), set(), {"hard-to-find-time"}, {"poor-fit"}, {"hard-to-find-time"}]
    leanings.append({"goals-not-served"})
    count_in_context(rows, leanings, {6, 7}, order)
    assert [row.themes for row in rows] == [
        ["hard-to-find-time"],
        ["hard-to-find-time"],
        ["hard-to-find-time"],
        [],
        ["poor-fit"],
        ["goals-not-served"],
    ]
    assert [row.leaned for row in rows] == [
        [],
        [],
        ["hard-to-find-time"],
        [],
        [],
        ["goals-not-served"],
    ]


def _one_theme_context(rows: list[SummarySentence], theme_id: str) -> SummaryContext:
    """Three respondents' sentences and a catalogue of the one theme they carry."""
    return SummaryContext(
        programme_name="Pilot",
        programme_id=1,
        stage=FeedbackStage.MIDPOINT,
        min_cohort_size=3,
        respondents=3,
        responses=3,
        usefulness_mean=4.0,
        pairing_fit_mean=4.0,
        flags_for_repairing=0,
        sentences=rows,
        low_goal_raters=[],
        catalogue=[{"id": theme_id, "label": theme_id, "tone": "negative", "action": "Act"}],
    )


def test_the_example_shown_for_a_theme_is_a_plain_one():
    # The first sentence only leans to the theme; the other two say it plainly.
    rows = [_row(number, number + 1, ["hard-to-find-time"]) for number in range(3)]
    rows[0].leaned = ["hard-to-find-time"]
    for row in rows:
        row.quotable = True
    [theme] = compose_summary(_one_theme_context(rows, "hard-to-find-time")).themes
    assert theme.respondents == 3 and theme.example == "sentence 1"


def test_the_example_shown_is_one_typed_as_a_sentence_where_there_is_one():
    texts = [
        "half an hour flies by, we need longer I bite my tongue a lot",
        "We never get long enough It's over before we start.",
        "The hour is always over too soon.",
    ]
    rows = [_row(number, number + 1, ["too-short-or-far-apart"]) for number in range(3)]
    for row, text in zip(rows, texts, strict=True):
        row.text, row.quotable = text, True
    [theme] = compose_summary(_one_theme_context(rows, "too-short-or-far-apart")).themes
    assert theme.example == "The hour is always over too soon."
    assert [typed_as_a_sentence(text) for text in texts] == [False, False, True]
