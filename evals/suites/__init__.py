"""Eval suites; importing this package registers each of them with the harness."""

from evals.suites import (
    coverage,
    injection,
    matching,
    prep,
    prep_quality,
    redaction,
    retrieval,
    summaries,
)

__all__ = [
    "coverage",
    "injection",
    "matching",
    "prep",
    "prep_quality",
    "redaction",
    "retrieval",
    "summaries",
]
