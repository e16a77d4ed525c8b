"""The prep-quality eval can fail: the template composer it replaced does not pass it."""

from coach.config import load_settings
from coach.llm.backends import Backend
from coach.prep.agenda import Agenda
from coach.prep.mentor_prompts import MentorPrompts
from coach.services import Services
from evals.harness import EvalContext, get_suite, run_suite
from evals.suites.prep_quality import PrepQualitySuite
from tests.evals import old_prep_composer


class TemplateComposer(Backend):
    """Session prep as it was: goals pasted into fixed templates, no plan, no skills."""

    name = "offline"

    def execute(self, task, context, *, redactor=None):
        if task.name == "agenda":
            old = old_prep_composer.compose_agenda(context)
            return Agenda.model_validate(old.model_dump())
        old = old_prep_composer.compose_prompts(context)
        return MentorPrompts.model_validate(old.model_dump())


def run(tmp_path, embedder, cases=None):
    services = Services(load_settings(data_dir=tmp_path / "data"), embedder=embedder)
    try:
        suite = get_suite("prep_quality")
        return run_suite(suite, EvalContext(services=services), cases=cases)
    finally:
        services.close()


def test_the_template_composer_fails_the_suite(tmp_path, embedder, monkeypatch):
    monkeypatch.setattr(PrepQualitySuite, "backend_factory", lambda services: TemplateComposer())
    result = run(tmp_path, embedder)
    failed = {m.name for m in result.metrics if not m.passed}
    for split in ("tune", "held_out"):
        assert {
            f"raw_goal_lines_{split}",
            f"focus_skill_named_{split}",
            f"instructions_placed_{split}",
        } <= failed, failed


def test_the_current_composer_passes_on_both_splits(tmp_path, embedder):
    result = run(tmp_path, embedder)
    failed = [f"{m.name}={m.value:.3f}" for m in result.metrics if not m.passed]
    assert not failed, failed


def test_the_cases_are_varied_and_keep_a_held_out_third():
    cases = get_suite("prep_quality").load_cases()
    assert len(cases) >= 40
    held = [c for c in cases if c["split"] == "held_out"]
    assert 0.3 <= len(held) / len(cases) <= 0.55  # a third by hash, plus cases written later
    assert {c["session"] for c in held} >= {1, 2, 3, 6}
    assert any(c["instructions"] for c in held) and any(c["instructions"] for c in cases)
    assert any(len(c["goals"]) == 8 for c in cases)
    assert {c["direction"] for c in cases} == {"reverse", "traditional"}
