"""Request and response bodies of the HTTP API (named XCreate / XUpdate / XPublic)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from coach.domain import (
    LIST_MAX,
    MAX_SESSIONS,
    NAME_MAX,
    NO_CONTROL,
    ApiToken,
    Direction,
    Email,
    Feedback,
    Format,
    Objective,
    Pairing,
    Participant,
    ParticipantIn,
    Programme,
    ProgrammeIn,
    Role,
    ShortText,
    Slot,
    User,
    UserRole,
    Weights,
)
from coach.matching.solvers import RUN_SOLVERS
from coach.pairing_choices import Alternative

T = TypeVar("T")


def _null_not_offered(*names: str) -> Callable[[dict[str, Any]], None]:
    """A model's JSON schema hook: the named fields (guarded by ``_refuse_null``) are
    documented without null, as they behave: left out keeps the value, null is refused."""

    def hook(schema: dict[str, Any]) -> None:
        for name in names:
            prop = schema["properties"][name]
            options = [o for o in prop.pop("anyOf", []) if o.get("type") != "null"]
            if len(options) == 1:
                prop.update(options[0])
            elif options:
                prop["anyOf"] = options
            prop.pop("default", None)

    return hook


def _refuse_null(value: object) -> object:
    # An update changes only the fields sent; null would mean "clear", which these
    # fields cannot be. The schema does not offer null for them either.
    if value is None:
        raise ValueError("may be left out to keep its value, but not null")
    return value


class PagePublic(BaseModel, Generic[T]):
    items: list[T]
    offset: int
    limit: int
    total: int


class ProgrammeCreate(ProgrammeIn):
    pass


# Programme fields are never cleared: left out keeps them, null is refused.
PROGRAMME_NOT_NULL = (
    "name",
    "description",
    "objectives",
    "direction",
    "format",
    "session_minutes",
    "cadence_days",
    "sessions_planned",
    "ground_rules",
    "min_cohort_size",
    "rotate_pairs",
    "dual_approval",
    "matching_weights",
)


class ProgrammeUpdate(BaseModel):
    """Only the fields given are changed."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra=_null_not_offered(*PROGRAMME_NOT_NULL),
    )

    name: str | None = Field(default=None, min_length=1, max_length=NAME_MAX, pattern=NO_CONTROL)
    description: str | None = Field(default=None, max_length=4000, pattern=NO_CONTROL)
    objectives: list[Objective] | None = Field(default=None, max_length=LIST_MAX)
    direction: Direction | None = None
    format: Format | None = None
    session_minutes: int | None = Field(default=None, ge=15, le=240)
    cadence_days: int | None = Field(default=None, ge=1, le=120)
    sessions_planned: int | None = Field(default=None, ge=1, le=MAX_SESSIONS)
    ground_rules: list[ShortText] | None = Field(default=None, max_length=LIST_MAX)
    min_cohort_size: int | None = Field(default=None, ge=2, le=100)
    rotate_pairs: bool | None = None
    dual_approval: bool | None = None
    matching_weights: Weights | None = None

    _not_null = field_validator(*PROGRAMME_NOT_NULL, mode="before")(_refuse_null)


class ProgrammePublic(Programme):
    pass


class ParticipantCreate(ParticipantIn):
    pass


# Participant fields that may be left out of an update but never sent as null (the others,
# manager and styles and background, are cleared with null).
PARTICIPANT_NOT_NULL = (
    "name",
    "email",
    "role",
    "seniority",
    "department",
    "nicknames",
    "skills",
    "goals",
    "interests",
    "availability",
    "timezone",
    "capacity",
    "consent_matching",
    "consent_background",
    "preferred_ids",
    "avoid_ids",
)


class ParticipantUpdate(BaseModel):
    """Only the fields given are changed; participants may change only their own
    preferences and goals, coordinators everything."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra=_null_not_offered(*PARTICIPANT_NOT_NULL),
    )

    name: str | None = Field(default=None, min_length=1, max_length=NAME_MAX, pattern=NO_CONTROL)
    email: Email | None = None
    role: Role | None = None
    seniority: int | None = Field(default=None, ge=1, le=12)
    department: str | None = Field(
        default=None, min_length=1, max_length=NAME_MAX, pattern=NO_CONTROL
    )
    manager_id: str | None = Field(default=None, max_length=64, pattern=NO_CONTROL)
    manager_name: str | None = Field(default=None, max_length=NAME_MAX, pattern=NO_CONTROL)
    nicknames: list[ShortText] | None = Field(default=None, max_length=10)
    skills: list[ShortText] | None = Field(default=None, max_length=LIST_MAX)
    goals: list[ShortText] | None = Field(default=None, max_length=LIST_MAX)
    interests: list[ShortText] | None = Field(default=None, max_length=LIST_MAX)
    learning_style: str | None = Field(default=None, max_length=NAME_MAX, pattern=NO_CONTROL)
    communication_style: str | None = Field(default=None, max_length=NAME_MAX, pattern=NO_CONTROL)
    availability: list[Slot] | None = Field(default=None, max_length=LIST_MAX)
    timezone: str | None = Field(default=None, max_length=64, pattern=NO_CONTROL)
    capacity: int | None = Field(default=None, ge=0, le=10)
    consent_matching: bool | None = None
    consent_background: bool | None = None
    background: str | None = Field(default=None, max_length=300, pattern=NO_CONTROL)
    preferred_ids: list[ShortText] | None = Field(default=None, max_length=LIST_MAX)
    avoid_ids: list[ShortText] | None = Field(default=None, max_length=LIST_MAX)

    _not_null = field_validator(*PARTICIPANT_NOT_NULL, mode="before")(_refuse_null)


class ParticipantPublic(Participant):
    """A profile; ``background`` is shown only to the participant themself."""


class ImportResultPublic(BaseModel):
    created: int
    updated: int
    unchanged: int


class SessionProposal(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start: AwareDatetime = Field(description="When the session starts, with its offset.")


class SessionOutcome(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: Literal["held", "cancelled"]
    reason: str = Field(default="", max_length=300, description="Why, for a cancellation.")


class InvitationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    participant_ids: list[Annotated[int, Field(ge=1, le=2**31 - 1)]] | None = Field(
        default=None,
        max_length=5000,
        description="The participants to invite; leave it out to invite every active one.",
    )


class InvitationsPublic(BaseModel):
    invited: list[int] = Field(description="Participant ids sent an invitation.")
    accounts_created: int


class SignInLinkRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: Email


class UserCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: Email
    name: str = Field(min_length=1, max_length=NAME_MAX, pattern=NO_CONTROL)
    role: UserRole = UserRole.MEMBER


class UserPublic(User):
    pass


class MembershipPublic(BaseModel):
    programme_id: int
    participant_id: int
    role: Role


class MePublic(BaseModel):
    user: UserPublic
    coordinates: list[int]
    participates: list[MembershipPublic]


class TokenCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=100, pattern=NO_CONTROL)
    ttl_days: int = Field(default=90, ge=1, le=365)


class TokenPublic(ApiToken):
    pass


class TokenCreated(TokenPublic):
    token: str = Field(description="The secret; shown only in this response.")


class TokensRevoked(BaseModel):
    user_id: int
    revoked: int = Field(description="Tokens and web sessions that were live until now.")


class CoordinatorAssign(BaseModel):
    model_config = ConfigDict(extra="forbid")

    user_id: int = Field(ge=1, le=2**31 - 1)


class HealthPublic(BaseModel):
    status: str
    checks: dict[str, str] = Field(default_factory=dict)


class ErrorField(BaseModel):
    field: str
    message: str
    row: int | None = None


class ErrorDetail(BaseModel):
    code: str
    message: str
    hint: str | None = None
    fields: list[ErrorField] = Field(default_factory=list)
    request_id: str | None = None


class ErrorPublic(BaseModel):
    """The one shape of every error answer."""

    error: ErrorDetail


class MatchingRunCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    solver: str = Field(
        default="optimal",
        pattern="^(" + "|".join(s.value for s in RUN_SOLVERS) + ")$",
        description="optimal: best total fit; participation: most people matched first; "
        "stable: nobody would both rather be with someone else.",
    )
    weights: Weights | None = Field(
        default=None, description="Override feature weights for this run only."
    )


class PairingPublic(Pairing):
    pass


class MatchingRunPublic(BaseModel):
    id: int
    programme_id: int
    solver: str
    created_at: datetime
    summary: dict[str, Any]
    suggestions: list[PairingPublic] = Field(default_factory=list)


class PairingApprove(BaseModel):
    model_config = ConfigDict(extra="forbid")

    expected_version: int | None = Field(default=None, ge=1, le=2**31 - 1)


class PairingReject(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=1000, pattern=NO_CONTROL)
    expected_version: int | None = Field(default=None, ge=1, le=2**31 - 1)


class PairingSwap(BaseModel):
    model_config = ConfigDict(extra="forbid")

    first_id: int = Field(ge=1, le=2**31 - 1)
    second_id: int = Field(ge=1, le=2**31 - 1)


class PairingManual(BaseModel):
    """A pair made by hand. A pair that breaks a hard rule needs ``override`` and a
    ``reason``; both are kept in its history."""

    model_config = ConfigDict(extra="forbid")

    mentee_id: int = Field(ge=1, le=2**31 - 1)
    mentor_id: int = Field(ge=1, le=2**31 - 1)
    reason: str = Field(default="", max_length=1000, pattern=NO_CONTROL)
    override: bool = False


class PairingBulkApprove(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pairing_ids: list[int] = Field(min_length=1, max_length=500)

    @field_validator("pairing_ids")
    @classmethod
    def _ids_in_range(cls, value: list[int]) -> list[int]:
        if any(not 1 <= i <= 2**31 - 1 for i in value):
            raise ValueError("ids are whole numbers from 1")
        return value


class RefusedPublic(BaseModel):
    pairing_id: int
    reason: str


class BulkApprovePublic(BaseModel):
    approved: list[PairingPublic]
    refused: list[RefusedPublic]


class AlternativePublic(Alternative):
    pass


class ExclusionPublic(BaseModel):
    mentee_id: int
    mentor_id: int
    excluded: bool
    reason: str | None


class FeedbackPublic(Feedback):
    """One answer, shown only to its author."""
