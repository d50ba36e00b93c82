"""A merge that stored some files and then could not store one reports every file's outcome
(exit 1, never 2), and an existing empty `--db` file is made private before keys go in."""

from __future__ import annotations

import stat
from pathlib import Path

from click.testing import CliRunner
from sync_helpers import add_revision, full_dump

from fieldsurvey.cli import main
from fieldsurvey.store.sqlite import SQLiteStore
from fieldsurvey.sync import Reason, export_file, merge_files


def test_a_full_disk_after_the_first_file_rejects_the_rest_and_keeps_the_first(
    device: SQLiteStore, supervisor: SQLiteStore, tmp_path: Path
) -> None:
    add_revision(device, {"q1": 1})
    export_file(device, tmp_path / "a.fsx")
    add_revision(device, {"q2": "x" * 1500}, events=300)
    export_file(device, tmp_path / "b.fsx")

    def fill_the_disk(done: int, total: int) -> None:
        if done == 1:
            pages = supervisor.execute("PRAGMA page_count").fetchone()[0]
            supervisor.execute(f"PRAGMA max_page_count = {pages}")
            state.append(full_dump(supervisor))

    state: list[list[str]] = []
    report = merge_files(
        supervisor, [tmp_path / "a.fsx", tmp_path / "b.fsx"], on_progress=fill_the_disk
    )
    first, second = report.files
    assert (first.status, first.added) == ("merged", 1)
    assert (second.status, second.reason) == ("rejected", Reason.STORE_FAILED)
    assert second.error == "the records could not be stored (the disk is full)"
    assert not report.all_merged  # the CLI exits 1
    assert full_dump(supervisor) == state[0]


def test_an_existing_empty_db_file_is_made_private(tmp_path: Path) -> None:
    db = tmp_path / "touched.db"
    db.touch(mode=0o644)
    db.chmod(0o644)
    result = CliRunner().invoke(
        main, ["export", "--out", str(tmp_path / "x.fsx"), "--db", str(db)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
