"""Properties of sync, over histories hypothesis makes up: devices that interview, edit,
export and pass files to each other (so edits diverge), and a supervisor who merges.

- export then merge keeps every revision, answer and paradata event exactly;
- merge is idempotent;
- merging the same files in any order gives the same store.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from random import Random
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sync_helpers import add_revision, content_dump, new_db

from fieldsurvey.store.sqlite import SQLiteStore
from fieldsurvey.sync import export_to_folder, merge_files

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

answers = st.fixed_dictionaries(
    {},
    optional={"q1": st.integers(-(2**53), 2**53), "q2": st.text(max_size=20)},
)
"""Answers that fit the test questionnaire (q1 integer, q2 text): merge checks each one."""
rounds = st.lists(
    st.tuples(
        st.integers(0, 1),  # the device at work
        st.lists(answers, max_size=2),  # new interviews
        st.lists(st.tuples(answers, st.integers(0, 9)), max_size=2),  # edits of a head
        st.booleans(),  # export everything, not just what is new
        st.booleans(),  # hand the file to the other device, which merges it
    ),
    min_size=1,
    max_size=6,
)
"""A history in rounds: a device interviews and edits, exports, and maybe passes the file on."""

DIVERGING = [
    (0, [{"q1": 1}], [], False, True),  # device 0 interviews; device 1 gets the file
    (1, [], [({"q1": 2}, 0)], False, False),  # device 1 edits it
    (0, [], [({"q1": 3}, 0)], False, False),  # device 0 edits it too: the edits diverge
    (1, [], [({"q1": 4}, 0)], True, False),  # device 1 edits again and exports everything
]
"""A history random search finds only now and then, so it is always tried."""


@contextmanager
def workspace() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


def play(root: Path, history: list[tuple[Any, ...]]) -> list[Path]:
    """Run a history on two devices; return every export file, in the order made."""
    devices = [new_db(root / f"device{n}.db") for n in range(2)]
    files: list[Path] = []
    for step, (worker, new, edits, everything, hand_on) in enumerate(history):
        db = devices[worker]
        for values in new:
            add_revision(db, values, at=f"2026-01-01T00:00:{step:02d}.000+00:00")
        for values, pick in edits:
            _edit(db, values, pick, step)
        result = export_to_folder(db, root, everything=everything)
        if result.path is not None:
            files.append(result.path)
            if hand_on:
                merge_files(devices[1 - worker], [result.path])
    for db in devices:
        db.close()
    return files


def _edit(db: SQLiteStore, values: dict[str, Any], pick: int, step: int) -> None:
    heads = db.execute(
        "SELECT uuid, content_hash, revision FROM responses WHERE is_head = 1 "
        "AND content_hash IS NOT NULL ORDER BY uuid"
    ).fetchall()
    if heads:
        uuid, parent, revision = heads[pick % len(heads)]
        add_revision(db, values, uuid=uuid, parent=parent, revision=revision + 1,
                     at=f"2026-01-02T00:00:{step:02d}.000+00:00")  # fmt: skip


def merged(root: Path, name: str, files: list[Path]) -> SQLiteStore:
    db = new_db(root / f"{name}.db")
    report = merge_files(db, files)
    assert report.all_merged, report
    return db


@SETTINGS
@given(st.lists(st.tuples(answers, st.integers(0, 5)), min_size=1, max_size=6))
def test_export_then_merge_keeps_everything(interviews: list[tuple[dict[str, Any], int]]) -> None:
    with workspace() as root:
        device = new_db(root / "device.db")
        for values, events in interviews:
            add_revision(device, values, events=events)
        result = export_to_folder(device, root)
        supervisor = merged(root, "supervisor", [result.path] if result.path else [])
        assert content_dump(supervisor) == content_dump(device)


@SETTINGS
@given(rounds)
@example(DIVERGING)
def test_merge_is_idempotent(history: list[tuple[Any, ...]]) -> None:
    with workspace() as root:
        files = play(root, history)
        supervisor = merged(root, "supervisor", files)
        once = content_dump(supervisor)
        again = merge_files(supervisor, files)
        assert all(result.added + result.updated + result.conflicts == 0 for result in again.files)
        assert content_dump(supervisor) == once


@SETTINGS
@given(rounds, st.randoms(use_true_random=False))
@example(DIVERGING, Random(1))
@example(DIVERGING, Random(2))
def test_merge_order_does_not_matter(history: list[tuple[Any, ...]], random: Any) -> None:
    with workspace() as root:
        files = play(root, history)
        shuffled = random.sample(files, len(files))
        forward = merged(root, "forward", files)
        other = merged(root, "shuffled", shuffled)
        assert content_dump(other) == content_dump(forward)
