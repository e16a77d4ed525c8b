import pytest

from coach.errors import CoachError
from evals.recording import Recorder


def test_record_once_then_replay_without_calling(tmp_path):
    path = tmp_path / "rec.jsonl"
    calls = []

    def model() -> str:
        calls.append(1)
        return f"answer {len(calls)}"

    recorder = Recorder(path, "record")
    assert recorder.fetch("m", "prompt A", model) == "answer 1"
    assert recorder.fetch("m", "prompt A", model) == "answer 1"  # recorded: no second call
    assert recorder.calls == 1
    replay = Recorder(path, "replay")
    assert replay.fetch("m", "prompt A", model) == "answer 1"
    assert len(calls) == 1
    with pytest.raises(CoachError, match="--recordings record"):
        replay.fetch("m", "prompt B", model)  # a new prompt is never sent in replay
    with pytest.raises(CoachError):
        replay.fetch("other-model", "prompt A", model)  # keyed by model too


def test_off_mode_always_calls(tmp_path):
    recorder = Recorder(tmp_path / "rec.jsonl", "off")
    assert recorder.fetch("m", "p", lambda: "x") == "x"
    assert recorder.fetch("m", "p", lambda: "y") == "y"
    assert not (tmp_path / "rec.jsonl").exists()
