"""Message templates: ``knowledge/messages/<kind>.txt.j2``, a ``Subject:`` line first.

A programme edits these files to change what people receive; the variables each one gets
are listed at its top. Rendering is sandboxed and strict: a variable a template names but
is not given is an error, not an empty gap in an email.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from coach.errors import FieldProblem, KnowledgeError

KINDS = ("invitation", "sign_in_link")


def render(messages_dir: Path, kind: str, **context: Any) -> tuple[str, str]:
    """(subject, body) of a message of ``kind``."""
    environment = SandboxedEnvironment(
        loader=FileSystemLoader(messages_dir),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # plain-text email
    )
    try:
        text = environment.get_template(f"{kind}.txt.j2").render(**context)
    except TemplateError as exc:
        raise KnowledgeError(
            f"The message template '{kind}' cannot be rendered: {exc}.",
            [FieldProblem(f"messages/{kind}.txt.j2", str(exc))],
            hint=f"fix knowledge/messages/{kind}.txt.j2 (its first line is 'Subject: ...').",
        ) from exc
    lines = [line for line in text.splitlines() if not line.startswith("{#")]
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines or not lines[0].startswith("Subject:"):
        raise KnowledgeError(
            f"The message template '{kind}' does not start with a 'Subject:' line.",
            [FieldProblem(f"messages/{kind}.txt.j2", "the first line must be 'Subject: ...'")],
            hint=f"put 'Subject: ...' on the first line of knowledge/messages/{kind}.txt.j2.",
        )
    subject = lines[0].removeprefix("Subject:").strip()
    body = "\n".join(lines[1:]).strip() + "\n"
    return subject, body
