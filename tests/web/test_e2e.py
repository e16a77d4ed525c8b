"""End to end in a real browser: Debian's chromium, driven by Playwright, against uvicorn.

A coordinator imports the sample roster, runs matching and approves the suggestions; a
mentee prepares and opens the agenda; a mentor gives feedback; the coordinator reads the
summary. Screenshots of the main pages go to COACH_SCREENSHOT_DIR (docs/screenshots with
`make screenshots`), else to the test's own folder.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.servers import Uvicorn, index_guidance, service_env
from coach.accounts import issue_token
from coach.config import load_settings
from coach.domain import FeedbackIn, PairingStatus, UserRole
from coach.feedback import submit_feedback
from coach.knowledge import SAMPLE_DIR
from coach.sample import read_programme
from coach.services import Services

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
COORDINATOR = "coordinator@harbourvale.example"
SECOND = "second.reviewer@harbourvale.example"
# Headless and quiet: nothing in the browser may reach past loopback.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
]
# How long a browser step may wait before the test gives up. This only catches a hang:
# speed is measured in bench/, and on a loaded two-core CI worker (the summaries eval
# running beside it) one matching run has taken longer than Playwright's default 30 s.
HANG_MS = 300_000


def open_page(browser: Any, base_url: str, **context_options: Any) -> Any:
    """A fresh browser context (its own cookies) and a page in it, with the hang limit."""
    context = browser.new_context(base_url=base_url, **context_options)
    context.set_default_timeout(HANG_MS)
    context.set_default_navigation_timeout(HANG_MS)
    return context.new_page()


class Site:
    def __init__(self, url: str, data_dir: Path, tokens: dict[str, str], shots: Path) -> None:
        self.url = url
        self.data_dir = data_dir
        self.tokens = tokens  # email -> token
        self.shots = shots

    def services(self) -> Services:
        return Services(load_settings(data_dir=self.data_dir))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            "Debian's chromium is required: `make test` installs it (apt-get install chromium)"
        )
    data_dir = tmp_path_factory.mktemp("site") / "data"
    services = Services(load_settings(data_dir=data_dir))
    services.store.migrate()
    programme = services.store.programmes.upsert_programme(
        read_programme(SAMPLE_DIR / "programme.yaml")
    )
    tokens: dict[str, str] = {}
    # The sample programme asks for two reviewers per pairing.
    for email, name in ((COORDINATOR, "Casey Coordinator"), (SECOND, "Sam Second-Reviewer")):
        coordinator = services.store.accounts.add_user(email, name, role=UserRole.COORDINATOR)
        services.store.programmes.add_coordinator(programme.id, coordinator.id)
        tokens[email] = issue_token(services.store, coordinator.id, "e2e")[1]
    with (SAMPLE_DIR / "roster.csv").open(encoding="utf-8") as roster:
        for row in csv.DictReader(roster):
            user = services.store.accounts.add_user(row["email"], row["name"])
            tokens[row["email"]] = issue_token(services.store, user.id, "e2e")[1]
    services.close()
    shots = Path(
        os.environ.get("COACH_SCREENSHOT_DIR") or tmp_path_factory.mktemp("shots")
    ).resolve()
    shots.mkdir(parents=True, exist_ok=True)
    env = service_env(data_dir=str(data_dir))
    index_guidance(env)  # as `make run` does, in a process of its own
    server = Uvicorn(env, data_dir.parent / "server.log").start()
    yield Site(server.url, data_dir, tokens, shots)
    server.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield chromium
        chromium.close()


def signed_in(browser: Any, site: Site, email: str, *, width: int = 1280) -> Any:
    page = open_page(browser, site.url, viewport={"width": width, "height": 900})
    page.goto("/web")
    assert page.url.startswith(f"{site.url}/login")  # signed out: sent to sign in
    page.get_by_label("Access token").fill(site.tokens[email])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{site.url}/web")
    return page


def approve_all(page: Any, label: str) -> int:
    """Approve row by row with the buttons whose name starts with ``label`` (one pair
    each), not the button that approves the ticked rows."""
    count = 0
    name = re.compile(rf"^{label} .+ with ")
    while page.get_by_role("button", name=name).count():
        page.get_by_role("button", name=name).first.click()
        page.wait_for_load_state()
        assert "Done:" in page.locator("p.notice").inner_text(), page.inner_text("main")[:400]
        count += 1
    return count


UNLABELLED = """() => [...document.querySelectorAll('input, select, textarea')]
    .filter(el => el.type !== 'hidden')
    .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
    .map(el => el.outerHTML.slice(0, 120))"""


def shot(page: Any, site: Site, name: str) -> None:
    """Save a screenshot of a main page, after checking every field on it has a label."""
    assert page.evaluate(UNLABELLED) == [], f"unlabelled fields on {name}"
    page.screenshot(path=str(site.shots / f"{name}.png"), full_page=True)


def test_the_programme_in_a_browser(site: Site, browser: Any) -> None:
    page = signed_in(browser, site, COORDINATOR)
    page.get_by_role("link", name="Harbour & Vale Reverse Mentoring 2027").click()
    page.get_by_role("link", name="Participants").click()
    assert page.get_by_text("No participants yet").is_visible()

    # A roster with a bad row is refused whole, with the row and field named.
    bad = site.data_dir.parent / "bad.csv"
    lines = (SAMPLE_DIR / "roster.csv").read_text(encoding="utf-8").splitlines()
    bad.write_text("\n".join([lines[0], lines[1].replace(",mentee,7,", ",mentee,99,")]) + "\n")
    page.get_by_label("Import a roster (.csv or .json)").set_input_files(str(bad))
    page.get_by_role("button", name="Import the roster").click()
    alert = page.get_by_role("alert")
    assert "was not imported" in alert.inner_text() and "seniority" in alert.inner_text()

    page.get_by_label("Import a roster (.csv or .json)").set_input_files(
        str(SAMPLE_DIR / "roster.csv")
    )
    page.get_by_role("button", name="Import the roster").click()
    assert "imported: 62 new" in page.locator("p.notice").inner_text()
    shot(page, site, "participants")

    page.get_by_role("link", name="Pairings").click()
    page.get_by_role("button", name="Run matching for the unmatched").click()
    page.wait_for_url("**/pairings?done=*")
    assert "suggestions from a new run" in page.locator("p.notice").inner_text()
    shot(page, site, "pairings")
    first = approve_all(page, "Approve")  # aria-label "Approve <mentee> with <mentor>"
    assert first >= 10, page.inner_text("main")[:600]
    assert "You approved first" in page.inner_text("main")
    second_page = signed_in(browser, site, SECOND)
    second_page.goto("/web/programmes/1/pairings?status=awaiting_second_approval")
    # The second reviewer ticks every pairing awaiting them and approves them at once.
    boxes = second_page.locator("input[name=pairing_id]")
    assert boxes.count() == first
    for index in range(boxes.count()):
        boxes.nth(index).check()
    second_page.get_by_role("button", name="Approve the ticked suggestions").click()
    second_page.wait_for_load_state()
    notice = second_page.locator("p.notice").inner_text()
    assert f"{first} approved or awaiting a second reviewer" in notice, notice

    # The first approved pair plays the mentee and the mentor.
    services = site.services()
    pairing = services.store.pairings.list_pairings(1, statuses=[PairingStatus.APPROVED])[0][0]
    mentee = services.store.programmes.get_participant(pairing.mentee_id)
    mentor = services.store.programmes.get_participant(pairing.mentor_id)

    mentee_page = signed_in(browser, site, str(mentee.email))
    mentee_page.get_by_role("link", name="Harbour & Vale Reverse Mentoring 2027").click()
    assert f"Your mentor: {mentor.name}" in mentee_page.inner_text("main")
    mentee_page.get_by_role("button", name="Prepare the agenda").click()
    mentee_page.wait_for_url("**/sessions/1/agenda")
    items = mentee_page.locator("table.agenda tbody tr")
    assert items.count() >= 2
    assert mentee.goals[0][:30] in mentee_page.inner_text("table.agenda")
    assert "guidance used: none" not in mentee_page.inner_text("main")
    shot(mentee_page, site, "agenda")
    mentee_page.get_by_role("link", name="Back to Harbour & Vale Reverse Mentoring 2027").click()
    assert mentee_page.get_by_role("link", name="Open the agenda").is_visible()

    mentor_page = signed_in(browser, site, str(mentor.email), width=390)  # a phone
    mentor_page.get_by_role("link", name="Harbour & Vale Reverse Mentoring 2027").click()
    form = mentor_page.locator(f"#feedback-{pairing.id}")
    form.get_by_label("About").select_option("midpoint")
    form.locator("input[name=usefulness][value='4']").check()
    form.locator("input[name=pairing_fit][value='2']").check()
    form.get_by_label("Anything to add?").fill(
        f"{mentee.name} talks over me and our sessions keep being moved. Call 07700 900123."
    )
    form.get_by_label("A sentence of this may be quoted, without my name").check()
    shot(mentor_page, site, "mentor-feedback-phone")
    form.get_by_role("button", name="Send feedback").click()
    assert "thank you for your feedback" in mentor_page.locator("p.notice").inner_text()
    # Sending the same stage again is refused with a clear message, nothing stored twice.
    form = mentor_page.locator(f"#feedback-{pairing.id}")
    form.get_by_label("About").select_option("midpoint")
    form.locator("input[name=usefulness][value='4']").check()
    form.locator("input[name=pairing_fit][value='4']").check()
    form.get_by_role("button", name="Send feedback").click()
    assert "already given midpoint feedback" in mentor_page.get_by_role("alert").inner_text()

    # Two more people answer (through the core, as other pairs would), so the cohort of
    # three is reached.
    others = services.store.pairings.list_pairings(1, statuses=[PairingStatus.APPROVED])[0][1:3]
    for other in others:
        author = services.store.programmes.get_participant(other.mentee_id)
        submit_feedback(
            services,
            1,
            author,
            FeedbackIn(
                pairing_id=other.id,
                stage="midpoint",
                usefulness=4,
                pairing_fit=4,
                text="Finding time is hard; our sessions were moved twice because of diaries.",
                consent_to_quote=True,
            ),
        )
    services.close()

    page.get_by_role("link", name="Feedback").click()
    summary, flags = page.inner_text("main").split("Pairs that need attention")
    assert "Hard to find time for sessions (3 people)" in summary  # counted by people
    # and the page says which way a wrong count usually errs
    assert "usually one person short" in summary
    assert "1 pair rated their fit 2 or lower" in summary  # one, not "pair(s)"
    assert "Written by the offline composer. Identifiers the final check removed: 0." in summary
    assert mentee.name not in summary and "07700" not in summary
    # The mentor agreed to be quoted: the sentence appears, redacted.
    assert "[PERSON_1] talks over me" in summary
    # The low fit rating flags the pair by name, with nothing of what was written.
    assert mentee.name in flags and "talks over" not in flags
    assert "pairing fit rated 2 or lower" in flags
    shot(page, site, "feedback")
    # A check-in from the feedback page reaches the pair.
    page.get_by_text("Send the pair a check-in message").first.click()
    page.locator("form[action$='/check-in'] button").first.click()
    assert "Done: check-in sent" in page.inner_text("main")
    page.get_by_role("link", name="Overview").click()
    assert "Mentees matched" in page.inner_text("main")
    assert page.locator("svg.chart").count() >= 1
    shot(page, site, "overview")

    page.get_by_role("button", name="Sign out").click()
    page.goto("/web")
    assert page.url.startswith(f"{site.url}/login")


def test_keyboard_reaches_the_sign_in_form_with_a_visible_focus(site: Site, browser: Any) -> None:
    page = open_page(browser, site.url)
    page.goto("/login")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    # First the email form (a sign-in link), then the token form.
    assert page.evaluate("document.activeElement.id") == "email"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Email me a sign-in link"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "token"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.type("cch_not-a-token")
    page.keyboard.press("Enter")
    assert "unknown, revoked or expired" in page.get_by_role("alert").inner_text()
    page.context.close()
