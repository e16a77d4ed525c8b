"""Eval suites; importing this package registers each of them with the harness."""

from evals.suites import (
    activity_fit,
    coverage,
    injection,
    matching,
    pii_public,
    prep,
    prep_quality,
    redaction,
    retrieval,
    summaries,
)

__all__ = [
    "activity_fit",
    "coverage",
    "injection",
    "matching",
    "pii_public",
    "prep",
    "prep_quality",
    "redaction",
    "retrieval",
    "summaries",
]
