"""Benchmark: exporting 20,000 interviews (~1M answers, ~1M paradata events) to one file.

    uv run python bench/bench_export.py [--responses 20000] [--rebuild]

Builds (once, cached under bench/out/sync_export/) a device database with the interviews of
sync_benchdata.py, then times `export_file(..., everything=True)` plain and encrypted with
age, each into a fresh file, `--repeat` times (best and median: shared machines are noisy).
Target: <= 2 s.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import time
from pathlib import Path

import pyrage

from fieldsurvey.store.sqlite import open_store
from fieldsurvey.sync import export_file
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


def timed_export(out: Path, recipients: list[pyrage.x25519.Recipient]) -> tuple[float, int]:
    out.unlink(missing_ok=True)
    db = open_store(DEVICE)
    start = time.perf_counter()
    result = export_file(db, out, everything=True, recipients=recipients)
    elapsed = time.perf_counter() - start
    db.close()
    return elapsed, result.responses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    if args.rebuild or not DEVICE.exists():
        build(args.responses)
    recipient = pyrage.x25519.Identity.generate().to_public()
    for label, recipients in (("plain", []), ("encrypted (age)", [recipient])):
        runs = [timed_export(DATA / "export.fsx", recipients) for _ in range(args.repeat)]
        seconds = sorted(elapsed for elapsed, _ in runs)
        size = (DATA / "export.fsx").stat().st_size / 2**20
        median = statistics.median(seconds)
        print(
            f"export {runs[0][1]} responses, {label:16s} best {seconds[0]:5.2f} s, "
            f"median {median:5.2f} s, {size:.1f} MiB (target <= 2 s)"
        )


if __name__ == "__main__":
    main()
