"""Sessions on a calendar: one member proposes a time, the other accepts; either marks a
session held or cancelled (with a reason); reminders go out a few days before.

Every step is one unit of work with the emails it causes (``coach.messages``): the pair
is told of a proposal, both get the accepted time with an ``.ics`` file attached, and
both are reminded ``reminder_days`` before. Times are stored in UTC and checked against
both people's weekly availability in their own time zones.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from coach.accounts import now_utc
from coach.domain import (
    WEEKDAYS,
    Attachment,
    Pairing,
    Participant,
    Programme,
    ScheduledSession,
    SessionStatus,
    first_name,
)
from coach.errors import ConflictError, FieldProblem, InputValidationError, NotFoundError
from coach.messages.outbox import send_later
from coach.prep.context import stage_for
from coach.programme_mail import pair_members, participant_page
from coach.services import Services


def fits(person: Participant, start: datetime, minutes: int) -> bool:
    """Whether [start, start + minutes) lies inside one of the person's weekly windows,
    read in their time zone. Nobody is held to windows they never gave."""
    if not person.availability:
        return True
    local = start.astimezone(ZoneInfo(person.timezone))
    begin = local.hour * 60 + local.minute
    day = WEEKDAYS[local.weekday()]
    return any(
        slot.day == day and slot.start_minute <= begin and begin + minutes <= slot.end_minute
        for slot in person.availability
    )


def _windows(person: Participant) -> str:
    slots = ", ".join(f"{s.day} {s.start}-{s.end}" for s in person.availability)
    return f"{person.name}: {slots} ({person.timezone})"


def _partner(me: Participant, mentee: Participant, mentor: Participant) -> Participant:
    return mentor if me.id == mentee.id else mentee


def _when(moment: datetime, person: Participant) -> str:
    local = moment.astimezone(ZoneInfo(person.timezone))
    return local.strftime("%A %d %B %Y at %H:%M") + f" ({person.timezone})"


def _check_number(programme: Programme, number: int) -> None:
    if not 1 <= number <= programme.sessions_planned:
        raise InputValidationError(
            f"The programme plans {programme.sessions_planned} sessions.",
            [FieldProblem("number", f"use 1 to {programme.sessions_planned}")],
        )


def propose_session(
    services: Services, pairing: Pairing, me: Participant, number: int, start: datetime
) -> ScheduledSession:
    """``me`` proposes ``start`` for session ``number``; the partner is told by email."""
    if start.tzinfo is None:
        raise InputValidationError(
            "The start time needs a time zone.",
            [FieldProblem("start", "give an offset, e.g. 2027-03-04T10:00:00+00:00")],
        )
    now = now_utc()
    if start <= now:
        raise InputValidationError(
            "That time has passed.", [FieldProblem("start", "choose a time in the future")]
        )
    with services.unit_of_work() as unit:
        store = unit.store
        programme = store.programmes.get_programme(pairing.programme_id)
        _check_number(programme, number)
        mentee, mentor = pair_members(unit, pairing)
        away = [p for p in (mentee, mentor) if not fits(p, start, programme.session_minutes)]
        if away:
            names = " and ".join(p.name for p in away)
            raise InputValidationError(
                f"That time is outside the weekly availability of {names}.",
                [
                    FieldProblem(
                        "start",
                        f"a {programme.session_minutes}-minute session must fit: "
                        + "; ".join(_windows(p) for p in away),
                    )
                ],
                hint="choose a time inside both people's windows, or update availability "
                "on your page.",
            )
        session = store.sessions.lock_session(
            pairing.id, number, stage_for(number, programme.sessions_planned)
        )
        if session.status is not SessionStatus.PLANNED:
            raise ConflictError(f"Session {number} is {session.status.value} already.")
        proposed = store.sessions.update_session(
            session.id, proposed_start=start, proposed_by=me.id
        )
        partner = _partner(me, mentee, mentor)
        send_later(
            unit,
            "session_proposed",
            str(partner.email),
            name=first_name(partner.name),
            proposer=me.name,
            number=number,
            when=_when(start, partner),
            page=participant_page(unit, programme.id),
        )
        return proposed


def accept_session(
    services: Services, pairing: Pairing, me: Participant, number: int
) -> ScheduledSession:
    """The partner accepts the proposed time: both get it with an ``.ics`` attached."""
    with services.unit_of_work() as unit:
        store = unit.store
        programme = store.programmes.get_programme(pairing.programme_id)
        _check_number(programme, number)
        session = store.sessions.lock_session(
            pairing.id, number, stage_for(number, programme.sessions_planned)
        )
        if session.proposed_start is None:
            raise ConflictError(
                f"Nobody has proposed a time for session {number}.",
                hint="propose one, and your partner accepts it.",
            )
        if session.proposed_by == me.id:
            raise ConflictError(
                "You proposed this time: your partner accepts it.",
                hint="wait for your partner, or propose another time.",
            )
        if session.proposed_start <= now_utc():
            raise ConflictError(
                "The proposed time has passed.", hint="propose a new time to your partner."
            )
        scheduled = store.sessions.update_session(
            session.id,
            scheduled_at=session.proposed_start,
            proposed_start=None,
            proposed_by=None,
            reminder_sent_at=None,
        )
        _tell_both(unit, programme, pairing, scheduled, "session_scheduled")
        return scheduled


def mark_session(
    services: Services,
    pairing: Pairing,
    me: Participant,
    number: int,
    status: SessionStatus,
    reason: str = "",
) -> ScheduledSession:
    """Either member marks a session held, or cancelled with a reason."""
    reason = reason.strip()
    if status is SessionStatus.CANCELLED and not reason:
        raise InputValidationError(
            "A cancellation needs a reason.",
            [FieldProblem("reason", "say why, so the programme team can help if it recurs")],
        )
    if status is SessionStatus.PLANNED:
        raise InputValidationError(
            "Mark a session held or cancelled.", [FieldProblem("status", "held or cancelled")]
        )
    with services.unit_of_work() as unit:
        store = unit.store
        programme = store.programmes.get_programme(pairing.programme_id)
        _check_number(programme, number)
        session = store.sessions.lock_session(
            pairing.id, number, stage_for(number, programme.sessions_planned)
        )
        if session.status is not SessionStatus.PLANNED:
            raise ConflictError(f"Session {number} is {session.status.value} already.")
        now = now_utc()
        if status is SessionStatus.HELD:
            if session.scheduled_at is not None and session.scheduled_at > now:
                raise ConflictError(
                    f"Session {number} is scheduled for later; mark it held once it is.",
                )
            return store.sessions.update_session(
                session.id, status=status, held_at=now, proposed_start=None, proposed_by=None
            )
        cancelled = store.sessions.update_session(
            session.id,
            status=status,
            cancel_reason=reason[:300],
            proposed_start=None,
            proposed_by=None,
        )
        if session.scheduled_at is not None:
            _tell_both(unit, programme, pairing, cancelled, "session_cancelled", who=me.name)
        return cancelled


def session_ics(
    services: Services,
    programme: Programme,
    session: ScheduledSession,
    mentee: Participant,
    mentor: Participant,
) -> str:
    """The session as an iCalendar file: one event, cancelled if the session is."""
    start = session.scheduled_at
    if start is None:
        raise ConflictError(
            f"Session {session.number} has no agreed time yet.",
            hint="propose a time; the calendar file exists once your partner accepts it.",
        )
    calendar = Calendar()
    calendar.add("prodid", "-//Mentoring coach//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if session.status is SessionStatus.CANCELLED else "PUBLISH")
    event = Event()
    event.add("uid", f"session-{session.id}@{services.settings.public_url.split('//')[-1]}")
    event.add("dtstamp", now_utc())
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=programme.session_minutes))
    event.add("summary", f"Mentoring session {session.number}: {mentee.name} and {mentor.name}")
    event.add(
        "description",
        f"{programme.name}. Prepare and take notes on your page: "
        + participant_page(services, programme.id),
    )
    event.add("status", "CANCELLED" if session.status is SessionStatus.CANCELLED else "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


def session_file(services: Services, pairing: Pairing, number: int) -> str:
    """The ``.ics`` of a pairing's session ``number``."""
    store = services.store
    sessions = store.sessions.sessions_of_pairing(pairing.id)
    session = next((s for s in sessions if s.number == number), None)
    if session is None:
        raise NotFoundError("session", number, hint="propose a time for it first.")
    mentee, mentor = pair_members(services, pairing)
    programme = store.programmes.get_programme(pairing.programme_id)
    return session_ics(services, programme, session, mentee, mentor)


def _tell_both(
    services: Services,
    programme: Programme,
    pairing: Pairing,
    session: ScheduledSession,
    kind: str,
    **extra: str,
) -> None:
    mentee, mentor = pair_members(services, pairing)
    ics = Attachment(
        filename=f"session-{session.number}.ics",
        content_type="text/calendar",
        content=session_ics(services, programme, session, mentee, mentor),
    )
    assert session.scheduled_at is not None
    for person in (mentee, mentor):
        partner = _partner(person, mentee, mentor)
        send_later(
            services,
            kind,
            str(person.email),
            attachments=[ics],
            name=first_name(person.name),
            partner=partner.name,
            number=session.number,
            when=_when(session.scheduled_at, person),
            page=participant_page(services, programme.id),
            reason=session.cancel_reason or "",
            **extra,
        )


def send_reminders(services: Services, now: datetime) -> int:
    """Remind both members of each session starting within ``reminder_days``; each
    session is reminded once (a moved session is reminded again)."""
    days = services.settings.reminder_days
    if days <= 0:
        return 0
    sent = 0
    with services.unit_of_work() as unit:
        store = unit.store
        for session in store.sessions.due_reminders(now, now + timedelta(days=days)):
            pairing = store.pairings.get_pairing(session.pairing_id)
            programme = store.programmes.get_programme(pairing.programme_id)
            _tell_both(unit, programme, pairing, session, "session_reminder")
            store.sessions.update_session(session.id, reminder_sent_at=now)
            sent += 1
    return sent
