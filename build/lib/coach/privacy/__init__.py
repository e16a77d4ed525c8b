"""Confidentiality: the access policy (and, later, redaction and small-cohort rules)."""
