"""Sessions on a calendar over the API, on both databases: propose, accept, .ics,
reminders, held and cancelled, and every refusal with its reason."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Calendar

from coach.domain import PairingStatus
from coach.scheduling import send_reminders
from tests.api.conftest import World


def _next(weekday: int, hour: int, minute: int = 0) -> datetime:
    """The weekday (0 = Monday) at least three days ahead, at this UTC time."""
    day = datetime.now(UTC).replace(hour=hour, minute=minute, second=0, microsecond=0)
    day += timedelta(days=3)
    while day.weekday() != weekday:
        day += timedelta(days=1)
    return day


def _approved(world: World) -> str:
    store = world.services.store
    pairing = store.pairings.list_pairings(world.programme_id)[0][0]
    if pairing.status is not PairingStatus.APPROVED:
        store.pairings.set_pairing_status(pairing.id, PairingStatus.APPROVED)
    return f"/programmes/{world.programme_id}/pairings/{pairing.id}/sessions"


def test_a_time_is_proposed_accepted_and_lands_in_both_calendars(world: World):
    url = _approved(world)
    start = _next(0, 9, 30)  # Monday 09:30 UTC: inside both "mon 09:00-11:00" windows
    proposed = world.client.post(
        f"{url}/1/proposal", headers=world.headers("mentee"), json={"start": start.isoformat()}
    )
    assert proposed.status_code == 201, proposed.text
    assert proposed.json()["proposed_start"].startswith(start.strftime("%Y-%m-%dT09:30"))
    (told,) = world.services.store.outbox.list_messages()
    assert told.recipient == "mentor@example.org"
    assert told.subject == "Person E1 proposes a time for session 1"
    assert start.strftime("%A %d %B %Y at 09:30") in told.body

    own = world.client.post(f"{url}/1/acceptance", headers=world.headers("mentee"))
    assert own.status_code == 409 and "your partner accepts it" in own.json()["error"]["message"]
    accepted = world.client.post(f"{url}/1/acceptance", headers=world.headers("mentor"))
    assert accepted.status_code == 200
    assert accepted.json()["scheduled_at"] and accepted.json()["proposed_start"] is None
    scheduled = [
        m for m in world.services.store.outbox.list_messages() if m.kind == "session_scheduled"
    ]
    assert sorted(m.recipient for m in scheduled) == ["mentee@example.org", "mentor@example.org"]
    assert all(m.attachments[0].filename == "session-1.ics" for m in scheduled)

    ics = world.client.get(f"{url}/1/calendar.ics", headers=world.headers("mentor"))
    assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")
    (event,) = Calendar.from_ical(ics.content).walk("VEVENT")
    assert event.decoded("dtstart") == start
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=45)
    assert "Person E1 and Person M1" in str(event["summary"])

    # A reminder goes out once, two days before.
    assert send_reminders(world.services, start - timedelta(days=1)) == 1
    assert send_reminders(world.services, start - timedelta(hours=20)) == 0
    reminders = [
        m for m in world.services.store.outbox.list_messages() if m.kind == "session_reminder"
    ]
    assert len(reminders) == 2 and reminders[0].subject.startswith("Reminder: session 1 with")

    early = world.client.post(
        f"{url}/1/outcome", headers=world.headers("mentee"), json={"status": "held"}
    )
    assert early.status_code == 409 and "scheduled for later" in early.json()["error"]["message"]
    bare = world.client.post(
        f"{url}/1/outcome", headers=world.headers("mentee"), json={"status": "cancelled"}
    )
    assert bare.status_code == 422
    assert bare.json()["error"]["fields"][0]["field"] == "reason"
    cancelled = world.client.post(
        f"{url}/1/outcome",
        headers=world.headers("mentor"),
        json={"status": "cancelled", "reason": "client visit moved onto that morning"},
    )
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    notices = [
        m for m in world.services.store.outbox.list_messages() if m.kind == "session_cancelled"
    ]
    assert len(notices) == 2 and "client visit moved" in notices[0].body
    (gone,) = Calendar.from_ical(notices[0].attachments[0].content.encode()).walk("VEVENT")
    assert str(gone["status"]) == "CANCELLED"


def test_times_in_the_past_or_outside_availability_are_refused_with_the_windows(world: World):
    url = _approved(world)
    past = world.client.post(
        f"{url}/2/proposal",
        headers=world.headers("mentor"),
        json={"start": (datetime.now(UTC) - timedelta(hours=1)).isoformat()},
    )
    assert past.status_code == 422 and past.json()["error"]["fields"][0]["field"] == "start"
    tuesday = world.client.post(
        f"{url}/2/proposal",
        headers=world.headers("mentor"),
        json={"start": _next(1, 10).isoformat()},
    )
    assert tuesday.status_code == 422
    problem = tuesday.json()["error"]["fields"][0]
    assert problem["field"] == "start" and "mon 09:00-11:00" in problem["message"]
    overlong = world.client.post(  # 45 minutes from 10:30 runs past 11:00
        f"{url}/2/proposal",
        headers=world.headers("mentor"),
        json={"start": _next(0, 10, 30).isoformat()},
    )
    assert overlong.status_code == 422
    naive = world.client.post(
        f"{url}/2/proposal", headers=world.headers("mentor"), json={"start": "2031-03-03T09:30:00"}
    )
    assert naive.status_code == 422
    assert world.services.store.outbox.list_messages() == []
    assert world.services.store.sessions.sessions_of_pairing(int(url.split("/")[4])) == []


def test_only_the_pair_schedules_its_sessions(world: World):
    url = _approved(world)
    body = {"start": _next(0, 9, 30).isoformat()}
    answers = {
        role: world.client.post(
            f"{url}/1/proposal", headers=world.headers(role), json=body
        ).status_code
        for role in ("coordinator", "admin", "outsider", "other_coordinator")
    }
    assert answers == {"coordinator": 403, "admin": 403, "outsider": 404, "other_coordinator": 404}
