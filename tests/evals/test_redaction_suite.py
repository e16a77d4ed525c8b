"""The redaction eval can fail: a redactor without the roster, or one that hides no
disclosures, does not pass it on the held-out notes."""

import pytest

from coach.config import load_settings
from coach.privacy.redaction import Redactor
from coach.services import Services
from evals.harness import EvalContext, get_suite
from evals.suites import redaction as redaction_suite

PRODUCT_REDACTOR = redaction_suite.sample_redactor


def no_roster(knowledge_dir, meaning=None):
    return Redactor(employee_id_pattern=redaction_suite.SAMPLE_EMPLOYEE_ID, meaning=meaning)


def no_disclosures(knowledge_dir, meaning=None):
    redactor = PRODUCT_REDACTOR(knowledge_dir, meaning)
    redactor.disclosures = False
    return redactor


@pytest.mark.parametrize(
    ("worse", "failing"),
    [(no_roster, "held_out_identifier_recall"), (no_disclosures, "held_out_recall/DISCLOSURE")],
)
def test_a_worse_redactor_fails_the_held_out_notes(worse, failing, tmp_path, embedder, monkeypatch):
    suite = get_suite("redaction")
    cases = [c for c in suite.load_cases() if redaction_suite.split_of(c["id"]) == "held_out"]
    monkeypatch.setattr(redaction_suite, "sample_redactor", worse)
    services = Services(load_settings(data_dir=tmp_path / "data"), embedder=embedder)
    metrics = suite.score(EvalContext(services=services), cases).metrics
    assert metrics[failing] < suite.thresholds[failing].minimum, metrics[failing]
    services.close()
