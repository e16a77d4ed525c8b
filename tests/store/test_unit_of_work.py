"""Units of work against both engines: whole commits, whole rollbacks, savepoints, and
the lost race that becomes a clear conflict."""

from __future__ import annotations

import pytest

from coach.domain import ProgrammeIn, UserRole
from coach.errors import ConflictError, NotFoundError
from coach.store import Store


class Boom(RuntimeError):
    pass


def test_a_unit_commits_every_step_together(store: Store):
    with store.unit_of_work() as unit:
        programme = unit.programmes.create_programme(ProgrammeIn(slug="one", name="One"))
        user = unit.accounts.add_user("c@example.org", "C", role=UserRole.COORDINATOR)
        unit.programmes.add_coordinator(programme.id, user.id)
        # Inside the unit its own writes are visible before the commit.
        assert unit.programmes.coordinator_ids(programme.id) == [user.id]
    assert store.programmes.coordinator_ids(programme.id) == [user.id]


def test_a_unit_that_fails_keeps_none_of_its_steps(store: Store):
    with pytest.raises(Boom), store.unit_of_work() as unit:
        programme = unit.programmes.create_programme(ProgrammeIn(slug="two", name="Two"))
        unit.accounts.add_user("d@example.org", "D")
        raise Boom
    with pytest.raises(NotFoundError):
        store.programmes.get_programme(programme.id)
    with pytest.raises(NotFoundError):
        store.accounts.get_user_by_email("d@example.org")


def test_a_nested_unit_is_a_savepoint_that_can_fail_alone(store: Store):
    with store.unit_of_work() as unit:
        unit.accounts.add_user("kept@example.org", "Kept")
        with pytest.raises(ConflictError), unit.unit_of_work() as inner:
            inner.accounts.add_user("gone@example.org", "Gone")
            inner.accounts.add_user("kept@example.org", "Twice")  # the database refuses
        # The refusal spoiled nothing outside the savepoint: the unit goes on.
        unit.accounts.add_user("later@example.org", "Later")
    emails = {u.email for u in store.accounts.list_users()[0]}
    assert {"kept@example.org", "later@example.org"} <= emails
    assert "gone@example.org" not in emails


def test_a_reading_unit_sees_one_snapshot_on_sqlite(tmp_path):
    store = Store.from_url(f"sqlite:///{tmp_path / 'c.db'}")
    store.migrate()
    store.programmes.create_programme(ProgrammeIn(slug="first", name="First"))
    with store.unit_of_work(writes=False) as unit:
        assert unit.programmes.count_programmes() == 1
        # Another connection commits meanwhile (a one-off transaction of its own).
        store.programmes.create_programme(ProgrammeIn(slug="second", name="Second"))
        assert unit.programmes.count_programmes() == 1  # still the snapshot it began with
        # A write from this stale snapshot lost the race: a conflict, not a lost update.
        with pytest.raises(ConflictError) as error, unit.unit_of_work() as inner:
            inner.programmes.create_programme(ProgrammeIn(slug="third", name="Third"))
        assert "at the same moment" in error.value.message
    assert store.programmes.count_programmes() == 2
    store.dispose()
