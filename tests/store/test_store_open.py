"""Opening the database: refusals that leave the file untouched, permissions, migrations."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from fieldsurvey.store.errors import StoreError
from fieldsurvey.store.sqlite import open_store
from fieldsurvey.store.sqlite.schema import MIGRATION_1, SCHEMA_VERSION


def test_a_new_database_is_private_and_migrated(tmp_path: Path) -> None:
    path = tmp_path / "new" / "survey.db"
    db = open_store(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_an_empty_file_is_a_new_database(tmp_path: Path) -> None:
    # e.g. a crash between creating the file and the first migration
    path = tmp_path / "survey.db"
    path.touch(mode=0o600)
    assert open_store(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"Shopping list: rice, fish sauce, limes\n" * 20)
    before = path.read_bytes()
    with pytest.raises(StoreError) as caught:
        open_store(path)
    assert caught.value.message == "not a SQLite database (wrong file header); nothing was changed"
    assert str(caught.value).startswith(str(path))
    assert path.read_bytes() == before


def test_a_database_from_a_newer_fieldsurvey_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE future (x)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    newer = rf"made by a newer fieldsurvey \(schema {SCHEMA_VERSION + 5}, this one knows"
    with pytest.raises(StoreError, match=newer):
        open_store(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["newer.db"]


@pytest.mark.skipif(
    os.geteuid() == 0, reason="root writes through chmod 0444 (see the engine's query_only test)"
)
def test_a_read_only_file_is_refused_before_any_write(tmp_path: Path) -> None:
    path = tmp_path / "survey.db"
    open_store(path).close()
    path.chmod(0o444)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="the database is read-only; check the file's permissions"):
        open_store(path)
    assert path.read_bytes() == before


def test_missing_database_without_create(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        open_store(tmp_path / "absent.db", create=False)
    assert not (tmp_path / "absent.db").exists()


def test_a_version_1_database_is_migrated_keeping_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATION_1)
    conn.execute("INSERT INTO settings (key, value) VALUES ('office', 'Phnom Penh')")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()

    db = open_store(path)

    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("SELECT value FROM settings WHERE key = 'office'").fetchone()[0] == (
        "Phnom Penh"
    )
    names = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    assert "responses_uuid" not in names
    assert "conflict_resolutions" in names
