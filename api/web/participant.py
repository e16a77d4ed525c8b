"""Mentee and mentor pages: my pairing, the next session's agenda or prompts, my private
notes and my feedback."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import Id, ServicesDep
from api.web.charts import progress_lines
from api.web.render import form_lines, page
from api.web.session import Poster, Viewer, WebUser
from coach.accounts import now_utc
from coach.domain import (
    MAX_SESSIONS,
    FeedbackIn,
    FeedbackStage,
    NoteIn,
    Pairing,
    PairingStatus,
    Participant,
    Role,
    SessionStatus,
    validated,
)
from coach.errors import (
    CoachError,
    ConflictError,
    FieldProblem,
    InputValidationError,
)
from coach.feedback import check_ins, my_feedback, submit_feedback
from coach.prep.context import stage_for
from coach.prep.documents import prepare_agenda, prepare_prompts, stored_agenda, stored_prompts
from coach.prep.overview import pair_overview
from coach.privacy.policy import Action, Target, require
from coach.scheduling import accept_session, mark_session, propose_session, session_file
from coach.services import Services

router = APIRouter(prefix="/web/programmes/{programme_id}", include_in_schema=False)
Number = Annotated[int, Path(ge=1, le=MAX_SESSIONS)]


def _me(viewer: WebUser, services: Services, programme_id: int):
    require(viewer.who, Action.PARTICIPATE, Target(programme_id=programme_id))
    return services.store.programmes.get_participant(viewer.who.participates[programme_id][0])


def _pairing(services: Services, programme_id: int, pairing_id: int) -> Pairing:
    return services.store.pairings.get_pairing(pairing_id, programme_id=programme_id)


def _my_page(
    request: Request,
    programme_id: int,
    viewer: WebUser,
    services: Services,
    *,
    done: str = "",
    error: tuple[str, list[tuple[str, str]]] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    me = _me(viewer, services, programme_id)
    store = services.store
    programme = store.programmes.get_programme(programme_id)
    mine, _ = store.pairings.list_pairings(
        programme_id, statuses=[PairingStatus.APPROVED], participant_id=me.id
    )
    held: dict[int, set[int]] = {}
    for pairing_id, number, status, _ in store.sessions.sessions_of_programme(programme_id):
        if status == "held":
            held.setdefault(pairing_id, set()).add(number)
    kind = "agenda" if me.role is Role.MENTEE else "prompts"
    # The page shows the viewer's own private notes, which only their author may read.
    require(
        viewer.who,
        Action.NOTE_READ,
        Target(programme_id=programme_id, owner_user_id=viewer.who.user_id),
    )
    pairs = []
    for pairing in mine:
        partner = store.programmes.get_participant(
            pairing.mentor_id if me.role is Role.MENTEE else pairing.mentee_id
        )
        done_numbers = held.get(pairing.id, set())
        next_number = min(programme.sessions_planned, max(done_numbers, default=0) + 1)
        pairs.append(
            {
                "pairing": pairing,
                "partner": partner,
                "held": sorted(done_numbers),
                "next": next_number,
                "stage": stage_for(next_number, programme.sessions_planned).value,
                "ready": store.sessions.session_document(pairing.id, next_number, kind) is not None,
                "notes": store.sessions.notes_by_author(pairing.id, me.id),
                "overview": pair_overview(services, pairing.id, me.role),
                "check_ins": check_ins(services, pairing.id),
                "sessions": _calendar(services, pairing, me, programme.sessions_planned),
                "progress": progress_lines(
                    "How you rated your goals, answer by answer",
                    store.feedback.goal_ratings(pairing.id, me.id),
                ),
            }
        )
    return page(
        request,
        "me.html",
        viewer,
        programme=programme,
        me=me,
        kind=kind,
        pairs=pairs,
        feedback=my_feedback(services, programme_id, me),
        stages=[s.value for s in FeedbackStage],
        done=done,
        error=error,
        status_code=status_code,
    )


def _calendar(
    services: Services, pairing: Pairing, me: Participant, planned: int
) -> list[dict[str, object]]:
    """Every planned session of the pair with its time in ``me``'s time zone, what is
    proposed and by whom, and what ``me`` can do about it."""
    stored = {s.number: s for s in services.store.sessions.sessions_of_pairing(pairing.id)}
    zone = ZoneInfo(me.timezone)
    rows: list[dict[str, object]] = []
    for number in range(1, planned + 1):
        session = stored.get(number)
        status = session.status.value if session else "planned"
        when = session.scheduled_at if session else None
        proposed = session.proposed_start if session else None
        rows.append(
            {
                "number": number,
                "status": status,
                "when": when.astimezone(zone).strftime("%a %d %b %Y, %H:%M") if when else "",
                "past": bool(when and when <= now_utc()),
                "proposed": proposed.astimezone(zone).strftime("%a %d %b %Y, %H:%M")
                if proposed
                else "",
                "mine": bool(session and session.proposed_by == me.id),
                "reason": session.cancel_reason if session else None,
            }
        )
    return rows


def _refused(
    request: Request, programme_id: int, viewer: WebUser, services: Services, exc: CoachError
) -> HTMLResponse:
    fields = [(p.field, p.message) for p in getattr(exc, "problems", [])]
    return _my_page(
        request,
        programme_id,
        viewer,
        services,
        error=(exc.message, fields),
        status_code=409 if isinstance(exc, ConflictError) else 422,
    )


def _done_or_refused(
    request: Request,
    programme_id: int,
    viewer: WebUser,
    services: Services,
    act: Callable[[], object],
    done: str,
) -> Response:
    """Run a form's action: back to my page saying what was done, or the page again with
    the refusal and its fields (nothing was changed)."""
    try:
        act()
    except (InputValidationError, ConflictError) as exc:
        return _refused(request, programme_id, viewer, services, exc)
    return RedirectResponse(f"/web/programmes/{programme_id}/me?done={done}", 303)


@router.get("/me", response_class=HTMLResponse)
def my_programme(
    request: Request, programme_id: Id, viewer: Viewer, services: ServicesDep, done: str = ""
):
    return _my_page(request, programme_id, viewer, services, done=done[:100])


def _session_action(kind: str) -> Action:
    return Action.AGENDA if kind == "agenda" else Action.PROMPTS


def _check_session(
    viewer: WebUser, services: Services, programme_id: int, pairing_id: int, kind: str
) -> Pairing:
    pairing = _pairing(services, programme_id, pairing_id)
    asker = pairing.mentee_id if kind == "agenda" else pairing.mentor_id
    require(
        viewer.who,
        _session_action(kind),
        Target(
            programme_id=programme_id,
            participant_id=asker,
            approved=pairing.status is PairingStatus.APPROVED,
        ),
    )
    return pairing


@router.post("/pairings/{pairing_id}/sessions/{number}/{kind}")
def generate(
    programme_id: Id,
    pairing_id: Id,
    number: Number,
    kind: Annotated[str, Path(pattern="^(agenda|prompts)$")],
    viewer: Poster,
    services: ServicesDep,
) -> RedirectResponse:
    _check_session(viewer, services, programme_id, pairing_id, kind)
    if kind == "agenda":
        prepare_agenda(services, pairing_id, number)
    else:
        prepare_prompts(services, pairing_id, number)
    return RedirectResponse(
        f"/web/programmes/{programme_id}/pairings/{pairing_id}/sessions/{number}/{kind}", 303
    )


@router.get("/pairings/{pairing_id}/sessions/{number}/{kind}", response_class=HTMLResponse)
def view(
    request: Request,
    programme_id: Id,
    pairing_id: Id,
    number: Number,
    kind: Annotated[str, Path(pattern="^(agenda|prompts)$")],
    viewer: Viewer,
    services: ServicesDep,
):
    _check_session(viewer, services, programme_id, pairing_id, kind)
    document = (
        stored_agenda(services, pairing_id, number)
        if kind == "agenda"
        else stored_prompts(services, pairing_id, number)
    )
    return page(
        request,
        f"{kind}.html",
        viewer,
        programme=services.store.programmes.get_programme(programme_id),
        pairing_id=pairing_id,
        number=number,
        document=document,
    )


@router.post("/pairings/{pairing_id}/notes")
def add_note(
    programme_id: Id,
    pairing_id: Id,
    viewer: Poster,
    services: ServicesDep,
    session: Annotated[int, Form(ge=1, le=MAX_SESSIONS)],
    text: Annotated[str, Form(max_length=5000)] = "",
) -> RedirectResponse:
    pairing = _pairing(services, programme_id, pairing_id)
    require(
        viewer.who,
        Action.NOTE_WRITE,
        Target(
            programme_id=programme_id,
            members=frozenset({pairing.mentor_id, pairing.mentee_id}),
            approved=pairing.status is PairingStatus.APPROVED,
        ),
    )
    note = validated(NoteIn, {"session": session, "text": text}, "note")
    programme = services.store.programmes.get_programme(programme_id)
    if session > programme.sessions_planned:
        raise InputValidationError(
            f"The programme plans {programme.sessions_planned} sessions.",
            [FieldProblem("session", f"must be 1 to {programme.sessions_planned}")],
            hint="choose one of the programme's sessions; the note was not saved.",
        )
    session_id = services.store.sessions.ensure_session(
        pairing_id, session, stage_for(session, programme.sessions_planned)
    )
    author = viewer.who.participates[programme_id][0]
    services.store.sessions.add_note(session_id, author, note.text)
    return RedirectResponse(f"/web/programmes/{programme_id}/me?done=note saved", 303)


@router.post("/feedback")
async def give_feedback(
    request: Request,
    programme_id: Id,
    viewer: Poster,
    services: ServicesDep,
) -> Response:
    """The feedback form: ratings, progress per own goal (fields named progress:<n>)."""
    form = await request.form()
    me = _me(viewer, services, programme_id)
    require(viewer.who, Action.FEEDBACK_SUBMIT, Target(programme_id=programme_id))
    progress = {}
    for index, goal in enumerate(me.goals):
        value = str(form.get(f"progress:{index}", "") or "")
        if value:
            progress[goal] = value
    data = {
        "pairing_id": form.get("pairing_id"),
        "stage": form.get("stage"),
        "session_number": form.get("session_number") or None,
        "usefulness": form.get("usefulness"),
        "pairing_fit": form.get("pairing_fit"),
        "goal_progress": progress,
        "text": str(form.get("text", "") or ""),
        "consent_to_quote": form.get("consent_to_quote") == "on",
    }

    def act() -> None:
        answer = validated(FeedbackIn, data, "feedback")
        if answer.stage is not FeedbackStage.SESSION:
            answer = answer.model_copy(update={"session_number": None})
        submit_feedback(services, programme_id, me, answer)

    done = "thank you for your feedback"
    return _done_or_refused(request, programme_id, viewer, services, act, done)


# -- the calendar and my profile ------------------------------------------------------


def _scheduling(viewer: WebUser, services: Services, programme_id: int, pairing_id: int):
    me = _me(viewer, services, programme_id)
    pairing = _pairing(services, programme_id, pairing_id)
    require(
        viewer.who,
        Action.SESSION_SCHEDULE,
        Target(
            programme_id=programme_id,
            members=frozenset({pairing.mentor_id, pairing.mentee_id}),
            approved=pairing.status is PairingStatus.APPROVED,
        ),
    )
    return me, pairing


@router.post("/pairings/{pairing_id}/calendar/{number}/propose")
def propose_time(
    request: Request,
    programme_id: Id,
    pairing_id: Id,
    number: Number,
    viewer: Poster,
    services: ServicesDep,
    start: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    """A time typed in the proposer's own time zone (a datetime-local field)."""
    me, pairing = _scheduling(viewer, services, programme_id, pairing_id)

    def act() -> None:
        try:
            local = datetime.fromisoformat(start)
        except ValueError:
            raise InputValidationError(
                "That is not a date and time.",
                [FieldProblem("start", "pick a date and a time, e.g. 2027-03-04 10:00")],
            ) from None
        if local.tzinfo is None:
            local = local.replace(tzinfo=ZoneInfo(me.timezone))
        propose_session(services, pairing, me, number, local)

    done = f"time proposed for session {number}: your partner is asked to accept it"
    return _done_or_refused(request, programme_id, viewer, services, act, done)


@router.post("/pairings/{pairing_id}/calendar/{number}/accept")
def accept_time(
    request: Request,
    programme_id: Id,
    pairing_id: Id,
    number: Number,
    viewer: Poster,
    services: ServicesDep,
) -> Response:
    me, pairing = _scheduling(viewer, services, programme_id, pairing_id)
    done = f"session {number} is in both your calendars: the .ics file is in your email"
    return _done_or_refused(
        request,
        programme_id,
        viewer,
        services,
        lambda: accept_session(services, pairing, me, number),
        done,
    )


@router.post("/pairings/{pairing_id}/calendar/{number}/outcome")
def session_outcome(
    request: Request,
    programme_id: Id,
    pairing_id: Id,
    number: Number,
    viewer: Poster,
    services: ServicesDep,
    status: Annotated[str, Form(max_length=20)] = "",
    reason: Annotated[str, Form(max_length=300)] = "",
) -> Response:
    me, pairing = _scheduling(viewer, services, programme_id, pairing_id)

    def act() -> None:
        if status not in ("held", "cancelled"):
            raise InputValidationError(
                "Say whether the session was held or is cancelled.",
                [FieldProblem("status", "held or cancelled")],
            )
        mark_session(services, pairing, me, number, SessionStatus(status), reason)

    done = f"session {number} {status}"
    return _done_or_refused(request, programme_id, viewer, services, act, done)


@router.get("/pairings/{pairing_id}/calendar/{number}.ics")
def calendar_file(
    programme_id: Id, pairing_id: Id, number: Number, viewer: Viewer, services: ServicesDep
) -> Response:
    _, pairing = _scheduling(viewer, services, programme_id, pairing_id)
    body = session_file(services, pairing, number)
    return Response(
        body,
        media_type="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="session-{number}.ics"'},
    )


@router.post("/me/profile")
def save_my_profile(
    request: Request,
    programme_id: Id,
    viewer: Poster,
    services: ServicesDep,
    goals: Annotated[str, Form(max_length=10000)] = "",
    availability: Annotated[str, Form(max_length=2000)] = "",
    timezone: Annotated[str, Form(max_length=64)] = "UTC",
) -> Response:
    """A participant's own goals (mentees), availability and time zone, one per line."""
    me = _me(viewer, services, programme_id)
    changes: dict[str, object] = {
        "availability": "; ".join(form_lines(availability)),
        "timezone": timezone.strip() or "UTC",
    }
    if me.role is Role.MENTEE:
        changes["goals"] = form_lines(goals)
    target = Target(programme_id=programme_id, participant_id=me.id, fields=frozenset(changes))
    require(viewer.who, Action.PARTICIPANT_UPDATE, target)
    return _done_or_refused(
        request,
        programme_id,
        viewer,
        services,
        lambda: services.store.programmes.update_participant(me.id, changes),
        "profile saved",
    )
