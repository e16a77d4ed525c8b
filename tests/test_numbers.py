"""The one number format people read (web pages, CLI)."""

from coach.numbers import (
    KPI_LABELS,
    count,
    counted,
    days,
    decimal,
    kpi_label,
    kpi_value,
    rate,
    rating,
    signed,
)


def test_each_kind_reads_as_a_person_writes_it():
    assert rate(0.5714) == "57%"
    assert rating(3.933) == "3.9 / 5"
    assert decimal(0.4691) == "0.47"
    assert signed(0.333) == "+0.33" and signed(-0.5) == "-0.50"
    assert count(1204) == "1,204"
    assert days(4.46) == "4.5 days"
    assert rate(None) == rating(None) == count(None) == "\u2013"


def test_a_count_with_its_noun_is_singular_for_one_only():
    assert counted(1, "pair") == "1 pair"
    assert counted(0, "pair") == "0 pairs"
    assert counted(3, "place") == "3 places"
    assert counted(2, "person", "people") == "2 people"
    assert counted(1204, "row") == "1,204 rows"


def test_every_kpi_has_a_label_and_raw_codes_never_show():
    assert kpi_label("pairs_on_plan_rate") == "Pairs on plan"
    assert kpi_value("pairs_on_plan_rate", 0.571) == "57%"
    assert kpi_value("usefulness_mean", 4.0) == "4.0 / 5"
    assert all("_" not in label for label, _ in KPI_LABELS.values())
