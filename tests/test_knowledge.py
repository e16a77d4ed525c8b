import re
from collections import Counter

import pytest

from coach.domain import Stage
from coach.errors import KnowledgeError
from coach.knowledge import CARDS_DIR, Audience, load_cards, parse_card


@pytest.fixture(scope="module")
def cards():
    return load_cards()


def test_every_card_is_valid_and_there_are_enough(cards):
    assert len(cards) >= 40
    assert len({card.id for card in cards}) == len(cards)
    assert {path.stem for path in CARDS_DIR.glob("*.md")} == {card.id for card in cards}


def test_cards_cover_the_lifecycle_and_every_audience(cards):
    stages = Counter(stage for card in cards for stage in card.stages)
    for stage in Stage:
        assert stages[stage] >= 5, f"too few cards for stage {stage}"
    audiences = Counter(card.audience for card in cards)
    for audience in Audience:
        assert audiences[audience] >= 4, f"too few cards for {audience}"
    topics = {topic for card in cards for topic in card.topics}
    for needed in [
        "objectives",
        "matching",
        "ground-rules",
        "confidentiality",
        "listening",
        "questioning",
        "upward-feedback",
        "power-dynamics",
        "first-session",
        "midpoint",
        "closing",
        "measurement",
        "failure-modes",
        "digital-skills",
        "social-media",
        "dei",
        "generations",
        "remote-work",
    ]:
        assert needed in topics, f"no card on {needed}"


def test_cards_have_structured_parts(cards):
    for card in cards:
        assert len(card.tips) >= 2
        assert all(question.endswith("?") for question in card.questions)
        assert card.passages[0].startswith(card.title)
        assert len(card.passages) == 1 + len(card.tips) + len(card.questions)


CARD = """---
id: {id}
title: A good title here
audience: {audience}
stages: [first]
topics: [listening]
summary: A summary long enough to pass the check.
tips:
  - one
  - two
questions:
  - {question}
---
Body text that is long enough to count as a body of a card.
"""


def test_a_bad_card_names_the_file_and_every_field(tmp_path):
    (tmp_path / "good.md").write_text(CARD.format(id="good", audience="mentor", question="Why?"))
    (tmp_path / "bad.md").write_text(CARD.format(id="bad", audience="ceo", question="Tell me"))
    (tmp_path / "wrong-name.md").write_text(CARD.format(id="other", audience="all", question="Ok?"))
    (tmp_path / "nofront.md").write_text("just text")
    with pytest.raises(KnowledgeError) as caught:
        load_cards(tmp_path)
    fields = {problem.field for problem in caught.value.problems}
    assert {
        "bad.md:audience",
        "bad.md:questions",
        "wrong-name.md:id",
        "nofront.md:front matter",
    } <= fields
    assert "3 guidance card(s) are invalid" in caught.value.message


def test_stage_any_expands_to_every_stage(tmp_path):
    path = tmp_path / "x.md"
    path.write_text(CARD.format(id="x", audience="all", question="Why?").replace("[first]", "any"))
    assert parse_card(path).stages == list(Stage)


# --- The activity library ------------------------------------------------------------

from coach.domain import Direction  # noqa: E402
from coach.knowledge import ACTIVITIES_DIR, load_activities, load_outside, parse_topic  # noqa: E402


@pytest.fixture(scope="module")
def topics():
    return load_activities()


def test_the_library_is_large_and_covers_reverse_mentorings_topics(topics):
    activities = [a for t in topics for a in t.activities]
    assert len(topics) >= 30 and len(activities) >= 150
    assert {path.stem for path in ACTIVITIES_DIR.glob("*.yaml")} == {t.topic for t in topics}
    slugs = {t.topic for t in topics}
    for needed in [  # the areas issue 13 names, one topic each at least
        "collaboration-tools",  # digital tools
        "short-video-platforms",  # social media
        "generative-ai-basics",
        "phishing-and-scams",  # security
        "dashboards",  # data and dashboards
        "hybrid-meetings",  # hybrid work
        "younger-customers",  # customers
        "generational-perspectives",
        "race-and-ethnicity-inclusion",  # DEI
        "early-career-experience",  # career starts
    ]:
        assert needed in slugs
    for stage in (Stage.FIRST, Stage.REGULAR, Stage.MIDPOINT, Stage.CLOSING):
        assert sum(stage in a.stages for a in activities) >= 20, stage
    assert all(Direction.REVERSE in a.directions for a in activities)


def test_library_texts_follow_the_wording_convention(topics):
    """``show`` is about the mentor (they/their), ``try`` speaks to the mentee, so that
    coach.prep.activities can put each in the words of either reader."""
    for topic in topics:
        for a in topic.activities:
            assert not re.search(r"\byou(r|rs|rself)?\b", a.show, re.I), a.id
            assert not re.search(r"\bthe mentee\b", a.try_ + a.bring), a.id
            assert not re.search(r"\bthe mentor (?!'s)[a-z]+s\b", a.try_ + a.bring), a.id


def test_a_bad_topic_file_is_named_with_its_field(tmp_path, topics):
    good = (ACTIVITIES_DIR / "phishing-and-scams.yaml").read_text(encoding="utf-8")
    (tmp_path / "phishing-and-scams.yaml").write_text(good, encoding="utf-8")
    (tmp_path / "copy.yaml").write_text(good.replace("topic: phishing-and-scams", "topic: copy"))
    dashboards = (ACTIVITIES_DIR / "dashboards.yaml").read_text(encoding="utf-8")
    (tmp_path / "dashboards.yaml").write_text(dashboards.replace("minutes: 15", "minutes: 500", 1))
    with pytest.raises(KnowledgeError) as caught:
        load_activities(tmp_path)
    message = caught.value.message
    assert "dashboards.yaml" in message and "minutes" in message
    assert "'phishing-inbox-sort' is used in" in message  # the copy repeats the ids
    (tmp_path / "renamed.yaml").write_text(good, encoding="utf-8")
    with pytest.raises(KnowledgeError, match="differs from the file name"):
        parse_topic(tmp_path / "renamed.yaml")


def test_needs_outside_the_library_are_listed():
    outside = load_outside()
    assert len(outside) >= 10 and not any(line.startswith("#") for line in outside)
