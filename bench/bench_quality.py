"""Benchmark: every data-quality flag against one SQL pass computing the same per-interview
durations and per-battery distinct counts.

    uv run python bench/bench_quality.py --db PATH [--repeat 5]

PATH is a database made by `fieldsurvey demo --responses 20000 --db PATH` (~1 minute; 1.2 M
answers, 2.5 M paradata events). The baseline is one statement: per complete interview, the
sum of its page times and, per area battery, COUNT(DISTINCT answer), through a temporary
(item -> area) table. Runs interleave (quality, baseline, quality, ...); prints min and
median of each and their ratios. Targets: quality <= 2 s and <= 2x the baseline.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from bench_scores import timed  # the script's folder is on sys.path
from fieldsurvey.paths import bundled_questionnaire_path
from fieldsurvey.quality import assess
from fieldsurvey.questionnaire import Questionnaire, load_questionnaire
from fieldsurvey.store.sqlite import SQLiteStore, open_store

BASELINE = """
    SELECT r.id,
        (SELECT SUM(p.duration_ms) FROM paradata p
         WHERE p.response = r.id AND p.event = 'leave'),
        (SELECT group_concat(n) FROM (
            SELECT COUNT(DISTINCT a.value) AS n FROM answers a
            JOIN temp.bench_items i ON i.question = a.question
            WHERE a.response = r.id GROUP BY i.area))
    FROM responses r
    WHERE r.status = 'complete' AND r.is_head = 1 AND r.questionnaire_id = ?
"""


def baseline(db: SQLiteStore, questionnaire: Questionnaire) -> int:
    db.conn.execute(
        "CREATE TABLE temp.bench_items (question TEXT PRIMARY KEY, area TEXT) WITHOUT ROWID"
    )
    try:
        db.conn.executemany(
            "INSERT INTO temp.bench_items VALUES (?, ?)",
            [(item.id, area.id) for area in questionnaire.areas for item in area.items],
        )
        return len(db.conn.execute(BASELINE, [questionnaire.id]).fetchall())
    finally:
        db.conn.execute("DROP TABLE temp.bench_items")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    db = open_store(args.db, create=False)
    questionnaire = load_questionnaire(bundled_questionnaire_path())
    report = assess(db, questionnaire)  # warm the page cache and check it works
    print(f"{report.responses:,} interviews, {report.with_paradata:,} with paradata")
    ours: list[float] = []
    base: list[float] = []
    for _ in range(args.repeat):
        ours.append(timed(lambda: assess(db, questionnaire)))
        base.append(timed(lambda: baseline(db, questionnaire)))
    for name, runs in (("quality", ours), ("baseline SQL", base)):
        print(f"{name:>13}: min {min(runs):.3f} s, median {statistics.median(runs):.3f} s")
    print(
        f"ratio: min {min(ours) / min(base):.2f}x, "
        f"median {statistics.median(ours) / statistics.median(base):.2f}x (target <= 2)"
    )


if __name__ == "__main__":
    main()
