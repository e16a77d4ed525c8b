"""The sample programme that ships with the project (knowledge/sample/)."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from coach.domain import Programme, ProgrammeIn
from coach.errors import FieldProblem, InputValidationError
from coach.roster import import_roster
from coach.store import Store, UpsertResult


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
    """Create (or update) the sample programme and import its roster."""
    programme = store.upsert_programme(read_programme(sample_dir / "programme.yaml"))
    result = import_roster(store, programme.id, sample_dir / "roster.csv")
    return programme, result
