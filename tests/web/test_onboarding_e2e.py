"""Onboarding and the rhythm of a pair in a real browser (Debian's chromium, Playwright,
uvicorn): a coordinator invites two people; each signs in with the link from their email
(the mentee on a phone-sized screen); they agree a time, download the .ics, are
reminded, and mark the session held."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bench.servers import Uvicorn, service_env
from coach.accounts import issue_token
from coach.config import load_settings
from coach.domain import PairingStatus, Role, UserRole
from coach.knowledge import SAMPLE_DIR
from coach.sample import load_sample
from coach.scheduling import fits, send_reminders
from coach.services import Services
from tests.web.test_e2e import ARGS, CHROMIUM, open_page

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


class World:
    def __init__(self, url: str, data_dir: Path, token: str, programme_id: int, pair: Any):
        self.url, self.data_dir, self.token = url, data_dir, token
        self.programme_id, self.pair = programme_id, pair
        # Read before each test's isolation clears COACH_* (as the other browser test).
        self.shots = Path(os.environ.get("COACH_SCREENSHOT_DIR") or data_dir.parent)

    def services(self) -> Services:
        return Services(load_settings(data_dir=self.data_dir))


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is required: `make test` installs it")
    data_dir = tmp_path_factory.mktemp("onboarding") / "data"
    services = Services(load_settings(data_dir=data_dir))
    services.store.migrate()
    programme, _ = load_sample(services.store, SAMPLE_DIR)
    services.store.programmes.update_programme(programme.id, {"dual_approval": False})
    coordinator = services.store.accounts.add_user(
        "casey@harbourvale.example", "Casey Coordinator", role=UserRole.COORDINATOR
    )
    services.store.programmes.add_coordinator(programme.id, coordinator.id)
    token = issue_token(services.store, coordinator.id, "e2e")[1]
    people = services.store.programmes.list_participants(programme.id)
    mentee = next(p for p in people if p.role is Role.MENTEE and p.availability)
    mentor = next(p for p in people if p.role is Role.MENTOR and p.availability)
    pairing = services.store.pairings.create_pairing(programme.id, mentor.id, mentee.id)
    services.store.pairings.set_pairing_status(pairing.id, PairingStatus.APPROVED)
    services.close()
    env = service_env(data_dir=str(data_dir), mail_sender_seconds="0")
    server = Uvicorn(env, data_dir.parent / "server.log").start()
    yield World(server.url, data_dir, token, programme.id, (pairing, mentee, mentor))
    server.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield chromium
        chromium.close()


def _emailed_link(world: World, recipient: str) -> str:
    """The sign-in link in the newest message to ``recipient`` (as their inbox shows it)."""
    services = world.services()
    invitation = next(
        m
        for m in services.store.outbox.list_messages(recipient=recipient)
        if m.kind == "invitation"
    )
    services.close()
    match = re.search(r"(/login/link\?token=[\w-]+)", invitation.body)
    assert match, invitation.body
    return match.group(1)


def _first_common_time(mentee: Any, mentor: Any, minutes: int) -> datetime:
    moment = (datetime.now(UTC) + timedelta(days=2)).replace(minute=0, second=0, microsecond=0)
    for _ in range(14 * 48):
        if fits(mentee, moment, minutes) and fits(mentor, moment, minutes):
            return moment
        moment += timedelta(minutes=30)
    raise AssertionError("the sample pair share no window in two weeks")


def _no_sideways_scroll(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def test_invite_sign_in_by_link_schedule_remind_and_hold(world: World, browser: Any):
    pairing, mentee, mentor = world.pair
    base = world.url

    # The coordinator invites the two of them from the participants page.
    coordinator = open_page(browser, base)
    coordinator.goto("/login")
    coordinator.get_by_label("Access token").fill(world.token)
    coordinator.get_by_role("button", name="Sign in").click()
    coordinator.wait_for_url(f"{base}/web")
    coordinator.goto(f"/web/programmes/{world.programme_id}/participants")
    coordinator.get_by_label(f"Invite {mentee.name}").check()
    coordinator.get_by_label(f"Invite {mentor.name}").check()
    coordinator.get_by_role("button", name="Invite the people ticked").click()
    assert "invited: 2 people" in coordinator.content()

    # The mentee opens the emailed link on a phone and signs in with one press.
    phone = open_page(browser, base, viewport=PHONE)
    phone.goto(_emailed_link(world, str(mentee.email).lower()))
    phone.get_by_role("button", name="Sign in").click()
    phone.wait_for_url(f"{base}/web")
    me = f"/web/programmes/{world.programme_id}/me"
    phone.goto(me)
    assert mentor.name in phone.content()
    assert _no_sideways_scroll(phone)

    # A time inside both people's windows, typed in the mentee's own time zone.
    start = _first_common_time(mentee, mentor, 45)
    local = start.astimezone(ZoneInfo(mentee.timezone)).strftime("%Y-%m-%dT%H:%M")
    phone.locator(f"#session-{pairing.id}-1 summary", has_text="Propose a time").click()
    phone.locator(f"#start-{pairing.id}-1").fill(local)
    phone.locator(f"#session-{pairing.id}-1").get_by_role("button", name="Propose").click()
    assert "time proposed for session 1" in phone.content()

    # The mentor signs in with their own link and accepts.
    desk = open_page(browser, base)
    desk.goto(_emailed_link(world, str(mentor.email).lower()))
    desk.get_by_role("button", name="Sign in").click()
    desk.wait_for_url(f"{base}/web")
    desk.goto(me)
    desk.get_by_role("button", name=re.compile(r"^Accept ")).click()
    assert "session 1 is in both your calendars" in desk.content()

    # The calendar file downloads from the page.
    with desk.expect_download() as download:
        desk.get_by_role("link", name="Add to calendar (.ics)").first.click()
    ics = Path(download.value.path()).read_text(encoding="utf-8")
    assert "BEGIN:VEVENT" in ics and start.strftime("%Y%m%dT%H%M00Z") in ics

    # Two days before, both are reminded (the sending round runs on its own schedule).
    services = world.services()
    assert send_reminders(services, start - timedelta(days=1)) == 1
    reminders = [m for m in services.store.outbox.list_messages() if m.kind == "session_reminder"]
    assert len(reminders) == 2
    # The session takes place: its time is now in the past.
    (session,) = [s for s in services.store.sessions.sessions_of_pairing(pairing.id)]
    services.store.sessions.update_session(
        session.id, scheduled_at=datetime.now(UTC) - timedelta(hours=1)
    )
    services.close()

    # The mentee marks it held, on the phone.
    phone.goto(me)
    row = phone.locator(f"#session-{pairing.id}-1")
    row.locator("summary", has_text="Held or cancelled?").click()
    row.get_by_label("It was held").check()
    row.get_by_role("button", name="Save").click()
    assert "session 1 held" in phone.content()
    assert "held" in phone.locator(f"#session-{pairing.id}-1").inner_text()
    assert _no_sideways_scroll(phone)
    shots = world.shots
    phone.screenshot(path=str(shots / "participant-phone.png"), full_page=True)
    desk.goto("/login")
    desk.screenshot(path=str(shots / "sign-in.png"), full_page=True)
