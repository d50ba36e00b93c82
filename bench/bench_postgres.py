"""Benchmark: merging export files into PostgreSQL against raw psycopg COPY of the same rows.

    uv run python bench/bench_postgres.py [--devices 4] [--files 10] [--per-file 50]
                                          [--repeat 3] [--url postgresql://...]

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

Prints min and median of each, and the ratios of the medians.
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


def generate(devices: int, files: int, per_file: int) -> list[Path]:
    marker = DATA / f"{devices}x{files}x{per_file}"
    if not marker.exists():
        shutil.rmtree(DATA, ignore_errors=True)
        (DATA / "files").mkdir(parents=True)
        for n in range(devices):
            make_device(DATA / f"d{n:02d}.db", DATA / "files", files, per_file, seed=n)
        marker.touch()
    return sorted((DATA / "files").iterdir())


def batches() -> list[Batch]:
    """Each file's rows as merge stores them, read from the devices (exported_seq says which
    file carried a revision)."""
    found: list[Batch] = []
    columns = ", ".join(RESPONSE_COLUMNS)
    for device in sorted(DATA.glob("d*.db")):
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
    """Fresh databases cloned from a migrated template, dropped after use."""

    def __init__(self, url: Callable[[str], str]) -> None:
        self.url = url
        self.admin = psycopg.connect(url("postgres"), autocommit=True)
        self.admin.execute("DROP DATABASE IF EXISTS bench_template")
        self.admin.execute("CREATE DATABASE bench_template")
        open_store(url("bench_template")).close()
        self.count = 0

    @contextlib.contextmanager
    def fresh(self) -> Iterator[str]:
        self.count += 1
        name = f"bench_{self.count}"
        self.admin.execute(f"CREATE DATABASE {name} TEMPLATE bench_template")
        try:
            yield self.url(name)
        finally:
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
    parser.add_argument("--files", type=int, default=10)
    parser.add_argument("--per-file", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--url",
        default=None,
        help="A server URL without the database name "
        "part's effect: databases bench_* are created and dropped there",
    )
    args = parser.parse_args()
    files = generate(args.devices, args.files, args.per_file)
    rows = batches()
    answers = sum(len(a) for _, batch, _ in rows for a in batch)
    print(f"{len(files)} files, {sum(len(r) for r, _, _ in rows):,} revisions, {answers:,} answers")
    with server(args.url) as url:
        run(Databases(url), files, rows, args.repeat)


def run(dbs: Databases, files: list[Path], rows: list[Batch], repeat: int) -> None:
    times: dict[str, list[float]] = {k: [] for k in
                                     ("merge", "raw COPY", "one process", "two processes",
                                      "scores by persona", "hand-written GROUP BY")}  # fmt: skip
    questionnaire = load_questionnaire(bundled_questionnaire_path())
    for _ in range(repeat):
        with dbs.fresh() as url:
            store = open_store(url)
            times["merge"].append(timed(functools.partial(merge_files, store, files)))
            times["scores by persona"].append(
                timed(functools.partial(score, store, questionnaire, "persona"))
            )
            times["hand-written GROUP BY"].append(timed(functools.partial(group_by, store)))
            store.close()
        with dbs.fresh() as url:
            times["raw COPY"].append(timed(functools.partial(raw_copy, url, rows)))
        with dbs.fresh() as url:
            times["one process"].append(timed(functools.partial(merge_processes, url, [files])))
        with dbs.fresh() as url:
            halves = [files[0::2], files[1::2]]
            times["two processes"].append(timed(functools.partial(merge_processes, url, halves)))
    for name, values in times.items():
        print(f"{name:>22}: min {min(values):.2f} s, median {statistics.median(values):.2f} s")
    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"merge / raw COPY: {median['merge'] / median['raw COPY']:.2f}x (target <= 1.5x)")
    print(
        f"two processes / one process: "
        f"{median['two processes'] / median['one process']:.2f}x (target <= 1.1x)"
    )
    print(
        f"scores / GROUP BY: "
        f"{median['scores by persona'] / median['hand-written GROUP BY']:.2f}x (target <= 1.5x)"
    )


@contextlib.contextmanager
def server(url: str | None) -> Iterator[Callable[[str], str]]:
    if url is not None:
        base = url.rsplit("/", 1)[0]
        yield lambda name: f"{base}/{name}"
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
