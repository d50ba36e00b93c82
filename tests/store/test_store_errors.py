"""Storage failures leave the store as our own errors (store/errors.py), each of its kind.

Every failure here is a real one SQLite raises (a constraint, a lock held by another program,
a database set read-only, a file that is not a database), never a simulated exception.
"""

from __future__ import annotations

import gc
import sqlite3
import sys
from pathlib import Path

import pytest

from fieldsurvey import entry, startup
from fieldsurvey.store import errors
from fieldsurvey.store.records import InstalledQuestionnaire, NewDraft
from fieldsurvey.store.sqlite import SQLiteStore, connection, open_store
from fieldsurvey.store.sqlite.schema import SCHEMA_VERSION


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    return open_store(tmp_path / "survey.db")


def draft(uuid: str) -> NewDraft:
    return NewDraft(uuid, "form", "1", "h", "dev", None, None, None, "en", "2026-01-01")


def test_a_broken_constraint_is_an_integrity_failure_and_nothing_is_kept(
    store: SQLiteStore,
) -> None:
    with pytest.raises(errors.IntegrityFailure) as caught, store.unit_of_work():
        store.insert_draft(draft("a"))
        store.execute("INSERT INTO answers VALUES (999, 'q', '1', 'now')")  # no response 999
    assert caught.value.code == "integrity"
    assert store.execute("SELECT COUNT(*) FROM responses").fetchone()[0] == 0


def test_a_lock_held_by_another_program_is_busy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 100)
    store = open_store(tmp_path / "survey.db")
    other = sqlite3.connect(tmp_path / "survey.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(errors.Busy) as caught:
            store.set_setting("office", "North")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert caught.value.message == "another program kept the database busy"
    assert caught.value.path == str(tmp_path / "survey.db")
    store.set_setting("office", "North")  # the same store works once the lock is gone
    assert store.get_setting("office") == "North"


def test_a_database_that_refuses_writes_is_read_only(store: SQLiteStore) -> None:
    store.execute("PRAGMA query_only = ON")  # chmod does not stop root; this stops everyone
    row = InstalledQuestionnaire("h", "form", "1", "id: form", "now")
    with pytest.raises(errors.ReadOnly, match="the database is read-only"):
        store.add_questionnaire(row)


@pytest.mark.parametrize(
    ("content", "kind"),
    [(b"not a database at all\n" * 10, errors.Corrupt), (None, errors.Missing)],
)
def test_files_that_cannot_be_opened_are_refused_by_kind(
    tmp_path: Path, content: bytes | None, kind: type[errors.StoreError]
) -> None:
    path = tmp_path / "x.db"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(kind):
        open_store(path, create=False)


def test_a_newer_schema_is_refused_by_kind(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(errors.NewerSchema) as caught:
        open_store(path)
    assert caught.value.code == "newer_schema"


def test_the_cli_says_what_failed_mid_command_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 100)
    path = tmp_path / "survey.db"
    open_store(path).close()
    command = ["indicators", "set", "--db", str(path), "--office", "North", "--period", "2026-Q1"]
    monkeypatch.setattr(sys, "argv", ["fieldsurvey", *command, "clients_received=5"])
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(SystemExit) as exited:
            entry.main()
    finally:
        other.execute("ROLLBACK")
        other.close()
        startup.release()  # entry.main held the collector (the CLI releases it as it runs)
        gc.unfreeze()  # frozen objects would never be collected in the rest of the test run
    assert exited.value.code == 2
    assert capsys.readouterr().err == f"error: {path}: another program kept the database busy\n"


def test_a_closed_store_says_so(store: SQLiteStore) -> None:
    store.close()
    with pytest.raises(errors.StoreError, match="the database is closed"):
        store.get_setting("office")
