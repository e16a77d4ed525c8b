"""Turn the annotated redaction source into JSONL cases with character spans.

The source (evals/data/source/redaction.txt) is what people edit: one case per line as
``id<TAB>kind<TAB>text``, identifiers marked ``[[R|name]]`` and disclosures marked
``{{category|sentence}}`` (identifiers may sit inside a disclosure). The JSONL holds the
plain text and every labelled span, which is what the suite reads:

    python -m evals.tools.build_redaction            # rewrite evals/data/redaction.jsonl
    python -m evals.tools.build_redaction --check    # exit 1 when the JSONL is stale
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from evals.harness import DATA_DIR

SOURCE = DATA_DIR / "source" / "redaction.txt"
TARGET = DATA_DIR / "redaction.jsonl"
LABELS = {
    "R": "ROSTER",
    "P": "PERSON",
    "E": "EMAIL",
    "T": "PHONE",
    "I": "EMPLOYEE_ID",
    "U": "URL",
    "A": "ADDRESS",
    "B": "IBAN_CODE",
}
_TOKEN = re.compile(r"\[\[([A-Z])\||\]\]|\{\{([a-z ]+)\||\}\}")


def parse(annotated: str) -> tuple[str, list[dict[str, Any]]]:
    """Plain text and spans ({start, end, label[, category]}) of one annotated line."""
    plain: list[str] = []
    spans: list[dict[str, Any]] = []
    open_: list[dict[str, Any]] = []
    position = last = 0
    for match in _TOKEN.finditer(annotated):
        piece = annotated[last : match.start()]
        plain.append(piece)
        position += len(piece)
        last = match.end()
        token = match.group(0)
        if match.group(1):
            open_.append({"start": position, "label": LABELS[match.group(1)], "close": "]]"})
        elif match.group(2):
            open_.append(
                {
                    "start": position,
                    "label": "DISCLOSURE",
                    "category": match.group(2),
                    "close": "}}",
                }
            )
        else:
            if not open_ or open_[-1]["close"] != token:
                raise ValueError(f"unbalanced {token!r} in: {annotated}")
            span = open_.pop()
            span.pop("close")
            span["end"] = position
            spans.append(span)
    if open_:
        raise ValueError(f"unclosed markup in: {annotated}")
    plain.append(annotated[last:])
    text = "".join(plain)
    spans.sort(key=lambda s: (s["start"], -s["end"]))
    return text, [{**s, "text": text[s["start"] : s["end"]]} for s in spans]


def build(source: Path = SOURCE) -> str:
    lines = []
    for raw in source.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        case_id, kind, annotated = raw.split("\t", 2)
        text, spans = parse(annotated)
        lines.append(json.dumps({"id": case_id, "kind": kind, "text": text, "spans": spans}))
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    content = build()
    if "--check" in argv:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != content:
            print(f"{TARGET} is stale: run python -m evals.tools.build_redaction")
            return 1
        return 0
    TARGET.write_text(content, encoding="utf-8")
    print(f"wrote {content.count(chr(10))} cases to {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
