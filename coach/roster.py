"""Roster import: CSV or JSON files of participants, validated in full before writing.

An import either lands whole or not at all. Every bad row and field is reported (not only
the first), re-importing a file updates people by employee id instead of duplicating them,
and a reporting-line cycle is refused because matching walks manager chains.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from coach.domain import ParticipantIn, error_message
from coach.errors import FieldProblem, InputValidationError, MalformedFileError
from coach.numbers import counted
from coach.store import Store, UpsertResult

MAX_ROWS = 20_000
# A roster is a list of flat objects whose values are at most lists: {"participants":
# [{"goals": [...]}]} is three deep. Deeper nesting is not a roster, and very deep nesting
# exhausts the parser's recursion.
MAX_JSON_DEPTH = 8
# The csv module stops at fields over 128 KiB; a real cell is a few hundred characters.
MAX_FIELD_CHARS = csv.field_size_limit()
_JSON_STRING = re.compile(r'"(?:\\.|[^"\\])*"')


def read_rows(path: Path) -> list[dict[str, Any]]:
    """Raw records of a roster file; the format is chosen by the file extension."""
    return parse_bytes(path.name, path.read_bytes())


def parse_bytes(filename: str, data: bytes) -> list[dict[str, Any]]:
    """Raw records of an uploaded roster; ``filename`` decides CSV or JSON."""
    suffix = Path(filename).suffix.lower()
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputValidationError(
            f"{filename} is not UTF-8 text.",
            [FieldProblem("file", f"invalid byte at position {exc.start}")],
            hint="save the file as UTF-8 (in Excel: 'CSV UTF-8').",
        ) from None
    if suffix == ".csv":
        return parse_csv(raw)
    if suffix == ".json":
        return parse_json(raw)
    raise InputValidationError(
        f"Cannot read {filename}: unknown format '{suffix}'.",
        [FieldProblem("file", "expected a .csv or .json file")],
        hint="export the roster as CSV (one row per person) or JSON (a list of objects).",
    )


def parse_csv(text: str) -> list[dict[str, Any]]:
    reader = csv.DictReader(io.StringIO(text))
    try:
        return _csv_records(reader)
    except csv.Error as exc:
        line = reader.line_num + 1  # the line being read when the reader gave up
        raise MalformedFileError(
            f"The roster cannot be read as CSV at line {line}: {exc}.",
            [FieldProblem("file", f"unreadable CSV ({exc})", row=line)],
            hint=f"keep every cell under {MAX_FIELD_CHARS:,} characters and close every "
            "quoted cell; nothing was imported.",
        ) from None


def _csv_records(reader: csv.DictReader[str]) -> list[dict[str, Any]]:
    if not reader.fieldnames:
        raise InputValidationError(
            "The roster file is empty.",
            [FieldProblem("file", "no header row")],
            hint="the first line must name the columns, e.g. external_id,name,email,role,...",
        )
    rows = []
    for row in reader:
        extra = row.pop(None, None)
        record = {key.strip(): value for key, value in row.items() if key is not None}
        if extra:
            record["__extra__"] = extra
        rows.append(record)
    return rows


def _too_deep_at(text: str) -> int | None:
    """The line where JSON nesting first goes deeper than ``MAX_JSON_DEPTH``, else None.

    Strings are blanked first so brackets inside values do not count; the scan is
    linear and needs no recursion, unlike the parser it protects.
    """
    depth = 0
    blanked = _JSON_STRING.sub('""', text)
    for index, char in enumerate(blanked):
        if char in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return blanked.count("\n", 0, index) + 1
        elif char in "]}":
            depth -= 1
    return None


def parse_json(text: str) -> list[dict[str, Any]]:
    line = _too_deep_at(text)
    if line is not None:
        raise MalformedFileError(
            f"The roster's JSON is nested more than {MAX_JSON_DEPTH} levels deep at line {line}.",
            [FieldProblem("file", "nested too deep for a roster", row=line)],
            hint="a roster is a list of participant objects whose values are text, numbers "
            "or lists; nothing was imported.",
        )
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputValidationError(
            f"The roster is not valid JSON: {exc.msg} at line {exc.lineno}.",
            [FieldProblem("file", exc.msg, row=None)],
            hint="check the JSON syntax around that line.",
        ) from None
    if isinstance(data, Mapping) and isinstance(data.get("participants"), list):
        data = data["participants"]
    if not isinstance(data, list) or not all(isinstance(item, Mapping) for item in data):
        raise InputValidationError(
            "A JSON roster must be a list of participant objects.",
            [FieldProblem("file", "expected a list of objects (or {'participants': [...]})")],
        )
    return [dict(item) for item in data]


def validate_rows(rows: Iterable[Mapping[str, Any]]) -> list[ParticipantIn]:
    """Validate every row; raise one error listing every problem of every row."""
    valid: list[ParticipantIn] = []
    problems: list[FieldProblem] = []
    rows = list(rows)
    if not rows:
        raise InputValidationError(
            "The roster has no participants.", [FieldProblem("file", "no data rows")]
        )
    if len(rows) > MAX_ROWS:
        raise InputValidationError(
            f"The roster has {len(rows)} rows; at most {MAX_ROWS} can be imported at once.",
            [FieldProblem("file", "too many rows")],
            hint="split the file into smaller rosters.",
        )
    first_line = 2 if _looks_like_csv(rows[0]) else 1
    for offset, raw in enumerate(rows):
        number = first_line + offset
        record = dict(raw)
        if record.pop("__extra__", None):
            problems.append(
                FieldProblem("row", "has more values than the header has columns", number)
            )
            continue
        # Empty CSV cells mean "not given": let the model's defaults apply.
        record = {k: v for k, v in record.items() if not (isinstance(v, str) and v.strip() == "")}
        try:
            valid.append(ParticipantIn.model_validate(record))
        except ValidationError as exc:
            for error in exc.errors():
                field = ".".join(str(part) for part in error["loc"]) or "row"
                value = error.get("input")
                shown = value if isinstance(value, str | int | float) and field != "row" else None
                message = error_message(error)
                problems.append(
                    FieldProblem(field, message, number, None if shown is None else str(shown))
                )
    problems.extend(_cross_row_problems(valid, first_line, rows))
    if problems:
        bad_rows = sorted({p.row for p in problems if p.row is not None})
        raise InputValidationError(
            f"The roster was not imported: {counted(len(problems), 'problem')} in "
            f"{counted(len(bad_rows), 'row')}.",
            problems,
            hint="correct the listed rows and import the whole file again; nothing was stored.",
        )
    return valid


def _looks_like_csv(row: Mapping[str, Any]) -> bool:
    # CSV cells are all strings; line 1 is the header, so data starts on line 2.
    return all(isinstance(value, str) or value is None for value in row.values())


def _cross_row_problems(
    rows: list[ParticipantIn], first_line: int, raw: list[Mapping[str, Any]]
) -> list[FieldProblem]:
    """Duplicate ids and emails, and cycles in the reporting lines."""
    line_of: dict[str, int] = {}
    for offset, record in enumerate(raw):
        external_id = str(record.get("external_id", "")).strip()
        line_of.setdefault(external_id, first_line + offset)
    problems: list[FieldProblem] = []
    seen_ids: dict[str, int] = {}
    seen_emails: dict[str, str] = {}
    for offset, record in enumerate(raw):
        number = first_line + offset
        external_id = str(record.get("external_id", "")).strip()
        if external_id and external_id in seen_ids:
            problems.append(
                FieldProblem(
                    "external_id",
                    f"duplicates the id on row {seen_ids[external_id]}",
                    number,
                    external_id,
                )
            )
        seen_ids.setdefault(external_id, number)
    for person in rows:
        email = str(person.email).lower()
        if email in seen_emails and seen_emails[email] != person.external_id:
            problems.append(
                FieldProblem(
                    "email",
                    f"is also used by {seen_emails[email]}",
                    line_of.get(person.external_id),
                    email,
                )
            )
        seen_emails.setdefault(email, person.external_id)
    manager_of = {p.external_id: p.manager_id for p in rows if p.manager_id}
    reported: set[str] = set()
    for start in manager_of:
        chain = [start]
        current = manager_of.get(start)
        while current is not None and current not in chain:
            chain.append(current)
            current = manager_of.get(current)
        if current is not None:
            cycle = chain[chain.index(current) :]
            key = min(cycle)
            if key not in reported:
                reported.add(key)
                problems.append(
                    FieldProblem(
                        "manager_id",
                        "reporting lines form a cycle: " + " -> ".join([*cycle, current]),
                        line_of.get(start),
                    )
                )
    return problems


def import_roster(store: Store, programme: int | str, path: Path) -> UpsertResult:
    """Read, validate and store a roster file for a programme (by id or slug)."""
    target = store.programmes.get_programme(programme)
    participants = validate_rows(read_rows(path))
    return store.programmes.upsert_participants(target.id, participants)
