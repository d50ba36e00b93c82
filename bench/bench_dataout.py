"""Benchmark: analyst exports and the report on 20,000 demo interviews.

    uv run python bench/bench_dataout.py [--formats csv,parquet,sav,dta] [--reps 3]
        [--no-paradata] [--no-report] [--rebuild]

Builds once, cached as bench/out/dataout-20000.db, a database made by `fieldsurvey demo
--responses 20000` (the bundled questionnaire: ~1.2 M answers, ~3 M paradata events; about
two minutes). Then, interleaved and repeated, each in a fresh subprocess:
- `export`: `export_data` to the format (both tables, as `fieldsurvey data` writes them),
  timed around the call, and the process's peak memory (ru_maxrss);
- `baseline`: the same library writing the same two tables from memory: the tables are built
  first, outside the timer (csv.writer, XlsxWriter constant_memory, pyarrow write_table,
  pyreadstat from a ready DataFrame plus csv for paradata);
- `sqlite`: plain SELECTs fetching every row the export reads (responses, answers, paradata)
  through Python's sqlite3, nothing built: the floor of reading the data from SQLite.
Two ratios per format, each export paired with the baselines of its own repetition:
`ratio` = export / baseline (the issue's target, <= 1.5), and `vs read+write` =
export / (sqlite + baseline), the alternative baseline where the first is out of reach
because reading SQLite alone costs more than the library's writing. Peak <= 250 MiB. And
`report`: `make_report` (HTML) against `score()` alone in the same run; target <= 3 s.

`--no-paradata` leaves the paradata table out of the export, the baselines and the SQLite
read: the wide table alone. XLSX is not in the default formats: one run writes 3 M paradata
cells through XlsxWriter for ~2 minutes (it met its target: see docs/data-exports.md); the
defaults finish in about 10 minutes on an idle machine. Results also go to
bench/out/bench_dataout.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).parent / "out"
FORMATS = ("csv", "xlsx", "parquet", "sav", "dta")
DEFAULT_FORMATS = ("csv", "parquet", "sav", "dta")

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from fieldsurvey.paths import bundled_questionnaire_path
from fieldsurvey.questionnaire import load_questionnaire
from fieldsurvey.store.opening import open_store
mode, fmt, db_path, folder, bench, paradata = sys.argv[1:7]
paradata = paradata == "1"
sys.path.insert(0, bench)
db = open_store(db_path)
questionnaire = load_questionnaire(bundled_questionnaire_path())
out = Path(folder) / f"data.{fmt}"
if mode == "export":
    from fieldsurvey.dataout import ExportRequest, export_data
    request = ExportRequest(format=fmt, out=out, force=True, paradata=paradata)
    start = time.perf_counter()
    export_data(db, questionnaire, request)
    elapsed = time.perf_counter() - start
elif mode == "baseline":
    from bench_dataout_baseline import build, prepare, write
    tables = prepare(fmt, build(db, questionnaire, paradata=paradata))
    start = time.perf_counter()
    write(fmt, tables, out)
    elapsed = time.perf_counter() - start
elif mode == "sqlite":
    from bench_dataout_baseline import sqlite_read
    start = time.perf_counter()
    sqlite_read(db_path, questionnaire.id, paradata=paradata)
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

Runs = dict[str, dict[str, list[dict[str, float]]]]

WARM_UP = (
    "import pandas, pyarrow.parquet, pyarrow.json, pyreadstat, xlsxwriter, matplotlib.figure, "
    "fieldsurvey.dataout.export, fieldsurvey.dataout.events, fieldsurvey.dataout.statout, "
    "fieldsurvey.dataout.xlsxout, fieldsurvey.report, fieldsurvey.scoring"
)
"""What the children import: compiled to bytecode once before measuring."""


def environment() -> dict[str, str]:
    """The children's environment, allowed to write bytecode: an installed app has its
    libraries compiled (pip and uv do it on install), and with PYTHONDONTWRITEBYTECODE set
    (as in some sandboxes) every fresh process would compile pandas' source inside the
    export's timer (1-4 s measured) but outside the baseline's, which imports first."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


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


def run(mode: str, fmt: str, db: Path, paradata: bool) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="bench-dataout-") as folder:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, mode, fmt, str(db), folder,
             str(Path(__file__).parent), "1" if paradata else "0"],
            capture_output=True, text=True, check=False, env=environment(),
        )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"{mode} {fmt} failed:\n{done.stderr}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def summary(values: list[float]) -> str:
    return f"min {min(values):.2f} median {statistics.median(values):.2f}"


def seconds(results: Runs, table: str, mode: str) -> list[float]:
    return [r["seconds"] for r in results[table][mode]]


def measure(formats: list[str], reps: int, db: Path, paradata: bool, report: bool) -> Runs:
    """Every run of every repetition, interleaved; each figure printed as it comes, so a run
    cut short by a time limit still says something."""
    results: Runs = {}
    for rep in range(reps):
        runs = [(fmt, mode) for fmt in formats for mode in ("export", "baseline")]
        runs += [("read", "sqlite")]
        runs += [("report", mode) for mode in ("report", "score")] if report else []
        for table, mode in runs:
            found = run(mode, table, db, paradata)
            results.setdefault(table, {}).setdefault(mode, []).append(found)
            print(f"repetition {rep + 1}: {table} {mode} {found['seconds']:.2f} s, "
                  f"peak {found['peak_mib']:.0f} MiB, load {load()}",
                  file=sys.stderr, flush=True)  # fmt: skip
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--formats", default=",".join(DEFAULT_FORMATS),
                        help=f"comma-separated, of {', '.join(FORMATS)}")  # fmt: skip
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--no-paradata", action="store_true", help="the wide table alone")
    parser.add_argument("--no-report", action="store_true")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    formats = [f for f in args.formats.split(",") if f]
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        parser.error(f"unknown formats: {', '.join(unknown)}")
    db = database(args.rebuild)
    subprocess.run([sys.executable, "-c", WARM_UP], check=True, env=environment())
    paradata = not args.no_paradata
    print(f"load at start {load()}; paradata {'in' if paradata else 'left out'}", flush=True)
    results = measure(formats, args.reps, db, paradata, not args.no_report)
    raw = seconds(results, "read", "sqlite")
    lines = []
    for fmt in formats:
        export, base = seconds(results, fmt, "export"), seconds(results, fmt, "baseline")
        ratios = [e / b for e, b in zip(export, base, strict=True)]
        both = [e / (b + r) for e, b, r in zip(export, base, raw, strict=True)]
        peaks = [r["peak_mib"] for r in results[fmt]["export"]]
        lines.append(
            f"{fmt:8} export s {summary(export)} | write from memory s {summary(base)} | "
            f"ratio {summary(ratios)} (target <= 1.5) | vs sqlite read + write "
            f"{summary(both)} | peak MiB max {max(peaks):.0f} (target <= 250)"
        )
    lines.append(f"sqlite read (plain SELECTs of every row, nothing built): s {summary(raw)}")
    if not args.no_report:
        report, scoring = seconds(results, "report", "report"), seconds(results, "report", "score")
        lines.append(f"report   s {summary(report)} (target <= 3) | score() alone s "
                     f"{summary(scoring)}")  # fmt: skip
    lines.append(f"load at end {load()}")
    print("\n".join(lines))
    OUT.mkdir(exist_ok=True)
    record = {"paradata": paradata, "results": results, "summary": lines}
    (OUT / "bench_dataout.json").write_text(json.dumps(record, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
