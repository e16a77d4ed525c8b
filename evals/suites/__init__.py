"""Eval suites; importing this package registers each of them with the harness."""

from evals.suites import matching, prep, redaction, retrieval

__all__ = ["matching", "prep", "redaction", "retrieval"]
