"""Plain-text table and CSV renderings of a `ScoreReport` (JSON is `model_dump_json`).

They only format what the report holds: suppressed numbers are already null there, so they
cannot appear here. Output is ASCII apart from labels and message texts.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from fieldsurvey.questionnaire.rounds import round_label
from fieldsurvey.safetext import csv_row
from fieldsurvey.scoring.catalogue import Reason
from fieldsurvey.scoring.report import AreaResult, GroupResult, Pair, ScoreReport

HEADERS = ("Area", "Score", "95% CI", "%Sat", "Alpha", "n", "Status", "Quadrant")
LABEL_WIDTH = 24
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


def to_table(report: ScoreReport, warnings: Sequence[str]) -> str:
    """The areas, each breakdown group, gaps, trend, awareness and suggested messages, then
    the report's `warnings` put into words by the caller (in the user's language)."""
    where = f", round {round_label(report.round)}" if report.rounds else ""
    left_out = f", {report.rejected} rejected left out" if report.rejected else ""
    if report.include_rejected:
        left_out = f", {report.rejected} rejected included" if report.rejected else ""
    lines = [f"{report.title}: {report.responses} responses{where}{left_out}", ""]
    if report.status == "nothing_to_score":  # no area: an empty table would only confuse
        return "\n".join([*lines, *(f"! {line}" for line in warnings)]) + "\n"
    lines += _area_table(report.areas)
    for dimension, groups in report.groups.items():
        for group in groups.values():
            lines += ["", f"{dimension} = {group.label} ({_group_size(group)})"]
            lines += (
                _area_table(group.areas) if group.status == "ok" else [f"  {group.reason_text}"]
            )
    lines += _gaps(report) + _trend(report) + _awareness(report) + _messages(report)
    if warnings:
        lines += ["", *(f"! {line}" for line in warnings)]
    return "\n".join(lines) + "\n"


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


def _area_table(areas: Sequence[AreaResult]) -> list[str]:
    rows = [
        (
            _fit(a.label),
            _number(a.score, 1),
            _pair(a.ci),
            _number(a.pct_satisfied, 1),
            _number(a.alpha, 2),
            _count(a.n, a.reason),
            a.status,
            a.quadrant or "-",
        )
        for a in areas
    ]
    widths = [max(len(str(r[i])) for r in [HEADERS, *rows]) for i in range(len(HEADERS))]
    text_columns = {0, 6, 7}
    table = [
        "  ".join(
            c.ljust(w) if i in text_columns else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in [HEADERS, *rows]
    ]
    return table + [f"  * {a.label}: {a.reason_text}" for a in areas if a.reason]


def _gaps(report: ScoreReport) -> list[str]:
    found = [g for g in report.equity_gaps if g.significant]
    if not found:
        return []
    lines = ["", "Equity gaps (group minus everyone else, interval excludes 0):"]
    return lines + [
        f"  {g.dimension} = {g.group_label}: {g.area_label} {g.gap:+.1f} {_pair(g.ci)}"
        for g in found
    ]


def _trend(report: ScoreReport) -> list[str]:
    if report.trend is None:
        return []
    lines = ["", f"Change since round {report.trend.previous_round}:"]
    for t in report.trend.areas:
        if t.change is None:
            lines.append(f"  {t.label}: too few responses to compare")
        else:
            arrow = {"up": " (up)", "down": " (down)"}.get(t.direction or "", " (no clear change)")
            lines.append(f"  {t.label}: {t.change:+.1f} {_pair(t.ci)}{arrow}")
    return lines


def _awareness(report: ScoreReport) -> list[str]:
    if not report.awareness:
        return []
    lines = ["", "Awareness of benefits:"]
    for b in report.awareness:
        if b.rate is None:
            lines.append(f"  {b.label}: {b.status} ({b.reason_text})")
        elif b.decoy:
            lines.append(
                f"  Yes-saying check, {b.label}: {b.rate:.1f}% said yes {_pair(b.ci)} n={b.n}"
            )
        else:
            recall = "" if b.recall_rate is None else f", named unprompted {b.recall_rate:.1f}%"
            lines.append(f"  {b.label}: {b.rate:.1f}% {_pair(b.ci)} n={b.n}{recall} ({b.status})")
    return lines


def _messages(report: ScoreReport) -> list[str]:
    lines: list[str] = []
    for a in report.areas:
        for m in a.messages:
            lines.append(f"  {a.label} [{m.id}, {m.channel}]: {m.text}")
        if a.office_facts_missing:
            facts = ", ".join(a.office_facts_missing)
            lines.append(
                f"  {a.label}: waiting for the office's facts ({facts}) in the office section"
            )
    for b in report.awareness:
        for m in b.messages:
            lines.append(f"  {b.label} [{m.id}, {m.channel}]: {m.text}")
    return ["", "Suggested messages:", *lines] if lines else []


def _fit(label: str) -> str:
    return label if len(label) <= LABEL_WIDTH else label[: LABEL_WIDTH - 1] + "~"


def _number(value: float | None, digits: int) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _pair(pair: Pair | None) -> str:
    return "-" if pair is None else f"[{pair[0]:.1f}, {pair[1]:.1f}]"


def _group_size(group: GroupResult) -> str:
    if group.responses is None and group.reason != Reason.TOO_FEW:
        return "size not shown"
    return f"{_count(group.responses, group.reason)} responses"


def _count(n: int | None, reason: Reason | None) -> str:
    if n is not None:
        return str(n)
    return "<10" if reason == Reason.TOO_FEW else "-"


def _blank(*parts: tuple[object, ...]) -> list[object]:
    """A CSV row: None becomes an empty cell, a formula-looking label a neutral one."""
    return csv_row(["" if v is None else v for part in parts for v in part])
