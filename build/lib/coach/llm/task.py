"""What a generation job hands a backend: the ``Task`` and its type variables.

Each feature defines its own tasks (``coach.prep.tasks``, ``coach.feedback``); backends
know only this shape, so the generation layer imports none of the features that use it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel

if TYPE_CHECKING:
    from coach.privacy.redaction import Redactor

Out = TypeVar("Out", bound=BaseModel)
Ctx = TypeVar("Ctx", bound=BaseModel)
Restore = Callable[[Any], Any]


@dataclass(frozen=True)
class Task(Generic[Ctx, Out]):
    name: str
    template: str
    output: type[Out]
    compose: Callable[[Ctx], Out]
    check: Callable[[Out, Ctx], list[str]]
    # (context, redactor) -> (what may leave the machine, how to map a result back)
    protect: Callable[[Ctx, Redactor | None], tuple[Ctx, Restore]]
    # Fields of the output that come from the context rather than from the model.
    defaults: Callable[[Ctx], dict[str, Any]]
    # More template values, from the protected context (a plan, a draft): a task's way to
    # give a model the same substance its offline composer works from.
    extras: Callable[[Ctx], dict[str, Any]] = field(default=lambda context: {})
