"""The theme-reading benchmark stays runnable (timings are reported, never asserted)."""

from bench.themes import feedback_sentences, main


def test_the_sentences_are_distinct_feedback_and_the_benchmark_runs_small(tmp_path):
    said = feedback_sentences()
    assert len(said) == len(set(said)) > 500
    assert not any("{partner}" in sentence for sentence in said)
    report = main(["--sentences", "20", "--output", str(tmp_path / "t.json")])
    assert report["sentences"] == 20
    assert (tmp_path / "t.json").is_file()
    for model in ("all-mpnet-base-v2 (shipped)", "all-MiniLM-L6-v2 (baseline)"):
        assert report[model]["sentences_per_s"] > 0
