"""Matching runs: suggest pairs (or re-run for the unmatched) and audit exclusions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from api.deps import MAX_ID, CurrentUser, Id, ServicesDep, StoreDep, Who
from api.schemas import ExclusionPublic, MatchingRunCreate, MatchingRunPublic, PairingPublic
from coach.errors import NotFoundError
from coach.matching import Solver
from coach.pairings import run_matching, why_excluded
from coach.privacy.policy import Action, Target, require

router = APIRouter(prefix="/programmes/{programme_id}/matching", tags=["matching"])


@router.post("/runs", response_model=MatchingRunPublic, status_code=status.HTTP_201_CREATED)
def create_run(
    programme_id: Id,
    body: MatchingRunCreate,
    who: Who,
    user: CurrentUser,
    services: ServicesDep,
) -> MatchingRunPublic:
    """Suggest pairs for everyone not in an approved pairing; approved pairs stay as they are."""
    require(who, Action.MATCHING_RUN, Target(programme_id=programme_id))
    run, pairings, _ = run_matching(
        services, programme_id, Solver(body.solver), weights=body.weights, actor_user_id=user.id
    )
    return MatchingRunPublic(
        **run.model_dump(), suggestions=[PairingPublic.model_validate(p) for p in pairings]
    )


@router.get("/runs/latest", response_model=MatchingRunPublic)
def latest_run(programme_id: Id, who: Who, store: StoreDep) -> MatchingRunPublic:
    """The latest run's audit: excluded-pair counts, unmatched people, fairness."""
    require(who, Action.MATCHING_RUN, Target(programme_id=programme_id))
    run = store.pairings.latest_matching_run(programme_id)
    if run is None:
        raise NotFoundError("matching run", programme_id, hint="start one with POST .../runs.")
    return MatchingRunPublic(**run.model_dump())


@router.get("/exclusion", response_model=ExclusionPublic)
def exclusion(
    programme_id: Id,
    who: Who,
    services: ServicesDep,
    mentee_id: Annotated[int, Query(ge=1, le=MAX_ID)],
    mentor_id: Annotated[int, Query(ge=1, le=MAX_ID)],
) -> ExclusionPublic:
    """Which rule, if any, excludes this mentee and mentor from being paired."""
    require(who, Action.MATCHING_RUN, Target(programme_id=programme_id))
    reason = why_excluded(services, programme_id, mentee_id, mentor_id)
    return ExclusionPublic(
        mentee_id=mentee_id, mentor_id=mentor_id, excluded=reason is not None, reason=reason
    )
