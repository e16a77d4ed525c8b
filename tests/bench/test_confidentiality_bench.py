"""The confidentiality benchmark stays runnable (timings are reported, never asserted)."""

from bench.confidentiality import main


def test_redaction_and_summary_benchmark_run_small(tmp_path):
    report = main(["--texts", "20", "--answers", "12", "--output", str(tmp_path / "c.json")])
    assert report["redaction"]["texts"] == 20 and report["redaction"]["spans_found"] > 0
    assert report["summary"]["answers"] == 12 and report["summary"]["seconds"] > 0
    assert report["public_texts_vs_presidio"]["speed_vs_presidio_default"] > 0
