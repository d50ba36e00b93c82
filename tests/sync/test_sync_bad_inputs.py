"""Every kind of bad export file is rejected with its reason, and changes nothing.

Each test forges one bad file from a good export, merges it through the CLI, and checks the
exit code, the catalogue message on stderr, and a full dump of the database before and after.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from sync_helpers import add_revision, install, members, merge_rejects, new_db, resign, rezip

from fieldsurvey.cli.sync import merge_command
from fieldsurvey.store.records import ExportSelection
from fieldsurvey.store.sqlite import SQLiteStore
from fieldsurvey.sync import Reason, export_file, new_supervisor_keys, parse_recipients
from fieldsurvey.sync.export import sources_for
from fieldsurvey.sync.fileformat import FORMAT_VERSION, ResponseRecord
from fieldsurvey.sync.keys import device_signing_key
from fieldsurvey.sync.writer import write_export


@pytest.fixture
def good(device: SQLiteStore, tmp_path: Path) -> Path:
    """A valid export file of two interviews."""
    add_revision(device, {"q1": 1, "q2": "a"})
    add_revision(device, {"q1": 2})
    path = tmp_path / "good.fsx"
    export_file(device, path)
    return path


def test_empty_file(supervisor: SQLiteStore, tmp_path: Path) -> None:
    (tmp_path / "x.fsx").write_bytes(b"")
    merge_rejects(supervisor, tmp_path / "x.fsx", Reason.EMPTY)


def test_not_a_zip(supervisor: SQLiteStore, tmp_path: Path) -> None:
    (tmp_path / "x.fsx").write_text("name,answer\nana,3\n")
    merge_rejects(supervisor, tmp_path / "x.fsx", Reason.NOT_ZIP)


def test_truncated_file(supervisor: SQLiteStore, good: Path) -> None:
    good.write_bytes(good.read_bytes()[:-100])
    merge_rejects(supervisor, good, Reason.DAMAGED_ZIP)


def test_one_byte_flipped_in_responses(supervisor: SQLiteStore, good: Path) -> None:
    contents = members(good)
    data = bytearray(contents["responses.jsonl"])
    data[len(data) // 2] ^= 0x01
    contents["responses.jsonl"] = bytes(data)
    rezip(good, contents)
    merge_rejects(supervisor, good, Reason.DIGEST_MISMATCH)


def test_manifest_edited(supervisor: SQLiteStore, good: Path) -> None:
    contents = members(good)
    contents["manifest.json"] = contents["manifest.json"].replace(
        b'"export_seq": 1', b'"export_seq": 7'
    )
    rezip(good, contents)
    merge_rejects(supervisor, good, Reason.BAD_SIGNATURE)


def test_signed_by_another_key(
    device: SQLiteStore, supervisor: SQLiteStore, good: Path, tmp_path: Path
) -> None:
    CliRunner().invoke(merge_command, [str(good), "--db", str(tmp_path / "supervisor.db")])
    impostor = new_db(tmp_path / "impostor.db")
    add_revision(impostor, {"q1": 5})
    forged = tmp_path / "forged.fsx"
    export_file(impostor, forged)

    def claim_device(manifest: dict[str, object]) -> None:
        manifest["device_id"] = device.device_id()

    resign(impostor, forged, claim_device)
    merge_rejects(supervisor, forged, Reason.KEY_MISMATCH)


def test_encrypted_for_another_key(
    device: SQLiteStore, supervisor: SQLiteStore, tmp_path: Path
) -> None:
    intended, other = new_supervisor_keys(tmp_path / "a"), new_supervisor_keys(tmp_path / "b")
    add_revision(device, {"q1": 1})
    export_file(device, tmp_path / "x.fsx", recipients=parse_recipients([intended.recipient]))
    merge_rejects(
        supervisor, tmp_path / "x.fsx", Reason.WRONG_IDENTITY, "--identity", str(other.key_path)
    )


def test_member_named_dot_dot(supervisor: SQLiteStore, good: Path) -> None:
    rezip(good, {**members(good), "../x": b"owned"})
    merge_rejects(supervisor, good, Reason.UNSAFE_NAME)


def test_zip_bomb_by_ratio(supervisor: SQLiteStore, good: Path) -> None:
    rezip(good, {**members(good), "responses.jsonl": bytes(20 * 1024 * 1024)})
    merge_rejects(supervisor, good, Reason.BOMB)


def test_zip_bomb_by_declared_size(supervisor: SQLiteStore, good: Path) -> None:
    """The directory claims a 100 GB member: refused before a byte is inflated."""
    data = bytearray(good.read_bytes())
    entry = data.index(b"PK\x01\x02")  # the central directory entry of the first member
    assert data[entry + 46 : entry + 46 + 15] == b"responses.jsonl"
    data[entry + 24 : entry + 28] = (0xFFFF_FFFE).to_bytes(4, "little")  # uncompressed size
    good.write_bytes(bytes(data))
    merge_rejects(supervisor, good, Reason.BOMB)


def test_file_over_the_size_cap(supervisor: SQLiteStore, good: Path) -> None:
    merge_rejects(supervisor, good, Reason.TOO_LARGE, "--max-size", "1000")


def test_unknown_questionnaire_version(
    device: SQLiteStore, supervisor: SQLiteStore, tmp_path: Path
) -> None:
    newer = install(device, version="2")
    add_revision(device, {"q1": 1}, questionnaire=newer)
    device.execute("DELETE FROM questionnaires WHERE version = '2'")  # so the file lacks it
    export_file(device, tmp_path / "x.fsx")
    merge_rejects(supervisor, tmp_path / "x.fsx", Reason.UNKNOWN_QUESTIONNAIRE)


def test_questionnaire_source_not_matching_its_hash(
    device: SQLiteStore, supervisor: SQLiteStore, tmp_path: Path
) -> None:
    newer = install(device, version="2")
    add_revision(device, {"q1": 1}, questionnaire=newer)
    device.execute(
        "UPDATE questionnaires SET source = replace(source, 'Sync test', 'Altered') "
        "WHERE version = '2'"
    )
    export_file(device, tmp_path / "x.fsx")
    merge_rejects(supervisor, tmp_path / "x.fsx", Reason.BAD_QUESTIONNAIRE)


def test_newer_format_version(supervisor: SQLiteStore, good: Path, device: SQLiteStore) -> None:
    def bump(manifest: dict[str, object]) -> None:
        manifest["format_version"] = FORMAT_VERSION + 1
        manifest["new_field"] = "from the future"

    resign(device, good, bump)
    merge_rejects(supervisor, good, Reason.NEWER_FORMAT)


def test_same_uuid_and_content_twice(
    device: SQLiteStore, supervisor: SQLiteStore, tmp_path: Path
) -> None:
    add_revision(device, {"q1": 1})
    line = next(device.response_lines(ExportSelection(device.device_id(), everything=True)))
    path = tmp_path / "x.fsx"
    with path.open("wb") as handle:
        write_export(handle, device_signing_key(device), device.device_id(), 1, [line, line], [],
                     lambda refs: sources_for(device, refs))  # fmt: skip
    merge_rejects(supervisor, path, Reason.DUPLICATE_RECORD)


def test_answer_changed_and_resigned(
    device: SQLiteStore, supervisor: SQLiteStore, tmp_path: Path
) -> None:
    """Even the device's own key cannot make a record whose content does not match its hash."""
    add_revision(device, {"q1": 1})
    line = next(device.response_lines(ExportSelection(device.device_id(), everything=True)))
    record = ResponseRecord.model_validate_json(line)
    forged = record.model_copy(update={"answers": [("q1", "5", record.answers[0][2])]})
    path = tmp_path / "x.fsx"
    with path.open("wb") as handle:
        write_export(handle, device_signing_key(device), record.device_id, 1,
                     [forged.model_dump_json().encode()], [],
                     lambda refs: sources_for(device, refs))  # fmt: skip
    merge_rejects(supervisor, path, Reason.HASH_MISMATCH)


def test_unexpected_member(supervisor: SQLiteStore, good: Path) -> None:
    rezip(good, {**members(good), "payload.exe": b"MZ"})
    merge_rejects(supervisor, good, Reason.UNEXPECTED_MEMBER)


def test_encrypted_without_identity(
    device: SQLiteStore, supervisor: SQLiteStore, tmp_path: Path
) -> None:
    keys = new_supervisor_keys(tmp_path / "a")
    add_revision(device, {"q1": 1})
    export_file(device, tmp_path / "x.fsx", recipients=parse_recipients([keys.recipient]))
    merge_rejects(supervisor, tmp_path / "x.fsx", Reason.ENCRYPTED_NO_IDENTITY)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_blocking(supervisor: SQLiteStore, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.fsx")
    merge_rejects(supervisor, tmp_path / "pipe.fsx", Reason.UNREADABLE)


def test_one_bad_file_does_not_block_the_others(
    supervisor: SQLiteStore, good: Path, tmp_path: Path
) -> None:
    (tmp_path / "bad.fsx").write_bytes(b"junk")
    db_file = str(tmp_path / "supervisor.db")
    result = CliRunner().invoke(
        merge_command, [str(tmp_path / "bad.fsx"), str(good), "--db", db_file]
    )
    assert result.exit_code == 1
    assert f"{good}: merged: 2 added" in result.stdout
    assert supervisor.execute("SELECT count(*) FROM responses").fetchone()[0] == 2
