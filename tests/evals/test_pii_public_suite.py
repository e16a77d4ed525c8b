"""The public PII benchmark can fail: Presidio's default engine in our place, or a
redactor that finds only emails, does not pass it."""

import re

import pytest

from coach.config import load_settings
from coach.services import Services
from evals.harness import EvalContext, get_suite, run_suite
from evals.suites.pii_public import PiiPublicSuite, presidio_redact


def emails_only():
    return lambda text: re.sub(r"\S+@\S+", "<EMAIL>", text)


@pytest.mark.parametrize("worse", [lambda: presidio_redact, emails_only])
def test_a_worse_redactor_fails_the_public_benchmark(worse, tmp_path, embedder, monkeypatch):
    monkeypatch.setattr(PiiPublicSuite, "engine_factory", staticmethod(worse))
    services = Services(load_settings(data_dir=tmp_path / "data"), embedder=embedder)
    cases = get_suite("pii_public").load_cases()[:600]
    result = run_suite(get_suite("pii_public"), EvalContext(services=services), cases=cases)
    failed = {m.name for m in result.metrics if not m.passed}
    assert failed & {
        "held_out_recall/PHONE_NUMBER",
        "held_out_recall/STREET_ADDRESS",
        "held_out_recall/PERSON",
    }, failed
    services.close()


def test_the_public_set_is_large_and_keeps_held_out_templates():
    cases = get_suite("pii_public").load_cases()
    assert len(cases) >= 1500
    from evals.suites.pii_public import split_of

    held = {c["template_id"] for c in cases if split_of(c["template_id"]) == "held_out"}
    tune = {c["template_id"] for c in cases if split_of(c["template_id"]) == "tune"}
    assert held and tune and not held & tune
