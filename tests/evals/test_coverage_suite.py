"""The coverage eval can fail: the plain-cosine rule it replaced does not pass it."""

import numpy as np
import pytest

from coach.config import load_settings
from coach.matching.coverage import CoverageJudge, content_stems, without
from coach.services import Services
from evals.harness import EvalContext, get_suite, run_suite
from evals.suites.coverage import OLD_THRESHOLD, CoverageSuite


class PlainCosine:
    """The old judgement: one cosine threshold on the two texts."""

    def __init__(self, embed):
        self.embed = embed

    def covered(self, goals, skills):
        g, s = np.asarray(self.embed(goals)), np.asarray(self.embed(skills))
        return (g @ s.T) >= OLD_THRESHOLD


class WordOverlap:
    """A judge that calls any pair sharing a content word covered."""

    def __init__(self, embed):
        pass

    def covered(self, goals, skills):
        return np.array(
            [[bool(content_stems(g) & content_stems(s)) for s in skills] for g in goals]
        )


@pytest.mark.parametrize("worse", [PlainCosine, WordOverlap])
def test_a_worse_judgement_fails_the_suite(worse, tmp_path, embedder, monkeypatch):
    monkeypatch.setattr(CoverageSuite, "judge_factory", worse)
    services = Services(load_settings(data_dir=tmp_path / "data"), embedder=embedder)
    result = run_suite(get_suite("coverage"), EvalContext(services=services))
    failed = {m.name for m in result.metrics if not m.passed}
    assert failed & {"held_out_precision", "held_out_recall"}, failed
    services.close()


def test_the_labelled_set_is_large_and_keeps_a_held_out_third():
    cases = get_suite("coverage").load_cases()
    assert len(cases) >= 200
    held = [c for c in cases if c["split"] == "held_out"]
    assert 0.3 <= len(held) / len(cases) <= 0.45
    assert sum(c["kind"] == "hard_negative" for c in cases) >= 50


def test_the_judge_sees_what_a_person_sees(embedder):
    judge = CoverageJudge(embedder.embed)
    covered = judge.covered(
        [
            "collaborate on shared documents in real time",
            "understanding how the board makes decisions",
        ],
        ["Microsoft Teams and SharePoint power use", "board games club organiser"],
    )
    assert covered.tolist() == [[True, False], [False, False]]
    assert without("board games club organiser", content_stems("the board decides")) == (
        "games club organiser"
    )
