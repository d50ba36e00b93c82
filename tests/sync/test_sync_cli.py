"""The sync commands through click's runner: output streams, JSON shapes and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import click
from click.testing import CliRunner
from sync_helpers import add_revision

from fieldsurvey.cli.sync import export_command, keys_group, merge_command
from fieldsurvey.store.sqlite import SQLiteStore


def run(command: click.Command, *args: str | Path) -> click.testing.Result:
    return CliRunner().invoke(command, [str(a) for a in args], catch_exceptions=False)


def test_keys_export_merge_encrypted(
    device: SQLiteStore, supervisor: SQLiteStore, tmp_path: Path
) -> None:
    assert run(keys_group, "new", "--out", tmp_path / "boss").exit_code == 0
    recipient = (tmp_path / "boss.pub").read_text().strip()
    add_revision(device, {"q1": 1})
    out = tmp_path / "a.fsx"

    exported = run(export_command, "--out", out, "--to", recipient, "--db", tmp_path / "device.db")
    assert exported.exit_code == 0 and "encrypted for 1 key" in exported.stdout
    assert exported.stderr == ""

    merged = run(merge_command, out, "--identity", tmp_path / "boss.key", "--json",
                 "--db", tmp_path / "supervisor.db")  # fmt: skip
    assert merged.exit_code == 0
    assert json.loads(merged.stdout) == {
        "files": [{"path": str(out), "status": "merged", "added": 1, "present": 0,
                   "updated": 0, "conflicts": 0, "error": None}],
        "gaps": [],
    }  # fmt: skip


def test_keys_are_never_overwritten(tmp_path: Path) -> None:
    run(keys_group, "new", "--out", tmp_path / "boss")
    before = (tmp_path / "boss.key").read_text()
    again = run(keys_group, "new", "--out", tmp_path / "boss")
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert (tmp_path / "boss.key").read_text() == before


def test_export_without_to_warns_and_nothing_new_writes_nothing(
    device: SQLiteStore, tmp_path: Path
) -> None:
    add_revision(device, {"q1": 1})
    first = run(export_command, "--out", tmp_path / "a.fsx", "--db", tmp_path / "device.db")
    assert first.exit_code == 0 and "unencrypted" in first.stderr
    second = run(export_command, "--out", tmp_path / "b.fsx", "--db", tmp_path / "device.db")
    assert second.exit_code == 0 and "nothing new" in second.stderr
    assert not (tmp_path / "b.fsx").exists()


def test_export_bad_recipient_is_bad_usage(device: SQLiteStore, tmp_path: Path) -> None:
    result = run(export_command, "--out", tmp_path / "a.fsx", "--to", "age1nope",
                 "--db", tmp_path / "device.db")  # fmt: skip
    assert result.exit_code == 2 and result.stderr.startswith("age1nope: not an age public key")


def test_merge_json_reports_a_rejected_file(supervisor: SQLiteStore, tmp_path: Path) -> None:
    (tmp_path / "bad.fsx").write_bytes(b"junk")
    result = run(merge_command, tmp_path / "bad.fsx", "--json", "--db", tmp_path / "supervisor.db")
    assert result.exit_code == 1 and result.stderr == ""
    (file,) = json.loads(result.stdout)["files"]
    assert file["status"] == "rejected" and file["error"].startswith("not a fieldsurvey export")


def test_merge_of_a_missing_file_is_bad_usage(tmp_path: Path) -> None:
    result = run(merge_command, tmp_path / "nope.fsx", "--db", tmp_path / "supervisor.db")
    assert result.exit_code == 2


def test_merging_again_is_reported_as_already_merged(
    device: SQLiteStore, supervisor: SQLiteStore, tmp_path: Path
) -> None:
    add_revision(device, {"q1": 1})
    run(export_command, "--out", tmp_path / "a.fsx", "--db", tmp_path / "device.db")
    run(merge_command, tmp_path / "a.fsx", "--db", tmp_path / "supervisor.db")
    again = run(merge_command, tmp_path / "a.fsx", "--db", tmp_path / "supervisor.db")
    assert again.exit_code == 0
    assert again.stdout == f"{tmp_path / 'a.fsx'}: already merged (1 responses present)\n"
