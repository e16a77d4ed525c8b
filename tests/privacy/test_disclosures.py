"""Sentence splitting and disclosure categories (pure functions, no model)."""

import pytest

from coach.config import load_settings
from coach.privacy import disclosures
from coach.privacy.disclosures import MeaningCheck, classify, find_disclosures, sentences
from coach.services import Services


def test_sentences_keep_their_punctuation_and_skip_abbreviations():
    text = "Met Dr. Rao today.  She said e.g. Teams works!\nNext: Power BI"
    assert [text[a:b] for a, b in sentences(text)] == [
        "Met Dr. Rao today.",
        "She said e.g. Teams works!",
        "Next: Power BI",
    ]


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        ("I have been on antidepressants since the spring.", "mental health"),
        ("He is recovering from knee surgery.", "health"),
        ("My father passed away last month.", "family"),
        ("During Ramadan I will be fasting.", "religion"),
        ("She came out to her team last year.", "sexuality"),
        ("He told me he's bi and only his closest friends know.", "sexuality"),
        ("She showed me how to build a dashboard in Power BI, brilliant", None),
        ("I am in the BI team now.", None),
        ("As the only Black woman on the board, she feels watched.", "ethnicity"),
        ("I am a Labour party member.", "politics"),
        ("Honestly I am in debt after the move.", "finances"),
        ("He is taking his landlord to a tribunal.", "legal"),
        ("She is on a performance improvement plan.", "performance"),
        ("He is fostering two teenagers this year.", "family"),
        ("She is waiting for a hip replacement.", "health"),
        ("She has long Covid and tires quickly.", "health"),
        ("He is a shop steward at the depot.", "politics"),
        ("She has applied for British citizenship.", "immigration"),
        ("My mentor's twins were born early.", "family"),
        ("The union conference is covered in the newsletter.", None),
        ("He is a Jehovah's Witness and skips birthday parties.", "religion"),
        ("Her eyesight is going and she uses a screen reader.", "health"),
        ("They keep asking him to translate for every visitor.", "ethnicity"),
        ("Her husband was made redundant in May.", "family"),
        ("His family's asylum claim is still open.", "immigration"),
        ("The workshop is fostering collaboration across teams.", None),
        ("We discussed mental health days for younger staff.", None),
        ("Our pension scheme page is confusing.", None),
        ("The legal team's AI policy needs a plain summary.", None),
    ],
)
def test_categories(sentence, category):
    assert classify(sentence) == category


def test_find_returns_sentence_spans():
    text = "Good session. My wife is expecting our second baby in March. See you."
    [found] = find_disclosures(text)
    assert text[found.start : found.end] == "My wife is expecting our second baby in March."
    assert found.category == "family"


# --- Disclosures by meaning -------------------------------------------------------------


@pytest.fixture(scope="module")
def meaning(embedder):
    """The product's check: the feedback catalogue's examples count as topics."""
    return Services(load_settings(), embedder=embedder).disclosure_meaning


def test_meaning_finds_what_the_patterns_miss(meaning):
    for text, category in [
        ("He needs a new kidney and is on the waiting list.", "health"),
        ("My landlord is taking me to court over unpaid rent.", "legal"),
    ]:
        assert find_disclosures(text) == []  # no pattern says so
        found = find_disclosures(text, meaning)
        assert [d.category for d in found] == [category], text


def test_meaning_leaves_topics_and_sentences_about_no_one(meaning):
    for text in [
        "We discussed how the company supports colleagues with long-term illness.",
        "The transplant of the CRM data went badly.",  # names no person
        "Mental health days came up as something younger staff expect.",
    ]:
        assert find_disclosures(text, meaning) == [], text


def test_ordinary_programme_talk_counts_as_a_topic(embedder, meaning):
    # Without the feedback catalogue's examples as topics these read as health and
    # politics disclosures: nearest to a disclosure, and the topics knew no feedback.
    feedback = [
        "He has cancelled twice because of board meetings.",
        "We have drifted far from the reason I joined.",
    ]
    bare = MeaningCheck(embedder.embed)
    assert all(find_disclosures(text, bare) for text in feedback)
    for text in feedback:
        assert find_disclosures(text, meaning) == [], text
    # A disclosure about the sessions is still a disclosure.
    for text, category in [
        ("He needs a new kidney and is on the waiting list, so we meet less.", "health"),
        ("My landlord is taking me to court, so I missed our last session.", "legal"),
    ]:
        assert [d.category for d in find_disclosures(text, meaning)] == [category], text


def test_a_disclosure_need_only_come_near_the_closest_topic(meaning, monkeypatch):
    # With some six hundred feedback examples among the topics, one sits a little nearer
    # to this disclosure than any written disclosure does.
    text = "I have been off for two weeks with stress and my mentee covered the reading for me."
    assert find_disclosures(text) == []  # no pattern says so
    assert [d.category for d in find_disclosures(text, meaning)] == ["mental health"]
    monkeypatch.setattr(disclosures, "TOPIC_MARGIN", 0.0)
    assert find_disclosures(text, meaning) == []


def test_meaning_leaves_plain_feedback_that_names_a_person(meaning):
    # About the programme, though said of a manager, a mentee or oneself: hidden, these
    # sentences would take their themes out of the coordinator's summary.
    for text in [
        "My boss keeps asking me what my mentee and I talk about.",
        "I have become a better manager since the programme started.",
        "My weekly meetings now open with the colleagues dialling in.",
        "I could not connect from the regional office because of the network.",
        "I had to move our last session because of the office move.",
    ]:
        assert find_disclosures(text, meaning) == [], text
