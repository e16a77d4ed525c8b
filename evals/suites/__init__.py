"""Eval suites; importing this package registers each of them with the harness."""

from evals.suites import retrieval

__all__ = ["retrieval"]
