"""Eval suites; importing this package registers each of them with the harness."""

from evals.suites import matching, prep, redaction, retrieval, summaries

__all__ = ["matching", "prep", "redaction", "retrieval", "summaries"]
