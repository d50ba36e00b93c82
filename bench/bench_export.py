"""Benchmark: exporting 20,000 interviews (~1M answers, ~1M paradata events) to one file.

    uv run python bench/bench_export.py [--responses 20000] [--rebuild]

Builds (once, cached under bench/out/sync_export/) a device database with the interviews of
sync_benchdata.py, then times, in turns, `--repeat` times (best and median: shared machines
are noisy):

- a bare baseline: the same rows selected and serialised by the same SQL, zipped with
  zipfile at the same compression level, in one thread; nothing validated, hashed or signed;
- `export_file(..., everything=True)` plain, and encrypted with age.

Targets: export <= 1.5x the baseline (#10), and <= 2 s.
"""

from __future__ import annotations

import argparse
import itertools
import random
import shutil
import statistics
import time
import zipfile
from pathlib import Path

import pyrage

from fieldsurvey.store.db import device_id, open_database
from fieldsurvey.sync import export_file
from fieldsurvey.sync.fileformat import PARADATA, RESPONSES
from fieldsurvey.sync.records import Selection, paradata_lines, response_lines
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
    db.conn.close()


def timed_export(out: Path, recipients: list[pyrage.x25519.Recipient]) -> tuple[float, int]:
    out.unlink(missing_ok=True)
    db = open_database(DEVICE)
    start = time.perf_counter()
    result = export_file(db, out, everything=True, recipients=recipients)
    elapsed = time.perf_counter() - start
    db.conn.close()
    return elapsed, result.responses


def timed_bare(out: Path) -> float:
    """The same lines, zipped and nothing else: what any export must at least do."""
    out.unlink(missing_ok=True)
    db = open_database(DEVICE)
    start = time.perf_counter()
    selection = Selection(device=device_id(db), everything=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL) as zip_:
        for name, lines in (
            (RESPONSES, response_lines(db, selection)),
            (PARADATA, paradata_lines(db, selection)),
        ):
            with zip_.open(name, "w") as stream:
                while batch := list(itertools.islice(lines, 1000)):
                    stream.write(b"\n".join(batch) + b"\n")
    elapsed = time.perf_counter() - start
    db.conn.close()
    return elapsed


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
    times: dict[str, list[float]] = {label: [] for label in kinds}
    for _ in range(args.repeat):
        for label, recipients in kinds.items():
            if recipients is None:
                times[label].append(timed_bare(DATA / "bare.zip"))
            else:
                times[label].append(timed_export(DATA / "export.fsx", recipients)[0])
    bare = times["bare baseline"]
    for label, seconds in times.items():
        ratio = statistics.median(s / b for s, b in zip(seconds, bare, strict=True))
        print(
            f"export 20k, {label:16s} best {min(seconds):5.2f} s, median "
            f"{statistics.median(seconds):5.2f} s, {ratio:.2f}x the baseline "
            "(target <= 1.5x, <= 2 s)"
        )


if __name__ == "__main__":
    main()
