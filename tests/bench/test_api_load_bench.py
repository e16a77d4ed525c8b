"""The API load benchmark stays runnable (timings are reported, never asserted)."""

import json

from bench.api_load import main


def test_the_load_benchmark_runs_small_with_no_server_errors(tmp_path):
    output = tmp_path / "api_load.json"
    report = main(
        ["--requests", "12", "--concurrency", "2", "--workers", "1", "--output", str(output)]
    )
    assert json.loads(output.read_text())["results"] == json.loads(json.dumps(report["results"]))
    rows = report["results"]["2"]
    assert set(rows) == {"healthz", "agenda", "review", "feedback"}
    for name, row in rows.items():
        assert row["requests"] == 12 and row["errors_5xx"] == 0, (name, row)
    assert rows["agenda"]["status"] == {201: 12}
    assert rows["feedback"]["status"] == {201: 12}
