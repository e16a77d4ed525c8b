"""The one error hierarchy of the coach.

Every error carries a machine-readable ``code``, a human message and a ``hint`` that says
how to fix the problem. Layers above (CLI, HTTP API) translate these into exit codes or
JSON bodies; they never invent errors of their own.
"""

from __future__ import annotations

from dataclasses import dataclass


class CoachError(Exception):
    """Base of every error the coach raises on purpose."""

    code = "coach_error"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message} Fix: {self.hint}"
        return self.message


class ConfigError(CoachError):
    """A setting is missing or invalid; raised before anything starts."""

    code = "config_invalid"

    def __init__(self, message: str, *, variable: str | None = None, hint: str | None = None):
        super().__init__(message, hint=hint)
        self.variable = variable


class NotFoundError(CoachError):
    code = "not_found"

    def __init__(self, kind: str, key: object, *, hint: str | None = None) -> None:
        super().__init__(f"No {kind} '{key}'.", hint=hint)
        self.kind = kind
        self.key = key


class ConflictError(CoachError):
    code = "conflict"


@dataclass(frozen=True)
class FieldProblem:
    """One bad field of one input record (row is 1-based as a person counts lines)."""

    field: str
    message: str
    row: int | None = None
    value: str | None = None

    def __str__(self) -> str:
        where = f"row {self.row}, " if self.row is not None else ""
        shown = f" (got {self.value!r})" if self.value not in (None, "") else ""
        return f"{where}{self.field}: {self.message}{shown}"


class InputValidationError(CoachError):
    """Input was rejected; ``problems`` lists every bad field, not only the first."""

    code = "invalid_input"

    def __init__(
        self, message: str, problems: list[FieldProblem], *, hint: str | None = None
    ) -> None:
        super().__init__(message, hint=hint)
        self.problems = problems


class MalformedFileError(InputValidationError):
    """A file cannot even be read as its format (HTTP 400): nested too deep, a field too
    large, broken quoting. ``problems`` name the row where reading stopped."""

    code = "malformed_file"


class KnowledgeError(InputValidationError):
    """A guidance card under knowledge/ is malformed."""

    code = "knowledge_invalid"


class StoreError(CoachError):
    """The database cannot be reached or is not at the expected schema."""

    code = "store_unavailable"


class IndexUnavailableError(CoachError):
    """The vector index (embedded Chroma or a Chroma server) cannot be used, or holds less
    than was indexed. ``detail`` (paths, library messages) is for the log and admins only."""

    code = "index_unavailable"

    def __init__(self, message: str, *, hint: str | None = None, detail: str | None = None):
        super().__init__(message, hint=hint)
        self.detail = detail


class EmbeddingModelError(CoachError):
    """The embedding model cannot be loaded from the configured path."""

    code = "embedding_model_unavailable"


class AuthenticationError(CoachError):
    """No valid credentials: the caller is unknown (HTTP 401)."""

    code = "unauthenticated"


class SignInLinkError(AuthenticationError):
    """An emailed sign-in link that cannot be used: ``reason`` is unknown, used or expired."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message, hint="ask for a new link on the sign-in page.")
        self.reason = reason


class AccessDeniedError(CoachError):
    """The caller is known and may see the resource, but not do this to it (HTTP 403)."""

    code = "forbidden"


class DeliveryError(CoachError):
    """An email could not be handed to the mail server; ``permanent`` when trying again
    cannot help (the server refused the address or the message)."""

    code = "delivery_failed"

    def __init__(self, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.permanent = permanent
