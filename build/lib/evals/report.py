"""Writes an eval run as report.json and a self-contained report.html."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from evals.harness import SuiteResult

TEMPLATE_DIR = Path(__file__).resolve().parent


def run_summary(results: list[SuiteResult], backend: str) -> dict[str, Any]:
    return {
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "backend": backend,
        "passed": all(result.passed for result in results),
        "suites": [result.as_dict() for result in results],
    }


def write_report(results: list[SuiteResult], directory: Path, backend: str) -> tuple[Path, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    summary = run_summary(results, backend)
    json_path = directory / "report.json"
    json_path.write_text(json.dumps(summary, indent=2, default=str) + "\n", encoding="utf-8")
    environment = Environment(
        loader=FileSystemLoader(str(TEMPLATE_DIR)), autoescape=select_autoescape(["html", "j2"])
    )
    # Readable JSON for expected/got; autoescaping makes it safe inside the page.
    environment.filters["pretty"] = lambda value: json.dumps(
        value, indent=2, ensure_ascii=False, default=str
    )
    html = environment.get_template("report.html.j2").render(run=summary)
    html_path = directory / "report.html"
    html_path.write_text(html, encoding="utf-8")
    return json_path, html_path
