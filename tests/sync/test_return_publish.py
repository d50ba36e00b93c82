"""`questionnaire publish PATH`: checked, installed, marked current; new interviews use it."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from fieldsurvey.cli import main
from fieldsurvey.paths import bundled_questionnaire_path, cache_dir
from fieldsurvey.questionnaire.cache import load_questionnaire_cached
from fieldsurvey.store.published import current_hash, current_questionnaire
from fieldsurvey.store.sqlite import open_store


def run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [*args, "--db", str(db)], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


NEW = "9.0"
"""A version number the bundled questionnaire does not have."""


def bumped(tmp_path: Path, version: str, title: str = "") -> Path:
    """The bundled questionnaire under another version number (and title)."""
    bundled = load_questionnaire_cached(bundled_questionnaire_path(), cache_dir())
    text = bundled_questionnaire_path().read_text(encoding="utf-8")
    text = text.replace(f'version: "{bundled.version}"', f'version: "{version}"', 1)
    if title:
        text = text.replace("Client satisfaction", title, 1)
    path = tmp_path / f"q-{version}-{len(title)}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_publish_installs_and_marks_current(tmp_path: Path) -> None:
    db = tmp_path / "sup.db"
    code, out, _ = run(db, "questionnaire", "publish", str(bumped(tmp_path, NEW)))
    assert code == 0 and f"published client-satisfaction {NEW}" in out
    store = open_store(db)
    current = current_questionnaire(store)
    assert current is not None and current.version == NEW
    assert current_hash(store) is not None


def test_an_invalid_file_or_a_respoofed_version_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "sup.db"
    assert run(db, "questionnaire", "publish", str(bumped(tmp_path, NEW)))[0] == 0
    before = list(open_store(db).conn.iterdump())
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\nversion: 1\n", encoding="utf-8")
    code, _, err = run(db, "questionnaire", "publish", str(broken))
    assert code == 2 and "broken.yaml" in err
    other = bumped(tmp_path, NEW, title="Changed title")
    code, _, err = run(db, "questionnaire", "publish", str(other))
    assert code == 2 and "installed here with other content" in err
    assert list(open_store(db).conn.iterdump()) == before
