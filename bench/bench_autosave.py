"""Durable autosave: the time `Interview.answer()` takes to commit one answer.

Baseline in the same run: a bare sqlite3 one-row commit on the same disk with the same
durability (WAL, synchronous=FULL). The two are measured alternately so both see the same
disk. Target: median <= 5 ms.

    uv run python bench/bench_autosave.py [--runs N] [--dir DIRECTORY]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from fieldsurvey.engine import start_interview
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.store.sqlite import open_store

LABEL = {"en": "label"}
QUESTIONNAIRE = {
    "id": "autosave",
    "version": "1",
    "title": LABEL,
    "languages": ["en"],
    "default_language": "en",
    "personas": [{"id": "worker", "label": LABEL}],
    "scales": [
        {
            "id": "agree5",
            "points": [{"value": v, "label": LABEL} for v in range(1, 6)],
            "dk": {"value": "dk", "label": LABEL},
        }
    ],
    "survey": [
        {"type": "integer", "id": "age", "label": LABEL, "constraint": ". >= 15"},
        {"type": "calculate", "id": "older", "calculation": "${age} >= 60"},
        {"type": "text", "id": "pension", "label": LABEL, "relevant": "${older}"},
        *[{"type": "likert", "id": f"item{i}", "label": LABEL} for i in range(20)],
    ],
}


def bare_commit(conn: sqlite3.Connection, key: int) -> None:
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT OR REPLACE INTO kv (k, v) VALUES (?, ?)", [key % 50, str(key)])
    conn.execute("COMMIT")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=400)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        bare = sqlite3.connect(Path(folder) / "bare.db", isolation_level=None)
        bare.execute("PRAGMA journal_mode = WAL")
        bare.execute("PRAGMA synchronous = FULL")
        bare.execute("CREATE TABLE kv (k INTEGER PRIMARY KEY, v TEXT)")
        db = open_store(Path(folder) / "survey.db")
        interview = start_interview(db, Questionnaire.model_validate(QUESTIONNAIRE))
        baseline: list[float] = []
        ours: list[float] = []
        for run in range(args.runs):
            start = time.perf_counter()
            bare_commit(bare, run)
            baseline.append((time.perf_counter() - start) * 1000)
            question, value = (
                ("age", 20 + run % 70) if run % 3 else (f"item{run % 20}", 1 + run % 5)
            )
            start = time.perf_counter()
            assert interview.answer(question, value) is None
            ours.append((time.perf_counter() - start) * 1000)
        base, mine = statistics.median(baseline), statistics.median(ours)
        print(f"directory: {args.dir} ({args.runs} commits each, WAL + synchronous=FULL)")
        print(f"bare sqlite3 one-row commit (baseline): median {base:6.3f} ms")
        ratio = mine / base
        print(f"Interview.answer() durable autosave:    median {mine:6.3f} ms   ratio {ratio:.2f}x")
        print(f"target <= 5 ms: {'met' if mine <= 5 else 'NOT met'}")


if __name__ == "__main__":
    main()
