"""Questionnaire versions named by an earlier build's hash: migrated, exported, merged where
this database vouches for the content, refused where it cannot (docs/trust-model.md)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sync_helpers import QUESTIONNAIRE_YAML, add_revision, merge_rejects, new_db

from fieldsurvey.questionnaire import questionnaire_hash
from fieldsurvey.questionnaire.loader import questionnaire_from_document
from fieldsurvey.questionnaire.yaml_source import parse_yaml
from fieldsurvey.store.questionnaires import load_installed
from fieldsurvey.store.records import InstalledQuestionnaire
from fieldsurvey.store.sqlite import SQLiteStore, open_store
from fieldsurvey.store.sqlite.schema import migrate_canonical_hashes
from fieldsurvey.sync import Reason, export_file, merge_file

OLD = "ab" * 32
"""The name an earlier build gave the test questionnaire (its hash of the model's JSON)."""


def migrated_device(path: Path, title: str = "Sync test") -> SQLiteStore:
    """A device whose questionnaire an earlier build installed as OLD, with a response naming
    it, as the canonical-hash migration leaves it."""
    db = open_store(path)
    source = QUESTIONNAIRE_YAML.format(version="1").replace("Sync test", title)
    db.add_questionnaire(InstalledQuestionnaire(OLD, "sync-test", "1", source, "2026-01-01"))
    names = {"questionnaire_id": "sync-test", "questionnaire_version": "1"}
    add_revision(db, {"q1": 1}, questionnaire={**names, "questionnaire_hash": OLD})
    db.close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("ALTER TABLE questionnaires DROP COLUMN canonical")  # as before the migration
    migrate_canonical_hashes(conn)
    conn.close()
    return open_store(path)


def canonical(source: str) -> str:
    return questionnaire_hash(questionnaire_from_document(parse_yaml(source), "test"))


def test_the_migration_records_the_canonical_hash_and_the_old_name_still_loads(
    tmp_path: Path,
) -> None:
    device = migrated_device(tmp_path / "d.db")
    row = device.installed(OLD)
    assert row is not None and row.canonical == canonical(row.source) != OLD
    loaded = load_installed(device, OLD)
    assert loaded is not None and loaded.id == "sync-test"


def test_a_file_naming_the_old_hash_merges_where_the_content_is_installed(
    tmp_path: Path, supervisor: SQLiteStore
) -> None:
    device = migrated_device(tmp_path / "d.db")
    export_file(device, tmp_path / "a.fsx")
    result = merge_file(supervisor, tmp_path / "a.fsx")
    assert (result.status, result.added) == ("merged", 1), result.reason
    alias = supervisor.installed(OLD)
    assert alias is not None and alias.canonical == supervisor.installed_versions()[-1].hash
    assert load_installed(supervisor, OLD) is not None


def test_the_old_name_with_other_content_is_refused(tmp_path: Path) -> None:
    """The name is bound here to one content: the same name with another text is refused."""
    supervisor = migrated_device(tmp_path / "s.db")
    other = migrated_device(tmp_path / "d.db", title="Another text")
    export_file(other, tmp_path / "a.fsx")
    stderr = merge_rejects(supervisor, tmp_path / "a.fsx", Reason.BAD_QUESTIONNAIRE)
    assert "does not match its id, version or hash" in stderr


def test_the_old_name_is_refused_where_nothing_vouches_for_it(tmp_path: Path) -> None:
    """A fresh database without this content cannot check the old name: refused, unchanged."""
    device = migrated_device(tmp_path / "d.db")
    export_file(device, tmp_path / "a.fsx")
    fresh = open_store(tmp_path / "fresh.db")
    merge_rejects(fresh, tmp_path / "a.fsx", Reason.BAD_QUESTIONNAIRE)


def test_the_same_version_with_other_content_under_an_old_name_is_refused(tmp_path: Path) -> None:
    supervisor = new_db(tmp_path / "s.db")
    other = migrated_device(tmp_path / "d.db", title="Another text")
    export_file(other, tmp_path / "a.fsx")
    merge_rejects(supervisor, tmp_path / "a.fsx", Reason.BAD_QUESTIONNAIRE)


def test_the_old_name_merges_where_it_is_this_installations_own_questionnaire(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A supervisor on a new build, before any interview, vouches for its own questionnaire."""
    device = migrated_device(tmp_path / "d.db")
    export_file(device, tmp_path / "a.fsx")
    own = tmp_path / "own.yaml"
    own.write_text(QUESTIONNAIRE_YAML.format(version="1"), encoding="utf-8")
    monkeypatch.setenv("FIELDSURVEY_QUESTIONNAIRE", str(own))
    fresh = open_store(tmp_path / "fresh.db")
    result = merge_file(fresh, tmp_path / "a.fsx")
    assert (result.status, result.added) == ("merged", 1), result.reason
    assert load_installed(fresh, OLD) is not None
