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
