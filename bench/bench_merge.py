"""Benchmark: merging 200 export files holding 1M answers, against raw SQLite and pandas.

    uv run python bench/bench_merge.py [--rebuild]
    uv run --with pandas python bench/bench_merge.py     # adds the pandas comparison

Generates once (cached under bench/out/sync/): 20 devices x 10 files x 100 interviews = 20,000
revisions, ~1M answers and ~1M paradata events (see sync_benchdata.py). Then, in one run:

- merge all 200 files into a fresh database (`merge_files`: decrypt-free, every file verified:
  signature, digests, every content hash; one transaction per file);
- raw SQLite: ATTACH a database holding the same rows and INSERT OR IGNORE them (no checks)
  in one transaction; target merge <= 1.5x raw;
- raw SQLite file by file (reported beside it): the same rows as 200 SQLite files, each
  ATTACHed and INSERT OR IGNOREd in its own transaction, as merge must (one transaction per
  file): what the per-file commits cost SQLite itself, checks aside;
- pandas: read the same data as CSV, concat, drop_duplicates; target merge >= 10x faster;
- merging all 200 again; target <= 0.3x the first merge;
- the cost of checking records against their questionnaire (sync/conformance.py): the same
  merge in one process (no helper) with the checks and with them stubbed out, in turns, in
  CPU seconds (`--checks-only` runs just this);
  target: the difference <= 25% of the merge (with the helper the checks also overlap the
  writes, so this is the worst case);
- peak memory of a child process doing the merge, plus that of merge's helper process (which
  reads files ahead, see fieldsurvey/sync/helper.py); target <= 150 MiB.

Merge and raw SQLite run in turns, `--repeat` times (shared machines are noisy): the ratios are
the medians of each round's ratio, beside the best and median times.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import shutil
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from unittest import mock

from fieldsurvey.store.records import RESPONSE_FIELDS
from fieldsurvey.store.sqlite import open_store
from fieldsurvey.sync import helper, merge_file, merge_files, reader
from fieldsurvey.sync.conformance import Clock
from sync_benchdata import OUT, make_device

DATA = OUT / "sync"
FILES, DEVICES, CSVS = DATA / "files", DATA / "devices", DATA / "csv"
RAW = DATA / "raw.db"
PER_FILE = DATA / "raw-per-file"
TABLES = {"responses": ["uuid", "content_hash"], "answers": ["uuid", "content_hash", "question"],
          "paradata": ["uuid", "content_hash", "seq"]}  # fmt: skip


def generate(devices: int, files_per_device: int, per_file: int) -> None:
    shutil.rmtree(DATA, ignore_errors=True)
    for folder in (FILES, DEVICES, CSVS):
        folder.mkdir(parents=True)
    for n in range(devices):
        make_device(DEVICES / f"d{n:02d}.db", FILES, files_per_device, per_file, seed=n)
    build_raw()
    build_raw_per_file()
    for path in sorted(FILES.iterdir()):
        to_csv(path)


def build_raw() -> None:
    """One database holding every device's rows, ids offset so they do not collide."""
    raw = open_store(RAW)
    columns = ", ".join(c for c in RESPONSE_FIELDS if c != "id")
    for k, device in enumerate(sorted(DEVICES.glob("*.db"))):
        offset = (k + 1) * 10_000_000
        raw.execute("ATTACH DATABASE ? AS d", [str(device)])
        raw.execute("BEGIN")
        raw.execute(f"INSERT INTO responses (id, {columns}) SELECT id + {offset}, {columns} "
                    "FROM d.responses")  # fmt: skip
        raw.execute(f"INSERT INTO answers SELECT response + {offset}, question, value, "
                    "answered_at FROM d.answers")  # fmt: skip
        raw.execute(f"INSERT INTO paradata SELECT response + {offset}, seq, question, event, at, "
                    "duration_ms, detail FROM d.paradata")  # fmt: skip
        raw.execute("COMMIT")
        raw.execute("DETACH DATABASE d")
    raw.close()


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


def to_csv(path: Path) -> None:
    """The export file's data as three CSV files, for the pandas comparison."""
    with zipfile.ZipFile(path) as archive:
        records = [json.loads(line) for line in archive.read("responses.jsonl").splitlines()]
        events = [json.loads(line) for line in archive.read("paradata.jsonl").splitlines()]
    rows = {
        "responses": [{k: v for k, v in r.items() if k != "answers"} for r in records],
        "answers": [{"uuid": r["uuid"], "content_hash": r["content_hash"], "question": q,
                     "value": v, "answered_at": at} for r in records for q, v, at in r["answers"]],
        "paradata": [{"uuid": p["uuid"], "content_hash": p["content_hash"], "seq": e[0],
                      "question": e[1], "event": e[2], "at": e[3], "duration_ms": e[4],
                      "detail": e[5]} for p in events for e in p["events"]],
    }  # fmt: skip
    for table, table_rows in rows.items():
        with (CSVS / f"{path.stem}.{table}.csv").open("w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, fieldnames=list(table_rows[0]))
            writer.writeheader()
            writer.writerows(table_rows)


def fresh(path: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


def timed_merge(db_path: Path, files: list[Path]) -> tuple[float, float, dict[str, int]]:
    db = open_store(db_path)
    start = time.perf_counter()
    report = merge_files(db, files)
    first = time.perf_counter() - start
    assert report.all_merged, [f.error for f in report.files if f.error][:3]
    start = time.perf_counter()
    again = merge_files(db, files)
    second = time.perf_counter() - start
    assert all(f.already_merged for f in again.files)
    counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    db.close()
    return first, second, counts


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


def timed_raw(db_path: Path) -> tuple[float, dict[str, int]]:
    db = open_store(db_path)
    start = time.perf_counter()
    db.execute("ATTACH DATABASE ? AS src", [str(RAW)])
    db.execute("BEGIN IMMEDIATE")
    for table in TABLES:
        db.execute(f"INSERT OR IGNORE INTO main.{table} SELECT * FROM src.{table}")
    db.execute("COMMIT")
    elapsed = time.perf_counter() - start
    counts = {t: db.execute(f"SELECT count(*) FROM main.{t}").fetchone()[0] for t in TABLES}
    db.close()
    return elapsed, counts


def timed_raw_per_file(db_path: Path) -> tuple[float, dict[str, int]]:
    db = open_store(db_path)
    sources = sorted(PER_FILE.glob("*.db"))
    start = time.perf_counter()
    for source in sources:
        db.execute("ATTACH DATABASE ? AS src", [str(source)])
        db.execute("BEGIN IMMEDIATE")
        for table in TABLES:
            db.execute(f"INSERT OR IGNORE INTO main.{table} SELECT * FROM src.{table}")
        db.execute("COMMIT")
        db.execute("DETACH DATABASE src")
    elapsed = time.perf_counter() - start
    counts = {t: db.execute(f"SELECT count(*) FROM main.{t}").fetchone()[0] for t in TABLES}
    db.close()
    return elapsed, counts


def timed_pandas() -> float | None:
    try:
        import pandas as pd  # optional: uv run --with pandas python bench/bench_merge.py
    except ImportError:
        return None
    start = time.perf_counter()
    for table, keys in TABLES.items():
        frames = [pd.read_csv(path) for path in sorted(CSVS.glob(f"*.{table}.csv"))]
        pd.concat(frames, ignore_index=True).drop_duplicates(subset=keys)
    return time.perf_counter() - start


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", type=int, default=20)
    parser.add_argument("--files-per-device", type=int, default=10)
    parser.add_argument("--per-file", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--checks-only", action="store_true")
    args = parser.parse_args()
    if args.rebuild or not RAW.exists() or not PER_FILE.exists():
        start = time.perf_counter()
        generate(args.devices, args.files_per_device, args.per_file)
        print(f"generated data in {time.perf_counter() - start:.1f} s")
    files = sorted(FILES.iterdir())
    merges, agains, raws, per_files, checked, unchecked = [], [], [], [], [], []
    for _ in range(args.repeat):
        checked.append(timed_single_process(DATA / "single.db", files, checks=True))
        unchecked.append(timed_single_process(DATA / "single.db", files, checks=False))
        if args.checks_only:
            continue
        merge_s, again_s, merged = timed_merge(fresh(DATA / "merged.db"), files)
        raw_s, raw_counts = timed_raw(fresh(DATA / "rawmerged.db"))
        per_file_s, per_file_counts = timed_raw_per_file(fresh(DATA / "rawmerged.db"))
        assert merged == raw_counts == per_file_counts, (merged, raw_counts, per_file_counts)
        merges.append(merge_s)
        agains.append(again_s)
        raws.append(raw_s)
        per_files.append(per_file_s)
    share = statistics.median((c - u) / c for c, u in zip(checked, unchecked, strict=True))
    report("one process, records checked", checked, "CPU s")
    report("one process, checks stubbed", unchecked, f"CPU s; checks = {share:.0%} (target <= 25%)")
    if args.checks_only:
        return
    pandas_s = timed_pandas()
    own, helper = child_peak_mib(DATA / "child.db")
    size = sum(p.stat().st_size for p in files) / 2**20
    print(f"{len(files)} files, {size:.1f} MiB; rows: {merged}; {args.repeat} rounds")
    ratio = statistics.median(m / r for m, r in zip(merges, raws, strict=True))
    report("merge (all verified)", merges)
    report("raw SQLite INSERT OR IGNORE", raws, f"merge/raw = {ratio:.2f}x (target <= 1.5)")
    per_file = statistics.median(m / r for m, r in zip(merges, per_files, strict=True))
    report("raw SQLite, file by file", per_files, f"merge/raw per file = {per_file:.2f}x")
    if pandas_s is None:
        print("pandas: not installed; run `uv run --with pandas python bench/bench_merge.py`")
    else:
        note = f"pandas/merge = {pandas_s / statistics.median(merges):.1f}x (target >= 10)"
        report("pandas concat + drop_duplicates", [pandas_s], note)
    again = statistics.median(a / m for a, m in zip(agains, merges, strict=True))
    report("merge all again", agains, f"again/first = {again:.3f}x (target <= 0.3)")
    print(f"peak memory: merging process {own:.0f} MiB + its helper {helper:.0f} MiB "
          f"= {own + helper:.0f} MiB (target <= 150)")  # fmt: skip


def report(label: str, seconds: list[float], note: str = "") -> None:
    times = f"best {min(seconds):6.2f} s, median {statistics.median(seconds):6.2f} s"
    print(f"{label:32s} {times}  {note}")


if __name__ == "__main__":
    main()
