"""`fieldsurvey` without a command, on bad input: a message and exit 2, never a traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import fieldsurvey.store.sqlite.connection as store_db
from fieldsurvey.questionnaire.problems import Code
from fieldsurvey.store.sqlite import open_store
from fieldsurvey.ui.launch import LOCKED_HINT, launch_app

BROKEN = """\
id: broken
version: "1"
title: {en: Broken}
languages: [en]
default_language: en
personas: [{id: worker, label: {en: Worker}}]
scales: [{id: agree5, points: [{value: 1, label: {en: a}}, {value: 2, label: {en: b}}],
          dk: {value: dk, label: {en: DK}}}]
survey:
  - {type: integer, id: age, label: {en: Age}}
  - {type: likert, id: fast, label: {en: Fast}, relevant: "${agee} > 1"}
  - {type: select_one, id: pick, label: {en: Pick}, choices: nowhere}
"""


def test_an_invalid_questionnaire_lists_every_problem_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    form = tmp_path / "broken.yaml"
    form.write_text(BROKEN, encoding="utf-8")
    assert launch_app(tmp_path / "x.db", form) == 2
    err = capsys.readouterr().err
    assert Code.UNKNOWN_REFERENCE.format(name="agee", source="${agee} > 1") in err
    assert Code.UNKNOWN_CHOICE_LIST.format(value="nowhere") in err
    assert all(line.startswith(str(form)) for line in err.splitlines())
    assert "Traceback" not in err
    assert not (tmp_path / "x.db").exists()  # nothing was created


def test_a_missing_questionnaire_file_is_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert launch_app(tmp_path / "x.db", tmp_path / "nowhere.yaml") == 2
    assert "no such file" in capsys.readouterr().err


def test_a_file_that_is_not_a_database_is_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_db = tmp_path / "notes.db"
    not_db.write_text("shopping list\n", encoding="utf-8")
    assert launch_app(not_db, None) == 2
    err = capsys.readouterr().err
    assert "not a SQLite database" in err and "Traceback" not in err
    assert not_db.read_text(encoding="utf-8") == "shopping list\n"


def test_a_database_locked_by_another_process_is_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 100)
    path = tmp_path / "busy.db"
    open_store(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")  # e.g. a stuck merge or a sqlite3 shell
    try:
        assert launch_app(path, None) == 2
    finally:
        other.execute("ROLLBACK")
        other.close()
    err = capsys.readouterr().err
    assert err.strip() == f"{path}: {LOCKED_HINT}"
