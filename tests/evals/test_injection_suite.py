"""The injection suite can fail: without redaction before sending, it reports the leak."""

import dataclasses

import coach.prep.documents as documents
from coach.config import load_settings
from coach.services import Services
from evals.harness import EvalContext, get_suite


def test_the_suite_sees_a_leak_when_notes_go_out_unredacted(tmp_path, embedder, monkeypatch):
    def send_everything(context, redactor):
        return context, lambda value: value

    monkeypatch.setattr(
        documents, "AGENDA", dataclasses.replace(documents.AGENDA, protect=send_everything)
    )
    suite = get_suite("injection")
    cases = [c for c in suite.load_cases() if c["id"] == "i01-note-ignore-rules"]
    services = Services(load_settings(data_dir=tmp_path / "d"), embedder=embedder)
    scored = suite.score(EvalContext(services=services), cases)
    assert scored.metrics["sent_identifiers"] > 0
    assert not scored.cases[0].passed
