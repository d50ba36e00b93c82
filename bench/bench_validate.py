"""How long `fieldsurvey validate` takes on the bundled questionnaire.

Baseline in the same run: PyYAML's own `safe_load` of the same file (what any YAML tool pays
before it checks anything). Prints the median of in-process runs and the ratio, then the
wall time of the whole command (interpreter start-up included).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from fieldsurvey.paths import bundled_questionnaire_path
from fieldsurvey.questionnaire import load_questionnaire
from fieldsurvey.questionnaire.expressions import _parse as cached_parse


def median_ms(action: Callable[[], object], runs: int = 15) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    path: Path = bundled_questionnaire_path()
    text = path.read_text(encoding="utf-8")
    baseline = median_ms(lambda: yaml.load(text, Loader=yaml.CSafeLoader))

    def full_validation() -> None:
        cached_parse.cache_clear()  # measure real parsing, not the expression cache
        load_questionnaire(path)

    ours = median_ms(full_validation)
    print(f"file: {path} ({len(text):,} chars)")
    print(f"yaml.safe_load (C) baseline: {baseline:8.1f} ms")
    print(f"load + validate:             {ours:8.1f} ms   ratio {ours / baseline:.2f}x")
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "fieldsurvey", "validate", str(path)],
        check=True,
        capture_output=True,
    )
    print(f"`fieldsurvey validate` wall time (with start-up): {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
