"""Invitations and sign-in by emailed link.

A coordinator invites a programme's participants: each gets an account (if they have
none yet, linked to their participant records by email) and an email with a single-use
link. Anyone with an account can later ask for a fresh link with their email address.
A link's secret is only ever in the email; the database keeps its SHA-256 hash, the time
it expires and the time it was used. Redeeming one opens a web session (API tokens stay
for scripts).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from coach.accounts import SESSION_HOURS, SESSION_PREFIX, hash_token, now_utc
from coach.domain import User, UserRole, first_name
from coach.errors import FieldProblem, InputValidationError, NotFoundError, SignInLinkError
from coach.messages.outbox import send_later
from coach.services import Services

LINK_PREFIX = "cchl_"
INVITE_DAYS = 7
SIGN_IN_MINUTES = 30
# Links asked for by email address, per account and hour: enough for a person, too few
# to flood someone's inbox by typing their address again and again.
LINKS_PER_HOUR = 5


@dataclass
class InviteOutcome:
    invited: list[int] = field(default_factory=list)  # participant ids
    accounts_created: int = 0


def link_url(services: Services, secret: str) -> str:
    return f"{services.settings.public_url}/login/link?token={secret}"


def _new_link(
    services: Services, user_id: int, purpose: str, lifetime: timedelta
) -> tuple[str, datetime]:
    """(secret, expiry) of a new link; only the secret's hash is stored."""
    secret = LINK_PREFIX + secrets.token_urlsafe(32)
    link = services.store.accounts.add_sign_in_link(
        user_id, hash_token(secret), purpose, now_utc() + lifetime
    )
    return secret, link.expires_at


def invite(
    services: Services, programme_id: int, participant_ids: list[int] | None, actor: User
) -> InviteOutcome:
    """Invite the programme's active participants (all, or those listed), in one unit of
    work: the accounts, the links and the emails are stored together or not at all."""
    outcome = InviteOutcome()
    with services.unit_of_work() as unit:
        store = unit.store
        programme = store.programmes.get_programme(programme_id)
        people = store.programmes.list_participants(programme_id)
        if participant_ids is not None:
            known = {p.id for p in people}
            unknown = sorted(set(participant_ids) - known)
            if unknown:
                raise InputValidationError(
                    "Some of the people to invite are not active participants here: "
                    + ", ".join(map(str, unknown))
                    + ".",
                    [
                        FieldProblem("participant_ids", f"{i} is not an active participant here")
                        for i in unknown
                    ],
                    hint="choose people from the programme's participant list; nobody was invited.",
                )
            wanted = set(participant_ids)
            people = [p for p in people if p.id in wanted]
        for person in people:
            email = str(person.email)
            try:
                user = store.accounts.get_user_by_email(email)
            except NotFoundError:
                user = store.accounts.add_user(email, person.name, role=UserRole.MEMBER)
                outcome.accounts_created += 1
            secret, expires = _new_link(unit, user.id, "invite", timedelta(days=INVITE_DAYS))
            send_later(
                unit,
                "invitation",
                email,
                name=first_name(person.name),
                programme=programme.name,
                role=person.role.value,
                link=link_url(unit, secret),
                expires=expires.strftime("%d %B %Y"),
                coordinator=actor.name,
            )
            outcome.invited.append(person.id)
    return outcome


def request_sign_in_link(services: Services, email: str) -> None:
    """Email a sign-in link to the account with this address, if there is one.

    The caller learns nothing either way (the page says "if the address is known"), so
    the form cannot be used to find out who has an account.
    """
    with services.unit_of_work() as unit:
        try:
            user = unit.store.accounts.get_user_by_email(email.strip())
        except NotFoundError:
            return
        since = now_utc() - timedelta(hours=1)
        if unit.store.accounts.count_sign_in_links(user.id, since) >= LINKS_PER_HOUR:
            return
        secret, _ = _new_link(unit, user.id, "sign_in", timedelta(minutes=SIGN_IN_MINUTES))
        send_later(
            unit,
            "sign_in_link",
            user.email,
            name=first_name(user.name),
            link=link_url(unit, secret),
            minutes=SIGN_IN_MINUTES,
        )


def redeem_sign_in_link(services: Services, secret: str) -> str:
    """Use a link once: the secret of a new web session for its user.

    The link is locked while it is checked and marked used, so two clicks at once (or a
    mail scanner and the person) cannot both open a session with it.
    """
    with services.unit_of_work() as unit:
        store = unit.store
        link = (
            store.accounts.lock_sign_in_link(hash_token(secret))
            if secret.startswith(LINK_PREFIX) and len(secret) < 200
            else None
        )
        now = now_utc()
        if link is None:
            raise SignInLinkError("This sign-in link is not one we sent.", reason="unknown")
        if link.used_at is not None:
            raise SignInLinkError(
                "This sign-in link has been used already: each link works once.", reason="used"
            )
        if link.expires_at <= now:
            raise SignInLinkError("This sign-in link has expired.", reason="expired")
        store.accounts.use_sign_in_link(link.id, now)
        session = SESSION_PREFIX + secrets.token_urlsafe(32)
        store.accounts.add_token(
            link.user_id,
            "web session (emailed link)",
            hash_token(session),
            now + timedelta(hours=SESSION_HOURS),
            kind="web",
        )
        return session
