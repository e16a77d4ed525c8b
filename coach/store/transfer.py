"""Moving a programme between databases (SQLite <-> PostgreSQL) with nothing lost.

An export is one JSON document without database ids: people are referred to by employee
id, users by email, pairings, runs and sessions by their position in the export. So the
same programme exported from any database gives the same document, and an import into
another database followed by an export gives it back exactly: the per-section counts and
SHA-256 checksums prove it (``coach export-programme`` / ``coach import-programme``).

Everything of the programme travels: settings, coordinators (as user accounts, without
tokens), participants, matching runs, pairings with their full history, sessions with
agendas, prompts and private notes, and feedback. API tokens never do.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, select
from sqlalchemy.orm import Session

from coach.errors import ConflictError, FieldProblem, InputValidationError
from coach.store.models import (
    Base,
    FeedbackRow,
    MatchingRunRow,
    PairingEventRow,
    PairingRow,
    ParticipantRow,
    ProgrammeCoordinatorRow,
    ProgrammeRow,
    SessionNoteRow,
    SessionRow,
    Timestamp,
    UserRow,
)
from coach.store.programmes import programme_row
from coach.store.store import Store

FORMAT = "mentoring-coach-programme/1"
SECTIONS = (
    "programme",
    "users",
    "participants",
    "matching_runs",
    "pairings",
    "sessions",
    "feedback",
)


def _values(row: Base, skip: set[str]) -> dict[str, Any]:
    values = {}
    for column in row.__table__.columns:
        if column.name in skip:
            continue
        value = getattr(row, column.name)
        values[column.name] = value.isoformat() if isinstance(value, datetime) else value
    return values


def checksums(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Per section: how many records and the SHA-256 of their canonical JSON."""
    result = {}
    for section in SECTIONS:
        data = document.get(section)
        body = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        result[section] = {
            "count": len(data) if isinstance(data, list) else 1,
            "sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(),
        }
    return result


def export_programme(store: Store, key: int | str) -> dict[str, Any]:
    with store.transaction() as session:
        programme = programme_row(session, key)
        pid = programme.id
        people = list(
            session.scalars(
                select(ParticipantRow)
                .where(ParticipantRow.programme_id == pid)
                .order_by(ParticipantRow.external_id)
            )
        )
        external = {p.id: p.external_id for p in people}
        user_ids = set(
            session.scalars(
                select(ProgrammeCoordinatorRow.user_id).where(
                    ProgrammeCoordinatorRow.programme_id == pid
                )
            )
        )
        runs = list(
            session.scalars(
                select(MatchingRunRow)
                .where(MatchingRunRow.programme_id == pid)
                .order_by(MatchingRunRow.id)
            )
        )
        pairings = list(
            session.scalars(
                select(PairingRow).where(PairingRow.programme_id == pid).order_by(PairingRow.id)
            )
        )
        for run in runs:
            if run.created_by is not None:
                user_ids.add(run.created_by)
        for pairing in pairings:
            user_ids.update(e.actor_user_id for e in pairing.events if e.actor_user_id)
        user_ids.update(p.user_id for p in people if p.user_id)  # their sign-in accounts
        users = {
            u.id: u for u in session.scalars(select(UserRow).where(UserRow.id.in_(user_ids or {0})))
        }
        email = {uid: u.email for uid, u in users.items()}
        coordinators = set(
            session.scalars(
                select(ProgrammeCoordinatorRow.user_id).where(
                    ProgrammeCoordinatorRow.programme_id == pid
                )
            )
        )
        run_position = {run.id: n for n, run in enumerate(runs)}
        pairing_position = {pairing.id: n for n, pairing in enumerate(pairings)}
        sessions = list(
            session.scalars(
                select(SessionRow)
                .where(SessionRow.pairing_id.in_(pairing_position or {0}))
                .order_by(SessionRow.pairing_id, SessionRow.number)
            )
        )
        feedback = list(
            session.scalars(
                select(FeedbackRow).where(FeedbackRow.programme_id == pid).order_by(FeedbackRow.id)
            )
        )
        return {
            "format": FORMAT,
            "programme": _values(programme, {"id"}),
            "users": sorted(
                (
                    {
                        **_values(u, {"id"}),
                        "coordinates": u.id in coordinators,
                    }
                    for u in users.values()
                ),
                key=lambda u: u["email"],
            ),
            "participants": [
                {
                    **_values(p, {"id", "programme_id", "user_id"}),
                    "user": email.get(p.user_id) if p.user_id else None,
                }
                for p in people
            ],
            "matching_runs": [
                {
                    **_values(run, {"id", "programme_id", "created_by"}),
                    "created_by": email.get(run.created_by) if run.created_by else None,
                }
                for run in runs
            ],
            "pairings": [
                {
                    **_values(p, {"id", "programme_id", "mentor_id", "mentee_id", "run_id"}),
                    "mentor": external[p.mentor_id],
                    "mentee": external[p.mentee_id],
                    "run": run_position.get(p.run_id) if p.run_id else None,
                    "events": [
                        {
                            **_values(e, {"id", "pairing_id", "actor_user_id"}),
                            "actor": email.get(e.actor_user_id) if e.actor_user_id else None,
                        }
                        for e in p.events
                    ],
                }
                for p in pairings
            ],
            "sessions": [
                {
                    **_values(s, {"id", "pairing_id"}),
                    "pairing": pairing_position[s.pairing_id],
                    "notes": [
                        {
                            **_values(n, {"id", "session_id", "author_id"}),
                            "author": external[n.author_id],
                        }
                        for n in s.notes
                    ],
                }
                for s in sessions
            ],
            "feedback": [
                {
                    **_values(f, {"id", "programme_id", "pairing_id", "author_id"}),
                    "pairing": pairing_position[f.pairing_id],
                    "author": external[f.author_id],
                }
                for f in feedback
            ],
        }


def _when(value: Any) -> Any:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def _row(model: type[Base], values: dict[str, Any], **links: Any) -> Any:
    columns = {c.name: c for c in model.__table__.columns}
    data = {}
    for name, value in values.items():
        if name in columns:
            is_time = isinstance(columns[name].type, (Timestamp, DateTime))
            data[name] = _when(value) if is_time else value
    return model(**data, **links)


def import_programme(store: Store, document: dict[str, Any]) -> dict[str, Any]:
    """Create the exported programme in this database (its slug must be new here)."""
    if document.get("format") != FORMAT or not all(s in document for s in SECTIONS):
        raise InputValidationError(
            "This file is not a programme export of the mentoring coach.",
            [FieldProblem("format", f"expected {FORMAT} with sections {', '.join(SECTIONS)}")],
            hint="create it with `coach export-programme`.",
        )
    with store.transaction() as session:
        slug = document["programme"]["slug"]
        if session.scalar(select(ProgrammeRow.id).where(ProgrammeRow.slug == slug)):
            raise ConflictError(
                f"A programme '{slug}' already exists in this database.",
                hint="import into a database without it, or rename the other one first.",
            )
        programme = _row(ProgrammeRow, document["programme"])
        session.add(programme)
        session.flush()
        user_ids = _users(session, document["users"], programme.id)
        people: dict[str, ParticipantRow] = {}
        for values in document["participants"]:
            row = _row(
                ParticipantRow,
                {k: v for k, v in values.items() if k != "user"},
                programme_id=programme.id,
                user_id=user_ids.get(values["user"]) if values["user"] else None,
            )
            session.add(row)
            people[values["external_id"]] = row
        runs = []
        for values in document["matching_runs"]:
            run = _row(
                MatchingRunRow,
                {k: v for k, v in values.items() if k != "created_by"},
                programme_id=programme.id,
                created_by=user_ids.get(values["created_by"]),
            )
            session.add(run)
            runs.append(run)
        session.flush()
        pairings = []
        for values in document["pairings"]:
            pairing = _row(
                PairingRow,
                {k: v for k, v in values.items() if k not in ("events", "run")},
                programme_id=programme.id,
                mentor_id=people[values["mentor"]].id,
                mentee_id=people[values["mentee"]].id,
                run_id=runs[values["run"]].id if values["run"] is not None else None,
            )
            pairing.events = [
                _row(
                    PairingEventRow,
                    {k: v for k, v in event.items() if k != "actor"},
                    actor_user_id=user_ids.get(event["actor"]),
                )
                for event in values["events"]
            ]
            session.add(pairing)
            pairings.append(pairing)
        session.flush()
        for values in document["sessions"]:
            row = _row(
                SessionRow,
                {k: v for k, v in values.items() if k not in ("notes", "pairing")},
                pairing_id=pairings[values["pairing"]].id,
            )
            row.notes = [
                _row(
                    SessionNoteRow,
                    {k: v for k, v in note.items() if k != "author"},
                    author_id=people[note["author"]].id,
                )
                for note in values["notes"]
            ]
            session.add(row)
        for values in document["feedback"]:
            session.add(
                _row(
                    FeedbackRow,
                    {k: v for k, v in values.items() if k not in ("pairing", "author")},
                    programme_id=programme.id,
                    pairing_id=pairings[values["pairing"]].id,
                    author_id=people[values["author"]].id,
                )
            )
        session.flush()
        return {"programme_id": programme.id, "slug": slug}


def _users(session: Session, users: list[dict[str, Any]], programme_id: int) -> dict[str, int]:
    """Email -> user id here; accounts that exist already are kept as they are."""
    ids: dict[str, int] = {}
    for values in users:
        user = session.scalar(select(UserRow).where(UserRow.email == values["email"]))
        if user is None:
            user = _row(UserRow, {k: v for k, v in values.items() if k != "coordinates"})
            session.add(user)
            session.flush()
        ids[values["email"]] = user.id
        if values.get("coordinates"):
            session.add(ProgrammeCoordinatorRow(programme_id=programme_id, user_id=user.id))
    return ids
