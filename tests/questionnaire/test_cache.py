"""The checked-questionnaire cache: served only while the file and the code are unchanged."""

from __future__ import annotations

import pickle
import stat
from pathlib import Path

import pytest

from fieldsurvey.paths import CACHE_ENV, bundled_questionnaire_path, cache_dir
from fieldsurvey.questionnaire import QuestionnaireError, load_questionnaire, questionnaire_hash
from fieldsurvey.questionnaire import cache as cache_module
from fieldsurvey.questionnaire.cache import cache_key, load_questionnaire_cached


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "form.yaml"
    path.write_bytes(bundled_questionnaire_path().read_bytes())
    return path


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every file the cache had to load and check itself."""
    loaded: list[Path] = []

    def counting(file: Path) -> object:
        loaded.append(file)
        return load_questionnaire(file)

    monkeypatch.setattr(cache_module, "load_questionnaire", counting)
    return loaded


def test_second_load_comes_from_the_cache_and_equals_a_fresh_load(
    source: Path, tmp_path: Path, loads: list[Path]
) -> None:
    folder = tmp_path / "cache"
    first = load_questionnaire_cached(source, folder)
    second = load_questionnaire_cached(source, folder)
    assert loads == [source]
    assert second == first == load_questionnaire(source)
    assert questionnaire_hash(second) == questionnaire_hash(first)
    assert list(second.questions) == list(first.questions)


def test_cache_file_is_private(source: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    load_questionnaire_cached(source, folder)
    [cached] = folder.glob("*.pickle")
    assert stat.S_IMODE(cached.stat().st_mode) == 0o600
    assert not list(folder.glob(".*.tmp"))


def test_an_edited_file_is_loaded_and_checked_again(
    source: Path, tmp_path: Path, loads: list[Path]
) -> None:
    folder = tmp_path / "cache"
    first = load_questionnaire_cached(source, folder)
    text = source.read_text("utf-8")
    source.write_text(text.replace(f'version: "{first.version}"', 'version: "9.1"'), "utf-8")
    edited = load_questionnaire_cached(source, folder)
    assert loads == [source, source]
    assert edited.version == "9.1"


def test_an_invalid_edit_is_reported_not_served_from_the_cache(
    source: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "cache"
    load_questionnaire_cached(source, folder)
    source.write_text(source.read_text("utf-8") + "\nunknown_key: 1\n", "utf-8")
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire_cached(source, folder)
    assert "unknown field" in str(caught.value.problems[0])
    assert len(list(folder.glob("*.pickle"))) == 1  # only the valid version is cached


def test_changed_code_makes_a_new_key(monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache_key(b"id: x")
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "another version of the checks")
    assert cache_key(b"id: x") != before


@pytest.mark.parametrize(
    "content",
    [b"", b"not a pickle", pickle.dumps({"id": "not a questionnaire"})],
    ids=["empty", "garbage", "another object"],
)
def test_a_damaged_cache_file_is_ignored_and_rewritten(
    source: Path, tmp_path: Path, loads: list[Path], content: bytes
) -> None:
    folder = tmp_path / "cache"
    expected = load_questionnaire_cached(source, folder)
    [cached] = folder.glob("*.pickle")
    cached.write_bytes(content)
    assert load_questionnaire_cached(source, folder) == expected
    assert loads == [source, source]
    assert pickle.loads(cached.read_bytes()) == expected


def test_an_unwritable_cache_folder_only_costs_time(source: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("in the way", "utf-8")
    assert load_questionnaire_cached(source, blocked / "cache") == load_questionnaire(source)


def test_no_cache_folder_loads_without_writing(
    source: Path, tmp_path: Path, loads: list[Path]
) -> None:
    load_questionnaire_cached(source, None)
    load_questionnaire_cached(source, None)
    assert loads == [source, source]
    assert list(tmp_path.iterdir()) == [source]


def test_a_missing_file_is_reported_as_before(tmp_path: Path) -> None:
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire_cached(tmp_path / "absent.yaml", tmp_path / "cache")
    assert "no such file" in str(caught.value.problems[0])


def test_cache_dir_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    assert cache_dir() == tmp_path
    monkeypatch.setenv(CACHE_ENV, "")
    assert cache_dir() is None
    monkeypatch.delenv(CACHE_ENV)
    default = cache_dir()
    assert default is not None and default.name == "questionnaires"
