"""The sample programme that ships with the project (knowledge/sample/)."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from coach.accounts import issue_token
from coach.domain import Programme, ProgrammeIn, Role, UserRole
from coach.errors import FieldProblem, InputValidationError, NotFoundError
from coach.roster import import_roster
from coach.store import Store, UpsertResult

DEMO_TOKEN_DAYS = 30


def read_programme(path: Path) -> ProgrammeIn:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return ProgrammeIn.model_validate(data)
    except (yaml.YAMLError, ValidationError) as exc:
        problems = (
            [FieldProblem(".".join(map(str, e["loc"])), e["msg"]) for e in exc.errors()]
            if isinstance(exc, ValidationError)
            else [FieldProblem("file", "not valid YAML")]
        )
        raise InputValidationError(
            f"{path.name} is not a valid programme: " + "; ".join(map(str, problems)), problems
        ) from None


def load_sample(store: Store, sample_dir: Path) -> tuple[Programme, UpsertResult]:
    """Create (or update) the sample programme and import its roster, as one unit."""
    with store.unit_of_work() as unit:
        programme = unit.programmes.upsert_programme(read_programme(sample_dir / "programme.yaml"))
        result = import_roster(unit, programme.id, sample_dir / "roster.csv")
        return programme, result


def create_demo_users(store: Store, programme: Programme) -> list[tuple[str, str, str]]:
    """Accounts for trying the service: (role, email, token) for each.

    Nothing is shipped: the users are created on the first demo run and every run issues
    fresh tokens (valid for 30 days), printed once. The mentee and mentor are the first of
    each role in the roster, linked to their participant records by email.
    """
    with store.unit_of_work() as unit:
        people = unit.programmes.list_participants(programme.id)
        accounts = [
            ("admin", "admin@harbourvale.example", "Programme admin", UserRole.ADMIN),
            (
                "coordinator",
                "coordinator@harbourvale.example",
                "Programme coordinator",
                UserRole.COORDINATOR,
            ),
        ]
        for role in (Role.MENTEE, Role.MENTOR):
            person = next(p for p in people if p.role is role and p.consent_matching)
            accounts.append((role.value, str(person.email), person.name, UserRole.MEMBER))
        issued = []
        for label, email, name, user_role in accounts:
            try:
                user = unit.accounts.get_user_by_email(email)
            except NotFoundError:
                user = unit.accounts.add_user(email, name, role=user_role)
            if user_role is UserRole.COORDINATOR:
                unit.programmes.add_coordinator(programme.id, user.id)
            _, secret = issue_token(unit, user.id, "demo", ttl_days=DEMO_TOKEN_DAYS)
            issued.append((label, email, secret))
        return issued
