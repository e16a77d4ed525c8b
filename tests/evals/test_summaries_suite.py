"""The summaries eval can fail: the first version's theme finder and a summary that counts
sentences instead of people do not pass it on the held-out sets."""

from collections import defaultdict

import pytest

from coach.config import load_settings
from coach.feedback import summary as summary_module
from coach.services import Services
from evals.harness import EvalContext, get_suite
from evals.suites.summaries import NearestExampleFinder, SummariesSuite, Tally


def _held_out_failures(services):
    suite = get_suite("summaries")
    cases = [c for c in suite.load_cases() if c["split"] == "held_out"]
    scored = suite.score(EvalContext(services=services), cases)
    failed = set()
    for name, value in scored.metrics.items():
        threshold = suite.thresholds[name]
        if threshold.minimum is not None and value < threshold.minimum:
            failed.add(name)
        if threshold.maximum is not None and value > threshold.maximum:
            failed.add(name)
    return failed


def by_sentences(context):
    """A worse count: every sentence that carries a theme counts, not every person."""
    people = defaultdict(set)
    for row in context.sentences:
        for theme_id in row.themes:
            people[theme_id].add(row.id)
    return people


@pytest.mark.parametrize("worse", ["nearest_example", "counts_sentences"])
def test_a_worse_summary_fails_the_suite(worse, tmp_path, embedder, monkeypatch):
    if worse == "nearest_example":
        monkeypatch.setattr(SummariesSuite, "finder_factory", NearestExampleFinder)
    else:
        monkeypatch.setattr(summary_module, "theme_people", by_sentences)
    services = Services(load_settings(data_dir=tmp_path / "data"), embedder=embedder)
    failed = _held_out_failures(services)
    if worse == "nearest_example":
        assert failed & {"held_out_theme_recall", "held_out_theme_precision"}, failed
    else:
        # Counting sentences counts people twice: the counts are not exact, and too high.
        assert {"held_out_counts_exact", "held_out_counts_too_high"} <= failed, failed
    services.close()


def test_sixty_sets_or_more_with_a_held_out_third_and_refusals_in_both_splits():
    cases = get_suite("summaries").load_cases()
    assert len(cases) >= 60
    held = [c for c in cases if c["split"] == "held_out"]
    assert len(held) == 180 and len(held) >= len(cases) / 3
    for batch in (
        *("held_out_2", "held_out_3", "held_out_7", "held_out_8", "held_out_9"),
        *("held_out_10", "held_out_11", "held_out_12"),
    ):
        assert sum(c.get("batch") == batch for c in held) == 20
    for split in ("tune", "held_out"):
        assert any(c["expect_refusal"] for c in cases if c["split"] == split)
    assert sum(len(c["identifiers"]) + len(c["disclosures"]) for c in cases) >= 40
    # Held-out sets are built from sentences the tuning sets never use.
    tune_text = " ".join(a["text"] for c in cases if c["split"] == "tune" for a in c["answers"])
    for sentence in _held_out_sentences():
        assert sentence not in tune_text, sentence


def _held_out_sentences() -> list[str]:
    from evals.tools import feedback_sentences as written

    held = [
        text
        for texts in written.BY_THEME.values()
        for index, text in enumerate(texts)
        if written.split_of(index) == "held_out"
    ]
    for name, (themed, mixed, neutral) in written.LATER_BATCHES.items():
        if name.startswith("held_out_"):
            held += [text for texts in themed.values() for text in texts]
            held += [text for text, _ in mixed] + neutral
    return held


def test_no_held_out_sentence_is_a_catalogue_example():
    """The catalogue learns from the read batches; a held-out sentence among its
    examples would be scored against itself."""
    from coach.feedback.themes import load_catalogue

    examples = {text.lower() for _, text in load_catalogue().written()}
    held = _held_out_sentences()
    assert len(held) > 200
    assert [text for text in held if text.lower() in examples] == []


def test_later_sets_leave_the_first_ones_as_they_were():
    from evals.tools.feedback_sentences import BY_THEME, FRESH_CHECK_3

    cases = get_suite("summaries").load_cases()
    assert [c["split"] for c in cases[:60]] == ["tune"] * 40 + ["held_out"] * 20
    assert all("batch" not in c for c in cases[:60])
    fresh = cases[60:80]
    assert {(c["split"], c["batch"]) for c in fresh} == {("tune", "fresh")}
    fresh_text = " ".join(a["text"] for c in fresh for a in c["answers"])
    written = [s for sentences in FRESH_CHECK_3.values() for s in sentences]
    assert sum(s in fresh_text for s in written) >= 40
    for sentences in BY_THEME.values():  # a batch in other words than the first lists
        for sentence in sentences:
            assert sentence not in fresh_text, sentence
    later = [
        *("held_out_2", "held_out_3", "read_4", "read_5", "read_6"),
        *("held_out_7", "held_out_8", "held_out_9", "held_out_10", "held_out_11"),
        "held_out_12",
    ]
    assert [c.get("batch") for c in cases[80:]] == [b for b in later for _ in range(20)]
    assert {c["split"] for c in cases[120:180]} == {"tune"}


def test_the_data_file_is_what_the_builder_writes():
    import json

    from evals.tools.build_summaries import OUT, build

    stored = [json.loads(line) for line in OUT.read_text(encoding="utf-8").splitlines()]
    assert stored == build()


def test_counts_that_are_not_exact_are_told_apart_as_too_low_or_too_high():
    tally = Tally()
    # four themes found: one exact, two one person short, one a person over;
    # a theme nobody raised and one not found do not count here
    tally.add({"a": 3, "b": 4, "c": 2, "d": 2, "e": 3}, {"a": 3, "b": 3, "c": 1, "d": 3, "x": 2})
    assert tally.metrics("held_out")["held_out_counts_exact"] == 0.25
    counts = tally.count_metrics("held_out")
    assert counts["held_out_counts_too_low"] == 0.5
    assert counts["held_out_counts_too_high"] == 0.25
    assert counts["held_out_counts_within_one"] == 1.0  # none is two or more off
    tally.add({"a": 4}, {"a": 2})
    assert tally.count_metrics("held_out")["held_out_counts_within_one"] == 4 / 5
    # 3 + 3 + 1 + 2 of the 3 + 4 + 2 + 2 people who raised the themes found
    assert counts["held_out_people_reached"] == 9 / 11


def test_exact_counts_to_expect_fall_with_the_people_a_theme_has():
    """With each person missed independently at rate 1 - r, a theme of n people is
    exact with probability r**n: why a finder that reads nearly everyone still miscounts."""
    small, large = Tally(), Tally()
    for _ in range(9):
        small.add({"a": 2}, {"a": 2})
        large.add({"a": 4}, {"a": 4})
    small.add({"a": 2}, {"a": 1})
    large.add({"a": 4}, {"a": 2})
    assert small.people_reached() == pytest.approx(19 / 20)
    assert small.exact_if_independent() == pytest.approx((19 / 20) ** 2)
    assert large.people_reached() == pytest.approx(38 / 40)
    assert large.exact_if_independent() == pytest.approx((38 / 40) ** 4)
    assert Tally().exact_if_independent() == 1.0


def test_a_figure_comes_with_how_far_other_sets_of_the_kind_would_move_it():
    """The bootstrap interval: wide for a batch of twenty sets, narrower for more, none
    where every set is right, and the same on every run."""
    every_set_right = Tally()
    for _ in range(20):
        every_set_right.add({"a": 2, "b": 3}, {"a": 2, "b": 3})
    assert every_set_right.intervals()["counts_exact"] == (1.0, 1.0)
    assert Tally().intervals() == {}

    def batch(sets: int) -> Tally:
        tally = Tally()
        for index in range(sets):  # one set in four a person short
            tally.add({"a": 2}, {"a": 1 if index % 4 == 0 else 2})
        return tally

    twenty, two_hundred = batch(20), batch(200)
    low, high = twenty.intervals()["counts_exact"]
    assert low < 0.75 < high
    narrow_low, narrow_high = two_hundred.intervals()["counts_exact"]
    assert low < narrow_low < 0.75 < narrow_high < high
    assert twenty.intervals()["counts_exact"] == (low, high)
