"""The redaction eval data: the JSONL is built from the annotated source and is current."""

import pytest

from evals.tools.build_redaction import main, parse


def test_jsonl_is_current_with_the_annotated_source():
    assert main(["--check"]) == 0


def test_parse_gives_spans_of_plain_text_including_nested_markup():
    text, spans = parse("Hi [[R|Debs]]. {{health|[[P|Ann Lee]] had surgery.}} Bye")
    assert text == "Hi Debs. Ann Lee had surgery. Bye"
    assert [(s["label"], s["text"]) for s in spans] == [
        ("ROSTER", "Debs"),
        ("DISCLOSURE", "Ann Lee had surgery."),
        ("PERSON", "Ann Lee"),
    ]
    assert spans[1]["category"] == "health"


@pytest.mark.parametrize("bad", ["[[R|open", "close]] only", "{{health|mixed]]"])
def test_unbalanced_markup_is_refused(bad):
    with pytest.raises(ValueError):
        parse(bad)
