"""The CSV rendering of a `ScoreReport` (JSON is `model_dump_json`; the table, in words of
the user's language, is the CLI's: `cli/score_table.py`).

It only formats what the report holds: suppressed numbers are already null there, so they
cannot appear here. Column names and codes stay as they are, for scripts.
"""

from __future__ import annotations

import csv
import io

from fieldsurvey.safetext import csv_row
from fieldsurvey.scoring.report import AreaResult, ScoreReport

CSV_COLUMNS = (
    "dimension",
    "group",
    "group_label",
    "group_responses",
    "area",
    "area_label",
    "n",
    "score",
    "ci_low",
    "ci_high",
    "pct_satisfied",
    "alpha",
    "dk_rate",
    "na_rate",
    "importance",
    "quadrant",
    "status",
    "reason",
)


def to_csv(report: ScoreReport) -> str:
    """One row per (group, area); the whole sample is dimension and group `all`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    sets: list[tuple[str, str, str, int | None, list[AreaResult]]] = [
        ("all", "all", "all", report.responses, report.areas)
    ]
    sets += [
        (dimension, value, group.label, group.responses, group.areas)
        for dimension, groups in report.groups.items()
        for value, group in groups.items()
    ]
    for dimension, value, label, responses, areas in sets:
        for a in areas:
            low, high = a.ci if a.ci else (None, None)
            writer.writerow(
                _blank(
                    (dimension, value, label, responses, a.id, a.label, a.n, a.score, low, high),
                    (a.pct_satisfied, a.alpha, a.dk_rate, a.na_rate, a.importance, a.quadrant),
                    (a.status,),
                    (a.reason_text,),
                )
            )
    return out.getvalue()


def _blank(*parts: tuple[object, ...]) -> list[object]:
    """A CSV row: None becomes an empty cell, a formula-looking label a neutral one."""
    return csv_row(["" if v is None else v for part in parts for v in part])
