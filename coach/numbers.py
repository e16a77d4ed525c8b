"""One way to show a number, the same on web pages, in the CLI and in exports for people.

Rates are whole percentages ("57%"), ratings on the 1-5 scale carry their scale
("3.9 / 5"), other means and scores two decimals ("0.47"), changes a sign ("+0.33"),
counts thousands separators ("1,204"), durations their unit ("4.5 days"). A figure
that is not shown reads an en dash. The API returns the numbers themselves (rates as
fractions, ratings as released by ``coach.privacy.aggregates``); ``KPI_LABELS`` names each
KPI as a person reads it.
"""

from __future__ import annotations

from typing import Literal

Kind = Literal["rate", "rating", "decimal", "signed", "count", "days"]
MISSING = "\u2013"


def rate(value: float | None) -> str:
    return MISSING if value is None else f"{value * 100:.0f}%"


def rating(value: float | None) -> str:
    if value is None:
        return MISSING
    return f"{value:.1f} / 5"


def decimal(value: float | None) -> str:
    return MISSING if value is None else f"{value:.2f}"


def signed(value: float | None) -> str:
    return MISSING if value is None else f"{value:+.2f}"


def count(value: float | None) -> str:
    return MISSING if value is None else f"{round(value):,}"


def days(value: float | None) -> str:
    return MISSING if value is None else f"{value:.1f} days"


def counted(value: int, noun: str, plural: str | None = None) -> str:
    """A count with its noun, singular for one: "1 pair", "3 pairs", "2 people"."""
    word = noun if value == 1 else plural or f"{noun}s"
    return f"{count(value)} {word}"


FORMATS = {
    "rate": rate,
    "rating": rating,
    "decimal": decimal,
    "signed": signed,
    "count": count,
    "days": days,
}

# KPI name -> (label, kind): how the overview page, `coach kpis` and the CSV name them.
KPI_LABELS: dict[str, tuple[str, Kind]] = {
    "registered": ("People registered", "count"),
    "active": ("People still active", "count"),
    "active_rate": ("Still active", "rate"),
    "mentees_seeking": ("Mentees seeking a mentor", "count"),
    "mentees_matched": ("Mentees matched", "count"),
    "match_rate": ("Match rate", "rate"),
    "time_to_match_days_median": ("Time to match (median)", "days"),
    "repairing_rate": ("Re-pairing rate", "rate"),
    "pairs_matched": ("Pairs matched", "count"),
    "sessions_planned_total": ("Sessions planned in all", "count"),
    "sessions_expected_to_date": ("Sessions expected by now", "count"),
    "sessions_held": ("Sessions held", "count"),
    "sessions_scheduled": ("Sessions scheduled ahead", "count"),
    "sessions_cancelled": ("Sessions cancelled", "count"),
    "sessions_held_per_pair": ("Sessions held per pair", "decimal"),
    "pairs_on_plan_rate": ("Pairs on plan", "rate"),
    "cadence_kept_rate": ("Cadence kept", "rate"),
    "respondents": ("People who gave feedback", "count"),
    "usefulness_mean": ("Usefulness, all feedback", "rating"),
    "pairing_fit_mean": ("Pairing fit, all feedback", "rating"),
    "goal_progress_mean_change": ("Goal progress, first to last rating", "signed"),
    "goals_improved_rate": ("Goals improved", "rate"),
    "flags_for_repairing": ("Pairs flagged for a low fit", "count"),
}


def kpi_label(name: str) -> str:
    return KPI_LABELS.get(name, (name.replace("_", " ").capitalize(), "decimal"))[0]


def kpi_value(name: str, value: float | None) -> str:
    kind = KPI_LABELS.get(name, ("", "decimal"))[1]
    return FORMATS[kind](value)
