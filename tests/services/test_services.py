"""The long jobs the CLI and the Sync screen share: progress, and failures in one line."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from fieldsurvey.engine import start_interview
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.services.export import export_responses, recipients_from
from fieldsurvey.services.failures import Cause, JobFailed
from fieldsurvey.services.merge import identities_from, merge_exports
from fieldsurvey.store.sqlite import SQLiteStore, connection, open_store


@pytest.fixture
def device(tmp_path: Path, one_question: Questionnaire) -> SQLiteStore:
    """A device store holding two complete interviews."""
    store = open_store(tmp_path / "device.db")
    for value in (1, 2):
        interview = start_interview(store, one_question)
        assert interview.answer("n", value) is None and interview.complete() == []
    return store


def test_export_then_merge_reports_progress_and_counts(device: SQLiteStore, tmp_path: Path) -> None:
    outcome = export_responses(device, folder=tmp_path)
    assert (outcome.result.responses, outcome.recipients, outcome.not_exported) == (2, 0, 0)
    assert outcome.result.path is not None
    seen: list[tuple[int, int]] = []
    merged = merge_exports(
        open_store(tmp_path / "office.db"),
        [outcome.result.path],
        on_progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(0, 1), (1, 1)]
    assert merged.report.files[0].added == 2 and merged.waiting == 0


def test_a_bad_recipient_is_one_line_naming_it() -> None:
    with pytest.raises(JobFailed) as caught:
        recipients_from(["age1notakey"])
    assert caught.value.cause is Cause.INPUT
    assert caught.value.message.startswith("age1notakey: not an age public key")


def test_a_missing_key_file_is_one_line_naming_it(tmp_path: Path) -> None:
    with pytest.raises(JobFailed) as caught:
        identities_from([tmp_path / "office.key"])
    assert caught.value.message.startswith(f"{tmp_path / 'office.key'}: cannot read the key file")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_folder_that_cannot_be_written_is_a_file_failure_marking_nothing(
    device: SQLiteStore, tmp_path: Path
) -> None:
    folder = tmp_path / "stick"
    folder.mkdir(mode=0o500)
    with pytest.raises(JobFailed) as caught:
        export_responses(device, folder=folder)
    assert caught.value.cause is Cause.FILE and "cannot write the file" in caught.value.message
    assert (
        device.execute("SELECT COUNT(*) FROM responses WHERE exported_seq IS NULL").fetchone()[0]
        == 2
    )


def test_a_store_kept_busy_by_another_program_is_a_storage_failure(
    device: SQLiteStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 100)
    other = sqlite3.connect(tmp_path / "device.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with pytest.raises(JobFailed) as caught:
            export_responses(open_store(tmp_path / "device.db"), folder=tmp_path)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert caught.value.cause is Cause.STORAGE
    assert caught.value.message == "another program kept the database busy"
    assert list(tmp_path.glob("*.fsx")) == []  # no file, nothing marked
    assert export_responses(device, folder=tmp_path).result.responses == 2
