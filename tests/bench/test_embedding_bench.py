"""The embedding benchmark stays runnable (timings are reported, never asserted)."""

from bench.embedding import main, texts


def test_texts_are_distinct_and_the_benchmark_runs_small(tmp_path):
    corpus = texts(2000)
    assert len(set(corpus)) == 2000
    report = main(["--texts", "60", "--baseline-texts", "20", "--output", str(tmp_path / "e.json")])
    assert report["cold_added"] == 60 and report["unchanged_added"] == 0
