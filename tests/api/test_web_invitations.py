"""Invite from the participants page, read the demo mailbox, sign in with the link."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.api.conftest import World
from tests.api.test_web_access import login_csrf, sign_in


def _browser(world: World) -> TestClient:
    return TestClient(
        world.client.app, base_url="https://testserver", raise_server_exceptions=False
    )


def test_a_coordinator_invites_and_the_person_signs_in_with_the_emailed_link(world: World):
    coordinator, person = _browser(world), _browser(world)
    csrf = sign_in(coordinator, world, "coordinator")
    url = f"/web/programmes/{world.programme_id}/participants"
    page = coordinator.get(url)
    assert 'name="participant_ids"' in page.text and "Invite everyone" in page.text
    answer = coordinator.post(
        url + "/invite",
        data={"csrf": csrf, "scope": "selected", "participant_ids": [world.participant_ids["E2"]]},
    )
    assert answer.status_code == 200
    assert "invited: 1 people (1 new accounts)" in answer.text

    # The demo has no mail server: the admin reads the message in the mailbox.
    admin = _browser(world)
    sign_in(admin, world, "admin")
    mailbox = admin.get("/web/mailbox")
    assert "No mail server is set" in mailbox.text
    assert "other.mentee@example.org" in mailbox.text
    link = re.search(r"http://127\.0\.0\.1:8000(/login/link\?token=[\w-]+)", mailbox.text)
    assert link, mailbox.text

    # The link opens a page; signing in takes a click (a mail scanner cannot use it up).
    opened = person.get(link.group(1))
    assert opened.status_code == 200 and "Press the button to sign in" in opened.text
    token = re.search(r'name="token" value="([^"]+)"', opened.text)
    csrf_login = re.search(r'name="csrf" value="([^"]+)"', opened.text)
    assert token and csrf_login
    signed = person.post(
        "/login/link",
        data={"token": token.group(1), "csrf": csrf_login.group(1)},
        follow_redirects=False,
    )
    assert signed.status_code == 303 and "coach_session" in signed.headers["set-cookie"]
    home = person.get("/web")
    assert home.status_code == 200 and "Programme P" in home.text

    # The same link a second time: a clear page that offers a new one.
    again = _browser(world)
    csrf_again = login_csrf(again)
    used = again.post("/login/link", data={"token": token.group(1), "csrf": csrf_again})
    assert used.status_code == 410
    assert "used already" in used.text and "Email me a new link" in used.text


def test_inviting_nobody_ticked_explains_and_invites_nobody(world: World):
    coordinator = _browser(world)
    csrf = sign_in(coordinator, world, "coordinator")
    url = f"/web/programmes/{world.programme_id}/participants/invite"
    answer = coordinator.post(url, data={"csrf": csrf, "scope": "selected"})
    assert answer.status_code == 422 and "tick the people to invite" in answer.text
    assert world.services.store.outbox.list_messages() == []


def test_asking_for_a_link_by_email_answers_the_same_for_any_address(world: World):
    browser = _browser(world)
    answers = []
    for address in ("mentee@example.org", "nobody@example.org"):
        response = browser.post(
            "/login/email", data={"email": address, "csrf": login_csrf(browser)}
        )
        answers.append((response.status_code, "a sign-in link is on its way" in response.text))
    assert answers == [(200, True), (200, True)]
    (message,) = world.services.store.outbox.list_messages()
    assert message.recipient == "mentee@example.org"
