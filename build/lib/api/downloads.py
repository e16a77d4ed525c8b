"""Files the API and the web pages hand out, built in one place each."""

from __future__ import annotations

from fastapi import Response

from coach.kpis import KpiReport


def kpi_csv(report: KpiReport) -> Response:
    """A programme's KPI report as a CSV download."""
    return Response(
        report.to_csv(),
        media_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="kpis-{report.programme_id}.csv"'},
    )
