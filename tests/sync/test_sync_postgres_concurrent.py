"""Several supervisors merging into one PostgreSQL database at once (issue #17): real
processes running `fieldsurvey merge`, on different files and on the same files. Nothing
deadlocks or fails, no revision is stored twice, no file is lost, and the result is the one
a single sequential merge gives."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sync_helpers import add_revision, new_db

from fieldsurvey.store.opening import open_supervisor_store
from fieldsurvey.store.postgres import PostgresStore
from fieldsurvey.sync import export_to_folder, merge_files

FILES_PER_DEVICE = 4


@pytest.fixture(scope="module")
def export_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Two devices, each with files that add interviews and revise earlier ones."""
    root = tmp_path_factory.mktemp("concurrent")
    files: list[Path] = []
    for n in range(2):
        device = new_db(root / f"device{n}.db")
        heads: list[tuple[str, str | None, int]] = []
        for step in range(FILES_PER_DEVICE):
            at = f"2026-03-0{step + 1}T00:00:00.000+00:00"
            revised = []
            for uuid, parent, revision in heads[:5]:  # revise five earlier interviews
                _, digest = add_revision(device, {"q1": step, "q2": "edit"}, uuid=uuid,
                                         parent=parent, revision=revision + 1, at=at)  # fmt: skip
                revised.append((uuid, digest, revision + 1))
            heads = revised + heads[5:]
            for k in range(40):
                answers = {"q1": k, "q2": f"device {n}", **{f"q{q}": q for q in range(3, 30)}}
                uuid, digest = add_revision(device, answers, at=at)
                heads.append((uuid, digest, 1))
            result = export_to_folder(device, root)
            assert result.path is not None
            files.append(result.path)
        device.close()
    return files


def merge_in_processes(
    url: str, groups: list[list[Path]]
) -> list[subprocess.CompletedProcess[str]]:
    """Start one `fieldsurvey merge` per group at once; wait for all of them."""
    running = [
        subprocess.Popen(
            [sys.executable, "-m", "fieldsurvey", "merge", "--db", url, *map(str, group)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for group in groups
    ]  # fmt: skip
    done = []
    for process in running:
        out, err = process.communicate(timeout=240)
        done.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    return done


def state(store: Any) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    responses = store.execute(
        "SELECT uuid, content_hash, is_head::int, in_conflict::int FROM responses "
        "ORDER BY uuid, content_hash"
    ).fetchall()
    imports = store.execute(
        "SELECT file_sha256, device_id, export_seq, added + present + updated + conflicts "
        "FROM imports ORDER BY file_sha256"
    ).fetchall()
    return responses, imports


@pytest.fixture(scope="module")
def sequential(export_files: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The state one supervisor merging every file in turn reaches (SQLite)."""
    db = open_supervisor_store(tmp_path_factory.mktemp("seq") / "seq.db")
    merge_files(db, export_files)
    responses = db.execute(  # type: ignore[attr-defined]
        "SELECT uuid, content_hash, is_head, in_conflict FROM responses ORDER BY uuid, content_hash"
    ).fetchall()
    db.close()
    return [tuple(row) for row in responses]


def test_two_supervisors_merging_different_files_at_once(
    pg_url: str, export_files: list[Path], sequential: Any
) -> None:
    halves = [export_files[0::2], export_files[1::2]]
    results = merge_in_processes(pg_url, halves)
    for result in results:
        assert result.returncode == 0, result.stderr
        assert "rejected" not in result.stdout + result.stderr
    store = open_supervisor_store(pg_url)
    assert isinstance(store, PostgresStore)
    responses, imports = state(store)
    store.close()
    assert len(imports) == len(export_files)  # no file lost
    assert len({(u, h) for u, h, *_ in responses}) == len(responses)  # no duplicate
    assert responses == sequential


def test_two_supervisors_merging_the_same_files_at_once(
    pg_url: str, export_files: list[Path], sequential: Any
) -> None:
    results = merge_in_processes(pg_url, [export_files, list(reversed(export_files))])
    for result in results:
        assert result.returncode == 0, result.stderr
    store = open_supervisor_store(pg_url)
    responses, imports = state(store)
    store.close()
    assert len(imports) == len(export_files)
    assert responses == sequential
    # each file's revisions counted once as new work, the other merge found it merged
    assert sum(count for *_, count in imports) == sum(1 for _ in responses)
