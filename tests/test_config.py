from pathlib import Path

import pytest

from coach.config import load_settings
from coach.errors import ConfigError


def test_defaults_put_everything_under_the_data_dir(tmp_path):
    settings = load_settings()
    assert settings.data_dir == tmp_path / "data"
    assert settings.resolved_database_url == f"sqlite:///{tmp_path / 'data' / 'coach.db'}"
    assert settings.resolved_chroma_path == tmp_path / "data" / "chroma"
    assert settings.llm_backend == "offline"


def test_environment_variables_use_the_coach_prefix(monkeypatch):
    monkeypatch.setenv("COACH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/coach")
    monkeypatch.setenv("COACH_CHROMA_URL", "http://127.0.0.1:8001/")
    settings = load_settings()
    # psycopg 3 is the driver we ship, so a plain postgresql:// URL is upgraded to it.
    assert settings.resolved_database_url == "postgresql+psycopg://postgres@127.0.0.1:5432/coach"
    assert settings.chroma_url == "http://127.0.0.1:8001"


def test_dotenv_file_is_read(tmp_path):
    (tmp_path / ".env").write_text("COACH_EMBEDDING_BATCH_SIZE=16\n")
    assert load_settings().embedding_batch_size == 16


@pytest.mark.parametrize(
    ("variable", "value", "words"),
    [
        ("COACH_EMBEDDING_BATCH_SIZE", "zero", "valid integer"),
        ("COACH_DATABASE_URL", "mysql://root@localhost/x", "only SQLite and PostgreSQL"),
        ("COACH_CHROMA_URL", "127.0.0.1:8000", "must start with http://"),
        ("COACH_INDEX_PREFIX", "my index!", "letters, digits"),
        ("COACH_LLM_TIMEOUT_SECONDS", "-1", "greater than 0"),
    ],
)
def test_invalid_settings_name_the_variable(monkeypatch, variable, value, words):
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert caught.value.variable == variable
    assert variable in str(caught.value)
    assert words in str(caught.value)


def test_production_refuses_a_placeholder_api_key(monkeypatch):
    monkeypatch.setenv("COACH_ENVIRONMENT", "production")
    monkeypatch.setenv("COACH_LLM_BACKEND", "openai")
    monkeypatch.setenv("COACH_LLM_API_KEY", "changeme")
    with pytest.raises(ConfigError, match="COACH_LLM_API_KEY"):
        load_settings()
    monkeypatch.setenv("COACH_LLM_API_KEY", "sk-real-looking-key")
    assert load_settings().llm_api_key is not None


def test_knowledge_dir_defaults_to_the_project(tmp_path):
    assert (load_settings().resolved_knowledge_dir / "cards").is_dir()
    assert load_settings(knowledge_dir=tmp_path).resolved_knowledge_dir == Path(tmp_path)


def test_a_spacy_model_that_is_not_installed_is_refused_before_anything_downloads():

    with pytest.raises(ConfigError, match="COACH_SPACY_MODEL: no installed spaCy model"):
        load_settings(spacy_model="en_core_web_trf_missing")


def test_an_employee_id_pattern_must_compile_and_match_something():

    with pytest.raises(ConfigError, match="COACH_EMPLOYEE_ID_PATTERN: not a regular expression"):
        load_settings(employee_id_pattern="HV[0-9")
    with pytest.raises(ConfigError, match="matches empty text"):
        load_settings(employee_id_pattern="x*")


def test_a_copy_with_another_data_dir_resolves_its_own_paths(tmp_path):
    # Evals and benchmarks work in scratch copies of the settings: a path resolved (and
    # cached) on the original must not leak into the copy.
    original = load_settings(data_dir=tmp_path / "real")
    assert original.resolved_chroma_path == (tmp_path / "real" / "chroma").resolve()
    assert "real" in original.resolved_database_url
    copy = original.model_copy(update={"data_dir": tmp_path / "scratch"})
    assert copy.resolved_chroma_path == (tmp_path / "scratch" / "chroma").resolve()
    assert "scratch" in copy.resolved_database_url and "real" not in copy.resolved_database_url
