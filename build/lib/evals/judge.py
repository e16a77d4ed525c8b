"""Optional LLM-as-judge: scores an output 1-5 with the rubric in prompts/judge_rubric.j2.

Only available when an OpenAI-compatible backend is configured; never needed by CI.
Calls go through a ``Recorder``, so a judged eval can be replayed offline.
"""

from __future__ import annotations

import json

import httpx2
from pydantic import BaseModel, Field, ValidationError

from coach.config import Settings
from coach.errors import CoachError
from coach.llm.client import openai_client
from coach.llm.templates import render
from evals.recording import Recorder


class JudgeScore(BaseModel):
    score: int = Field(ge=1, le=5)
    reason: str = Field(default="", max_length=1000)


class Judge:
    def __init__(
        self,
        settings: Settings,
        recorder: Recorder,
        *,
        http_client: httpx2.Client | None = None,
    ) -> None:
        self.model = settings.llm_model
        self.recorder = recorder
        self._client = openai_client(settings, http_client=http_client)

    def score(self, task: str, case_description: str, output: str) -> JudgeScore:
        prompt = render(
            "judge_rubric.j2", task=task, case_description=case_description, output=output
        )

        def call() -> str:
            response = self._client.chat.completions.create(
                model=self.model,
                messages=[{"role": "user", "content": prompt}],
                temperature=0,
                response_format={"type": "json_object"},
            )
            return response.choices[0].message.content or ""

        raw = self.recorder.fetch(self.model, prompt, call)
        try:
            return JudgeScore.model_validate(json.loads(raw))
        except (json.JSONDecodeError, ValidationError) as exc:
            raise CoachError(
                f"The judge did not answer with a score: {raw[:200]!r}",
                hint="use a model that follows JSON instructions, or drop --judge.",
            ) from exc
