"""The `coach` command end to end, in a temporary data folder."""

import pytest
from typer.testing import CliRunner

from coach import cli

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
