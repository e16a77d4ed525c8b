"""Typed records of the coach: what the store returns and what importers accept.

The store maps these to and from its tables; nothing outside ``coach/store`` sees an ORM
object. Input records (``...In``) validate strictly and name the field that is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Literal, TypeVar

from email_validator import EmailNotValidError, validate_email
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from coach.errors import FieldProblem, InputValidationError

NAME_MAX = 200
# Text may hold tabs and line breaks but no other control characters (PostgreSQL refuses
# NUL outright; the rest only ever arrive by accident or attack).
NO_CONTROL = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$"
MAX_WEIGHT = 10.0
# The most sessions a programme may plan; session numbers run from 1 to this.
MAX_SESSIONS = 52
# A matching weight: finite and bounded. NaN or infinity would turn every score into NaN
# and a run into zero suggestions; 0 switches a feature off.
Weight = Annotated[
    float,
    Field(
        ge=0,
        le=MAX_WEIGHT,
        allow_inf_nan=False,
        description=f"0 (off) to {MAX_WEIGHT:g}; weights are relative to each other.",
    ),
]
WeightName = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[a-z_]+$")]
# Documented as one object of numbers with patterned names (pydantic would otherwise
# write patternProperties, which lets any other name with any value through the spec).
Weights = Annotated[
    dict[WeightName, Weight],
    Field(max_length=20),
    WithJsonSchema(
        {
            "type": "object",
            "propertyNames": {"pattern": "^[a-z_]+$", "minLength": 1, "maxLength": 40},
            "additionalProperties": {
                "type": "number",
                "minimum": 0,
                "maximum": MAX_WEIGHT,
                "description": f"0 (off) to {MAX_WEIGHT:g}; weights are relative.",
            },
            "maxProperties": 20,
        }
    ),
]
M = TypeVar("M", bound=BaseModel)


def error_message(error: Mapping[str, Any]) -> str:
    """A person-readable message for one pydantic error."""
    if (
        error.get("type") == "string_pattern_mismatch"
        and error.get("ctx", {}).get("pattern") == NO_CONTROL
    ):
        return "must not contain control characters (only tabs and line breaks are allowed)"
    return str(error.get("msg", "invalid")).removeprefix("Value error, ")


def field_problems(exc: ValidationError, *, row: int | None = None) -> list[FieldProblem]:
    """pydantic's errors as our ``FieldProblem``s (a model-level rule is field 'record')."""
    return [
        FieldProblem(
            ".".join(str(part) for part in error["loc"]) or "record", error_message(error), row
        )
        for error in exc.errors()
    ]


def validated(model: type[M], data: object, what: str) -> M:
    """``model.model_validate(data)``, raising ``InputValidationError`` naming each field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = field_problems(exc)
        raise InputValidationError(
            f"The {what} is not valid: " + "; ".join(str(p) for p in problems),
            problems,
            hint="correct the named fields; nothing was changed.",
        ) from None


TEXT_ITEM_MAX = 300
LIST_MAX = 30


class Role(StrEnum):
    """A participant's role in one programme."""

    MENTOR = "mentor"
    MENTEE = "mentee"


class UserRole(StrEnum):
    """A user's account-wide role; mentor and mentee come from participant records."""

    ADMIN = "admin"
    COORDINATOR = "coordinator"
    MEMBER = "member"


class Direction(StrEnum):
    """Who mentors whom, by seniority."""

    REVERSE = "reverse"  # the mentor is less senior than the mentee
    PEER = "peer"  # any seniority, as long as the rules hold
    TRADITIONAL = "traditional"  # the mentor is more senior


class Format(StrEnum):
    ONE_TO_ONE = "one_to_one"
    CIRCLES = "circles"  # a mentee may have several mentors


class Stage(StrEnum):
    """Where a pairing is in the programme; cards and agendas are keyed by it."""

    PLANNING = "planning"
    MATCHING = "matching"
    FIRST = "first"
    REGULAR = "regular"
    MIDPOINT = "midpoint"
    CLOSING = "closing"


class PairingStatus(StrEnum):
    SUGGESTED = "suggested"
    AWAITING_SECOND_APPROVAL = "awaiting_second_approval"  # dual-approval programmes
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"  # replaced by a newer suggestion run, or swapped
    ENDED = "ended"


OPEN_SUGGESTION = (PairingStatus.SUGGESTED, PairingStatus.AWAITING_SECOND_APPROVAL)


class SessionStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class FeedbackStage(StrEnum):
    SESSION = "session"
    MIDPOINT = "midpoint"
    CLOSING = "closing"


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # Monday first, as weekday()
_SLOT_RE = re.compile(
    r"^(?P<day>[a-z]{3})[a-z]*\s+(?P<start>\d{1,2}:\d{2})\s*-\s*(?P<end>\d{1,2}:\d{2})$"
)


def _minutes(hhmm: str) -> int:
    hours, minutes = (int(part) for part in hhmm.split(":"))
    if hours > 24 or minutes > 59 or (hours == 24 and minutes):
        raise ValueError(f"'{hhmm}' is not a time of day (use 00:00 to 24:00)")
    return hours * 60 + minutes


class Slot(BaseModel):
    """A weekly availability window in the participant's own time zone."""

    model_config = ConfigDict(frozen=True)

    day: str
    start: str
    end: str

    @field_validator("day")
    @classmethod
    def _day(cls, value: str) -> str:
        value = value.strip().lower()[:3]
        if value not in WEEKDAYS:
            raise ValueError("day must be one of mon, tue, wed, thu, fri, sat, sun")
        return value

    @model_validator(mode="after")
    def _ordered(self) -> Slot:
        if _minutes(self.start) >= _minutes(self.end):
            raise ValueError(f"slot {self.day} {self.start}-{self.end} ends before it starts")
        return self

    @property
    def start_minute(self) -> int:
        return _minutes(self.start)

    @property
    def end_minute(self) -> int:
        return _minutes(self.end)

    def __str__(self) -> str:
        return f"{self.day} {self.start}-{self.end}"

    @classmethod
    def parse(cls, text: str) -> Slot:
        """Parse 'mon 09:00-10:30' (day names may be written out: 'Monday 9:00-10:00')."""
        match = _SLOT_RE.match(text.strip().lower())
        if not match:
            raise ValueError(f"'{text}' is not a slot; write it like 'mon 09:00-10:30'")
        start, end = match["start"].zfill(5), match["end"].zfill(5)
        return cls(day=match["day"], start=start, end=end)


ShortText = Annotated[str, Field(min_length=1, max_length=TEXT_ITEM_MAX, pattern=NO_CONTROL)]


def _check_email(value: str) -> str:
    """Check email syntax only.

    Internal directories use domains such as corp.local or *.test, which email-validator
    refuses as special-use names. When that is its only objection, the local part is
    checked against a neutral domain and the address is accepted.
    """
    try:
        return str(validate_email(value, check_deliverability=False).normalized)
    except EmailNotValidError as exc:
        local, _, domain = value.rpartition("@")
        if "special-use" in str(exc) and local and "." in domain:
            try:
                validate_email(f"{local}@example.com", check_deliverability=False)
                return f"{local}@{domain.lower()}"
            except EmailNotValidError:
                pass
        raise ValueError(f"not an email address ({exc})") from None


Email = Annotated[
    str,
    Field(max_length=320),
    AfterValidator(_check_email),
    # Internationalised addresses (münchen.de, ñ@ñ.es) are accepted and returned in
    # Unicode, so the documented format is idn-email, not the ASCII-only email.
    WithJsonSchema({"type": "string", "format": "idn-email", "maxLength": 320}),
]


class Objective(BaseModel):
    name: str = Field(min_length=1, max_length=NAME_MAX, pattern=NO_CONTROL)
    measure: str = Field(
        default="",
        max_length=TEXT_ITEM_MAX,
        pattern=NO_CONTROL,
        description="How the objective is measured.",
    )


class ProgrammeIn(BaseModel):
    """What a coordinator sets when creating or updating a programme."""

    model_config = ConfigDict(extra="forbid")

    slug: str = Field(min_length=3, max_length=60, pattern=r"^[a-z0-9][a-z0-9-]*[a-z0-9]$")
    name: str = Field(min_length=1, max_length=NAME_MAX, pattern=NO_CONTROL)
    description: str = Field(default="", max_length=4000, pattern=NO_CONTROL)
    objectives: list[Objective] = Field(default_factory=list, max_length=LIST_MAX)
    direction: Direction = Direction.REVERSE
    format: Format = Format.ONE_TO_ONE
    session_minutes: int = Field(default=45, ge=15, le=240)
    cadence_days: int = Field(default=14, ge=1, le=120)
    sessions_planned: int = Field(default=6, ge=1, le=MAX_SESSIONS)
    ground_rules: list[ShortText] = Field(default_factory=list, max_length=LIST_MAX)
    min_cohort_size: int = Field(default=3, ge=2, le=100)
    rotate_pairs: bool = False
    dual_approval: bool = False
    matching_weights: Weights = Field(default_factory=dict)


class Programme(ProgrammeIn):
    model_config = ConfigDict(extra="forbid", from_attributes=True)

    id: int
    created_at: datetime


def _split_list(value: object) -> object:
    """Roster files hold lists as 'a; b; c'; JSON holds real lists. Accept both."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    return value


class ParticipantIn(BaseModel):
    """One roster row. ``external_id`` is the organisation's employee id."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    external_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")
    name: str = Field(min_length=1, max_length=NAME_MAX, pattern=NO_CONTROL)
    email: Email
    role: Role
    seniority: int = Field(ge=1, le=12, description="1 = most junior grade.")
    department: str = Field(min_length=1, max_length=NAME_MAX, pattern=NO_CONTROL)
    manager_id: str | None = Field(default=None, max_length=64, pattern=NO_CONTROL)
    manager_name: str | None = Field(default=None, max_length=NAME_MAX, pattern=NO_CONTROL)
    nicknames: list[ShortText] = Field(default_factory=list, max_length=10)
    skills: list[ShortText] = Field(default_factory=list, max_length=LIST_MAX)
    goals: list[ShortText] = Field(default_factory=list, max_length=LIST_MAX)
    interests: list[ShortText] = Field(default_factory=list, max_length=LIST_MAX)
    learning_style: str | None = Field(default=None, max_length=NAME_MAX, pattern=NO_CONTROL)
    communication_style: str | None = Field(default=None, max_length=NAME_MAX, pattern=NO_CONTROL)
    availability: list[Slot] = Field(default_factory=list, max_length=LIST_MAX)
    timezone: str = Field(default="UTC", max_length=64, pattern=NO_CONTROL)
    capacity: int = Field(default=1, ge=0, le=10)
    consent_matching: bool = True
    consent_background: bool = False
    background: str | None = Field(default=None, max_length=TEXT_ITEM_MAX, pattern=NO_CONTROL)
    preferred_ids: list[ShortText] = Field(default_factory=list, max_length=LIST_MAX)
    avoid_ids: list[ShortText] = Field(default_factory=list, max_length=LIST_MAX)

    _split = field_validator(
        "nicknames", "skills", "goals", "interests", "preferred_ids", "avoid_ids", mode="before"
    )(_split_list)

    @field_validator("nicknames")
    @classmethod
    def _nicknames_are_names(cls, value: list[str]) -> list[str]:
        # The redactor hides a nickname wherever it appears as a word: an everyday word
        # as a nickname would vanish from every participant's text.
        from coach.privacy.common_words import is_everyday_word

        words = [nickname for nickname in value if is_everyday_word(nickname)]
        if words:
            raise ValueError(
                "everyday words cannot be nicknames ("
                + ", ".join(repr(w) for w in words)
                + "): they would be hidden from everyone's text; use a name people call you"
            )
        return value

    @field_validator(
        "manager_id",
        "manager_name",
        "learning_style",
        "communication_style",
        "background",
        mode="before",
    )
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("availability", mode="before")
    @classmethod
    def _slots(cls, value: object) -> object:
        if isinstance(value, str):
            return [Slot.parse(part) for part in value.split(";") if part.strip()]
        return value

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"unknown time zone '{value}'; use an IANA name such as Europe/London"
            ) from None
        return value

    @field_validator("consent_matching", "consent_background", mode="before")
    @classmethod
    def _yes_no(cls, value: object) -> object:
        if isinstance(value, str):
            lowered = value.strip().lower()
            if lowered in {"yes", "y", "true", "1"}:
                return True
            if lowered in {"no", "n", "false", "0", ""}:
                return False
            raise ValueError("write yes or no")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> ParticipantIn:
        if self.background and not self.consent_background:
            raise ValueError(
                "background is filled in but consent_background is 'no'; remove the "
                "background or record the participant's consent"
            )
        if self.manager_id == self.external_id:
            raise ValueError("manager_id is the participant's own id")
        if self.role is Role.MENTEE and not self.goals:
            raise ValueError("a mentee needs at least one goal (what they want to learn)")
        if self.role is Role.MENTOR and not self.skills:
            raise ValueError("a mentor needs at least one skill (what they can teach)")
        return self


class Participant(ParticipantIn):
    model_config = ConfigDict(extra="forbid", from_attributes=True)

    id: int
    programme_id: int
    user_id: int | None = None
    active: bool = True
    updated_at: datetime


class User(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    email: Email
    name: str
    role: UserRole
    created_at: datetime


class ApiToken(BaseModel):
    """A token's public facts; the secret itself is shown once, at creation."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    user_id: int
    name: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    kind: Literal["api", "web"] = "api"  # a web session lives only as long as its parent
    parent_id: int | None = None


class ScheduledSession(BaseModel):
    """A pairing's session as its members see it on the calendar."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    pairing_id: int
    number: int
    stage: Stage
    status: SessionStatus
    scheduled_at: datetime | None
    proposed_start: datetime | None
    proposed_by: int | None
    held_at: datetime | None
    cancel_reason: str | None
    reminder_sent_at: datetime | None


class SignInLink(BaseModel):
    """A sign-in link's public facts; its secret is only ever in the email."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    user_id: int
    purpose: Literal["invite", "sign_in"]
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None


class Attachment(BaseModel):
    model_config = ConfigDict(frozen=True)

    filename: str
    content_type: str  # e.g. text/calendar
    content: str


class OutboxMessage(BaseModel):
    """An email in the outbox, sent or waiting."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    kind: str
    recipient: str
    subject: str
    body: str
    attachments: list[Attachment] = Field(default_factory=list)
    message_id: str
    created_at: datetime
    attempts: int
    next_attempt_at: datetime
    sent_at: datetime | None
    failed_at: datetime | None
    last_error: str | None


class Membership(BaseModel):
    """What a user is in each programme: the input of every access decision."""

    model_config = ConfigDict(frozen=True)

    user_id: int
    role: UserRole
    coordinates: frozenset[int] = frozenset()
    # programme id -> (participant id, role in that programme)
    participates: dict[int, tuple[int, Role]] = Field(default_factory=dict)


class PairingEvent(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    at: datetime
    from_status: PairingStatus | None
    to_status: PairingStatus
    actor_user_id: int | None
    reason: str | None


class Pairing(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    programme_id: int
    mentor_id: int
    mentee_id: int
    status: PairingStatus
    score: float | None
    version: int = 1
    details: dict[str, Any] = Field(default_factory=dict)  # score parts, reasons, solver
    run_id: int | None = None
    history: list[PairingEvent]


class NoteIn(BaseModel):
    """A private note as written: trimmed, not empty, no control characters (NUL...)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    session: int = Field(ge=1, le=MAX_SESSIONS)
    text: str = Field(min_length=1, max_length=5000, pattern=NO_CONTROL)


class FeedbackIn(BaseModel):
    """One participant's answer about their pairing, after a session or at a stage."""

    model_config = ConfigDict(extra="forbid")

    pairing_id: int = Field(ge=1, le=2**31 - 1)
    stage: FeedbackStage
    session_number: int | None = Field(
        default=None, ge=1, le=MAX_SESSIONS, description="Required for stage 'session', else empty."
    )
    usefulness: int = Field(ge=1, le=5, description="How useful the session or stage was.")
    pairing_fit: int = Field(ge=1, le=5, description="How well the pairing works.")
    goal_progress: dict[str, int] = Field(
        default_factory=dict,
        max_length=LIST_MAX,
        description="Self-rated progress 1-5 per own goal (the goal's exact text).",
    )
    text: str = Field(default="", max_length=5000, pattern=NO_CONTROL)
    consent_to_quote: bool = Field(
        default=False, description="May a redacted sentence of the text be quoted?"
    )

    @field_validator("goal_progress")
    @classmethod
    def _ratings(cls, value: dict[str, int]) -> dict[str, int]:
        for goal, rating in value.items():
            if not 1 <= rating <= 5:
                raise ValueError(f"progress for '{goal}' must be 1 to 5")
        return value


class Feedback(FeedbackIn):
    model_config = ConfigDict(extra="forbid", from_attributes=True)

    id: int
    author_id: int
    created_at: datetime


class PairingActionRecord(BaseModel):
    """A coordinator's check-in message to a pair, their own note about it, or the record
    that the programme asked the pair for mid-point or closing feedback."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    pairing_id: int
    author_user_id: int | None
    kind: Literal["check_in", "note", "ask_mid", "ask_close"]
    text: str
    created_at: datetime


class MatchingRun(BaseModel):
    """One suggestion run: the audit a coordinator reviews beside the suggestions."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    programme_id: int
    solver: str
    created_at: datetime
    summary: dict[str, Any]


def first_name(name: str) -> str:
    """How a person is addressed: in a spoken line, a greeting or an email."""
    return name.split()[0] if name.split() else name
