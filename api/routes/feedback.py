"""Feedback: participants answer; coordinators read summaries, re-pairing flags, KPIs.

Raw feedback is readable only by its author (``/feedback/mine``). Coordinators never get
a route to raw text: summaries above the minimum cohort, flags without text, figures.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response, status

from api.deps import Id, ServicesDep, Who
from api.schemas import FeedbackPublic
from coach.domain import FeedbackIn, FeedbackStage
from coach.feedback import (
    FeedbackSummary,
    PairingFlag,
    my_feedback,
    repairing_flags,
    submit_feedback,
    summarise_feedback,
)
from coach.kpis import KpiReport, programme_kpis
from coach.privacy.policy import Action, Target, require

router = APIRouter(prefix="/programmes/{programme_id}", tags=["feedback"])


def _own_participant(who: Who, programme_id: int, action: Action) -> int:
    require(who, action, Target(programme_id=programme_id))
    return who.participates[programme_id][0]


@router.post("/feedback", response_model=FeedbackPublic, status_code=status.HTTP_201_CREATED)
def submit(programme_id: Id, body: FeedbackIn, who: Who, services: ServicesDep) -> FeedbackPublic:
    """A participant's answer about their own pairing (once per session or stage)."""
    author_id = _own_participant(who, programme_id, Action.FEEDBACK_SUBMIT)
    author = services.store.get_participant(author_id)
    return FeedbackPublic.model_validate(submit_feedback(services, programme_id, author, body))


@router.get("/feedback/mine", response_model=list[FeedbackPublic])
def mine(programme_id: Id, who: Who, services: ServicesDep) -> list[FeedbackPublic]:
    """The caller's own answers, text included; nobody else can read them."""
    author_id = _own_participant(who, programme_id, Action.FEEDBACK_SUBMIT)
    author = services.store.get_participant(author_id)
    return [FeedbackPublic.model_validate(f) for f in my_feedback(services, programme_id, author)]


@router.get("/feedback/summary", response_model=FeedbackSummary)
def summary(
    programme_id: Id,
    stage: Annotated[FeedbackStage, Query(description="session, midpoint or closing")],
    who: Who,
    services: ServicesDep,
) -> FeedbackSummary:
    """Themes, sentiment and actions for one stage, only above the minimum cohort."""
    require(who, Action.FEEDBACK_SUMMARY, Target(programme_id=programme_id))
    return summarise_feedback(services, programme_id, stage)


@router.get("/feedback/flags", response_model=list[PairingFlag])
def flags(programme_id: Id, who: Who, services: ServicesDep) -> list[PairingFlag]:
    """Approved pairs where someone rated the fit 2 or lower (who and why not shown)."""
    require(who, Action.FEEDBACK_SUMMARY, Target(programme_id=programme_id))
    return repairing_flags(services, programme_id)


@router.get(
    "/kpis",
    response_model=KpiReport,
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}},
)
def kpis(
    programme_id: Id,
    who: Who,
    services: ServicesDep,
    format: Annotated[Literal["json", "csv"], Query(description="json or csv")] = "json",
) -> KpiReport | Response:
    """The programme's KPIs; breakdowns follow the minimum-cohort rule."""
    require(who, Action.KPI_READ, Target(programme_id=programme_id))
    report = programme_kpis(services, programme_id)
    if format == "csv":
        return Response(
            report.to_csv(),
            media_type="text/csv",
            headers={"Content-Disposition": f'attachment; filename="kpis-{programme_id}.csv"'},
        )
    return report
