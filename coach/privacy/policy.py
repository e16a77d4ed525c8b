"""The access policy: the one place that decides who may read or change what.

Every route asks ``require(who, action, target)``. A denial says how to answer:
- 404 when the caller has no business knowing the thing exists (another programme's
  data, another participant's profile), so the answer gives nothing away;
- 403 when the caller can see the thing but may not do this to it (a mentee trying to
  edit their programme's settings).
Admins may do everything except read private notes and raw feedback, which belong to their
author alone. Line managers have no access by virtue of being managers.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from coach.domain import Membership, UserRole
from coach.errors import AccessDeniedError, NotFoundError


class Action(StrEnum):
    PROGRAMME_CREATE = "programme.create"
    PROGRAMME_READ = "programme.read"
    PARTICIPATE = "programme.participate"  # a participant's own page of the programme
    PROGRAMME_UPDATE = "programme.update"
    COORDINATOR_ASSIGN = "programme.assign_coordinator"
    PARTICIPANT_LIST = "participant.list"
    PARTICIPANT_CREATE = "participant.create"
    ROSTER_IMPORT = "participant.import"
    PARTICIPANT_INVITE = "participant.invite"  # accounts and emailed sign-in links
    PARTICIPANT_READ = "participant.read"
    PARTICIPANT_UPDATE = "participant.update"
    USER_ADMIN = "user.admin"
    TOKEN_REVOKE = "token.revoke"
    MATCHING_RUN = "matching.run"
    PAIRING_REVIEW = "pairing.review"
    PAIRING_LIST = "pairing.list"
    PAIRING_READ = "pairing.read"
    NOTE_READ = "note.read"
    FEEDBACK_READ_RAW = "feedback.read_raw"
    NOTE_WRITE = "note.write"  # target.members / approved = the pairing
    SESSION_SCHEDULE = "session.schedule"  # target.members / approved = the pairing
    FEEDBACK_SUBMIT = "feedback.submit"  # target.participant_id = the caller's record
    FEEDBACK_SUMMARY = "feedback.summary"
    KPI_READ = "programme.kpis"
    AGENDA = "session.agenda"  # target.participant_id = the pairing's mentee; approved
    PROMPTS = "session.prompts"  # target.participant_id = the pairing's mentor; approved


# Private notes and raw feedback belong to their author alone: not the partner, not the
# coordinator, not an admin. Coordinators get feedback only as summaries above the
# programme's minimum cohort size.
AUTHOR_ONLY = frozenset({Action.NOTE_READ, Action.FEEDBACK_READ_RAW})


# What participants may change in their own profile. Employment facts (role, grade,
# department, reporting line, ids) belong to the coordinator's roster.
SELF_EDITABLE_FIELDS = frozenset(
    {
        "nicknames",
        "skills",
        "goals",
        "interests",
        "learning_style",
        "communication_style",
        "availability",
        "timezone",
        "consent_matching",
        "consent_background",
        "background",
        "preferred_ids",
        "avoid_ids",
    }
)


@dataclass(frozen=True)
class Target:
    """What an action is applied to; fields not relevant to an action stay None."""

    programme_id: int | None = None
    participant_id: int | None = None
    owner_user_id: int | None = None
    fields: frozenset[str] = frozenset()
    members: frozenset[int] = frozenset()  # participant ids of a pairing
    approved: bool = False  # a pairing's status is approved (participants see only those)


@dataclass(frozen=True)
class Decision:
    allowed: bool
    status: int = 200  # 403 or 404 when denied
    reason: str = ""


ALLOW = Decision(True)


def _hide(reason: str) -> Decision:
    return Decision(False, 404, reason)


def _forbid(reason: str) -> Decision:
    return Decision(False, 403, reason)


def decide(who: Membership, action: Action, target: Target = Target()) -> Decision:
    if action in (Action.AGENDA, Action.PROMPTS):
        # Built from the asker's own private notes: only that member of the pair may ask,
        # not the partner, the coordinator or an admin.
        own = target.programme_id in who.participates and (
            who.participates[target.programme_id][0] == target.participant_id
        )
        if own and target.approved:
            return ALLOW
        if own:
            # A suggestion, rejection or withdrawal is not the participant's to see, so
            # its status is not told either: the same answer as for a missing pairing.
            return _hide("participants see only their own approved pairing")
        if (
            who.role is UserRole.ADMIN
            or target.programme_id in who.coordinates
            or (target.programme_id in who.participates)
        ):
            return _forbid("only the mentee asks for the agenda, only the mentor for prompts")
        return _hide("not part of this programme")
    if action is Action.SESSION_SCHEDULE:
        # The pair agree their own times; the programme team sees the counts in the KPIs.
        mine = target.programme_id in who.participates and (
            who.participates[target.programme_id][0] in target.members
        )
        if mine and target.approved:
            return ALLOW
        if who.role is UserRole.ADMIN or target.programme_id in who.coordinates:
            return _forbid("the members of a pairing schedule its sessions")
        return _hide("participants see only their own approved pairing")
    if action is Action.NOTE_WRITE:
        # Private notes are written by a member of the approved pair about their own
        # sessions; nobody else writes into them, admins included.
        mine = target.programme_id in who.participates and (
            who.participates[target.programme_id][0] in target.members
        )
        if mine and target.approved:
            return ALLOW
        if who.role is UserRole.ADMIN or target.programme_id in who.coordinates:
            return _forbid("only the members of a pairing write its private notes")
        return _hide("participants see only their own approved pairing")
    if action is Action.FEEDBACK_SUBMIT:
        # Feedback is a participant's own voice: only members of the programme give it
        # (the job checks it is about their own pairing).
        if target.programme_id in who.participates:
            return ALLOW
        if who.role is UserRole.ADMIN or target.programme_id in who.coordinates:
            return _forbid("only participants of the programme give feedback")
        return _hide("not part of this programme")
    if action is Action.PARTICIPATE:
        # A participant's own page: admins are not participants either.
        if target.programme_id in who.participates:
            return ALLOW
        if who.role is UserRole.ADMIN or target.programme_id in who.coordinates:
            return _forbid(
                "this page is for the programme's mentees and mentors; coordinators "
                "find the programme under Overview, Pairings and Feedback"
            )
        return _hide("not part of this programme")
    if action in AUTHOR_ONLY:
        # The author is a participant of the programme the note or answer belongs to.
        # Anyone else is not told it exists; a coordinator or admin asking for "their
        # own" is told why there is nothing.
        author = target.owner_user_id is not None and target.owner_user_id == who.user_id
        if author and (target.programme_id is None or target.programme_id in who.participates):
            return ALLOW
        if author and (who.role is UserRole.ADMIN or target.programme_id in who.coordinates):
            return _forbid("only participants of the programme write notes and feedback")
        return _hide("only its author may read this")
    if who.role is UserRole.ADMIN:
        return ALLOW
    programme = target.programme_id
    coordinates = programme is not None and programme in who.coordinates
    participates = programme is not None and programme in who.participates
    own_participant = participates and who.participates[programme][0] == target.participant_id  # type: ignore[index]

    match action:
        case Action.PROGRAMME_CREATE:
            if who.role is UserRole.COORDINATOR:
                return ALLOW
            return _forbid("only coordinators and admins create programmes")
        case Action.PROGRAMME_READ:
            if coordinates or participates:
                return ALLOW
            return _hide("not part of this programme")
        case Action.PAIRING_LIST:
            # Coordinators see every pairing; participants only their own approved ones
            # (the route filters), never other people's suggestions.
            if coordinates or participates:
                return ALLOW
            return _hide("not part of this programme")
        case Action.PAIRING_READ:
            mine = participates and who.participates[programme][0] in target.members  # type: ignore[index]
            if coordinates or (mine and target.approved):
                return ALLOW
            return _hide("participants see only their own approved pairing")
        case (
            Action.PROGRAMME_UPDATE
            | Action.MATCHING_RUN
            | Action.PAIRING_REVIEW
            | Action.PARTICIPANT_LIST
            | Action.PARTICIPANT_CREATE
            | Action.ROSTER_IMPORT
            | Action.PARTICIPANT_INVITE
            | Action.FEEDBACK_SUMMARY
            | Action.KPI_READ
        ):
            if coordinates:
                return ALLOW
            if participates:
                return _forbid("only the programme's coordinators may do this")
            return _hide("not part of this programme")
        case Action.COORDINATOR_ASSIGN | Action.USER_ADMIN:
            return _forbid("only admins may do this")
        case Action.PARTICIPANT_READ:
            if coordinates or own_participant:
                return ALLOW
            return _hide("participants see only their own profile")
        case Action.PARTICIPANT_UPDATE:
            if coordinates:
                return ALLOW
            if own_participant:
                locked = sorted(target.fields - SELF_EDITABLE_FIELDS)
                if locked:
                    return _forbid("these fields are kept by the coordinator: " + ", ".join(locked))
                return ALLOW
            return _hide("participants see only their own profile")
        case Action.TOKEN_REVOKE:
            if target.owner_user_id == who.user_id:
                return ALLOW
            return _hide("not your token")
    return _forbid(f"no policy for {action}")  # pragma: no cover - every action is matched


def visible_programmes(who: Membership) -> list[int] | None:
    """Ids of the programmes ``who`` may know of, in order; None means every programme
    (admins)."""
    if who.role is UserRole.ADMIN:
        return None
    return sorted(who.coordinates | set(who.participates))


def sees_every_pairing(who: Membership, programme_id: int) -> bool:
    """Coordinators (and admins) see every pairing and its reasons; a participant sees
    their own approved pairings through ``pairings.member_view``."""
    return decide(who, Action.PAIRING_REVIEW, Target(programme_id=programme_id)).allowed


def sees_background(who: Membership, participant_id: int, programme_id: int) -> bool:
    """Self-described background feeds only aggregate fairness figures: nobody but the
    person sees it next to their name, coordinators and admins included."""
    return who.participates.get(programme_id, (None,))[0] == participant_id


def require(who: Membership, action: Action, target: Target = Target()) -> None:
    """Raise the right error unless ``who`` may do ``action`` to ``target``."""
    decision = decide(who, action, target)
    if decision.allowed:
        return
    if decision.status == 404:
        kind = action.value.split(".")[0]
        key = target.participant_id or target.programme_id or target.owner_user_id or ""
        raise NotFoundError(kind, key)
    raise AccessDeniedError(
        f"Not allowed: {decision.reason}.",
        hint="ask a coordinator of the programme or an admin.",
    )
