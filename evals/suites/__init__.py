"""Eval suites; importing this package registers each of them with the harness."""

from evals.suites import injection, matching, prep, redaction, retrieval, summaries

__all__ = ["injection", "matching", "prep", "redaction", "retrieval", "summaries"]
