"""Coordinator pages: programme overview with KPIs, pairing review, feedback, people."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import Id, ServicesDep
from api.downloads import kpi_csv
from api.web.charts import grouped_bars, meter
from api.web.render import form_lines, page
from api.web.session import Poster, Viewer, WebUser
from coach.domain import FeedbackStage, Pairing, PairingStatus, Participant, Role
from coach.errors import FieldProblem, InputValidationError, NotFoundError
from coach.feedback import (
    add_note_to_self,
    check_ins,
    my_notes,
    pairs_needing_attention,
    send_check_in,
    summarise_feedback,
)
from coach.feedback.summary import HOW_COUNTED
from coach.invitations import invite
from coach.kpis import programme_kpis
from coach.matching import RUN_SOLVERS, solver_for_run
from coach.pairing_choices import alternatives, approve_many, pair_manually
from coach.pairings import approve, programme_fairness, reject, run_matching, swap
from coach.prep.goals import instruction_goals
from coach.privacy.policy import Action, Target, require
from coach.roster import parse_bytes, validate_rows

router = APIRouter(prefix="/web/programmes/{programme_id}", include_in_schema=False)


@dataclass(frozen=True)
class Row:
    pairing: Pairing
    mentee: Participant
    mentor: Participant

    @property
    def first_approver(self) -> int | None:
        """Who gave the first of two approvals (they cannot give the second)."""
        if self.pairing.status is not PairingStatus.AWAITING_SECOND_APPROVAL:
            return None
        return next(
            (
                e.actor_user_id
                for e in reversed(self.pairing.history)
                if e.to_status is PairingStatus.AWAITING_SECOND_APPROVAL
            ),
            None,
        )


PAGE_SIZE = 25  # rows on one page of the pairing review

SORTS = {"score": "score", "mentee": "mentee", "mentor": "mentor", "status": "status"}


@router.get("", response_class=HTMLResponse)
def overview(request: Request, programme_id: Id, viewer: Viewer, services: ServicesDep):
    require(viewer.who, Action.KPI_READ, Target(programme_id=programme_id))
    programme = services.store.programmes.get_programme(programme_id)
    report = programme_kpis(services, programme_id)
    m = report.metrics
    charts = {
        "sessions": grouped_bars(
            "Pairs that held each session against pairs expected to have by now",
            [
                (f"S{row.number}", [float(row.pairs_held), float(row.pairs_expected)])
                for row in report.sessions
            ],
            ("held", "expected by now"),
        ),
        "ratings": grouped_bars(
            "Mean usefulness and pairing fit by month (1-5)",
            [
                (row.month, [row.usefulness_mean, row.pairing_fit_mean])
                for row in report.satisfaction_by_month
            ],
            ("usefulness", "pairing fit"),
            maximum=5,
        ),
        "match_rate": meter("Match rate", m.get("match_rate")),
        "on_plan": meter("Pairs on plan", m.get("pairs_on_plan_rate")),
        "cadence": meter("Cadence kept", m.get("cadence_kept_rate")),
        "improved": meter("Goals improved", m.get("goals_improved_rate")),
    }
    return page(request, "overview.html", viewer, programme=programme, report=report, charts=charts)


@router.get("/kpis.csv")
def kpis_csv(programme_id: Id, viewer: Viewer, services: ServicesDep) -> Response:
    require(viewer.who, Action.KPI_READ, Target(programme_id=programme_id))
    return kpi_csv(programme_kpis(services, programme_id))


@router.get("/pairings", response_class=HTMLResponse)
def pairings(
    request: Request,
    programme_id: Id,
    viewer: Viewer,
    services: ServicesDep,
    status: Annotated[PairingStatus | None, Query()] = None,
    q: Annotated[str, Query(max_length=100)] = "",
    sort: Annotated[str, Query(max_length=20)] = "score",
    done: Annotated[str, Query(max_length=100)] = "",
    page_number: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1,
):
    require(viewer.who, Action.PAIRING_REVIEW, Target(programme_id=programme_id))
    store = services.store
    programme = store.programmes.get_programme(programme_id)
    people = {
        p.id: p for p in store.programmes.list_participants(programme_id, include_inactive=True)
    }
    items, _ = store.pairings.list_pairings(programme_id, statuses=[status] if status else None)
    if status is None:  # withdrawn suggestions are history; show them only on request
        items = [p for p in items if p.status is not PairingStatus.WITHDRAWN]
    rows = []
    needle = q.strip().lower()
    for pairing in items:
        mentee, mentor = people[pairing.mentee_id], people[pairing.mentor_id]
        text = f"{mentee.name} {mentor.name} {mentee.department} {mentor.department}".lower()
        if needle and needle not in text:
            continue
        rows.append(Row(pairing, mentee, mentor))
    key = SORTS.get(sort, "score")
    if key == "score":
        rows.sort(key=lambda r: -(r.pairing.score or 0))
    elif key == "status":
        rows.sort(key=lambda r: r.pairing.status.value)
    else:
        rows.sort(key=lambda r: getattr(r, key).name)
    run = store.pairings.latest_matching_run(programme_id)
    open_rows = [r for r in rows if r.pairing.status is PairingStatus.SUGGESTED]
    total = len(rows)
    pages = max(1, -(-total // PAGE_SIZE))
    page_number = min(page_number, pages)
    rows = rows[(page_number - 1) * PAGE_SIZE : page_number * PAGE_SIZE]
    return page(
        request,
        "pairings.html",
        viewer,
        programme=programme,
        rows=rows,
        total=total,
        page_number=page_number,
        pages=pages,
        page_size=PAGE_SIZE,
        run=run,
        fairness=programme_fairness(services, programme_id),
        open_rows=open_rows,
        statuses=list(PairingStatus),
        status=status.value if status else "",
        q=q,
        sort=key,
        done=done,
        solvers=[s.value for s in RUN_SOLVERS],
    )


def _back(programme_id: int, done: str) -> RedirectResponse:
    return RedirectResponse(f"/web/programmes/{programme_id}/pairings?done={done}", 303)


@router.post("/matching")
def run(
    programme_id: Id,
    viewer: Poster,
    services: ServicesDep,
    solver: Annotated[str, Form(max_length=20)] = "optimal",
) -> RedirectResponse:
    require(viewer.who, Action.MATCHING_RUN, Target(programme_id=programme_id))
    chosen = solver_for_run(solver)
    _, made, _ = run_matching(services, programme_id, chosen, actor_user_id=viewer.user.id)
    return _back(programme_id, f"{len(made)} suggestions from a new run")


@router.post("/pairings/{pairing_id}/approve")
def approve_pairing(
    programme_id: Id, pairing_id: Id, viewer: Poster, services: ServicesDep
) -> RedirectResponse:
    require(viewer.who, Action.PAIRING_REVIEW, Target(programme_id=programme_id))
    _in_programme(services, programme_id, pairing_id)
    result = approve(services, pairing_id, viewer.user.id)
    return _back(programme_id, f"pairing {pairing_id} {result.status.value.replace('_', ' ')}")


@router.post("/pairings/{pairing_id}/reject")
def reject_pairing(
    programme_id: Id,
    pairing_id: Id,
    viewer: Poster,
    services: ServicesDep,
    reason: Annotated[str, Form(max_length=1000)] = "",
) -> RedirectResponse:
    require(viewer.who, Action.PAIRING_REVIEW, Target(programme_id=programme_id))
    _in_programme(services, programme_id, pairing_id)
    reject(services, pairing_id, viewer.user.id, reason)
    return _back(programme_id, f"pairing {pairing_id} rejected")


@router.post("/pairings/swap")
def swap_pairings(
    programme_id: Id,
    viewer: Poster,
    services: ServicesDep,
    first_id: Annotated[int, Form(ge=1, le=2**31 - 1)],
    second_id: Annotated[int, Form(ge=1, le=2**31 - 1)],
) -> RedirectResponse:
    require(viewer.who, Action.PAIRING_REVIEW, Target(programme_id=programme_id))
    _in_programme(services, programme_id, first_id)
    _in_programme(services, programme_id, second_id)
    swap(services, first_id, second_id, viewer.user.id)
    return _back(programme_id, "mentors swapped")


@router.post("/pairings/approve-selected")
async def approve_selected(
    request: Request, programme_id: Id, viewer: Poster, services: ServicesDep
) -> RedirectResponse:
    """The ticked suggestions, each approved on its own (dual approval still applies)."""
    require(viewer.who, Action.PAIRING_REVIEW, Target(programme_id=programme_id))
    form = await request.form()
    ids = []
    for value in form.getlist("pairing_id")[:500]:
        if not str(value).isdigit() or not 1 <= int(str(value)) <= 2**31 - 1:
            raise InputValidationError(
                "The selection holds something that is not a pairing.",
                [FieldProblem("pairing_id", "tick pairings from the list")],
                hint="reload the page and tick the pairings again; nothing was approved.",
            )
        ids.append(int(str(value)))
    if not ids:
        return _back(programme_id, "nothing was ticked")
    outcome = approve_many(services, programme_id, ids, viewer.user.id)
    message = f"{len(outcome.approved)} approved or awaiting a second reviewer"
    if outcome.refused:
        message += f"; {len(outcome.refused)} not: " + "; ".join(
            f"{i}: {why}" for i, why in list(outcome.refused.items())[:3]
        )
    return _back(programme_id, message[:100])


@router.get("/mentees/{mentee_id}/alternatives", response_class=HTMLResponse)
def mentee_alternatives(
    request: Request, programme_id: Id, mentee_id: Id, viewer: Viewer, services: ServicesDep
):
    """The next-best mentors for one mentee, and a form to pair by hand."""
    require(viewer.who, Action.PAIRING_REVIEW, Target(programme_id=programme_id))
    store = services.store
    mentee = store.programmes.get_participant(mentee_id, programme_id=programme_id)
    if mentee.role is not Role.MENTEE:
        raise NotFoundError("mentee", mentee_id)
    mentors = sorted(
        (p for p in store.programmes.list_participants(programme_id) if p.role is Role.MENTOR),
        key=lambda p: p.name,
    )
    return page(
        request,
        "alternatives.html",
        viewer,
        programme=store.programmes.get_programme(programme_id),
        mentee=mentee,
        options=alternatives(services, programme_id, mentee_id),
        mentors=mentors,
    )


@router.post("/pairings/manual")
def manual_pair(
    programme_id: Id,
    viewer: Poster,
    services: ServicesDep,
    mentee_id: Annotated[int, Form(ge=1, le=2**31 - 1)],
    mentor_id: Annotated[int, Form(ge=1, le=2**31 - 1)],
    reason: Annotated[str, Form(max_length=1000)] = "",
    override: Annotated[bool, Form()] = False,
) -> RedirectResponse:
    require(viewer.who, Action.PAIRING_REVIEW, Target(programme_id=programme_id))
    made = pair_manually(
        services,
        programme_id,
        mentee_id,
        mentor_id,
        viewer.user.id,
        reason=reason,
        override=override,
    )
    return _back(programme_id, f"pairing {made.id} suggested by hand")


def _in_programme(services: ServicesDep, programme_id: int, pairing_id: int) -> None:
    services.store.pairings.get_pairing(pairing_id, programme_id=programme_id)


@router.get("/feedback", response_class=HTMLResponse)
def feedback(
    request: Request,
    programme_id: Id,
    viewer: Viewer,
    services: ServicesDep,
    stage: Annotated[FeedbackStage, Query()] = FeedbackStage.MIDPOINT,
    done: Annotated[str | None, Query(max_length=200)] = None,
):
    require(viewer.who, Action.FEEDBACK_SUMMARY, Target(programme_id=programme_id))
    programme = services.store.programmes.get_programme(programme_id)
    summary = summarise_feedback(services, programme_id, stage)
    attention = pairs_needing_attention(services, programme_id)
    return page(
        request,
        "feedback_summary.html",
        viewer,
        programme=programme,
        summary=summary,
        how_counted=HOW_COUNTED,
        stage=stage.value,
        stages=[s.value for s in FeedbackStage],
        attention=attention,
        sent={a.pairing_id: check_ins(services, a.pairing_id) for a in attention},
        notes={a.pairing_id: my_notes(services, a.pairing_id, viewer.user.id) for a in attention},
        done=done,
    )


MessageText = Annotated[str, Form(max_length=4000)]
StageField = Annotated[FeedbackStage, Form()]


def _act_on_pair(
    programme_id: int, pairing_id: int, viewer: WebUser, stage: FeedbackStage, act: Any, done: str
) -> RedirectResponse:
    """Check the policy, do it, and go back to the attention list with what was done."""
    require(viewer.who, Action.PAIRING_REVIEW, Target(programme_id=programme_id))
    act()
    return RedirectResponse(
        f"/web/programmes/{programme_id}/feedback?stage={stage.value}"
        f"&done={done} {pairing_id}#attention",
        303,
    )


@router.post("/pairings/{pairing_id}/check-in")
def check_in(
    programme_id: Id,
    pairing_id: Id,
    viewer: Poster,
    services: ServicesDep,
    text: MessageText = "",
    stage: StageField = FeedbackStage.MIDPOINT,
) -> RedirectResponse:
    def send() -> Any:
        return send_check_in(services, programme_id, pairing_id, viewer.user.id, text)

    return _act_on_pair(programme_id, pairing_id, viewer, stage, send, "check-in sent to pair")


@router.post("/pairings/{pairing_id}/coordinator-note")
def note_to_self(
    programme_id: Id,
    pairing_id: Id,
    viewer: Poster,
    services: ServicesDep,
    text: MessageText = "",
    stage: StageField = FeedbackStage.MIDPOINT,
) -> RedirectResponse:
    def keep() -> Any:
        return add_note_to_self(services, programme_id, pairing_id, viewer.user.id, text)

    return _act_on_pair(programme_id, pairing_id, viewer, stage, keep, "note kept for pair")


@router.get("/participants", response_class=HTMLResponse)
def participants(
    request: Request,
    programme_id: Id,
    viewer: Viewer,
    services: ServicesDep,
    q: Annotated[str, Query(max_length=100)] = "",
    done: Annotated[str, Query(max_length=100)] = "",
):
    require(viewer.who, Action.PARTICIPANT_LIST, Target(programme_id=programme_id))
    return _participants_page(request, programme_id, viewer, services, q=q, done=done)


def _participants_page(
    request: Request,
    programme_id: int,
    viewer: Viewer,
    services: ServicesDep,
    *,
    q: str = "",
    done: str = "",
    problems: list[tuple[str, str, str]] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    programme = services.store.programmes.get_programme(programme_id)
    people = services.store.programmes.list_participants(programme_id)
    needs_a_look = [(p, text) for p in people for text in instruction_goals(p.goals)]
    needle = q.strip().lower()
    if needle:
        people = [p for p in people if needle in f"{p.name} {p.department} {p.email}".lower()]
    return page(
        request,
        "participants.html",
        viewer,
        programme=programme,
        people=people,
        needs_a_look=needs_a_look,
        q=q,
        done=done,
        problems=problems or [],
        status_code=status_code,
    )


@router.post("/participants/import")
def import_roster(
    request: Request,
    programme_id: Id,
    viewer: Poster,
    services: ServicesDep,
    file: Annotated[UploadFile, File()],
) -> Response:
    require(viewer.who, Action.ROSTER_IMPORT, Target(programme_id=programme_id))
    try:
        rows = validate_rows(parse_bytes(file.filename or "roster.csv", file.file.read()))
    except InputValidationError as exc:
        problems = [("" if p.row is None else str(p.row), p.field, p.message) for p in exc.problems]
        return _participants_page(
            request, programme_id, viewer, services, problems=problems, status_code=422
        )
    result = services.store.programmes.upsert_participants(programme_id, rows)
    done = f"imported: {result.created} new, {result.updated} updated, {result.unchanged} same"
    return RedirectResponse(f"/web/programmes/{programme_id}/participants?done={done}", 303)


@router.post("/participants/invite")
def invite_people(
    request: Request,
    programme_id: Id,
    viewer: Poster,
    services: ServicesDep,
    scope: Annotated[str, Form()] = "selected",
    participant_ids: Annotated[list[int] | None, Form()] = None,
) -> Response:
    """Email sign-in links: to the people ticked, or to everyone (``scope=all``)."""
    require(viewer.who, Action.PARTICIPANT_INVITE, Target(programme_id=programme_id))
    chosen = None if scope == "all" else list(participant_ids or [])
    if chosen == []:
        return _participants_page(
            request,
            programme_id,
            viewer,
            services,
            problems=[("", "participant_ids", "tick the people to invite, or invite everyone")],
            status_code=422,
        )
    outcome = invite(services, programme_id, chosen, viewer.user)
    done = (
        f"invited: {len(outcome.invited)} people "
        f"({outcome.accounts_created} new accounts); each gets a sign-in link by email"
    )
    return RedirectResponse(f"/web/programmes/{programme_id}/participants?done={done}", 303)


EDITABLE = ("name", "email", "department", "seniority", "capacity", "timezone")
LISTS = ("goals", "skills", "interests", "nicknames")


@router.get("/participants/{participant_id}", response_class=HTMLResponse)
def participant(
    request: Request, programme_id: Id, participant_id: Id, viewer: Viewer, services: ServicesDep
):
    target = Target(programme_id=programme_id, participant_id=participant_id)
    require(viewer.who, Action.PARTICIPANT_LIST, target)
    person = _person(services, programme_id, participant_id)
    return page(
        request,
        "participant.html",
        viewer,
        programme=services.store.programmes.get_programme(programme_id),
        person=person,
        roles=[r.value for r in Role],
    )


@router.post("/participants/{participant_id}")
def save_participant(
    request: Request,
    programme_id: Id,
    participant_id: Id,
    viewer: Poster,
    services: ServicesDep,
    name: Annotated[str, Form(max_length=200)],
    email: Annotated[str, Form(max_length=320)],
    department: Annotated[str, Form(max_length=200)],
    seniority: Annotated[int, Form(ge=1, le=12)],
    capacity: Annotated[int, Form(ge=0, le=10)],
    timezone: Annotated[str, Form(max_length=64)],
    goals: Annotated[str, Form(max_length=10000)] = "",
    skills: Annotated[str, Form(max_length=10000)] = "",
    interests: Annotated[str, Form(max_length=10000)] = "",
    nicknames: Annotated[str, Form(max_length=2000)] = "",
    availability: Annotated[str, Form(max_length=2000)] = "",
    consent_matching: Annotated[bool, Form()] = False,
) -> RedirectResponse:
    """Coordinators edit a profile; each list is one item per line."""
    changes = {
        "name": name,
        "email": email,
        "department": department,
        "seniority": seniority,
        "capacity": capacity,
        "timezone": timezone,
        "goals": form_lines(goals),
        "skills": form_lines(skills),
        "interests": form_lines(interests),
        "nicknames": form_lines(nicknames),
        "availability": "; ".join(form_lines(availability)),
        "consent_matching": consent_matching,
    }
    target = Target(
        programme_id=programme_id, participant_id=participant_id, fields=frozenset(changes)
    )
    require(viewer.who, Action.PARTICIPANT_LIST, target)  # coordinators only
    require(viewer.who, Action.PARTICIPANT_UPDATE, target)
    _person(services, programme_id, participant_id)
    saved = services.store.programmes.update_participant(participant_id, changes)
    return RedirectResponse(
        f"/web/programmes/{programme_id}/participants?done=saved {saved.name}", 303
    )


def _person(services: ServicesDep, programme_id: int, participant_id: int) -> Participant:
    return services.store.programmes.get_participant(participant_id, programme_id=programme_id)
