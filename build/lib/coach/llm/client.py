"""The one place that builds a client for an OpenAI-compatible server."""

from __future__ import annotations

import httpx2
from openai import OpenAI

from coach.config import Settings
from coach.errors import ConfigError


def llm_configured(settings: Settings) -> bool:
    """An OpenAI-compatible backend is usable: a local server URL or an API key is set."""
    return bool(settings.llm_base_url or settings.llm_api_key)


def openai_client(settings: Settings, *, http_client: httpx2.Client | None = None) -> OpenAI:
    if not llm_configured(settings):
        raise ConfigError(
            "No OpenAI-compatible backend is configured.",
            variable="COACH_LLM_BASE_URL",
            hint="set COACH_LLM_BASE_URL (a local server such as vLLM or Ollama) or "
            "COACH_LLM_API_KEY.",
        )
    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else "not-needed"
    return OpenAI(
        api_key=key,
        base_url=settings.llm_base_url,
        timeout=settings.llm_timeout_seconds,
        max_retries=settings.llm_max_retries,
        http_client=http_client,
    )
