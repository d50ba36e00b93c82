"""Export files never merged are reported per device as runs of numbers, never one per number."""

from __future__ import annotations

from fieldsurvey.store.records import ImportRow
from fieldsurvey.store.sqlite import SQLiteStore
from fieldsurvey.sync.merge import sequence_gaps


def merged(store: SQLiteStore, device: str, *seqs: int) -> None:
    with store.unit_of_work():
        for seq in seqs:
            store.record_import(ImportRow(f"{device}{seq}", device, seq, "t", "p", 0, 0, 0, 0))


def test_gaps_are_runs_per_device(supervisor: SQLiteStore) -> None:
    merged(supervisor, "tablet-a", 1, 8, 10)
    merged(supervisor, "tablet-b", 1, 2, 3)
    (gap,) = sequence_gaps(supervisor)
    assert (gap.device, gap.ranges, gap.numbers()) == ("tablet-a", [(2, 7), (9, 9)], "2-7, 9")
    assert gap.summary() == "device tablet-a: export files 2-7, 9 not merged yet"


def test_a_million_missing_files_are_one_range(supervisor: SQLiteStore) -> None:
    """The highest number a file may carry leaves one line to read, not a million."""
    merged(supervisor, "tablet-a", 1_000_000)
    (gap,) = sequence_gaps(supervisor)
    assert gap.numbers() == "1-999999" and len(gap.summary()) < 80
