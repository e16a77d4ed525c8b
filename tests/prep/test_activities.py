"""Activities matched to goals with the real embedding model, and put in each reader's words."""

import pytest

from coach.domain import Direction, Stage
from coach.knowledge import load_activities, load_outside
from coach.prep.activities import (
    ActivityLibrary,
    for_mentee,
    mentee_brings,
    mentor_says,
    mentor_shows,
)


@pytest.fixture(scope="module")
def library(embedder):
    return ActivityLibrary(load_activities(), embedder.embed, outside=load_outside())


def test_a_goal_gets_its_topic_and_an_unrelated_one_gets_nothing(library):
    fits = library.best_topics(
        [
            "Spot phishing emails aimed at our finance team",
            "Build my own Power BI dashboard",
            "Negotiate better terms with our reinsurers",
            "Improve my golf handicap",
        ]
    )
    assert fits[0] is not None and fits[0].topic.topic == "phishing-and-scams"
    assert fits[1] is not None and fits[1].topic.topic == "dashboards"
    assert fits[2] is None and fits[3] is None


def test_choice_follows_stage_direction_and_what_was_run_before(library):
    goal = "Spot phishing emails aimed at our finance team"
    first = library.choose([goal], Stage.REGULAR, Direction.REVERSE)[goal]
    assert Stage.REGULAR.value in [s.value for s in _activity(library, first.id).stages]
    again = library.choose([goal], Stage.REGULAR, Direction.REVERSE, avoid={first.id})[goal]
    assert again.id != first.id and again.topic == first.topic
    closing = library.choose([goal], Stage.CLOSING, Direction.REVERSE)[goal]
    stages = {s.value for s in _activity(library, closing.id).stages}
    assert {"closing", "midpoint", "regular"} & stages
    for stage in Stage:
        for goal_text in ("Understand what graduates want from a first employer", goal):
            chosen = library.choose([goal_text], stage, Direction.TRADITIONAL).get(goal_text)
            if chosen is not None:  # activities that assume a junior mentor are left out
                assert Direction.TRADITIONAL in _activity(library, chosen.id).directions


def test_two_goals_on_one_topic_get_different_activities(library):
    goals = ["Spot phishing emails", "Stop clicking on suspicious links"]
    chosen = library.choose(goals, Stage.REGULAR, Direction.REVERSE)
    assert len(chosen) == 2 and chosen[goals[0]].id != chosen[goals[1]].id


def test_the_skill_that_suits_the_activity_comes_first(library):
    goal = "Spot phishing emails aimed at our finance team"
    activity = library.choose([goal], Stage.REGULAR, Direction.REVERSE)[goal]
    skills = ["Excel automation with Power Query", "security awareness champion"]
    assert library.rank_skills(skills, activity)[0] == "security awareness champion"


def test_library_words_read_right_for_each_reader():
    show = "how they check the sender before clicking, and what the mentor's team does next"
    assert for_mentee(show, "Noor") == (
        "how they check the sender before clicking, and what Noor's team does next"
    )
    assert mentor_shows(show, "Ewa") == (
        "how you check the sender before clicking, and what your team does next"
    )
    assert mentor_says("explain your dashboard to the mentor in three sentences") == (
        "explain your dashboard to me in three sentences"
    )
    assert mentee_brings("two messages you were unsure about, forwarded to yourself") == (
        "two messages they were unsure about, forwarded to themselves"
    )


def _activity(library, activity_id):
    return next(a for t in library.topics for a in t.activities if a.id == activity_id)
