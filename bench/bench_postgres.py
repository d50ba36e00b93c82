"""Benchmark: merging export files into PostgreSQL against raw psycopg COPY of the same rows.

    uv run python bench/bench_postgres.py [--devices 4] [--files 10] [--per-file 50]
                                          [--repeat 3] [--url postgresql://...] [--keep NAME]
                                          [--parts merge,processes]
    uv run python bench/bench_postgres.py --scores-only NAME --url postgresql://... [--repeat 5]

Without `--url` a temporary server is started as the tests start theirs (tests/pgserver.py,
fsync off: both sides alike). Generates once (cached under bench/out/pg/) devices x files
export files of per-file interviews (~50 answers and ~50 paradata events each, see
sync_benchdata.py). Then, in turns, `--repeat` times, each into a fresh database:

- merge: `merge_files` of every file (signatures, digests, content hashes and records
  checked; one transaction per file; bulk rows by COPY);
- raw COPY: the same rows (read from the devices beforehand, grouped by the file that carried
  them), one transaction per file: reserve the ids, COPY responses, answers and paradata;
  no checks. Target (issue #17): merge <= 1.5x raw;
- one `fieldsurvey merge` process of all files, and two processes of disjoint halves at once
  (two supervisors); the speed-up of the pair is reported (this machine has 2 cores, and
  writers queue on one lock: the reading and checking overlap, the writing does not);
- scores by persona (`scoring.score`: packing in SQL, areas in numpy) against a hand-written
  GROUP BY of Likert means by persona and question on the same database.

Prints each time as it is measured, then min and median of each and the ratios of the mins
and of the medians. The issue's scale (2,000 files, 10M answers) is `--devices 20 --files 100
--per-file 100`. `--keep NAME` leaves the first merged database on the server under that name;
`--scores-only NAME` then times only scores against the GROUP BY on it, in turns.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg

from fieldsurvey.paths import bundled_questionnaire_path
from fieldsurvey.questionnaire import load_questionnaire
from fieldsurvey.scoring import score
from fieldsurvey.store.postgres import open_store
from fieldsurvey.store.postgres.imports import ANSWER_COLUMNS, EVENT_COLUMNS, copy_rows
from fieldsurvey.sync import merge_files
from fieldsurvey.sync.fileformat import RESPONSE_COLUMNS
from sync_benchdata import OUT, make_device

DATA = OUT / "pg"
Batch = tuple[list[tuple[Any, ...]], list[list[Any]], list[list[Any]]]
"""One file's rows: responses, and per response its answers and its events."""


def generate(devices: int, files: int, per_file: int) -> Path:
    """The folder of this size's devices and files (each size cached apart: done marks it
    complete)."""
    folder = DATA / f"{devices}x{files}x{per_file}"
    if not (folder / "done").exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.unlink(missing_ok=True)  # an older cache marked a size by a file of this name
        (folder / "files").mkdir(parents=True)
        for n in range(devices):
            make_device(folder / f"d{n:02d}.db", folder / "files", files, per_file, seed=n)
        (folder / "done").touch()
    return folder


def batches(folder: Path) -> list[Batch]:
    """Each file's rows as merge stores them, read from the devices (exported_seq says which
    file carried a revision)."""
    found: list[Batch] = []
    columns = ", ".join(RESPONSE_COLUMNS)
    for device in sorted(folder.glob("d*.db")):
        conn = sqlite3.connect(device)
        seqs = [row[0] for row in conn.execute(
            "SELECT DISTINCT exported_seq FROM responses WHERE exported_seq IS NOT NULL "
            "ORDER BY 1")]  # fmt: skip
        for seq in seqs:
            rows = conn.execute(
                f"SELECT id, {columns}, is_head, in_conflict FROM responses "
                "WHERE exported_seq = ? ORDER BY id",
                [seq],
            ).fetchall()
            answers = [
                conn.execute(
                    f"SELECT {', '.join(ANSWER_COLUMNS)} FROM answers WHERE response = ?", [row[0]]
                ).fetchall()
                for row in rows
            ]
            events = [
                conn.execute(
                    f"SELECT {', '.join(EVENT_COLUMNS)} FROM paradata WHERE response = ?", [row[0]]
                ).fetchall()
                for row in rows
            ]
            found.append(([(*row[1:-2], bool(row[-2]), bool(row[-1]), 2) for row in rows],
                          answers, events))  # fmt: skip
        conn.close()
    return found


def raw_copy(url: str, files: list[Batch]) -> None:
    names = ("id", *RESPONSE_COLUMNS, "is_head", "in_conflict", "authority")
    with psycopg.connect(url, autocommit=True) as conn:
        for responses, answers, events in files:
            with conn.transaction():
                ids = [row[0] for row in conn.execute(
                    "SELECT nextval(pg_get_serial_sequence('responses', 'id')) "
                    "FROM generate_series(1, %s)", [len(responses)])]  # fmt: skip
                copy_rows(
                    conn,
                    "responses",
                    names,
                    ((i, *row) for i, row in zip(ids, responses, strict=True)),
                )
                copy_rows(
                    conn,
                    "answers",
                    ("response", *ANSWER_COLUMNS),
                    ((i, *a) for i, rows in zip(ids, answers, strict=True) for a in rows),
                )
                copy_rows(
                    conn,
                    "paradata",
                    ("response", *EVENT_COLUMNS),
                    ((i, *e) for i, rows in zip(ids, events, strict=True) for e in rows),
                )


def merge_processes(url: str, groups: list[list[Path]]) -> None:
    running = [subprocess.Popen([sys.executable, "-m", "fieldsurvey", "merge", "--db", url,
                                 *map(str, group)], stdout=subprocess.DEVNULL)
               for group in groups]  # fmt: skip
    for process in running:
        assert process.wait() == 0


class Databases:
    """Fresh databases cloned from a migrated template, dropped after use unless named."""

    def __init__(self, url: Callable[[str], str]) -> None:
        self.url = url
        self.admin = psycopg.connect(url("postgres"), autocommit=True)
        self.admin.execute("DROP DATABASE IF EXISTS bench_template")
        self.admin.execute("CREATE DATABASE bench_template")
        open_store(url("bench_template")).close()
        self.count = 0

    @contextlib.contextmanager
    def fresh(self, keep: str | None = None) -> Iterator[str]:
        self.count += 1
        name = keep or f"bench_{self.count}"
        self.admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        self.admin.execute(f"CREATE DATABASE {name} TEMPLATE bench_template")
        try:
            yield self.url(name)
        finally:
            if keep is None:
                self.admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


def group_by(store: Any) -> list[tuple[Any, ...]]:
    """Likert means by persona and question, as an analyst would write it."""
    rows: list[tuple[Any, ...]] = store.execute(
        "SELECT r.persona, a.question, avg(a.value::numeric) FROM responses r "
        "JOIN answers a ON a.response = r.id WHERE r.status = 'complete' AND r.is_head "
        "AND a.value ~ '^[0-9]+$' GROUP BY 1, 2"
    ).fetchall()
    return rows


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--devices", type=int, default=4)
    parser.add_argument("--files", type=int, default=10, help="export files per device")
    parser.add_argument("--per-file", type=int, default=50, help="interviews per file")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--url",
        default=None,
        help="a server URL: databases bench_* are created and dropped there "
        "(default: a temporary server)",
    )
    parser.add_argument("--keep", metavar="NAME", help="keep the first merged database as NAME")
    parser.add_argument(
        "--parts",
        default=",".join(PARTS),
        help=f"which comparisons to run, comma-separated (default: all of {', '.join(PARTS)})",
    )
    parser.add_argument(
        "--scores-only",
        metavar="NAME",
        help="only time scores against the GROUP BY, on database NAME at --url",
    )
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    if not parts <= set(PARTS):
        parser.error(f"--parts: choose from {', '.join(PARTS)}")
    if args.scores_only:
        if args.url is None:
            parser.error("--scores-only needs --url")
        report(time_scores(named(args.url)(args.scores_only), args.repeat))
        return
    folder = generate(args.devices, args.files, args.per_file)
    files = sorted((folder / "files").iterdir())
    rows = batches(folder) if "merge" in parts else []
    answers = sum(len(a) for _, batch, _ in rows for a in batch)
    revisions = sum(len(r) for r, _, _ in rows)
    say(f"{len(files)} files" + (f", {revisions:,} revisions, {answers:,} answers" if rows else ""))
    with server(args.url) as url:
        report(run(Databases(url), files, rows, args.repeat, args.keep, parts))


Times = dict[str, list[float]]


def say(text: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {text}", flush=True)


PARTS = ("merge", "processes")
"""merge: merge_files against raw COPY, then scores on the merged database; processes: one
`fieldsurvey merge` process against two on disjoint halves."""


def run(
    dbs: Databases,
    files: list[Path],
    rows: list[Batch],
    repeat: int,
    keep: str | None,
    parts: set[str],
) -> Times:
    times: Times = {k: [] for k in ("merge", "raw COPY", "one process", "two processes")}

    def measure(name: str, work: Callable[[], object]) -> None:
        times[name].append(timed(work))
        say(f"{name}: {times[name][-1]:.2f} s")

    for turn in range(repeat):
        if "merge" in parts:
            with dbs.fresh(keep if turn == 0 else None) as url:
                store = open_store(url)
                measure("merge", functools.partial(merge_files, store, files))
                store.close()
                for name, values in time_scores(url, 1).items():
                    times.setdefault(name, []).extend(values)
            with dbs.fresh() as url:
                measure("raw COPY", functools.partial(raw_copy, url, rows))
        if "processes" in parts:
            with dbs.fresh() as url:
                measure("one process", functools.partial(merge_processes, url, [files]))
            with dbs.fresh() as url:
                halves = [files[0::2], files[1::2]]
                measure("two processes", functools.partial(merge_processes, url, halves))
    return times


def time_scores(url: str, repeat: int) -> Times:
    """Scores by persona and the hand-written GROUP BY, in turns, on one database, after one
    untimed run of each (imports such as scipy's, the page cache: both sides start warm)."""
    questionnaire = load_questionnaire(bundled_questionnaire_path())
    times: Times = {"scores by persona": [], "hand-written GROUP BY": []}
    store = open_store(url)
    score(store, questionnaire, "persona")
    group_by(store)
    for _ in range(repeat):
        times["scores by persona"].append(
            timed(functools.partial(score, store, questionnaire, "persona"))
        )
        times["hand-written GROUP BY"].append(timed(functools.partial(group_by, store)))
        say(" / ".join(f"{name}: {values[-1]:.2f} s" for name, values in times.items()))
    store.close()
    return times


def report(times: Times) -> None:
    for name, values in ((n, v) for n, v in times.items() if v):
        print(f"{name:>22}: min {min(values):.2f} s, median {statistics.median(values):.2f} s")
    pairs = [("merge", "raw COPY", 1.5), ("two processes", "one process", 1.1),
             ("scores by persona", "hand-written GROUP BY", 1.5)]  # fmt: skip
    for name, baseline, target in pairs:
        if times.get(name) and times.get(baseline):
            low = min(times[name]) / min(times[baseline])
            middle = statistics.median(times[name]) / statistics.median(times[baseline])
            # each turn's own ratio: the machine's speed drifts between turns by 25-100%
            turns = sorted(a / b for a, b in zip(times[name], times[baseline], strict=False))
            print(f"{name} / {baseline}: {low:.2f}x (min), {middle:.2f}x (median); "
                  f"turn by turn {turns[0]:.2f}-{turns[-1]:.2f}x, median "
                  f"{statistics.median(turns):.2f}x (target <= {target}x)")  # fmt: skip


def named(url: str) -> Callable[[str], str]:
    """URLs of other databases on the server of `url` (its path names the database)."""
    parts = urllib.parse.urlsplit(url)
    return lambda name: urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


@contextlib.contextmanager
def server(url: str | None) -> Iterator[Callable[[str], str]]:
    if url is not None:
        yield named(url)
        return
    sys.path.insert(0, str(Path(__file__).parent.parent / "tests"))
    import pgserver

    started = pgserver.start()
    try:
        yield started.url
    finally:
        started.stop()


if __name__ == "__main__":
    main()
