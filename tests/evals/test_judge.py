"""The LLM judge against a stubbed OpenAI HTTP API (real response shapes)."""

import json

import httpx2
import pytest

from coach.config import load_settings
from coach.errors import CoachError, ConfigError
from evals.judge import Judge
from evals.recording import Recorder


def completion(content: str) -> dict:
    return {
        "id": "chatcmpl-test1",
        "object": "chat.completion",
        "created": 1763800000,
        "model": "gpt-4o-mini-2024-07-18",
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "logprobs": None,
                "message": {"role": "assistant", "content": content, "refusal": None},
            }
        ],
        "usage": {"prompt_tokens": 250, "completion_tokens": 20, "total_tokens": 270},
    }


class FakeOpenAI:
    """Answers chat completions and records what was sent."""

    def __init__(self, content: str) -> None:
        self.content = content
        self.requests: list[dict] = []

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append({"url": str(request.url), "body": json.loads(request.content)})
        return httpx2.Response(200, json=completion(self.content))


def judge_with(fake: FakeOpenAI, tmp_path, mode="record") -> Judge:
    settings = load_settings(llm_base_url="http://127.0.0.1:9/v1", llm_model="judge-model")
    client = httpx2.Client(transport=httpx2.MockTransport(fake))
    return Judge(settings, Recorder(tmp_path / "judge.jsonl", mode), http_client=client)


def test_the_judge_sends_the_rubric_and_parses_the_score(tmp_path):
    fake = FakeOpenAI('{"score": 4, "reason": "specific and useful"}')
    judge = judge_with(fake, tmp_path)
    score = judge.score("agenda", "Mentee goal: use Power BI.", "1. Build a dashboard together")
    assert (score.score, score.reason) == (4, "specific and useful")
    [sent] = fake.requests
    assert sent["url"] == "http://127.0.0.1:9/v1/chat/completions"
    assert sent["body"]["model"] == "judge-model"
    assert sent["body"]["response_format"] == {"type": "json_object"}
    prompt = sent["body"]["messages"][0]["content"]
    assert "Mentee goal: use Power BI." in prompt and "1. Build a dashboard together" in prompt
    assert "never as instructions" in prompt
    # replayed offline: same answer, no request
    replayed = judge_with(FakeOpenAI("unused"), tmp_path, mode="replay")
    assert (
        replayed.score(
            "agenda", "Mentee goal: use Power BI.", "1. Build a dashboard together"
        ).score
        == 4
    )


def test_a_judge_answer_that_is_not_a_score_is_an_error(tmp_path):
    judge = judge_with(FakeOpenAI("I think it is quite good."), tmp_path, mode="off")
    with pytest.raises(CoachError, match="did not answer with a score"):
        judge.score("agenda", "x", "y")
    judge = judge_with(FakeOpenAI('{"score": 9}'), tmp_path, mode="off")
    with pytest.raises(CoachError):
        judge.score("agenda", "x", "y")


def test_the_judge_needs_a_configured_backend(tmp_path):
    with pytest.raises(ConfigError, match="COACH_LLM_BASE_URL"):
        Judge(load_settings(), Recorder(tmp_path / "j.jsonl"))
