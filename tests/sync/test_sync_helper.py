"""Merging many files: a helper process reads ahead, and nothing depends on it.

Each test merges the same files, good and bad, with the helper and without it (or with one that
cannot start, or dies), and expects the same reports and the same store.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sync_helpers import add_revision, content_dump, new_db

from fieldsurvey.store.sqlite import SQLiteStore
from fieldsurvey.sync import helper, merge_files
from fieldsurvey.sync.errors import Reason
from fieldsurvey.sync.export import export_to_folder
from fieldsurvey.sync.prepare import Prepared, Reading

FILES = 8


@pytest.fixture
def files(device: SQLiteStore, tmp_path: Path) -> list[Path]:
    """Export files of new and edited interviews, with a junk file and a tampered one."""
    folder = tmp_path / "files"
    folder.mkdir()
    paths = []
    for k in range(FILES):
        uuid, first = add_revision(device, {"q1": k, "q2": "é" * k}, events=k)
        if k % 3 == 0:
            add_revision(device, {"q1": -k}, uuid=uuid, parent=first, revision=2)
        result = export_to_folder(device, folder)
        assert result.path is not None
        paths.append(result.path)
    (folder / "junk.fsx").write_bytes(b"junk")
    tampered = folder / "tampered.fsx"
    tampered.write_bytes(paths[2].read_bytes()[:-50])
    return [*paths[:3], folder / "junk.fsx", *paths[3:6], tampered, *paths[6:]]


Patch = tuple[object, str, object]


def merged(
    path: Path, files: list[Path], monkeypatch: pytest.MonkeyPatch, *patches: Patch
) -> tuple[list[tuple[Any, ...]], dict[str, list[tuple[Any, ...]]], int]:
    """Merge into a fresh store with `patches` (object, attribute, value) applied; return the
    reports, the store, and how many files merge read itself."""
    read_here = 0
    real_prepare = helper.prepare

    def counting(file: Path, reading: Reading) -> Prepared:
        nonlocal read_here
        read_here += 1
        return real_prepare(file, reading)

    with monkeypatch.context() as patch:
        patch.setattr(helper, "prepare", counting)
        for target, name, value in patches:
            patch.setattr(target, name, value)
        db = new_db(path)
        report = merge_files(db, files)
    results = [(r.path, r.status, r.error, r.reason, r.added, r.updated) for r in report.files]
    dump = content_dump(db)
    db.close()
    return results, dump, read_here


def helping() -> tuple[Patch, Patch]:
    """A helper for these few small files, and `_Helper._ready` waiting for the child, so that
    tests do not race its start-up."""
    ready: Callable[[Any], bool] = helper._Helper._ready

    def wait(self: Any) -> bool:
        deadline = time.monotonic() + 60
        while not ready(self):
            if self._failed or time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        return True

    return (helper, "MIN_BYTES", 0), (helper._Helper, "_ready", wait)


def alone(path: Path, files: list[Path], monkeypatch: pytest.MonkeyPatch) -> Any:
    result = merged(path, files, monkeypatch, (helper, "MIN_BYTES", 2**62))
    assert result[2] == len(files)
    return result


def test_the_helper_reads_ahead_with_the_same_outcome(
    files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    helped = merged(tmp_path / "helped.db", files, monkeypatch, *helping())
    assert helped[2] == 1  # the first file, which started the helper; it read all the others
    assert helped[:2] == alone(tmp_path / "alone.db", files, monkeypatch)[:2]
    reasons = [result[3] for result in helped[0]]
    assert reasons.count(Reason.NOT_ZIP) == 1 and reasons.count(Reason.DAMAGED_ZIP) == 1


def test_a_helper_that_cannot_start(
    files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = str(tmp_path / "no-such-python")
    patches = (*helping(), (sys, "executable", missing))
    helped = merged(tmp_path / "helped.db", files, monkeypatch, *patches)
    assert helped == alone(tmp_path / "alone.db", files, monkeypatch)


def test_a_helper_that_dies(
    files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It says it is ready, then exits on the first request: merge reads the rest itself."""
    dying = helper._CHILD.replace(
        "import serve; serve()", "import _send, _READY; _send(sys.stdout.buffer, _READY)"
    )
    patches = (*helping(), (helper, "_CHILD", dying))
    helped = merged(tmp_path / "helped.db", files, monkeypatch, *patches)
    assert helped == alone(tmp_path / "alone.db", files, monkeypatch)


def test_merge_restores_the_checkpoint_interval_and_foreign_keys(
    files: list[Path], supervisor: SQLiteStore
) -> None:
    """Merge leaves foreign keys unchecked while it inserts (bulk_writes): every row it
    inserted still has its revision, and the connection checks them again afterwards."""
    assert merge_files(supervisor, files).files[0].added == 1
    assert supervisor.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
    assert supervisor.execute("PRAGMA foreign_key_check").fetchall() == []
    assert supervisor.execute("PRAGMA foreign_keys").fetchone()[0] == 1
