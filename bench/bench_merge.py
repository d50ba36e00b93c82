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

Each is timed in wall and CPU seconds (CPU: this process and merge's helper process, whose
share is printed too). The ratio is the median of each round's ratio (the baseline measured
in the same round), beside the best (min) and median times; the load average is printed
before and after, as other jobs on a shared machine move every figure. For scale, also the
CPU of only reading the files (unzip, JSON-parse every line, nothing checked or written),
which any merge of these files spends and the baseline does not.

Also, in CPU seconds, the cost of checking records against their questionnaire
(sync/conformance.py): the same merge in one process (no helper) with the checks and with
them stubbed out, in turns (`--checks-only` runs just this); target: the difference <= 25%
of the merge. And the peak memory of a child process doing the merge plus that of its helper;
target <= 150 MiB.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar
from unittest import mock

from fieldsurvey.store.sqlite import SQLiteStore, open_store
from fieldsurvey.sync import helper, merge_file, merge_files, reader
from fieldsurvey.sync.conformance import Clock
from fieldsurvey.sync.fileformat import PARADATA, RESPONSE_COLUMNS, RESPONSES
from sync_benchdata import OUT, make_device

DATA = OUT / "sync"
FILES, DEVICES = DATA / "files", DATA / "devices"
PER_FILE = DATA / "raw-per-file"
RAW = "raw SQLite, file by file"
IMPORT = "raw import of the files"
T = TypeVar("T")
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


Timing = tuple[float, float, float]
"""(wall seconds, CPU seconds of this process and of its finished children, the children's
share of that CPU: merge's helper process)."""


def clocks(work: Callable[[], object]) -> Timing:
    def cpu() -> tuple[float, float]:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return time.process_time(), children.ru_utime + children.ru_stime

    wall, (own, helpers) = time.perf_counter(), cpu()
    work()
    own_after, helpers_after = cpu()
    used = helpers_after - helpers
    return time.perf_counter() - wall, own_after - own + used, used


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


Parts = tuple[float, float, float]
"""CPU seconds of a merge in one process: in all, reading and verifying files (`prepare`),
and inserting their rows (`insert_revisions`); the rest is per-file bookkeeping and commits."""


def timed_single_process(db_path: Path, files: list[Path], *, checks: bool) -> Parts:
    """Merge in this process alone, with or without the checks against the questionnaire.

    CPU seconds of this process (all the work is in it, SQLite included): on a machine
    shared with other jobs, wall time mostly measures them."""
    parts = [0.0, 0.0]

    def timed(k: int, work: Callable[..., T]) -> Callable[..., T]:
        def run(*args: object) -> T:
            start = time.process_time()
            try:
                return work(*args)
            finally:
                parts[k] += time.process_time() - start

        return run

    with contextlib.ExitStack() as patches:
        patch = patches.enter_context
        patch(mock.patch.object(helper, "_worth_a_helper", lambda *_: False))
        patch(mock.patch.object(helper, "prepare", timed(0, helper.prepare)))
        inserting = timed(1, SQLiteStore.insert_revisions)
        patch(mock.patch.object(SQLiteStore, "insert_revisions", inserting))
        if not checks:
            patch(mock.patch.object(reader, "_record_problems", lambda *_: []))
            patch(mock.patch.object(Clock, "first_late", lambda *_: None))
        db = open_store(fresh(db_path))
        start = time.process_time()
        report = merge_files(db, files)
        elapsed = time.process_time() - start
        db.conn.close()
    assert report.all_merged
    return elapsed, parts[0], parts[1]


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


def timed_raw_import(db_path: Path, files: list[Path]) -> tuple[Timing, dict[str, int]]:
    """The same per-file transactions from the export files themselves, nothing checked:
    each file unzipped, its lines parsed as JSON and its rows inserted by executemany (ids
    given, so no round trip per revision), one transaction each."""
    db = open_store(db_path)
    conn = db.conn
    names = ", ".join(("id", *RESPONSE_COLUMNS))
    responses = (
        f"INSERT INTO responses ({names}) VALUES ({', '.join('?' * (1 + len(RESPONSE_COLUMNS)))})"
    )
    answers = "INSERT INTO answers (response, question, value, answered_at) VALUES (?, ?, ?, ?)"
    events = ("INSERT INTO paradata (response, seq, question, event, at, duration_ms, detail) "
              "VALUES (?, ?, ?, ?, ?, ?, ?)")  # fmt: skip

    def work() -> None:
        for path in files:
            with zipfile.ZipFile(path) as archive:
                records = [json.loads(line) for line in archive.read(RESPONSES).splitlines()]
                paradata = [json.loads(line) for line in archive.read(PARADATA).splitlines()]
            conn.execute("BEGIN IMMEDIATE")
            first = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM responses").fetchone()[0]
            ids = {(r["uuid"], r["content_hash"]): k for k, r in enumerate(records, first)}
            rows = [(k, *(r[c] for c in RESPONSE_COLUMNS)) for k, r in enumerate(records, first)]
            conn.executemany(responses, rows)
            numbered = enumerate(records, first)
            conn.executemany(answers, [(k, *a) for k, r in numbered for a in r["answers"]])
            conn.executemany(events, [(ids[(p["uuid"], p["content_hash"])], *event)
                                      for p in paradata for event in p["events"]])  # fmt: skip
            conn.execute("COMMIT")

    timing = clocks(work)
    rows = counts(db)
    db.close()
    return timing, rows


def timed_reading(files: list[Path]) -> float:
    """CPU seconds of only reading the files: every data member unzipped and every line
    parsed as JSON, nothing checked or written; any merge that reads them spends this."""
    start = time.process_time()
    for path in files:
        with zipfile.ZipFile(path) as archive:
            for name in (RESPONSES, PARADATA):
                for line in archive.read(name).splitlines():
                    json.loads(line)
    return time.process_time() - start


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
    checked: list[Parts] = []
    unchecked: list[Parts] = []
    reading: list[float] = []
    merges: list[Timing] = []
    agains: list[Timing] = []
    baselines: dict[str, list[Timing]] = {RAW: [], IMPORT: []}
    for _ in range(args.repeat):
        checked.append(timed_single_process(DATA / "single.db", files, checks=True))
        unchecked.append(timed_single_process(DATA / "single.db", files, checks=False))
        if args.checks_only:
            continue
        merge, again, merged = timed_merge(fresh(DATA / "merged.db"), files)
        raw, raw_rows = timed_raw_per_file(fresh(DATA / "rawmerged.db"))
        imported, imported_rows = timed_raw_import(fresh(DATA / "rawimport.db"), files)
        assert merged == raw_rows == imported_rows, (merged, raw_rows, imported_rows)
        merges.append(merge)
        agains.append(again)
        baselines[RAW].append(raw)
        baselines[IMPORT].append(imported)
        reading.append(timed_reading(files))
    share = statistics.median((c[0] - u[0]) / c[0] for c, u in zip(checked, unchecked, strict=True))
    report("one process, records checked", [c[0] for c in checked], "CPU")
    report("  reading and verifying files", [c[1] for c in checked], "CPU")
    report("  inserting their rows", [c[2] for c in checked], "CPU")
    rest = [c[0] - c[1] - c[2] for c in checked]
    report("  the rest (per file, commits)", rest, "CPU")
    note = f"CPU   checks = {share:.0%} (target <= 25%)"
    report("one process, checks stubbed", [u[0] for u in unchecked], note)
    if not args.checks_only:
        size = sum(p.stat().st_size for p in files) / 2**20
        print(f"{len(files)} files, {size:.1f} MiB; rows: {merged}; {args.repeat} rounds")
        for clock, name in ((0, "wall"), (1, "CPU")):
            merge_s = [m[clock] for m in merges]
            report("merge (all verified)", merge_s, name)
            for label, timings in baselines.items():
                base_s = [b[clock] for b in timings]
                ratio = statistics.median(m / b for m, b in zip(merge_s, base_s, strict=True))
                target = " (<= 1.5)" if label == RAW else ""
                report(label, base_s, f"{name:4s}  merge/this = {ratio:.2f}x{target}")
            again_s = [a[clock] for a in agains]
            again = statistics.median(a / m for a, m in zip(again_s, merge_s, strict=True))
            report("merge all again", again_s, f"{name:4s}  again/first = {again:.3f}x (<= 0.3)")
        report("  merge CPU in its helper", [m[2] for m in merges], "CPU   (reading, verifying)")
        raw_cpu = [r[1] for r in baselines[RAW]]
        floor = statistics.median(r / c for r, c in zip(reading, raw_cpu, strict=True))
        report("reading alone (unzip + JSON)", reading, f"CPU   = {floor:.2f}x raw SQLite CPU")
        own, helper_mib = child_peak_mib(DATA / "child.db")
        print(f"peak memory: merging process {own:.0f} MiB + its helper {helper_mib:.0f} MiB "
              f"= {own + helper_mib:.0f} MiB (target <= 150)")  # fmt: skip
    print(f"load average after: {load()}")


def report(label: str, seconds: list[float], note: str = "") -> None:
    times = f"min {min(seconds):6.2f} s, median {statistics.median(seconds):6.2f} s"
    print(f"{label:30s} {times}  {note}")


if __name__ == "__main__":
    main()
