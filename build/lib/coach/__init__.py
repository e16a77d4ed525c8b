"""Core library of the mentoring coach: no web framework imports here."""

__version__ = "0.1.0"
