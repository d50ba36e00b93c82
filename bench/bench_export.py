"""Benchmark: exporting 20,000 interviews (~1M answers, ~1M paradata events) to one file.

    uv run python bench/bench_export.py [--responses 20000] [--repeat 7] [--rebuild]

Builds (once, cached under bench/out/sync_export/; migrated when older, rebuilt when of
another size or from a newer fieldsurvey) a device database with the interviews of
sync_benchdata.py. One untimed round warms the page cache. Then, in turns, `--repeat`
rounds (min and median, wall and CPU, the ratio to the baseline of the same round, the load
average: shared machines are noisy) of:

- a bare baseline: the same rows selected and serialised by the same SQL, zipped with
  zipfile at the same compression level, in one thread; nothing checked, hashed or signed;
- `export_file(..., everything=True)`: every column of every line checked against the
  format's bounds, every member hashed, the manifest signed, the file written atomically;
- the same encrypted with age.

Targets (#10): an export <= 1.5x the baseline in wall and CPU time, and <= 2 s. On a shared
machine wall time mostly measures the other jobs: the CPU time of the busiest thread (the
baseline has one, the export two: SQLite and Python in one, hashing and compressing in the
other) is what the wall time would be with the cores free.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import random
import shutil
import sqlite3
import statistics
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pyrage

from fieldsurvey.store.errors import StoreError
from fieldsurvey.store.records import ExportSelection
from fieldsurvey.store.sqlite import SQLiteStore, open_store
from fieldsurvey.sync import export_file
from fieldsurvey.sync.fileformat import PARADATA, RESPONSES
from fieldsurvey.sync.zipwriter import COMPRESS_LEVEL
from sync_benchdata import OUT, interview_batch, open_device

DATA = OUT / "sync_export"
DEVICE = DATA / "device.db"
BATCH = 1000


def build(responses: int) -> None:
    shutil.rmtree(DATA, ignore_errors=True)
    DATA.mkdir(parents=True)
    db, base = open_device(DEVICE, seed=0)
    rng = random.Random(0)
    for batch in range(responses // BATCH):
        interview_batch(db, base, BATCH, batch, rng)
    db.close()


def cached(responses: int) -> bool:
    """The cached database, migrated to this schema now (never while timed), has this size."""
    if not DEVICE.exists():
        return False
    try:
        db = open_store(DEVICE)
    except StoreError:  # made by a newer fieldsurvey, or damaged
        return False
    try:
        rows = db.execute("SELECT count(*) FROM responses").fetchone()[0]
    finally:
        db.close()
    return bool(rows == responses // BATCH * BATCH)


Timing = tuple[float, float, float]
"""(wall seconds, CPU seconds of the process (every thread), CPU seconds of its busiest
thread: the wall time it would take on an idle machine with a core per thread, near enough,
and the figure to read when the load average is above the number of cores)."""


@contextlib.contextmanager
def clocks(into: list[Timing]) -> Iterator[None]:
    wall, cpu, own = time.perf_counter(), time.process_time(), time.thread_time()
    yield
    cpu, own = time.process_time() - cpu, time.thread_time() - own
    into.append((time.perf_counter() - wall, cpu, max(own, cpu - own)))


def timed(work: Callable[[SQLiteStore], object], out: Path) -> Timing:
    out.unlink(missing_ok=True)
    db = open_store(DEVICE)
    timing: list[Timing] = []
    with clocks(timing):
        work(db)
    db.close()
    return timing[0]


def bare(out: Path) -> Callable[[SQLiteStore], None]:
    """The same lines, zipped and nothing else: what any export must at least do."""

    def work(db: SQLiteStore) -> None:
        selection = ExportSelection(device=db.device_id(), everything=True)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL) as zip_:
            for name, lines in (
                (RESPONSES, db.response_lines(selection)),
                (PARADATA, db.paradata_lines(selection)),
            ):
                with zip_.open(name, "w") as stream:
                    while batch := list(itertools.islice(lines, 1000)):
                        stream.write(b"\n".join(line.json for line in batch) + b"\n")

    return work


def export(out: Path, recipients: list[pyrage.x25519.Recipient]) -> Callable[[SQLiteStore], None]:
    def work(db: SQLiteStore) -> None:
        export_file(db, out, everything=True, recipients=recipients)

    return work


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    if args.rebuild or not cached(args.responses):
        build(args.responses)
    recipient = pyrage.x25519.Identity.generate().to_public()
    out = DATA / "export.fsx"
    kinds: dict[str, tuple[Path, Callable[[SQLiteStore], None]]] = {
        "bare baseline": (DATA / "bare.zip", bare(DATA / "bare.zip")),
        "plain": (out, export(out, [])),
        "encrypted (age)": (out, export(out, [recipient])),
    }
    print(f"SQLite {sqlite3.sqlite_version}, {os.cpu_count()} CPUs, {args.responses} revisions")
    print(f"load average before: {load()}")
    times: dict[str, list[Timing]] = {label: [] for label in kinds}
    for round_ in range(args.repeat + 1):  # round 0 only warms the page cache
        for label, (path, work) in kinds.items():
            timing = timed(work, path)
            if round_ > 0:
                times[label].append(timing)
    print("target: export <= 1.5x the baseline and <= 2 s; CPU counts every thread; busiest:")
    print("the CPU time of the busiest thread, about the wall time with the cores free")
    clocks_ = ((0, "wall"), (1, "CPU"), (2, "busiest"))
    for label, runs in times.items():
        for clock, name in clocks_:
            seconds = [run[clock] for run in runs]
            base = [run[clock] for run in times["bare baseline"]]
            ratio = statistics.median(s / b for s, b in zip(seconds, base, strict=True))
            print(
                f"export {args.responses // 1000}k, {label:16s} {name:7s} min {min(seconds):5.2f}"
                f" s, median {statistics.median(seconds):5.2f} s, {ratio:.2f}x the baseline"
            )
    print(f"load average after: {load()}")
    if max(os.getloadavg()) > (os.cpu_count() or 1):
        print("the machine was busy: wall times measure its queue; read the busiest thread")


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
