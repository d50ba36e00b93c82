"""Export on a device, merge at the supervisor: every revision, answer and event arrives."""

from __future__ import annotations

from pathlib import Path

import pytest
from sync_helpers import add_revision, content_dump

from fieldsurvey.store.sqlite import SQLiteStore, open_store
from fieldsurvey.sync import (
    ExportError,
    export_file,
    export_to_folder,
    load_identities,
    merge_files,
    new_supervisor_keys,
    parse_recipients,
)


def test_export_then_merge_keeps_everything(
    device: SQLiteStore, supervisor: SQLiteStore, tmp_path: Path
) -> None:
    uuid, first = add_revision(device, {"q1": 3, "q2": "héllo"})
    add_revision(device, {"q1": 4, "q2": "héllo"}, uuid=uuid, parent=first, revision=2)
    add_revision(device, {"q1": 1}, status="draft")
    result = export_file(device, tmp_path / "a.fsx")
    assert (result.responses, result.answers, result.paradata) == (2, 4, 4)

    report = merge_files(supervisor, [tmp_path / "a.fsx"])

    assert report.model_dump() == {
        "files": [{"path": str(tmp_path / "a.fsx"), "status": "merged", "added": 1,
                   "present": 0, "updated": 1, "conflicts": 0, "error": None}],
        "gaps": [],
    }  # fmt: skip
    assert content_dump(supervisor) == content_dump(device)


def test_incremental_export_takes_only_new_revisions(device: SQLiteStore, tmp_path: Path) -> None:
    add_revision(device, {"q1": 1})
    assert export_file(device, tmp_path / "1.fsx").export_seq == 1
    assert export_file(device, tmp_path / "2.fsx").path is None
    add_revision(device, {"q1": 2})
    second = export_file(device, tmp_path / "2.fsx")
    assert (second.export_seq, second.responses) == (2, 1)
    assert export_file(device, tmp_path / "all.fsx", everything=True).responses == 2


def test_export_never_overwrites(device: SQLiteStore, tmp_path: Path) -> None:
    add_revision(device, {"q1": 1})
    (tmp_path / "a.fsx").write_bytes(b"earlier")
    with pytest.raises(ExportError, match="already exists"):
        export_file(device, tmp_path / "a.fsx")
    assert (tmp_path / "a.fsx").read_bytes() == b"earlier"
    assert device.execute("SELECT exported_seq FROM responses").fetchall() == [(None,)]


def test_encrypted_export_merges_with_the_identity(
    device: SQLiteStore, supervisor: SQLiteStore, tmp_path: Path
) -> None:
    keys = new_supervisor_keys(tmp_path / "boss")
    assert keys.key_path.stat().st_mode & 0o777 == 0o600
    add_revision(device, {"q2": "secret name"})
    result = export_to_folder(device, tmp_path, recipients=parse_recipients([str(keys.pub_path)]))
    assert result.path is not None and result.encrypted
    data = result.path.read_bytes()
    assert data.startswith(b"age-encryption.org/v1") and b"secret name" not in data

    report = merge_files(supervisor, [result.path], identities=load_identities([keys.key_path]))
    assert report.files[0].added == 1


def test_a_questionnaire_version_travels_with_its_responses(
    device: SQLiteStore, tmp_path: Path
) -> None:
    add_revision(device, {"q1": 1})
    export_file(device, tmp_path / "a.fsx")
    fresh = open_store(tmp_path / "fresh.db")  # has no questionnaire installed

    assert merge_files(fresh, [tmp_path / "a.fsx"]).files[0].added == 1
    installed = "SELECT hash, id, version, source FROM questionnaires"
    assert fresh.execute(installed).fetchall() == device.execute(installed).fetchall()


@pytest.mark.parametrize("answers", [0, 7, 8, 57, 64, 150])
def test_every_answer_and_event_of_a_long_interview_arrives(
    device: SQLiteStore, supervisor: SQLiteStore, tmp_path: Path, answers: int
) -> None:
    """Merge stores rows many to a statement: counts around its steps of 8 and 64 rows."""
    values = {f"q{n}": str(n) if n == 2 else n for n in range(answers)}  # q2 is a text
    add_revision(device, values, events=answers + 3)
    export_file(device, tmp_path / "a.fsx")
    assert merge_files(supervisor, [tmp_path / "a.fsx"]).files[0].added == 1
    assert content_dump(supervisor) == content_dump(device)
