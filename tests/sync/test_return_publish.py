"""`questionnaire publish PATH`: checked, installed, marked current; new interviews use it."""

from __future__ import annotations

from pathlib import Path

from return_helpers import NEW_VERSION, bumped, run

from fieldsurvey.store.published import current_hash, current_questionnaire
from fieldsurvey.store.sqlite import open_store


def test_publish_installs_and_marks_current(tmp_path: Path) -> None:
    db = tmp_path / "sup.db"
    code, out, _ = run(db, "questionnaire", "publish", str(bumped(tmp_path)))
    assert code == 0 and f"published client-satisfaction {NEW_VERSION}" in out
    store = open_store(db)
    current = current_questionnaire(store)
    assert current is not None and current.version == NEW_VERSION
    assert current_hash(store) is not None


def test_an_invalid_file_or_a_respoofed_version_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "sup.db"
    assert run(db, "questionnaire", "publish", str(bumped(tmp_path)))[0] == 0
    before = list(open_store(db).conn.iterdump())
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\nversion: 1\n", encoding="utf-8")
    code, _, err = run(db, "questionnaire", "publish", str(broken))
    assert code == 2 and "broken.yaml" in err
    other = bumped(tmp_path, title="Changed title")
    code, _, err = run(db, "questionnaire", "publish", str(other))
    assert code == 2 and "installed here with other content" in err
    assert list(open_store(db).conn.iterdump()) == before
