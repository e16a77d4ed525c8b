"""Retrieval eval: does a person's question find the right guidance card?

Each case is a query, the asker's audience and the card ids that answer it. A case is a
hit at k when any expected card is among the first k results of the audience-filtered
search. Reported: recall@1, recall@3 and mean reciprocal rank (of the first expected card,
0 when it is not in the top 10).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from coach.index import Index

CASES = Path(__file__).parent / "data" / "retrieval.jsonl"
RECALL_AT_3_THRESHOLD = 0.9


@dataclass(frozen=True)
class RetrievalCase:
    id: str
    query: str
    audience: str | None
    expected: list[str]


@dataclass
class CaseResult:
    case: RetrievalCase
    ranked: list[str]

    @property
    def rank(self) -> int | None:
        for position, card_id in enumerate(self.ranked, start=1):
            if card_id in self.case.expected:
                return position
        return None

    def hit(self, k: int) -> bool:
        return self.rank is not None and self.rank <= k


@dataclass
class RetrievalReport:
    results: list[CaseResult] = field(default_factory=list)

    def recall_at(self, k: int) -> float:
        return sum(r.hit(k) for r in self.results) / len(self.results) if self.results else 0.0

    @property
    def mrr(self) -> float:
        if not self.results:
            return 0.0
        return sum(1 / r.rank for r in self.results if r.rank) / len(self.results)

    @property
    def misses_at_3(self) -> list[CaseResult]:
        return [r for r in self.results if not r.hit(3)]


def load_cases(path: Path = CASES) -> list[RetrievalCase]:
    cases = []
    for line_number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            cases.append(
                RetrievalCase(
                    data["id"], data["query"], data.get("audience"), list(data["expected"])
                )
            )
        except (json.JSONDecodeError, KeyError) as exc:
            raise ValueError(f"{path.name} line {line_number}: bad case ({exc})") from None
    return cases


def run_retrieval(index: Index, cases: list[RetrievalCase]) -> RetrievalReport:
    report = RetrievalReport()
    for case in cases:
        hits = index.search_guidance(case.query, audience=case.audience, k=10)
        report.results.append(CaseResult(case, [hit.card_id for hit in hits]))
    return report
