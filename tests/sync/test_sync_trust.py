"""The trust model (docs/trust-model.md): what each signer may change, and `devices`.

Devices are temporary databases; files go through the CLI where the exit code and message
matter, and through `merge_files` where the flags of each revision do. The rules of what a
signer may change are checked on a supervisor's SQLite and on PostgreSQL alike (`boss`).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sync_helpers import add_revision, install, merge_rejects, new_db

from fieldsurvey.cli import main
from fieldsurvey.store.sqlite import SQLiteStore, open_store
from fieldsurvey.sync import Reason, export_to_folder, list_conflicts, merge_files
from fieldsurvey.sync.keys import device_signing_key, public_key_text
from hq import HQ


def run(db: SQLiteStore, *args: str) -> tuple[int, str, str]:
    path = db.execute("PRAGMA database_list").fetchone()[2]
    result = CliRunner().invoke(main, [*args, "--db", path], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def export(db: SQLiteStore, tmp_path: Path, **options: Any) -> Path:
    folder = tmp_path / "stick"
    folder.mkdir(exist_ok=True)
    result = export_to_folder(db, folder, **options)
    assert result.path is not None
    return result.path


@pytest.fixture
def a(tmp_path: Path) -> SQLiteStore:
    return new_db(tmp_path / "a.db")


@pytest.fixture
def b(tmp_path: Path) -> SQLiteStore:
    return new_db(tmp_path / "b.db")


def edited_by_b(a: SQLiteStore, b: SQLiteStore, tmp_path: Path) -> tuple[str, list[Path]]:
    """A interviews; B merges A's file and edits the interview; both files."""
    uuid, first = add_revision(a, {"q1": 1})
    files = [export(a, tmp_path)]
    assert merge_files(b, files).all_merged
    add_revision(b, {"q1": 2}, uuid=uuid, parent=first, revision=2)
    return uuid, [*files, export(b, tmp_path)]


@pytest.fixture
def boss(hq: HQ) -> HQ:
    """The supervisor's database on each backend (SQLite, PostgreSQL), questionnaire installed:
    the trust rules hold on both."""
    install(hq.store)  # type: ignore[arg-type]
    return hq


def run_on(boss: HQ, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [*args, "--db", boss.location], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def boss_heads(boss: HQ, uuid: str) -> dict[str, tuple[int, int]]:
    rows = boss.rows(
        "SELECT device_id, is_head, in_conflict FROM responses WHERE uuid = ? AND revision > 1",
        [uuid],
    )
    return {device: (head, conflict) for device, head, conflict in rows}


def test_first_sight_adds_own_interviews_and_is_logged(
    a: SQLiteStore, boss: HQ, tmp_path: Path
) -> None:
    add_revision(a, {"q1": 1})
    report = merge_files(boss.store, [export(a, tmp_path)])
    assert (report.files[0].added, report.files[0].conflicts) == (1, 0)
    code, out, _ = run_on(boss, "devices", "--json")
    (listed,) = json.loads(out)["devices"]
    assert code == 0 and listed["device_id"] == a.device_id()
    assert (listed["trust"], listed["files"], listed["responses"]) == ("seen", 1, 1)
    assert listed["public_key"] == public_key_text(device_signing_key(a))
    code, out, _ = run_on(boss, "devices", "--log", "--json")
    (entry,) = json.loads(out)["log"]
    assert (entry["action"], entry["device_id"]) == ("learned", a.device_id())
    assert entry["by"].startswith("merge of ") and entry["at"]


def test_a_revision_of_another_devices_interview_is_held_with_its_reason(
    a: SQLiteStore, b: SQLiteStore, boss: HQ,
    tmp_path: Path,
) -> None:  # fmt: skip
    uuid, files = edited_by_b(a, b, tmp_path)
    report = merge_files(boss.store, files)
    assert [(f.added, f.updated, f.conflicts) for f in report.files] == [(1, 0, 0), (0, 0, 1)]
    assert boss_heads(boss, uuid) == {b.device_id(): (0, 1)}
    (conflict,) = list_conflicts(boss.store).conflicts
    held = {v.device_id: v.held for v in conflict.versions}
    assert held[a.device_id()] is None
    assert held[b.device_id()] == (
        f"device {b.device_id()} revised an interview started on {a.device_id()}, "
        "and its key is not trusted for that"
    )
    code, out, _ = run_on(boss, "conflicts")
    assert code == 0 and "held: device" in out


def test_a_trusted_key_may_revise_another_devices_interview(
    a: SQLiteStore, b: SQLiteStore, boss: HQ,
    tmp_path: Path,
) -> None:  # fmt: skip
    uuid, files = edited_by_b(a, b, tmp_path)
    assert merge_files(boss.store, files[:1]).all_merged
    add_revision(b, {"q1": 9})  # B's first file teaches its key
    assert merge_files(boss.store, [export(b, tmp_path, everything=False)]).all_merged
    code, out, _ = run_on(boss, "devices", "trust", b.device_id()[:8])
    assert code == 0 and out == f"{b.device_id()}: seen -> trusted\n"
    report = merge_files(boss.store, files[1:])
    assert report.files[0].updated == 1
    assert boss_heads(boss, uuid) == {b.device_id(): (1, 0)}
    code, out, _ = run_on(boss, "devices", "trust", b.device_id())
    assert out == f"{b.device_id()}: trusted -> trusted\n"
    code, out, _ = run_on(boss, "devices", "--log")
    assert out.count(f"trusted    {b.device_id()}") == 1


def test_keeping_a_held_version_vouches_for_it(
    a: SQLiteStore, b: SQLiteStore, boss: HQ,
    tmp_path: Path,
) -> None:  # fmt: skip
    uuid, files = edited_by_b(a, b, tmp_path)
    merge_files(boss.store, files)
    [(held_hash,)] = boss.rows(
        "SELECT content_hash FROM responses WHERE device_id = ?", [b.device_id()]
    )
    code, _, _ = run_on(boss, "conflicts", "--keep", uuid, held_hash[:10])
    assert code == 0 and boss_heads(boss, uuid) == {b.device_id(): (1, 0)}
    merge_files(boss.store, list(reversed(files)))
    assert boss_heads(boss, uuid) == {b.device_id(): (1, 0)}


def test_interviews_relayed_by_another_device_wait_for_their_maker(
    a: SQLiteStore, b: SQLiteStore, boss: HQ,
    tmp_path: Path,
) -> None:  # fmt: skip
    uuid, _ = add_revision(a, {"q1": 1})
    from_a = export(a, tmp_path)
    merge_files(b, [from_a])
    relayed = export(b, tmp_path, everything=True)
    assert merge_files(boss.store, [relayed]).files[0].conflicts == 1
    row = "SELECT is_head, in_conflict, authority FROM responses WHERE uuid = ?"
    assert boss.rows(row, [uuid]) == [(0, 1, 0)]
    (conflict,) = list_conflicts(boss.store).conflicts
    assert conflict.versions[0].held == (
        f"only relayed by other devices, never sent by its maker {a.device_id()}"
    )
    report = merge_files(boss.store, [from_a])
    assert report.files[0].present == 1
    assert boss.rows(row, [uuid]) == [(1, 0, 1)]


def test_a_file_claiming_this_databases_own_device_is_rejected(
    supervisor: SQLiteStore, tmp_path: Path
) -> None:
    forger = new_db(tmp_path / "forger.db")
    forger.set_setting("device_id", supervisor.device_id())
    add_revision(forger, {"q1": 1})
    stderr = merge_rejects(supervisor, export(forger, tmp_path), Reason.OWN_DEVICE)
    assert supervisor.device_id() in stderr


def test_squatting_is_refused_then_recovered_by_forget(
    a: SQLiteStore, supervisor: SQLiteStore, tmp_path: Path
) -> None:
    squatter = new_db(tmp_path / "squatter.db")
    squatter.set_setting("device_id", a.device_id())
    add_revision(squatter, {"q1": 6})
    assert merge_files(supervisor, [export(squatter, tmp_path)]).all_merged
    add_revision(a, {"q1": 1})
    real = export(a, tmp_path)
    merge_rejects(supervisor, real, Reason.KEY_MISMATCH)
    code, out, _ = run(supervisor, "devices", "forget", a.device_id())
    assert code == 0 and "key forgotten (it was seen)" in out
    assert merge_files(supervisor, [real]).all_merged
    code, out, _ = run(supervisor, "devices", "--log", "--json")
    assert [e["action"] for e in json.loads(out)["log"]] == ["learned", "forgotten", "learned"]


def test_a_blocked_device_is_refused(
    a: SQLiteStore, supervisor: SQLiteStore, tmp_path: Path
) -> None:
    add_revision(a, {"q1": 1})
    merge_files(supervisor, [export(a, tmp_path)])
    assert run(supervisor, "devices", "block", a.device_id())[0] == 0
    add_revision(a, {"q1": 2})
    merge_rejects(supervisor, export(a, tmp_path), Reason.BLOCKED_DEVICE)


def test_enrolled_only(a: SQLiteStore, supervisor: SQLiteStore, tmp_path: Path) -> None:
    add_revision(a, {"q1": 1})
    path = export(a, tmp_path)
    merge_rejects(supervisor, path, Reason.NOT_ENROLLED, "--enrolled-only")
    key = public_key_text(device_signing_key(a))
    code, out, _ = run(supervisor, "devices", "enrol", a.device_id(), key)
    assert code == 0 and out == f"{a.device_id()}: enrolled\n"
    code, _, err = run(supervisor, "merge", str(path), "--enrolled-only")
    assert code == 0, err
    code, out, _ = run(supervisor, "devices", "--json")
    assert json.loads(out)["devices"][0]["trust"] == "enrolled"


def test_enrol_refuses_a_bad_key_and_changes_nothing(supervisor: SQLiteStore) -> None:
    code, out, err = run(supervisor, "devices", "enrol", "tablet-7", "not-a-key")
    assert (code, out) == (2, "")
    assert err == "error: 'not-a-key' is not an Ed25519 public key (base64 of 32 bytes)\n"
    assert run(supervisor, "devices", "--json")[1].strip() == '{\n  "devices": []\n}'


def test_the_same_export_number_with_other_content_is_reported(
    a: SQLiteStore, supervisor: SQLiteStore, tmp_path: Path
) -> None:
    """A device database restored from a backup (or cloned) numbers its files again."""
    a.device_id(), device_signing_key(a)  # made before the copy: the clone shares them
    a.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(tmp_path / "a.db", tmp_path / "clone.db")
    clone = open_store(tmp_path / "clone.db")
    add_revision(a, {"q1": 1})
    add_revision(clone, {"q1": 2})
    first = export(a, tmp_path)
    (tmp_path / "other").mkdir()
    second = export_to_folder(clone, tmp_path / "other").path
    assert second is not None and merge_files(supervisor, [first]).all_merged
    stderr = merge_rejects(supervisor, second, Reason.SEQ_REPLAYED)
    assert f"device {a.device_id()} export 1 was merged before with other content" in stderr


def test_unknown_or_ambiguous_device_names(supervisor: SQLiteStore) -> None:
    code, _, err = run(supervisor, "devices", "trust", "nope")
    assert code == 2 and err == "error: no known device 'nope'; `fieldsurvey devices` lists them\n"
