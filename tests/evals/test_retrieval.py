from coach.config import load_settings
from coach.index import Index
from coach.knowledge import load_cards
from evals.retrieval import RECALL_AT_3_THRESHOLD, load_cases, run_retrieval


def test_labelled_queries_find_their_cards(tmp_path, embedder):
    cards = load_cards()
    cases = load_cases()
    assert len(cases) >= 30
    known = {card.id for card in cards}
    for case in cases:
        assert set(case.expected) <= known, f"{case.id} names an unknown card"
    index = Index.from_settings(load_settings(data_dir=tmp_path / "data"), embedder)
    index.sync_guidance(cards)
    report = run_retrieval(index, cases)
    assert report.recall_at(3) >= RECALL_AT_3_THRESHOLD, [
        (m.case.id, m.ranked[:3]) for m in report.misses_at_3
    ]
    assert report.mrr > 0.7
