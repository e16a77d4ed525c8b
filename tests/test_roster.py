import json

import pytest

from coach.domain import ProgrammeIn, Role
from coach.errors import InputValidationError
from coach.knowledge import SAMPLE_DIR
from coach.roster import import_roster, validate_rows
from coach.sample import load_sample

HEADER = (
    "external_id,name,email,role,seniority,department,manager_id,skills,goals,availability,"
    "timezone\n"
)


@pytest.fixture
def programme(store):
    return store.programmes.upsert_programme(ProgrammeIn(slug="roster-test", name="Roster test"))


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_sample_programme_loads_and_is_rich_enough(store):
    programme, result = load_sample(store, SAMPLE_DIR)
    assert result.created >= 60
    people = store.programmes.list_participants(programme.id)
    departments = {p.department for p in people}
    assert len(departments) >= 6
    assert {p.seniority for p in people if p.role is Role.MENTOR} <= {1, 2, 3, 4}
    assert min(p.seniority for p in people if p.role is Role.MENTEE) >= 6
    ids = {p.external_id for p in people}
    assert sum(p.manager_id in ids for p in people) >= 3  # reporting lines inside the cohort
    assert any(not p.consent_matching for p in people)
    assert any(p.consent_background and p.background for p in people)
    mentors = [p for p in people if p.role is Role.MENTOR]

    def overlap(a, b):
        return any(
            x.day == y.day and x.start_minute < y.end_minute and y.start_minute < x.end_minute
            for x in a.availability
            for y in b.availability
        )

    # availability clashes: some mentee can meet at most two of the 36 mentors
    assert any(sum(overlap(p, m) for m in mentors) <= 2 for p in people if p.role is Role.MENTEE)
    # loading twice changes nothing
    _, again = load_sample(store, SAMPLE_DIR)
    assert (again.created, again.updated, again.unchanged) == (0, 0, result.created)


def test_an_invalid_file_imports_nothing_and_reports_every_bad_row(store, programme, tmp_path):
    path = write(
        tmp_path,
        "roster.csv",
        HEADER
        + "E1,Ann Lee,ann@example.org,mentee,8,Finance,,,learn TikTok,mon 09:00-10:00,UTC\n"
        + "E2,Bo Chan,not-an-email,mentor,2,IT,,Excel,,mon 09:00-10:00,Europe/London\n"
        + "E3,Cy Dee,cy@example.org,boss,2,IT,,Excel,,mon 09:00-10:00,Mars/Olympus\n"
        + "E4,Di Eve,di@example.org,mentor,two,IT,,Excel,,monday 25:00-26:00,UTC\n"
        + "E1,Ann Again,ann2@example.org,mentee,8,Finance,,,learn X,,UTC\n",
    )
    with pytest.raises(InputValidationError) as caught:
        import_roster(store, programme.slug, path)
    problems = {(p.row, p.field) for p in caught.value.problems}
    assert (3, "email") in problems
    assert (4, "role") in problems
    assert (4, "timezone") in problems
    assert (5, "seniority") in problems
    assert (5, "availability") in problems
    assert (6, "external_id") in problems  # duplicate id, named with the first row
    assert "nothing was stored" in caught.value.hint
    messages = " ".join(str(p) for p in caught.value.problems)
    assert "duplicates the id on row 2" in messages
    assert "IANA name such as Europe/London" in messages
    assert store.programmes.list_participants(programme.id) == []


def test_reporting_line_cycles_are_refused(store, programme, tmp_path):
    path = write(
        tmp_path,
        "roster.csv",
        HEADER
        + "A,Ann A,a@example.org,mentee,8,Finance,B,,digital,,UTC\n"
        + "B,Ben B,b@example.org,mentee,8,Finance,C,,digital,,UTC\n"
        + "C,Cat C,c@example.org,mentee,9,Finance,A,,digital,,UTC\n",
    )
    with pytest.raises(InputValidationError) as caught:
        import_roster(store, programme.slug, path)
    [problem] = caught.value.problems
    assert problem.field == "manager_id"
    assert "cycle" in problem.message and "A -> B -> C -> A" in problem.message


def test_json_roster_and_reimport_updates(store, programme, tmp_path):
    rows = [
        {
            "external_id": "J1",
            "name": "Jo Park",
            "email": "jo@example.org",
            "role": "mentor",
            "seniority": 2,
            "department": "Tech",
            "skills": ["Power BI", "Excel"],
            "availability": [{"day": "tue", "start": "10:00", "end": "11:00"}],
            "capacity": 2,
        },
        {
            "external_id": "J2",
            "name": "Kim Ray",
            "email": "kim@example.org",
            "role": "mentee",
            "seniority": 9,
            "department": "Board",
            "goals": "use Power BI; post on LinkedIn",
        },
    ]
    path = write(tmp_path, "roster.json", json.dumps({"participants": rows}))
    first = import_roster(store, programme.id, path)
    assert (first.created, first.updated) == (2, 0)
    rows[0]["department"] = "Data"
    write(tmp_path, "roster.json", json.dumps(rows))
    second = import_roster(store, programme.id, path)
    assert (second.created, second.updated, second.unchanged) == (0, 1, 1)
    people = {p.external_id: p for p in store.programmes.list_participants(programme.id)}
    assert people["J1"].department == "Data"
    assert people["J1"].capacity == 2
    assert people["J2"].goals == ["use Power BI", "post on LinkedIn"]


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("roster.xlsx", b"PK...", "unknown format"),
        ("roster.csv", b"\xff\xfe\x00bad", "not UTF-8"),
        ("roster.json", b"[{]", "not valid JSON"),
        ("roster.json", b'{"people": 3}', "list of participant objects"),
        ("roster.csv", HEADER.encode(), "no participants"),
        ("roster.csv", b"", "empty"),
    ],
)
def test_unreadable_files_get_a_clear_error(store, programme, tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputValidationError, match=words):
        import_roster(store, programme.slug, path)


def test_rules_across_fields():
    base = {
        "external_id": "X",
        "name": "X Y",
        "email": "x@example.org",
        "seniority": 3,
        "department": "IT",
    }
    with pytest.raises(InputValidationError) as caught:
        validate_rows(
            [
                {**base, "role": "mentee", "goals": ""},
                {
                    **base,
                    "external_id": "Z",
                    "email": "z@example.org",
                    "role": "mentor",
                    "skills": "Excel",
                    "background": "LGBTQ+",
                    "consent_background": "no",
                },
                {
                    **base,
                    "external_id": "Q",
                    "email": "q@example.org",
                    "role": "mentor",
                    "skills": "Excel",
                    "manager_id": "Q",
                },
            ]
        )
    text = " ".join(str(p) for p in caught.value.problems)
    assert "a mentee needs at least one goal" in text
    assert "record the participant's consent" in text
    assert "manager_id is the participant's own id" in text


def test_an_extra_csv_cell_is_reported(tmp_path):
    from coach.roster import parse_csv

    rows = parse_csv(HEADER + "A,Ann,a@example.org,mentor,2,IT,,Excel,,,UTC,surplus\n")
    with pytest.raises(InputValidationError, match="1 problem"):
        validate_rows(rows)
