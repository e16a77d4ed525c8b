"""Where a benchmark's report goes: printed, and written as JSON for docs/performance.md."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def publish(report: dict[str, Any], output: Path) -> dict[str, Any]:
    """Print ``report`` and write it to ``output`` (its folder made if need be)."""
    print(json.dumps(report, indent=2))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return report
