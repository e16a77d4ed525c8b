"""Session documents: generate a pairing's agenda (mentee) or prompts (mentor) with the
configured backend, store it on the session, and read stored ones back."""

from __future__ import annotations

from typing import Any, Literal

from coach.domain import Role
from coach.errors import NotFoundError
from coach.llm.backends import Backend, get_backend
from coach.prep.agenda import Agenda
from coach.prep.context import build_context
from coach.prep.mentor_prompts import MentorPrompts
from coach.prep.tasks import AGENDA, MENTOR_PROMPTS
from coach.services import Services

Kind = Literal["agenda", "prompts"]


def prepare_document(
    services: Services,
    kind: Kind,
    pairing_id: int,
    session_number: int,
    *,
    backend: Backend | None = None,
) -> Any:
    """Generate a session's agenda (for the mentee) or prompts (for the mentor) with the
    configured backend, store it on the session, and return it."""
    runner = backend or get_backend(services.settings)
    role = Role.MENTEE if kind == "agenda" else Role.MENTOR
    context = build_context(services, pairing_id, session_number, role)
    # Remote backends redact with the programme's roster; the offline one needs none.
    redactor = (
        None
        if runner.name == "offline"
        else services.redactor(services.store.pairings.get_pairing(pairing_id).programme_id)
    )
    result: Any = (
        runner.execute(AGENDA, context, redactor=redactor)
        if kind == "agenda"
        else runner.execute(MENTOR_PROMPTS, context, redactor=redactor)
    )
    services.store.sessions.save_session_document(
        pairing_id, session_number, context.stage, kind, result.model_dump(mode="json")
    )
    return result


def stored_document(
    services: Services, kind: Kind, pairing_id: int, session_number: int
) -> dict[str, Any]:
    document = services.store.sessions.session_document(pairing_id, session_number, kind)
    if document is None:
        raise NotFoundError(
            f"{kind} for session", session_number, hint=f"generate it first (POST .../{kind})."
        )
    return document


def prepare_agenda(
    services: Services, pairing_id: int, session_number: int, *, backend: Backend | None = None
) -> Agenda:
    """Generate, store and return the session's agenda (see ``prepare_document``)."""
    result: Agenda = prepare_document(
        services, "agenda", pairing_id, session_number, backend=backend
    )
    return result


def stored_agenda(services: Services, pairing_id: int, session_number: int) -> Agenda:
    return Agenda.model_validate(stored_document(services, "agenda", pairing_id, session_number))


def prepare_prompts(
    services: Services, pairing_id: int, session_number: int, *, backend: Backend | None = None
) -> MentorPrompts:
    """Generate, store and return the session's prompts (see ``prepare_document``)."""
    result: MentorPrompts = prepare_document(
        services, "prompts", pairing_id, session_number, backend=backend
    )
    return result


def stored_prompts(services: Services, pairing_id: int, session_number: int) -> MentorPrompts:
    return MentorPrompts.model_validate(
        stored_document(services, "prompts", pairing_id, session_number)
    )
