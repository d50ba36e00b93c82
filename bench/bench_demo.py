"""`fieldsurvey demo --responses N` (default 20,000, about 1.2M answers): target <= 60 s.

Baseline in the same run: inserting the same answer rows into a fresh database with bare
sqlite3 `executemany` (what the data costs to write, with no engine, no relevance, no
paradata). Prints both, the ratio, and answers per second.
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from pathlib import Path

from fieldsurvey.demo import make_demo_responses
from fieldsurvey.paths import bundled_questionnaire_path
from fieldsurvey.questionnaire import load_questionnaire
from fieldsurvey.store.sqlite import open_store


def progress(done: int, total: int) -> None:
    print(f"\r  {done:,}/{total:,} interviews", end="", flush=True)


def bare_insert(rows: list[tuple[int, str, str, str]], path: Path) -> float:
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TABLE answers (response INTEGER, question TEXT, value TEXT, answered_at TEXT, "
        "PRIMARY KEY (response, question)) WITHOUT ROWID"
    )
    start = time.perf_counter()
    with conn:
        conn.executemany("INSERT INTO answers VALUES (?, ?, ?, ?)", rows)
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=20_000)
    args = parser.parse_args()
    questionnaire = load_questionnaire(bundled_questionnaire_path())
    with tempfile.TemporaryDirectory() as folder:
        db = open_store(Path(folder) / "demo.db")
        start = time.perf_counter()
        result = make_demo_responses(
            db, questionnaire, args.responses, seed=1, on_progress=progress
        )
        demo_seconds = time.perf_counter() - start
        print()
        rows = db.execute("SELECT response, question, value, answered_at FROM answers").fetchall()
        baseline = bare_insert(rows, Path(folder) / "bare.db")
    print(f"demo: {result.responses:,} interviews, {result.answers:,} answers")
    rate = result.answers / demo_seconds
    print(f"demo through the engine: {demo_seconds:7.1f} s  ({rate:,.0f} answers/s)")
    print(f"bare executemany baseline: {baseline:5.2f} s")
    verdict = "met" if demo_seconds <= 60 else "MISSED"
    print(f"ratio {demo_seconds / baseline:.1f}x; target <= 60 s: {verdict}")


if __name__ == "__main__":
    main()
