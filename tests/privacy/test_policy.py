"""The policy as a pure function, including rules whose routes come with later features."""

from pathlib import Path

import pytest

from coach.domain import Membership, Role, UserRole
from coach.errors import AccessDeniedError, NotFoundError
from coach.privacy.policy import (
    SELF_EDITABLE_FIELDS,
    Action,
    Target,
    decide,
    require,
    sees_background,
    sees_every_pairing,
    visible_programmes,
)

ADMIN = Membership(user_id=1, role=UserRole.ADMIN)
COORDINATOR = Membership(user_id=2, role=UserRole.COORDINATOR, coordinates=frozenset({10}))
MENTOR = Membership(user_id=3, role=UserRole.MEMBER, participates={10: (100, Role.MENTOR)})
MENTEE = Membership(user_id=4, role=UserRole.MEMBER, participates={10: (101, Role.MENTEE)})


@pytest.mark.parametrize("action", [Action.NOTE_READ, Action.FEEDBACK_READ_RAW])
def test_notes_and_raw_feedback_are_for_their_author_only(action):
    written_by_mentee = Target(programme_id=10, owner_user_id=MENTEE.user_id)
    assert decide(MENTEE, action, written_by_mentee).allowed
    for other in (MENTOR, COORDINATOR, ADMIN):
        decision = decide(other, action, written_by_mentee)
        assert not decision.allowed and decision.status == 404


def test_a_participant_may_edit_only_self_editable_fields():
    own = Target(programme_id=10, participant_id=101, fields=frozenset({"goals"}))
    assert decide(MENTEE, Action.PARTICIPANT_UPDATE, own).allowed
    locked = Target(programme_id=10, participant_id=101, fields=frozenset({"goals", "seniority"}))
    with pytest.raises(AccessDeniedError, match="seniority"):
        require(MENTEE, Action.PARTICIPANT_UPDATE, locked)
    assert "seniority" not in SELF_EDITABLE_FIELDS and "goals" in SELF_EDITABLE_FIELDS


def test_other_programmes_are_invisible_not_forbidden():
    with pytest.raises(NotFoundError):
        require(COORDINATOR, Action.PROGRAMME_UPDATE, Target(programme_id=11))
    with pytest.raises(AccessDeniedError):
        require(MENTEE, Action.PROGRAMME_UPDATE, Target(programme_id=10))


def test_every_action_is_decided_somewhere():
    # An action nobody asks about is a rule nobody enforces: each is used outside the
    # policy module by a route, a web page or the core.

    root = Path(__file__).resolve().parents[2]
    sources = [
        p.read_text(encoding="utf-8")
        for folder in ("api", "coach")
        for p in (root / folder).rglob("*.py")
        if p.name != "policy.py"
    ]
    unused = [a.name for a in Action if not any(f"Action.{a.name}" in s for s in sources)]
    assert unused == []


def test_visibility_rules_live_in_the_policy():
    assert visible_programmes(ADMIN) is None
    assert visible_programmes(COORDINATOR) == [10]
    assert visible_programmes(MENTEE) == [10]
    assert sees_every_pairing(COORDINATOR, 10) and sees_every_pairing(ADMIN, 10)
    assert not sees_every_pairing(MENTEE, 10) and not sees_every_pairing(COORDINATOR, 11)
    # Background only beside one's own name: not the coordinator, not an admin.
    assert sees_background(MENTEE, 101, 10)
    assert not any(sees_background(w, 101, 10) for w in (MENTOR, COORDINATOR, ADMIN))


def test_the_participant_page_is_for_participants():
    assert decide(MENTOR, Action.PARTICIPATE, Target(programme_id=10)).allowed
    assert decide(COORDINATOR, Action.PARTICIPATE, Target(programme_id=10)).status == 403
    assert decide(COORDINATOR, Action.PARTICIPATE, Target(programme_id=11)).status == 404
    assert decide(ADMIN, Action.PARTICIPATE, Target(programme_id=10)).status == 403
