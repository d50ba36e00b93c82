"""Benchmark: exporting 20,000 interviews (~1M answers, ~1M paradata events) to one file.

    uv run python bench/bench_export.py [--responses 20000] [--rebuild]

Builds (once, cached under bench/out/sync_export/) a device database with the interviews of
sync_benchdata.py, then times, in turns, `--repeat` times (min and median, wall and CPU,
with the load average: shared machines are noisy):

- a bare baseline: the same rows selected and serialised by the same SQL, zipped with
  zipfile at the same compression level, in one thread; nothing validated, hashed or signed;
- `export_file(..., everything=True)` plain, and encrypted with age.

Targets: export <= 1.5x the baseline (#10), and <= 2 s.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import random
import shutil
import statistics
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pyrage

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


Timing = tuple[float, float]
"""(wall seconds, CPU seconds of the process, every thread included)."""


@contextlib.contextmanager
def clocks(into: list[Timing]) -> Iterator[None]:
    wall, cpu = time.perf_counter(), time.process_time()
    yield
    into.append((time.perf_counter() - wall, time.process_time() - cpu))


def timed_export(out: Path, recipients: list[pyrage.x25519.Recipient]) -> Timing:
    out.unlink(missing_ok=True)
    db = open_store(DEVICE)
    timing: list[Timing] = []
    with clocks(timing):
        export_file(db, out, everything=True, recipients=recipients)
    db.close()
    return timing[0]


def timed_bare(out: Path) -> Timing:
    """The same lines, zipped and nothing else: what any export must at least do."""
    out.unlink(missing_ok=True)
    db = open_store(DEVICE)
    timing: list[Timing] = []
    with clocks(timing):
        _bare(db, out)
    db.close()
    return timing[0]


def _bare(db: SQLiteStore, out: Path) -> None:
    selection = ExportSelection(device=db.device_id(), everything=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL) as zip_:
        for name, lines in (
            (RESPONSES, db.response_lines(selection)),
            (PARADATA, db.paradata_lines(selection)),
        ):
            with zip_.open(name, "w") as stream:
                while batch := list(itertools.islice(lines, 1000)):
                    stream.write(b"\n".join(line.json for line in batch) + b"\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    if args.rebuild or not DEVICE.exists():
        build(args.responses)
    recipient = pyrage.x25519.Identity.generate().to_public()
    kinds = {"bare baseline": None, "plain": [], "encrypted (age)": [recipient]}
    print(f"load average before: {load()}")
    times: dict[str, list[Timing]] = {label: [] for label in kinds}
    for _ in range(args.repeat):
        for label, recipients in kinds.items():
            if recipients is None:
                times[label].append(timed_bare(DATA / "bare.zip"))
            else:
                times[label].append(timed_export(DATA / "export.fsx", recipients))
    print("target: export <= 1.5x the baseline and <= 2 s; CPU counts every thread")
    for label, runs in times.items():
        for clock, name in ((0, "wall"), (1, "CPU")):
            seconds = [run[clock] for run in runs]
            bare = [run[clock] for run in times["bare baseline"]]
            ratio = statistics.median(s / b for s, b in zip(seconds, bare, strict=True))
            print(
                f"export 20k, {label:16s} {name:4s} min {min(seconds):5.2f} s, median "
                f"{statistics.median(seconds):5.2f} s, {ratio:.2f}x the baseline"
            )
    print(f"load average after: {load()}")


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
