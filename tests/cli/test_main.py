"""The `coach` command end to end, in a temporary data folder."""

import csv

import pytest
from typer.testing import CliRunner

from cli import main as cli
from coach.errors import NotFoundError

runner = CliRunner()


def run(*args: str):
    """Invoke through ``main`` so CoachErrors are handled exactly as in a shell."""
    import sys

    argv = sys.argv
    sys.argv = ["coach", *args]
    try:
        with pytest.raises(SystemExit) as exit_info:
            cli.main()
    finally:
        sys.argv = argv
    return exit_info.value.code or 0


def test_demo_loads_the_sample_and_answers_guidance_queries(tmp_path, capsys, embedder):
    assert run("demo") == 0
    out = capsys.readouterr().out
    assert "Harbour & Vale Reverse Mentoring 2027" in out
    assert "62 new" in out
    assert "Reporting lines inside the programme" in out
    assert (tmp_path / "data" / "coach.db").exists()

    assert (
        run(
            "guidance",
            "how do I tell a senior leader something uncomfortable",
            "--audience",
            "mentor",
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "giving-upward-feedback" in out
    assert "Questions to ask" in out

    assert run("programmes") == 0
    assert "harbour-vale-2027" in capsys.readouterr().out

    # a second demo updates in place and embeds nothing new
    assert run("demo") == 0
    out = capsys.readouterr().out
    assert "0 new" in out and "0 embedded" in out


def test_import_reports_every_bad_row_and_exits_1(tmp_path, capsys):
    assert run("init") == 0
    (tmp_path / "p.yaml").write_text("slug: cli-test\nname: CLI test\n")
    assert run("import", str(tmp_path / "p.yaml")) == 0
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "external_id,name,email,role,seniority,department,goals\n"
        "A,Ann,ann@,mentee,8,IT,Excel\nB,Bob,bob@example.org,mentee,99,IT,Excel\n"
    )
    capsys.readouterr()
    assert run("import", str(bad), "--programme", "cli-test") == 1
    err = capsys.readouterr().err
    assert "row 2, email" in err and "row 3, seniority" in err
    assert "nothing was stored" in err
    assert run("import", str(bad)) == 1
    assert "--programme" in capsys.readouterr().err


def test_a_bad_setting_stops_the_command_naming_the_variable(monkeypatch, capsys):
    monkeypatch.setenv("COACH_CHROMA_URL", "localhost:8000")
    assert run("init") == 2
    assert "COACH_CHROMA_URL" in capsys.readouterr().err


def test_guidance_on_an_empty_index_says_what_to_do(capsys):
    assert run("guidance", "anything") == 1
    assert "coach index" in capsys.readouterr().err


def test_user_and_token_commands(tmp_path, capsys):
    from coach.accounts import authenticate
    from coach.config import load_settings
    from coach.store import Store

    assert run("init") == 0
    (tmp_path / "p.yaml").write_text("slug: accounts\nname: Accounts\n")
    assert run("import", str(tmp_path / "p.yaml")) == 0
    assert (
        run(
            "user",
            "add",
            "lead@corp.local",
            "--name",
            "Lead",
            "--role",
            "coordinator",
            "--coordinates",
            "accounts",
        )
        == 0
    )
    assert run("user", "add", "not-an-email", "--name", "X") == 1
    assert "not an email" in capsys.readouterr().err
    assert run("token", "create", "lead@corp.local", "--days", "7") == 0
    secret = capsys.readouterr().out.strip().splitlines()[-1]
    store = Store.from_url(load_settings().resolved_database_url)
    user = authenticate(store, secret)
    assert user is not None and user.email == "lead@corp.local"
    assert store.accounts.membership(user.id).coordinates == {
        store.programmes.get_programme("accounts").id
    }
    token_id = store.accounts.list_tokens(user.id)[0].id
    assert run("token", "revoke", str(token_id)) == 0
    assert authenticate(store, secret) is None
    assert run("token", "create", "nobody@corp.local") == 1
    # A command is one unit of work: the user of a failed `user add` is not kept.
    assert run("user", "add", "half@corp.local", "--name", "H", "--coordinates", "nope") == 1
    assert "programme" in capsys.readouterr().err
    with pytest.raises(NotFoundError):
        store.accounts.get_user_by_email("half@corp.local")
    store.dispose()


def test_demo_prints_working_tokens_for_each_role(tmp_path, capsys, embedder):
    from coach.accounts import authenticate
    from coach.config import load_settings
    from coach.store import Store

    assert run("demo") == 0
    out = capsys.readouterr().out
    tokens = [word for word in out.split() if word.startswith("cch_")]
    assert len(tokens) == 4
    store = Store.from_url(load_settings().resolved_database_url)
    roles = set()
    for token in tokens:
        user = authenticate(store, token)
        assert user is not None
        membership = store.accounts.membership(user.id)
        roles |= {role.value for _, role in membership.participates.values()}
        roles |= {"coordinator"} if membership.coordinates else set()
        roles |= {user.role.value} if user.role.value == "admin" else set()
    assert roles == {"admin", "coordinator", "mentor", "mentee"}
    store.dispose()


def test_eval_runner_reports_and_fails_on_a_baseline_regression(tmp_path, capsys, embedder):
    import json

    baselines = tmp_path / "baselines"
    assert (
        run(
            "eval", "retrieval", "--report", str(tmp_path / "report"), "--baselines", str(baselines)
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "recall@3" in out and "pass" in out
    report = json.loads((tmp_path / "report" / "report.json").read_text())
    assert report["passed"] and report["suites"][0]["suite"] == "retrieval"
    assert (tmp_path / "report" / "report.html").exists()

    # a better baseline than today's figure: the threshold holds but the run fails
    baselines.mkdir()
    (baselines / "retrieval.json").write_text(json.dumps({"metrics": {"mrr@10": 0.95}}))
    assert run("eval", "retrieval", "--baselines", str(baselines)) == 1
    assert "regressed" in capsys.readouterr().out
    # an explicit update accepts today's figures
    assert run("eval", "retrieval", "--baselines", str(baselines), "--update-baseline") == 0
    assert json.loads((baselines / "retrieval.json").read_text())["metrics"]["mrr@10"] < 0.95


def test_eval_runner_refuses_what_it_cannot_do(capsys):
    assert run("eval", "nope") == 1
    assert "known suites" in capsys.readouterr().err
    assert run("eval", "retrieval", "--judge") == 2
    assert "COACH_LLM_BASE_URL" in capsys.readouterr().err
    assert run("eval", "retrieval", "--backend", "cloud") == 1


def _sample_programme(tmp_path) -> str:
    from coach.knowledge import SAMPLE_DIR

    assert run("import", str(SAMPLE_DIR / "programme.yaml")) == 0
    assert run("import", str(SAMPLE_DIR / "roster.csv"), "--programme", "harbour-vale-2027") == 0
    return "harbour-vale-2027"


def test_redact_prints_placeholders_and_counts_never_originals(tmp_path, capsys):
    slug = _sample_programme(tmp_path)
    note = tmp_path / "note.txt"
    note.write_text(
        "Debs asked Martin Reeves to call 07700 900123. My father passed away in May.\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert run("redact", str(note), "--programme", slug) == 0
    out, err = capsys.readouterr()
    assert out == "[PERSON_1] asked [PERSON_2] to call [PHONE_1]. [family disclosure]\n"
    assert "disclosure 1" in err and "phone 1" in err and "roster 1" in err
    assert "Debs" not in err and "07700" not in err
    # Without the roster a nickname is just a word to spaCy; the rest is still caught.
    assert run("redact", str(note)) == 0
    out, _ = capsys.readouterr()
    assert "[PHONE_1]" in out and "Reeves" not in out
    assert run("redact", str(tmp_path / "missing.txt")) == 1
    assert "No file at" in capsys.readouterr().err


def test_feedback_summary_prints_themes_how_they_are_counted_and_who_wrote_it(
    tmp_path, capsys, embedder
):
    from coach.config import load_settings
    from coach.domain import FeedbackIn, PairingStatus, Role
    from coach.feedback import submit_feedback
    from coach.services import Services

    slug = _sample_programme(tmp_path)
    services = Services(load_settings(), embedder=embedder)
    programme = services.store.programmes.get_programme(slug)
    people = services.store.programmes.list_participants(programme.id)
    mentors = [p for p in people if p.role is Role.MENTOR][:3]
    mentees = [p for p in people if p.role is Role.MENTEE][:3]
    texts = [
        "Finding time is hard; our sessions were moved twice because of diaries.",
        "We keep rescheduling because his calendar is full of board meetings.",
        "It took us six weeks to find a slot we could both make.",
    ]
    for mentor, mentee, text in zip(mentors, mentees, texts, strict=True):
        pairing = services.store.pairings.create_pairing(programme.id, mentor.id, mentee.id)
        services.store.pairings.set_pairing_status(pairing.id, PairingStatus.APPROVED)
        data = FeedbackIn(
            pairing_id=pairing.id, stage="midpoint", usefulness=4, pairing_fit=4, text=text
        )
        submit_feedback(services, programme.id, mentee, data)
    services.close()
    capsys.readouterr()
    assert run("feedback-summary", "--programme", slug) == 0
    out = " ".join(capsys.readouterr().out.split())  # the table wraps long lines
    assert "Hard to find time for sessions" in out and "not working" in out
    assert "usually one person short" in out
    assert "Written by the offline composer. Identifiers the final check removed: 0." in out
    assert "Generated by" not in out and "board meetings" not in out  # nobody consented


def test_feedback_summary_and_kpis_commands(tmp_path, capsys):
    slug = _sample_programme(tmp_path)
    capsys.readouterr()
    assert run("feedback-summary", "--programme", slug, "--stage", "closing") == 0
    assert "Fewer than 3 people" in capsys.readouterr().out
    assert run("feedback-summary", "--programme", slug, "--stage", "later") == 1
    assert "use session, midpoint or closing" in capsys.readouterr().err
    target = tmp_path / "kpis.csv"
    assert run("kpis", "--programme", slug, "--format", "csv", "--output", str(target)) == 0
    assert target.read_text(encoding="utf-8").startswith("section,name,group,value")
    assert run("kpis", "--programme", slug, "--format", "json") == 0
    assert '"match_rate": 0.0' in capsys.readouterr().out
    assert run("kpis", "--programme", slug) == 0
    assert "registered" in capsys.readouterr().out


def test_export_and_import_a_programme_between_databases(tmp_path, capsys, monkeypatch):
    slug = _sample_programme(tmp_path)
    export = tmp_path / "programme.json"
    assert run("export-programme", "--programme", slug, str(export)) == 0
    assert "participants" in capsys.readouterr().out
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "elsewhere"))
    assert run("import-programme", str(export)) == 0
    assert "match the file in every section" in capsys.readouterr().out
    assert run("import-programme", str(export)) == 1  # it exists there now
    assert "already exists" in capsys.readouterr().err


def test_match_export_escapes_names_that_a_spreadsheet_would_run(tmp_path, capsys, embedder):
    from coach.knowledge import SAMPLE_DIR

    roster = (SAMPLE_DIR / "roster.csv").read_text(encoding="utf-8")
    roster = roster.replace("HV1001,Zara Norris,", "HV1001,@SUM(1+1)*cmd,", 1)
    edited = tmp_path / "roster.csv"
    edited.write_text(roster, encoding="utf-8")
    assert run("import", str(SAMPLE_DIR / "programme.yaml")) == 0
    assert run("import", str(edited), "--programme", "harbour-vale-2027") == 0
    export = tmp_path / "suggestions.csv"
    assert run("match", "--programme", "harbour-vale-2027", "--export", str(export)) == 0
    cells = [cell for row in csv.reader(export.open(encoding="utf-8")) for cell in row]
    assert "'@SUM(1+1)*cmd" in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)
