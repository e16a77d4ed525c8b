"""Invitations and sign-in by emailed link, on both databases."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from coach.accounts import hash_token, now_utc, session_user
from coach.config import load_settings
from coach.domain import UserRole
from coach.errors import InputValidationError, SignInLinkError
from coach.invitations import (
    LINK_PREFIX,
    LINKS_PER_HOUR,
    invite,
    redeem_sign_in_link,
    request_sign_in_link,
)
from coach.knowledge import SAMPLE_DIR
from coach.sample import load_sample
from coach.services import Services


@pytest.fixture
def programme(database_url: str, tmp_path: Path) -> Iterator[tuple[Services, int, object]]:
    services = Services(
        load_settings(
            database_url=database_url, data_dir=tmp_path / "d", public_url="https://coach.example"
        )
    )
    services.store.migrate()
    programme, _ = load_sample(services.store, SAMPLE_DIR)
    coordinator = services.store.accounts.add_user(
        "lead@harbourvale.example", "Robin Lead", role=UserRole.COORDINATOR
    )
    yield services, programme.id, coordinator
    services.close()


def _link_in(body: str) -> str:
    match = re.search(r"https://coach\.example/login/link\?token=(\S+)", body)
    assert match, body
    return match.group(1)


def test_inviting_everyone_makes_accounts_links_and_emails_together(programme):
    services, programme_id, coordinator = programme
    people = services.store.programmes.list_participants(programme_id)
    outcome = invite(services, programme_id, None, coordinator)
    assert sorted(outcome.invited) == sorted(p.id for p in people)
    assert outcome.accounts_created == len(people)
    messages = services.store.outbox.list_messages(limit=500)
    assert sorted(m.recipient for m in messages) == sorted(str(p.email).lower() for p in people)
    first = next(m for m in messages if m.recipient == str(people[0].email).lower())
    assert first.subject == "You are invited to Harbour & Vale Reverse Mentoring 2027"
    assert "Robin Lead has invited you" in first.body
    assert f"as a {people[0].role.value}" in first.body
    secret = _link_in(first.body)
    assert secret.startswith(LINK_PREFIX)
    # Invited again: no second account, a fresh link.
    again = invite(services, programme_id, [people[0].id], coordinator)
    assert again.accounts_created == 0 and again.invited == [people[0].id]


def test_a_link_signs_in_once_and_then_says_it_was_used(programme):
    services, programme_id, coordinator = programme
    person = services.store.programmes.list_participants(programme_id)[0]
    invite(services, programme_id, [person.id], coordinator)
    (message,) = services.store.outbox.list_messages()
    secret = _link_in(message.body)
    session = redeem_sign_in_link(services, secret)
    user = session_user(services.store, session)
    assert user is not None and user.email == str(person.email).lower()
    # The account is linked to the participant record by email.
    assert programme_id in services.store.accounts.membership(user.id).participates
    with pytest.raises(SignInLinkError) as used:
        redeem_sign_in_link(services, secret)
    assert used.value.reason == "used" and "used already" in used.value.message
    with pytest.raises(SignInLinkError) as unknown:
        redeem_sign_in_link(services, LINK_PREFIX + "not-a-link-we-sent")
    assert unknown.value.reason == "unknown"


def test_an_expired_link_is_refused_and_stays_unused(programme):
    services, _programme_id, _ = programme
    user = services.store.accounts.add_user("late@example.org", "Late")
    secret = LINK_PREFIX + "expired-one"
    link = services.store.accounts.add_sign_in_link(
        user.id, hash_token(secret), "sign_in", now_utc() - timedelta(minutes=1)
    )
    with pytest.raises(SignInLinkError) as expired:
        redeem_sign_in_link(services, secret)
    assert expired.value.reason == "expired"
    assert services.store.accounts.lock_sign_in_link(hash_token(secret)).used_at is None
    assert link.used_at is None


def test_inviting_someone_not_in_the_programme_invites_nobody(programme):
    services, programme_id, coordinator = programme
    person = services.store.programmes.list_participants(programme_id)[0]
    users_before = services.store.accounts.list_users()[1]
    with pytest.raises(InputValidationError) as error:
        invite(services, programme_id, [person.id, 999_999], coordinator)
    assert error.value.problems[0].field == "participant_ids"
    assert "999999" in error.value.message
    assert services.store.outbox.list_messages() == []
    assert services.store.accounts.list_users()[1] == users_before


def test_asking_for_a_link_tells_nothing_and_is_limited(programme):
    services, _programme_id, _ = programme
    request_sign_in_link(services, "nobody@example.org")
    assert services.store.outbox.list_messages() == []
    services.store.accounts.add_user("sam@example.org", "Sam Okafor")
    for _ in range(LINKS_PER_HOUR + 3):
        request_sign_in_link(services, "Sam@Example.org")
    messages = services.store.outbox.list_messages()
    assert len(messages) == LINKS_PER_HOUR
    assert messages[0].subject == "Your sign-in link" and "Hello Sam," in messages[0].body
