"""Redaction with the real spaCy model through Presidio, offline (the network guard is on)."""

from datetime import UTC, datetime

import pytest

from coach.domain import Participant, Role
from coach.privacy.redaction import Redactor


def person(external_id, name, email, **extra):
    return Participant(
        id=int(external_id[2:]),
        programme_id=1,
        updated_at=datetime.now(UTC),
        external_id=external_id,
        name=name,
        email=email,
        role=Role.MENTEE,
        seniority=8,
        department="IT",
        goals=["x"],
        **extra,
    )


@pytest.fixture(scope="module")
def redactor():
    roster = [
        person(
            "HV1023",
            "Priya Patel",
            "priya.patel@harbourvale.example",
            nicknames=["Pri"],
            manager_id="HV9001",
            manager_name="Gavin Stroud",
        ),
        person("HV2004", "Rosa Garcia", "rosa.garcia@harbourvale.example"),
    ]
    return Redactor(roster)


def test_roster_names_in_every_form_share_one_pseudonym(redactor):
    text = (
        "PRIYA said the session helped. Later priya patel and Pri agreed; "
        "Ms Patel will email priya.patel@harbourvale.example."
    )
    result = redactor.redact(text)
    assert "riya" not in result.text.lower() and "patel" not in result.text.lower()
    assert result.text.count("[PERSON_1]") == 4
    assert "[EMAIL_1]" in result.text
    restored = result.restore(result.text)
    assert restored.count("Priya Patel") == 4  # full roster name, whatever alias was used
    assert "priya.patel@harbourvale.example" in restored


def test_managers_people_outside_the_roster_and_identifiers(redactor):
    text = (
        "Gavin Stroud pushed back. I met John Smith from Legal, employee HV1023, "
        "call +44 7700 900123 or 020 7946 0958 or +49 30 901820, see "
        "https://intranet.example.com/page."
    )
    result = redactor.redact(text)
    for secret in [
        "Gavin",
        "Stroud",
        "John Smith",
        "HV1023",
        "7700",
        "7946",
        "901820",
        "intranet.example.com",
    ]:
        assert secret not in result.text, secret
    assert result.text.endswith("[URL_1].")  # sentence punctuation stays


def test_whole_words_only_and_text_without_personal_data_is_unchanged(redactor):
    text = "Rosalind ideas on rosary beads; we discussed dashboards and hybrid meetings."
    assert redactor.redact(text).text == text
    assert redactor.redact("Rosa was late.").text == "[PERSON_1] was late."
