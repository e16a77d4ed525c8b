"""Maintenance scripts for the eval data (run with ``python -m evals.tools.NAME``)."""
