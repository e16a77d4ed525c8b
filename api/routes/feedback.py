"""Feedback: participants answer; coordinators read summaries, re-pairing flags, KPIs.

Raw feedback is readable only by its author (``/feedback/mine``). Coordinators never get
a route to raw text: summaries above the minimum cohort, flags without text, figures.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response, status
from pydantic import BaseModel, ConfigDict, Field

from api.deps import Id, ServicesDep, Who
from api.downloads import kpi_csv
from api.schemas import FeedbackPublic
from coach.domain import FeedbackIn, FeedbackStage, PairingActionRecord
from coach.feedback import (
    FeedbackSummary,
    PairAttention,
    PairingFlag,
    add_note_to_self,
    my_feedback,
    my_notes,
    pairs_needing_attention,
    repairing_flags,
    send_check_in,
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
    author = services.store.programmes.get_participant(author_id)
    return FeedbackPublic.model_validate(submit_feedback(services, programme_id, author, body))


@router.get("/feedback/mine", response_model=list[FeedbackPublic])
def mine(programme_id: Id, who: Who, services: ServicesDep) -> list[FeedbackPublic]:
    """The caller's own answers, text included; nobody else can read them."""
    require(
        who, Action.FEEDBACK_READ_RAW, Target(programme_id=programme_id, owner_user_id=who.user_id)
    )
    author = services.store.programmes.get_participant(who.participates[programme_id][0])
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


@router.get("/feedback/attention", response_model=list[PairAttention])
def attention(programme_id: Id, who: Who, services: ServicesDep) -> list[PairAttention]:
    """Approved pairs flagged for a low fit or behind plan, with the actions on each."""
    require(who, Action.FEEDBACK_SUMMARY, Target(programme_id=programme_id))
    return pairs_needing_attention(services, programme_id)


class MessageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=5, max_length=2000)


@router.post(
    "/pairings/{pairing_id}/check-ins",
    response_model=PairingActionRecord,
    status_code=status.HTTP_201_CREATED,
)
def check_in(
    programme_id: Id, pairing_id: Id, body: MessageIn, who: Who, services: ServicesDep
) -> PairingActionRecord:
    """A message from the programme team that both members of the pair read."""
    require(who, Action.PAIRING_REVIEW, Target(programme_id=programme_id))
    return send_check_in(services, programme_id, pairing_id, who.user_id, body.text)


@router.post(
    "/pairings/{pairing_id}/coordinator-notes",
    response_model=PairingActionRecord,
    status_code=status.HTTP_201_CREATED,
)
def add_note(
    programme_id: Id, pairing_id: Id, body: MessageIn, who: Who, services: ServicesDep
) -> PairingActionRecord:
    """A coordinator's note to self about a pair; only its author reads it back."""
    require(who, Action.PAIRING_REVIEW, Target(programme_id=programme_id))
    return add_note_to_self(services, programme_id, pairing_id, who.user_id, body.text)


@router.get("/pairings/{pairing_id}/coordinator-notes", response_model=list[PairingActionRecord])
def notes(
    programme_id: Id, pairing_id: Id, who: Who, services: ServicesDep
) -> list[PairingActionRecord]:
    """The caller's own notes about a pair (never another coordinator's)."""
    require(who, Action.PAIRING_REVIEW, Target(programme_id=programme_id))
    services.store.pairings.get_pairing(pairing_id, programme_id=programme_id)
    return my_notes(services, pairing_id, who.user_id)


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
    return kpi_csv(report) if format == "csv" else report
