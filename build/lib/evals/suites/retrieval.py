"""Retrieval: does a participant's question find the guidance card that answers it?"""

from __future__ import annotations

from typing import Any

from evals.harness import CaseResult, EvalContext, Scored, Suite, Threshold, register
from evals.metrics import first_hit_rank, mean_reciprocal_rank, recall_at_k


@register
class RetrievalSuite(Suite):
    name = "retrieval"
    description = "Labelled questions -> expected guidance cards (audience-filtered search)."
    cases_file = "retrieval.jsonl"
    required_labels = ("query", "expected")
    thresholds = {  # noqa: RUF012
        "recall@3": Threshold(minimum=0.9, tolerance=0.03),
        "recall@1": Threshold(tolerance=0.05),
        "mrr@10": Threshold(minimum=0.7, tolerance=0.03),
        "unknown_card_ids": Threshold(maximum=0, tolerance=0),
    }

    def score(self, context: EvalContext, cases: list[dict[str, Any]]) -> Scored:
        services = context.services
        known = {card.id for card in services.cards}
        services.index.sync_guidance(services.cards)
        ranks: list[int | None] = []
        results: list[CaseResult] = []
        unknown = 0
        for case in cases:
            expected = list(case["expected"])
            unknown += sum(1 for card_id in expected if card_id not in known)
            hits = services.index.search_guidance(
                case["query"], audience=case.get("audience"), k=10
            )
            ranked = [hit.card_id for hit in hits]
            rank = first_hit_rank(ranked, expected)
            ranks.append(rank)
            passed = rank is not None and rank <= 3
            results.append(
                CaseResult(
                    id=case["id"],
                    passed=passed,
                    expected=expected,
                    got=ranked[:3],
                    reason=""
                    if passed
                    else (f"first expected card at rank {rank}" if rank else "not in the top 10"),
                )
            )
        return Scored(
            metrics={
                "recall@1": recall_at_k(ranks, 1),
                "recall@3": recall_at_k(ranks, 3),
                "mrr@10": mean_reciprocal_rank(ranks),
                "unknown_card_ids": float(unknown),
            },
            cases=results,
        )
