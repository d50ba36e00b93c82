"""Estimated interview length per persona (and language): target median <= 15 minutes.

Not a timing of the code: the length a client lives through, from the demo's reading-speed
model (src/fieldsurvey/demo/timing.py) driving whole interviews through the engine. Each
response's length is the sum of the time spent on its pages (paradata `leave` events, as a
supervisor would read them). Prints, per persona, the median and 90th percentile in minutes
and the median's ratio to the 15-minute budget (the consent script states the rounded-up
median). `--questionnaire` measures another file.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
from collections import defaultdict
from pathlib import Path

from fieldsurvey.demo import make_demo_responses
from fieldsurvey.paths import bundled_questionnaire_path
from fieldsurvey.questionnaire import load_questionnaire
from fieldsurvey.store.sqlite import open_store

BUDGET_MINUTES = 15.0


def lengths(db_path: Path, questionnaire_path: Path, count: int, seed: int) -> dict[str, list]:
    """Minutes per completed interview, keyed by persona and by "persona/language"."""
    questionnaire = load_questionnaire(questionnaire_path)
    store = open_store(db_path)
    make_demo_responses(store, questionnaire, count, seed=seed, workers=1)
    store.close()
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as db:  # the bench reads it back
        rows = db.execute(
            "SELECT r.persona, r.language, sum(p.duration_ms) FROM responses r "
            "JOIN paradata p ON p.response = r.id AND p.event = 'leave' "
            "WHERE r.status = 'complete' GROUP BY r.id"
        ).fetchall()
    found: dict[str, list] = defaultdict(list)
    for persona, language, ms in rows:
        found[persona].append(ms / 60_000)
        found[f"{persona}/{language}"].append(ms / 60_000)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--responses", type=int, default=900)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--questionnaire", type=Path, default=bundled_questionnaire_path())
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fieldsurvey-length-") as folder:
        found = lengths(Path(folder) / "x.db", args.questionnaire, args.responses, args.seed)
    print(f"{'group':<22} {'n':>5} {'median':>7} {'p90':>6}  median/budget")
    for group in sorted(found, key=lambda g: ("/" in g, g)):
        values = sorted(found[group])
        median = statistics.median(values)
        p90 = values[int(0.9 * (len(values) - 1))]
        ratio = median / BUDGET_MINUTES
        print(f"{group:<22} {len(values):>5} {median:>6.1f}m {p90:>5.1f}m  {ratio:.2f}")


if __name__ == "__main__":
    main()
