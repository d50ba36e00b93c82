"""Benchmark: merging 200 export files holding 1M answers, against raw SQLite per file.

    uv run python bench/bench_merge.py [--repeat 3] [--rebuild] [--checks-only]

Generates once (cached under bench/out/sync/): 20 devices x 10 files x 100 interviews = 20,000
revisions, ~1M answers and ~1M paradata events (see sync_benchdata.py). Then, in turns,
`--repeat` rounds of:

- merge all 200 files into a fresh database (`merge_files`: every file verified: signature,
  digests, every record against its questionnaire, every content hash; one transaction per
  file; a helper process reads ahead);
- the baseline, raw SQLite file by file: the same rows as 200 SQLite files, each ATTACHed
  and INSERT OR IGNOREd in its own transaction, as merge must: what the per-file commits
  cost SQLite itself, checks aside; target merge <= 1.5x this (#10);
- merging all 200 again; target <= 0.3x the first merge.

Each is timed in wall and CPU seconds (CPU: this process and merge's helper process). The
ratio is the median of each round's ratio (the baseline measured in the same round), beside
the best (min) and median times; the load average is printed before and after, as other
jobs on a shared machine move every figure.

Also, in CPU seconds, the cost of checking records against their questionnaire
(sync/conformance.py): the same merge in one process (no helper) with the checks and with
them stubbed out, in turns (`--checks-only` runs just this); target: the difference <= 25%
of the merge. And the peak memory of a child process doing the merge plus that of its helper;
target <= 150 MiB.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from unittest import mock

from fieldsurvey.store.sqlite import SQLiteStore, open_store
from fieldsurvey.sync import helper, merge_file, merge_files, reader
from fieldsurvey.sync.conformance import Clock
from sync_benchdata import OUT, make_device

DATA = OUT / "sync"
FILES, DEVICES = DATA / "files", DATA / "devices"
PER_FILE = DATA / "raw-per-file"
TABLES = {"responses": ["uuid", "content_hash"], "answers": ["uuid", "content_hash", "question"],
          "paradata": ["uuid", "content_hash", "seq"]}  # fmt: skip


def generate(devices: int, files_per_device: int, per_file: int) -> None:
    shutil.rmtree(DATA, ignore_errors=True)
    for folder in (FILES, DEVICES):
        folder.mkdir(parents=True)
    for n in range(devices):
        make_device(DEVICES / f"d{n:02d}.db", FILES, files_per_device, per_file, seed=n)
    build_raw_per_file()


def build_raw_per_file() -> None:
    """Each export file's rows as a SQLite file, ids offset so that no two files collide."""
    PER_FILE.mkdir(parents=True, exist_ok=True)
    for k, path in enumerate(sorted(FILES.iterdir())):
        db = open_store(PER_FILE / f"{path.stem}.db")
        assert merge_file(db, path).status == "merged"
        offset = (k + 1) * 10_000_000
        db.execute("PRAGMA foreign_keys = OFF")
        with db.conn:
            db.execute(f"UPDATE responses SET id = id + {offset}")
            for table in ("answers", "paradata"):
                db.execute(f"UPDATE {table} SET response = response + {offset}")
        db.execute("PRAGMA journal_mode = DELETE")
        db.close()


def fresh(path: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


Timing = tuple[float, float]
"""(wall seconds, CPU seconds of this process and of its finished children)."""


def clocks(work: Callable[[], object]) -> Timing:
    def cpu() -> float:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return time.process_time() + children.ru_utime + children.ru_stime

    wall, used = time.perf_counter(), cpu()
    work()
    return time.perf_counter() - wall, cpu() - used


def counts(db: SQLiteStore) -> dict[str, int]:
    return {t: db.execute(f"SELECT count(*) FROM main.{t}").fetchone()[0] for t in TABLES}


def timed_merge(db_path: Path, files: list[Path]) -> tuple[Timing, Timing, dict[str, int]]:
    """The first merge of every file, then merging them all again."""
    db = open_store(db_path)
    reports = []
    first = clocks(lambda: reports.append(merge_files(db, files)))
    again = clocks(lambda: reports.append(merge_files(db, files)))
    assert reports[0].all_merged, [f.error for f in reports[0].files if f.error][:3]
    assert all(f.already_merged for f in reports[1].files)
    rows = counts(db)
    db.close()
    return first, again, rows


def timed_single_process(db_path: Path, files: list[Path], *, checks: bool) -> float:
    """Merge in this process alone, with or without the checks against the questionnaire.

    Returns CPU seconds of this process (all the work is in it, SQLite included): on a
    machine shared with other jobs, wall time mostly measures them."""
    with contextlib.ExitStack() as patches:
        patches.enter_context(mock.patch.object(helper, "_worth_a_helper", lambda *_: False))
        if not checks:
            patches.enter_context(mock.patch.object(reader, "_record_problems", lambda *_: []))
            patches.enter_context(mock.patch.object(Clock, "first_late", lambda *_: None))
        db = open_store(fresh(db_path))
        start = time.process_time()
        report = merge_files(db, files)
        elapsed = time.process_time() - start
        db.conn.close()
    assert report.all_merged
    return elapsed


def timed_raw_per_file(db_path: Path) -> tuple[Timing, dict[str, int]]:
    """Each file's rows INSERT OR IGNOREd from an ATTACHed SQLite file, one transaction each."""
    db = open_store(db_path)
    sources = sorted(PER_FILE.glob("*.db"))
    insert = {table: _insert(db, table) for table in TABLES}

    def work() -> None:
        for source in sources:
            db.execute("ATTACH DATABASE ? AS src", [str(source)])
            db.execute("BEGIN IMMEDIATE")
            for statement in insert.values():
                db.execute(statement)
            db.execute("COMMIT")
            db.execute("DETACH DATABASE src")

    timing = clocks(work)
    rows = counts(db)
    db.close()
    return timing, rows


def _insert(db: SQLiteStore, table: str) -> str:
    """INSERT OR IGNORE of the stored columns (table_info leaves out generated ones)."""
    names = ", ".join(row[1] for row in db.execute(f"PRAGMA main.table_info({table})"))
    return f"INSERT OR IGNORE INTO main.{table} ({names}) SELECT {names} FROM src.{table}"


def child_peak_mib(db_path: Path) -> tuple[float, float]:
    """Peak resident memory of a separate process that merges every file, and of its helper.

    Linux's VmHWM is the peak of this process image alone (ru_maxrss would include what the
    parent held when it forked); RUSAGE_CHILDREN gives the largest of its children, the helper.
    Their sum bounds the peak of both together.
    """
    code = (
        "import resource, sys; from pathlib import Path;"
        "from fieldsurvey.store.sqlite import open_store; from fieldsurvey.sync import merge_files;"
        "merge_files(open_store(sys.argv[2]), sorted(Path(sys.argv[1]).iterdir()));"
        "status = Path('/proc/self/status').read_text().splitlines();"
        "print(next(line.split()[1] for line in status if line.startswith('VmHWM')),"
        "      resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    args = [sys.executable, "-c", code, str(FILES), str(fresh(db_path))]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    own, helper = out.split()
    return int(own) / 1024, int(helper) / 1024


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", type=int, default=20)
    parser.add_argument("--files-per-device", type=int, default=10)
    parser.add_argument("--per-file", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--checks-only", action="store_true")
    args = parser.parse_args()
    if args.rebuild or not PER_FILE.exists():
        start = time.perf_counter()
        generate(args.devices, args.files_per_device, args.per_file)
        print(f"generated data in {time.perf_counter() - start:.1f} s")
    files = sorted(FILES.iterdir())
    print(f"load average before: {load()}")
    checked, unchecked = [], []
    merges: list[Timing] = []
    agains: list[Timing] = []
    raws: list[Timing] = []
    for _ in range(args.repeat):
        checked.append(timed_single_process(DATA / "single.db", files, checks=True))
        unchecked.append(timed_single_process(DATA / "single.db", files, checks=False))
        if args.checks_only:
            continue
        merge, again, merged = timed_merge(fresh(DATA / "merged.db"), files)
        raw, raw_rows = timed_raw_per_file(fresh(DATA / "rawmerged.db"))
        assert merged == raw_rows, (merged, raw_rows)
        merges.append(merge)
        agains.append(again)
        raws.append(raw)
    share = statistics.median((c - u) / c for c, u in zip(checked, unchecked, strict=True))
    report("one process, records checked", checked, "CPU")
    report("one process, checks stubbed", unchecked, f"CPU   checks = {share:.0%} (target <= 25%)")
    if not args.checks_only:
        size = sum(p.stat().st_size for p in files) / 2**20
        print(f"{len(files)} files, {size:.1f} MiB; rows: {merged}; {args.repeat} rounds")
        for clock, name in ((0, "wall"), (1, "CPU")):
            merge_s, raw_s = [m[clock] for m in merges], [r[clock] for r in raws]
            ratio = statistics.median(m / r for m, r in zip(merge_s, raw_s, strict=True))
            again_s = [a[clock] for a in agains]
            again = statistics.median(a / m for a, m in zip(again_s, merge_s, strict=True))
            report("raw SQLite, file by file", raw_s, name)
            report("merge (all verified)", merge_s, f"{name:4s}  merge/raw = {ratio:.2f}x (<= 1.5)")
            report("merge all again", again_s, f"{name:4s}  again/first = {again:.3f}x (<= 0.3)")
        own, helper_mib = child_peak_mib(DATA / "child.db")
        print(f"peak memory: merging process {own:.0f} MiB + its helper {helper_mib:.0f} MiB "
              f"= {own + helper_mib:.0f} MiB (target <= 150)")  # fmt: skip
    print(f"load average after: {load()}")


def report(label: str, seconds: list[float], note: str = "") -> None:
    times = f"min {min(seconds):6.2f} s, median {statistics.median(seconds):6.2f} s"
    print(f"{label:30s} {times}  {note}")


if __name__ == "__main__":
    main()
