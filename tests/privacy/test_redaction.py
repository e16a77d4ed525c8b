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


@pytest.fixture(scope="module")
def sample_redactor():
    from pathlib import Path

    from evals.suites.redaction import sample_redactor as build

    return build(Path(__file__).resolve().parents[2] / "knowledge")


def test_disclosures_become_category_markers_and_are_restored_for_the_pair(sample_redactor):
    text = (
        "We covered the expense app. My mother has dementia and I am her main carer. "
        "I was diagnosed with diabetes in June. Next time: Power BI."
    )
    result = sample_redactor.redact(text)
    assert result.text == (
        "We covered the expense app. [family disclosure] [health disclosure] Next time: Power BI."
    )
    assert result.restore(result.text) == text
    assert result.counts() == {"DISCLOSURE": 2}


def test_two_disclosures_of_one_category_get_distinct_markers(sample_redactor):
    text = "She has been signed off with stress. I have started seeing a therapist."
    result = sample_redactor.redact(text)
    assert result.text == "[mental health disclosure] [mental health disclosure #2]"
    assert result.restore(result.text) == text


def test_topics_are_not_disclosures(sample_redactor):
    for text in [
        "We talked about mental health days and whether younger staff would use them.",
        "How could the company better support neurodivergent colleagues in interviews?",
        "We discussed the Ramadan guidance HR published.",
        "The performance review cycle feels opaque to graduates.",
    ]:
        assert sample_redactor.redact(text).text == text


def test_generation_names_are_not_people(sample_redactor):
    for text in ["I learnt what Gen Z shoppers expect from our app.", "Gen-X managers agreed."]:
        assert sample_redactor.redact(text).text == text


def test_names_that_are_words_are_names_only_when_written_as_names(sample_redactor):
    text = "The price of licences is high; Finn Price agrees. Young staff want feedback."
    assert sample_redactor.redact(text).text == (
        "The price of licences is high; [PERSON_1] agrees. Young staff want feedback."
    )
    assert sample_redactor.redact("Grace said the grace period confuses people.").text == (
        "[PERSON_1] said the grace period confuses people."
    )
    assert (
        "Young Professionals" in sample_redactor.redact("The Young Professionals Network met.").text
    )


def test_a_named_building_belongs_to_its_address(sample_redactor):
    text = "Visitors sign in at Harbour House, 2 Dock Lane, Leeds LS1 4AP."
    assert sample_redactor.redact(text).text == "Visitors sign in at [ADDRESS_1]."
    text = "From March we are at Floor 4, 88 Wellington Street, Glasgow G2 6UL."
    assert sample_redactor.redact(text).text == "From March we are at [ADDRESS_1]."


def test_places_and_languages_used_as_such_are_not_people(sample_redactor):
    # spaCy's small model reads "Glasgow" and "Igbo" here as people.
    for text in [
        "Our contact from the Glasgow team will share the onboarding checklist.",
        "The Yoruba and Hausa versions of the leaflet are with the printers.",
        "She runs the survey in Igbo as well.",
        "The benchmark team is based in San Francisco.",
        "The ADHD awareness talk was well attended.",
        "Courier address for the forms is on the wiki.",
        # "Ring" is a German street word, and here a verb after a full stop
        "Nobody told me how to run a session. Ring the desk if you need help.",
    ]:
        assert sample_redactor.redact(text).text == text


def test_people_at_the_start_of_a_sentence_are_found_by_what_follows(sample_redactor):
    # An imperative verb of contact, or a person placed in a team, marks a name that
    # spaCy misreads (a verb, a common noun) or misses.
    cases = {
        "Call Imani Okafor-Reyes before Thursday about the venue.": (
            "Call [PERSON_1] before Thursday about the venue."
        ),
        "Thandiwe in HR helped him log in.": "[PERSON_1] in HR helped him log in.",
        "Kwame in payroll sorted out the form.": "[PERSON_1] in payroll sorted out the form.",
        # a surname that is also a word, after a verb of contact
        "I rang Marguerite Okonjo-Bell at the provider.": "I rang [PERSON_1] at the provider.",
        "Ask Wanjiru in finance for the codes.": "Ask [PERSON_1] in finance for the codes.",
        "We drafted it; Ruairi from analytics will check it.": (
            "We drafted it; [PERSON_1] from analytics will check it."
        ),
        # a given name that is also a small town
        "Ngozi from the Lagos hub joins the call.": "[PERSON_1] from the Lagos hub joins the call.",
    }
    for text, expected in cases.items():
        assert sample_redactor.redact(text).text == expected


def test_an_outside_person_sharing_a_roster_name_is_hidden_whole(sample_redactor):
    # Sam Byrne and Oliver Williams are on the roster; these two people are not.
    for text in [
        "A call with Aisling Byrne is not a review.",
        "He sent it to Oliver Grant-Hughes first.",
    ]:
        result = sample_redactor.redact(text)
        assert (
            "Byrne" not in result.text
            and "Hughes" not in result.text
            and "Oliver" not in result.text
        )
        assert "[PERSON_1]" in result.text


def test_european_phones_addresses_and_urls(sample_redactor):
    text = (
        "Dublin is +353 1 555 0142, Paris +33 1 23 45 67 89. Post it to Flat 4, 27 Harbour "
        "Street, Bristol, BS1 5TT. Slides at www.harbourvale-intranet.example/ideas today."
    )
    result = sample_redactor.redact(text)
    for secret in ["555", "67 89", "Harbour", "BS1", "intranet"]:
        assert secret not in result.text, secret
    assert "[ADDRESS_1]" in result.text and "[URL_1]" in result.text


def test_email_like_strings_that_are_not_emails_stay(sample_redactor):
    for text in [
        "Use the @channel mention only for urgent things.",
        "Send it to the shared inbox (claims-ops@ on Outlook).",
        "The build tag v2.3@release candidate failed again.",
    ]:
        assert sample_redactor.redact(text).text == text


def test_employee_id_pattern_comes_from_the_settings(tmp_path):
    from coach.config import load_settings
    from coach.services import Services

    services = Services(load_settings(data_dir=tmp_path, employee_id_pattern=r"\bEMP-\d{3}\b"))
    result = services.redactor().redact("EMP-123 and HV1023 asked.")
    assert result.text.startswith("[EMPLOYEE_ID_1] and HV1023")


def test_common_short_forms_of_roster_first_names_are_hidden(sample_redactor):
    # Katherine Whitfield, Robert Blackwood and Julian Pemberton are on the roster.
    result = sample_redactor.redact("Kathy told bobby that Jules will present.")
    assert result.text == "[PERSON_1] told [PERSON_2] that [PERSON_3] will present."
    assert result.restore(result.text) == (
        "Katherine Whitfield told Robert Blackwood that Julian Pemberton will present."
    )
    # An outside person who shares a short form keeps their whole name hidden.
    assert "Doherty" not in sample_redactor.redact("Pat Doherty showed us the app.").text


def test_a_street_address_with_town_and_postcode_is_hidden_whole(redactor):
    # Presidio compiled our address pattern case-insensitively, so "London SW" was the
    # town and "1A 1AA" of the postcode was left in the text.
    for text, kept in [
        ("Send it to 10 Downing Street, London SW1A 1AA please.", " please."),
        ("He lives at 4 Elm Road, Leeds LS6 2QT.", "."),
    ]:
        redacted = redactor.redact(text).text
        assert redacted.endswith("[ADDRESS_1]" + kept), redacted
        assert not any(part in redacted for part in ("1AA", "2QT", "SW1A", "LS6"))


def test_addiction_and_medication_are_health_disclosures(redactor):
    for text in [
        "I am in recovery from alcohol addiction.",
        "I take sertraline every morning before work.",
        "He has been sober for two years now.",
    ]:
        assert "disclosure]" in redactor.redact(text).text, text
    topic = "We talked about the drugs and alcohol policy for the summer party."
    assert redactor.redact(topic).text == topic


def test_a_stored_nickname_that_is_an_everyday_word_does_not_erase_that_word():
    # Stored before nicknames were checked (model_construct skips validation).
    legacy = person("HV3001", "Ola Berg", "ola.berg@harbourvale.example")
    legacy = legacy.model_copy(update={"nicknames": ["sessions", "the", "Oli"]})
    redacted = Redactor([legacy]).redact("The sessions were moved again, Oli said.").text
    assert redacted.startswith("The sessions were moved again, ") and "Oli" not in redacted
