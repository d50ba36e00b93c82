"""Benchmark: analyst exports and the report on 20,000 demo interviews.

    uv run python bench/bench_dataout.py [--formats csv,xlsx,...] [--reps 3] [--rebuild]

Builds once, cached as bench/out/dataout-20000.db, a database made by `fieldsurvey demo
--responses 20000` (the bundled questionnaire: ~1.2 M answers, ~2.5 M paradata events; about
two minutes). Then, interleaved and repeated, each in a fresh subprocess:
- `export`: `export_data` to the format (both tables, as `fieldsurvey data` writes them),
  timed around the call, and the process's peak memory (ru_maxrss);
- `baseline`: the same library writing the same two tables from memory: the tables are built
  first, outside the timer (csv.writer, XlsxWriter constant_memory, pyarrow write_table,
  pyreadstat from a ready DataFrame plus csv for paradata).
- `sqlite`: plain SELECTs fetching every row the export reads (responses, answers, paradata)
  through Python's sqlite3, nothing built: the floor of reading the data from SQLite.
Two ratios per format, each export paired with the baselines of its own repetition:
`ratio` = export / baseline (the issue's target, <= 1.5), and `ratio vs read+write` =
export / (sqlite + baseline), the alternative baseline where the first is out of reach
because reading SQLite alone costs more than the library's writing. Peak <= 250 MiB. `read`
times building the tables through the exporter's own code, no writing. And `report`:
`make_report` (HTML) against `score()` alone in the same run; target <= 3 s. Prints min
and median of each.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).parent / "out"
FORMATS = ("csv", "xlsx", "parquet", "sav", "dta")

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from fieldsurvey.paths import bundled_questionnaire_path
from fieldsurvey.questionnaire import load_questionnaire
from fieldsurvey.store.opening import open_store
mode, fmt, db_path, folder, bench = sys.argv[1:6]
db = open_store(db_path)
questionnaire = load_questionnaire(bundled_questionnaire_path())
out = Path(folder) / f"data.{fmt}"
if mode == "export":
    from fieldsurvey.dataout import ExportRequest, export_data
    start = time.perf_counter()
    export_data(db, questionnaire, ExportRequest(format=fmt, out=out, force=True))
    elapsed = time.perf_counter() - start
elif mode == "baseline":
    sys.path.insert(0, bench)
    from bench_dataout_baseline import build, prepare, write
    tables = prepare(fmt, build(db, questionnaire))
    start = time.perf_counter()
    write(fmt, tables, out)
    elapsed = time.perf_counter() - start
elif mode == "read":
    sys.path.insert(0, bench)
    from bench_dataout_baseline import build
    start = time.perf_counter()
    build(db, questionnaire)
    elapsed = time.perf_counter() - start
elif mode == "sqlite":
    sys.path.insert(0, bench)
    from bench_dataout_baseline import sqlite_read
    start = time.perf_counter()
    sqlite_read(db_path, questionnaire.id)
    elapsed = time.perf_counter() - start
elif mode == "report":
    from fieldsurvey.report import make_report
    start = time.perf_counter()
    make_report(db, questionnaire, Path(folder) / "report.html", force=True)
    elapsed = time.perf_counter() - start
else:
    from fieldsurvey.scoring import score
    start = time.perf_counter()
    score(db, questionnaire)
    elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": elapsed, "peak_mib": peak}))
"""


def database(rebuild: bool) -> Path:
    """The cached 20,000-interview database, made by the demo command when missing."""
    path = OUT / "dataout-20000.db"
    if rebuild:
        for stale in OUT.glob("dataout-20000.db*"):
            stale.unlink()
    if not path.exists():
        OUT.mkdir(exist_ok=True)
        subprocess.run(
            ["fieldsurvey", "demo", "--db", str(path), "--responses", "20000"], check=True
        )
    return path


def run(mode: str, fmt: str, db: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="bench-dataout-") as folder:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, mode, fmt, str(db), folder, str(Path(__file__).parent)],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"{mode} {fmt} failed:\n{done.stderr}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def summary(values: list[float]) -> str:
    return f"min {min(values):.2f} median {statistics.median(values):.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    db = database(args.rebuild)
    formats = [f for f in args.formats.split(",") if f]
    results: dict[str, dict[str, list[dict[str, float]]]] = {}
    for rep in range(args.reps):
        runs = [(fmt, mode) for fmt in formats for mode in ("export", "baseline")]
        runs += [("report", mode) for mode in ("report", "score", "read", "sqlite")]
        for table, mode in runs:
            found = run(mode, "html" if table == "report" else table, db)
            results.setdefault(table, {}).setdefault(mode, []).append(found)
            # each figure as it comes: a run cut short by a time limit still says something
            print(
                f"repetition {rep + 1}: {table} {mode} {found['seconds']:.2f} s, "
                f"peak {found['peak_mib']:.0f} MiB",
                file=sys.stderr,
                flush=True,
            )
    raw = [r["seconds"] for r in results["report"]["sqlite"]]
    for fmt in formats:
        export = [r["seconds"] for r in results[fmt]["export"]]
        base = [r["seconds"] for r in results[fmt]["baseline"]]
        ratios = [e / b for e, b in zip(export, base, strict=True)]
        both = [e / (b + r) for e, b, r in zip(export, base, raw, strict=True)]
        peaks = [r["peak_mib"] for r in results[fmt]["export"]]
        print(f"{fmt:8} export s {summary(export)} | write from memory s {summary(base)} | "
              f"ratio {summary(ratios)} (target <= 1.5) | ratio vs sqlite read + write "
              f"{summary(both)} | peak MiB max {max(peaks):.0f} (target <= 250)")  # fmt: skip
    report = [r["seconds"] for r in results["report"]["report"]]
    scoring = [r["seconds"] for r in results["report"]["score"]]
    print(f"report   s {summary(report)} (target <= 3) | score() alone s {summary(scoring)}")
    read = [r["seconds"] for r in results["report"]["read"]]
    print(f"sqlite read (plain SELECTs of every row, nothing built): s {summary(raw)}")
    print(f"the exporter's own tables built in Python, no writing: s {summary(read)}")


if __name__ == "__main__":
    main()
