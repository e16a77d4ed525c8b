"""Renders the Jinja2 templates in prompts/ (sandboxed, and strict about missing values)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from coach.resources import shipped_dir

PROMPTS_DIR = shipped_dir("prompts")


@lru_cache(maxsize=4)
def _environment(directory: Path) -> SandboxedEnvironment:
    # Sandboxed: templates may be edited by operators; StrictUndefined: a missing value is
    # an error rather than an empty string silently sent to a model.
    return SandboxedEnvironment(
        loader=FileSystemLoader(str(directory)),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
    )


def render(template: str, directory: Path = PROMPTS_DIR, **values: Any) -> str:
    return _environment(directory).get_template(template).render(**values)
