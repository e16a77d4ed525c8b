"""Figures from ratings that cannot be differenced down to one person.

The minimum cohort alone does not protect a mean: a coordinator who reads the mean over
8 respondents, and again after a ninth answered, computes the ninth rating exactly
(9 x new mean - 8 x old mean). So every figure from ratings is computed over the answers
released in whole steps of the programme's minimum cohort size, in the order they
arrived: with a minimum of 3, answers 1-3 release the first figure, answers 4-6 the next,
and the 7th and 8th wait for the 9th. Two figures read at different times then differ by
at least a whole step of people, the same protection as the cohort rule itself.
Means are also rounded to one decimal, which is all a 1-5 scale can say.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

MEAN_DIGITS = 1
RATE_DIGITS = 3


def released(values: Sequence[T], step: int) -> Sequence[T]:
    """The values (in arrival order) that a figure may use: a whole number of ``step``s."""
    if step < 1:
        raise ValueError("step must be at least 1")
    return values[: len(values) - len(values) % step]


def protected_mean(values: Sequence[float], step: int) -> float | None:
    """The rounded mean of the released values, or None when none is released yet."""
    usable = released(values, step)
    if not usable:
        return None
    return round(sum(usable) / len(usable), MEAN_DIGITS)


def protected_rate(flags: Sequence[bool], step: int) -> float | None:
    """The share of True among the released flags, or None when none is released yet."""
    usable = released(flags, step)
    if not usable:
        return None
    return round(sum(usable) / len(usable), RATE_DIGITS)
