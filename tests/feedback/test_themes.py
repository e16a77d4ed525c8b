"""The theme catalogue in knowledge/feedback and how sentences find their themes."""

import pytest
import yaml

from coach.embeddings import KEPT_VECTORS_DIR
from coach.errors import KnowledgeError
from coach.feedback import themes
from coach.feedback.themes import (
    FEEDBACK_DIR,
    ThemeFinder,
    and_clauses,
    before_i,
    compile_cue,
    load_catalogue,
    split_parts,
    word_windows,
)
from coach.knowledge import load_cards


@pytest.fixture(scope="module")
def finder(theme_embedder):
    # The catalogue's vectors as the services keep them (Services.theme_finder).
    return ThemeFinder(
        load_catalogue(),
        theme_embedder.embed,
        embed_examples=lambda texts: theme_embedder.embed_kept(texts, KEPT_VECTORS_DIR),
    )


def test_every_action_points_at_a_guidance_card_and_both_tones_are_covered():
    catalogue = load_catalogue()
    cards = {card.id for card in load_cards()}
    for theme in catalogue.themes:
        for action in theme.actions:
            assert action.card in cards, (theme.id, action.card)
    tones = [theme.tone for theme in catalogue.themes]
    assert tones.count("positive") >= 5 and tones.count("negative") >= 5
    assert "goals-not-served" in {theme.id for theme in catalogue.themes}


def test_a_broken_catalogue_names_the_field(tmp_path):
    themes = yaml.safe_load((FEEDBACK_DIR / "themes.yaml").read_text(encoding="utf-8"))
    themes["themes"][0]["tone"] = "meh"
    themes["themes"][1]["label"] = themes["themes"][2]["label"]
    (tmp_path / "themes.yaml").write_text(yaml.safe_dump(themes), encoding="utf-8")
    (tmp_path / "tone.yaml").write_text(
        (FEEDBACK_DIR / "tone.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    with pytest.raises(KnowledgeError) as error:
        load_catalogue(tmp_path)
    assert "themes.0.tone" in [p.field for p in error.value.problems]


def test_cue_syntax_stems_gaps_and_whole_words():
    assert compile_cue("reschedul*").search("it was rescheduled twice")
    assert compile_cue("learn* ~ dashboard*").search("I learnt to build dashboards")
    assert not compile_cue("learn* ~ dashboard*").search(
        "I learnt a lot. Then many more words dashboards"
    )
    assert not compile_cue("ai").search("the chair said")
    assert compile_cue("can't get a word in").search("I can\u2019t get a word in")


def test_a_sentence_carries_several_themes_and_tone_keeps_them_apart(finder):
    found = finder.find(
        [
            "The agenda was useful but sessions are too short.",
            "The agenda we were sent was generic.",
            "Best development I've had in years.",
            "Since we started, remote staff speak up more in my meetings.",
            "It was not useful at all.",
            "We usually meet in the café on the second floor.",
        ]
    )
    assert found[0] == ["too-short-or-far-apart", "preparation-helps"]
    assert found[1] == ["generic-or-unprepared"]
    assert found[2] == ["valuable-development"]
    assert found[3] == ["voices-heard"]
    assert found[4] == [] and found[5] == []


def test_tone_reads_negation(finder):
    assert finder.tone.score("The sessions are useful.") == 1
    assert finder.tone.score("The sessions are not very useful.") == -1
    assert finder.tone.score("Not bad at all.") == 1
    assert finder.tone.score("Nothing really clicked between us.") == -1
    assert split_parts("Great chats; however, we keep cancelling.") == [
        "Great chats",
        "we keep cancelling",
    ]


def test_a_cue_counts_only_where_the_meaning_does_not_rule_its_theme_out(finder, monkeypatch):
    # "Honestly" is a cue of candour: here it is none.
    sentences = [
        "Honestly one of the most useful things I have done this year.",
        "The prompts were bland and did not fit our situation.",
    ]
    assert finder.find(sentences) == [["valuable-development"], ["generic-or-unprepared"]]
    monkeypatch.setattr(themes, "SHARED_CUE_SUPPORT", 0.0)
    cues_alone = ThemeFinder(finder.catalogue, finder._embed, cue_support=0.0).find(sentences)
    assert "candid-two-way" in cues_alone[0]
    # "prompts" here are the programme's conversation prompts: no cue of digital skills,
    # which "writing prompts" for a chatbot is.
    assert finder.cue_themes(sentences[1]) == {"generic-or-unprepared"}
    assert finder.cue_themes("I picked up writing prompts") == {"learning-digital-skills"}


def test_two_clauses_joined_by_and_are_read_one_by_one_too(finder, monkeypatch):
    said = [
        "[PERSON_1] talks over me and our sessions keep being moved.",
        "I've picked up some great tech skills and my profile with senior people has grown.",
        "Nobody from the programme has been in touch and our goals have gone nowhere.",
    ]
    assert finder.find(said) == [
        ["hard-to-find-time", "mentee-takes-over"],
        ["learning-digital-skills", "mentor-visibility"],
        ["support-lacking", "goals-not-served"],
    ]
    # Read only as a whole (windows of words, which would find more, off too), the
    # classifier's one pick and the cues leave a theme out.
    monkeypatch.setattr(themes, "and_clauses", lambda text: [text])
    monkeypatch.setattr(themes, "WINDOW_FROM", 10**6)
    assert sum(len(found) for found in finder.find(said)) < 6


def test_a_sentence_without_a_full_stop_ends_where_the_next_begins(finder, monkeypatch):
    said = ["coming in with questions ready keeps us on track It's been hard to find the hour"]
    assert finder.find(said) == [["hard-to-find-time", "preparation-helps"]]
    assert split_parts("I work with Sarah Jones in the London office") == [
        "I work with Sarah Jones in the London office"
    ]
    assert split_parts("she showed me a dashboard in Power BI, brilliant") == [
        "she showed me a dashboard in Power BI, brilliant"
    ]
    assert split_parts("what I'd say is it works Second session booked") == [
        "what I'd say is it works",
        "Second session booked",
    ]
    monkeypatch.setattr(themes, "run_on_sentences", lambda text: [text])
    monkeypatch.setattr(themes, "WINDOW_FROM", 10**6)  # windows read run-ons too
    assert len(finder.find(said)[0]) == 1


def test_and_joins_clauses_only_where_each_side_has_a_subject_and_words_of_its_own():
    assert and_clauses("he does all the talking and I don't dare push back") == [
        "he does all the talking",
        "I don't dare push back",
    ]
    assert and_clauses("he lets me push back and pushes back himself") == [
        "he lets me push back and pushes back himself"
    ]
    assert and_clauses("My mentor and I meet weekly and the sessions are great") == [
        "My mentor and I meet weekly",
        "the sessions are great",
    ]


def test_a_redaction_placeholder_reads_as_the_partner(finder, monkeypatch):
    said = ["[PERSON_1] never listens to my ideas."]
    assert finder.find(said) == [["mentee-takes-over"]]
    # Read as it stands, no example holds such a token and the theme is lost or mistaken.
    monkeypatch.setattr(themes, "PLACEHOLDER_READING", "[PERSON_1]")
    assert finder.find(said) != [["mentee-takes-over"]]


def test_an_identifier_placeholder_reads_as_this_and_a_person_as_the_partner(finder, monkeypatch):
    assert themes.plain_reading("Ring [PHONE] and ask for [PERSON_1], or [EMAIL #2].") == (
        "Ring this and ask for my partner, or this."
    )
    said = ["Ring [PHONE] and ask for [PERSON]."]
    assert finder.find(said) == [[]]
    # Read as two people, contact details sounded like a plea for help from the programme.
    monkeypatch.setattr(themes, "IDENTIFIER_READING", "my partner")
    assert finder.find(said) == [["support-lacking"]]


def test_a_sure_reading_stands_against_a_negator_elsewhere_in_the_sentence(finder, monkeypatch):
    said = ["I now get why the under-thirties don't answer the phone."]
    assert finder.find(said) == [["another-generation"]]
    # Without the rule "don't" turns the tone negative and vetoes a positive theme.
    monkeypatch.setattr(themes, "SURE_PROBABILITY", 1.1)
    assert finder.find(said) == [[]]


def test_the_catalogue_reads_its_own_examples_as_their_themes(finder, monkeypatch):
    """An example a coordinator adds to a theme is then read as that theme. One cue may
    still outvote it ("Nobody prepares between sessions" holds a cue of missing support)."""
    written = finder.catalogue.written()

    def misread() -> list[str]:
        found = finder.find([text for _, text in written])
        return [
            text
            for (owner, text), got in zip(written, found, strict=True)
            if (owner not in got if owner else got)
        ]

    assert len(misread()) <= 2, misread()
    monkeypatch.setattr(themes, "SURE_PROBABILITY", 1.1)
    assert len(misread()) > 5


def test_word_windows_cover_a_long_part_and_leave_a_short_one():
    words = [f"w{i}" for i in range(11)]
    windows = word_windows(" ".join(words))
    assert windows[0].split() == words[:4] and windows[-1].split() == words[-4:]
    assert {len(window.split()) for window in windows} == {4}
    assert len(windows) == 5  # starts 0, 2, 4, 6 and the last four words
    assert word_windows("seven words are read whole, not cut") == []


def test_a_long_part_is_read_in_windows_of_words_too(finder, monkeypatch):
    said = [
        "we always agree a few questions before we meet which keeps us focused"
        " the video link drops out every single time"
    ]
    assert finder.find(said) == [["logistics", "preparation-helps"]]
    # Read whole, the run-on carries one of the two things it says.
    monkeypatch.setattr(themes, "WINDOW_FROM", 10**6)
    assert finder.find(said) == [["preparation-helps"]]


def test_windows_are_read_only_where_the_whole_part_leaves_a_theme_unclaimed(finder):
    read: list[str] = []

    def embed(texts):
        read.extend(texts)
        return finder._embed(texts)

    counting = ThemeFinder(finder.catalogue, embed, embed_examples=finder._embed_examples)
    plain = "Getting an hour in both our calendars has been a constant battle this spring"
    assert counting.find([plain]) == [["hard-to-find-time"]]
    assert read == [plain]  # one clear theme: no windows
    read.clear()
    glued = "he hogs the conversation a bit worried stuff gets passed on to HR"
    assert counting.find([glued]) == [["mentee-takes-over", "confidentiality-worries"]]
    assert len(read) > 1 and glued in read


def test_i_may_start_a_sentence_run_on_from_the_last(finder, monkeypatch):
    assert before_i("half an hour flies by, we need longer I bite my tongue a lot") == [
        "half an hour flies by, we need longer",
        "I bite my tongue a lot",
    ]
    for one in ("the last time I saw him he was late", "I think I should speak up more"):
        assert before_i(one) == [one]
    said = ["never enough time in the slot I bite my tongue when he is wrong"]
    monkeypatch.setattr(themes, "WINDOW_FROM", 10**6)  # windows read run-ons too
    assert finder.find(said) == [["too-short-or-far-apart", "mentors-hold-back"]]
    # Read beside the whole, a reduced relative clause keeps its theme.
    assert finder.find(["I can now pull the figures I need without asking anyone"]) == [
        ["learning-digital-skills"]
    ]
    monkeypatch.setattr(themes, "before_i", lambda text: [text])
    assert finder.find(said) == [["mentors-hold-back"]]


def test_a_window_does_not_cut_a_cue_off_from_its_negator(finder):
    said = [
        "I don't think we have really connected at all over the past few months"
        " of our sessions together"
    ]
    assert "good-rapport" not in finder.find(said)[0]


def test_a_sentence_too_vague_to_carry_a_theme_may_still_lean_to_one(finder):
    """The summary counts such a person only where two others raised the theme plainly
    (tests/feedback/test_summary.py)."""
    said = ["Haven't met as often as we planned.", "It is what it is."]
    # With a bar this high the sentence carries nothing; what it leans to does not move.
    strict = ThemeFinder(finder.catalogue, finder._embed, probability=0.95)
    assert strict.find(said) == [[], []]
    assert strict.leanings(said) == finder.leanings(said) == [{"hard-to-find-time"}, set()]
