"""`fieldsurvey scores` as a plain-text table, in the language asked for (`--lang`).

The report (core) holds codes and numbers; the words around them (headings, statuses,
quadrant names, the lines about gaps, trend, awareness and messages) are chosen here, from the
gettext catalogues, as the Scores screen chooses its own. Columns are measured in terminal
cells, so Chinese labels line up. Suppressed numbers are already null in the report, so they
cannot appear here.
"""

from __future__ import annotations

from collections.abc import Sequence

from fieldsurvey.i18n import N_, tr, trc
from fieldsurvey.scoring.catalogue import Reason
from fieldsurvey.scoring.report import AreaResult, GroupResult, Pair, ScoreReport
from fieldsurvey.scoring.words import dimension_text, quadrant_text, reason_text
from fieldsurvey.ui.formatting import fit, terminal_width

# TRANSLATORS: column headings of `fieldsurvey scores`; short, the table must fit 80 columns
HEADERS = (
    N_("Area"),
    N_("Score"),
    N_("95% CI"),
    N_("%Sat"),
    N_("Alpha"),
    N_("n"),
    N_("Status"),
    N_("Quadrant"),
)
STATUSES = {"ok": N_("ok"), "indicative": N_("indicative"), "suppressed": N_("suppressed")}
LEFT_OUT = N_("{count} rejected left out")
LABEL_WIDTH = 24
TEXT_COLUMNS = {0, 6, 7}
"""Left-aligned columns (the others are numbers, right-aligned)."""


def to_table(report: ScoreReport, warnings: Sequence[str], lang: str) -> str:
    """The areas, each breakdown group, gaps, trend, awareness and suggested messages, then
    the report's `warnings` put into words by the caller (in `lang` too)."""
    lines = [_heading(report, lang), ""]
    if report.status == "nothing_to_score":  # no area: an empty table would only confuse
        return "\n".join([*lines, *(f"! {line}" for line in warnings)]) + "\n"
    lines += _area_table(report.areas, lang)
    for dimension, groups in report.groups.items():
        for group in groups.values():
            title = tr(
                "{dimension} = {group} ({size})",
                lang,
                dimension=dimension_text(dimension, lang),
                group=group.label,
                size=_group_size(group, lang),
            )
            lines += ["", title]
            if group.status == "ok":
                lines += _area_table(group.areas, lang)
            else:
                lines.append(f"  {reason_text(group.reason, lang)}")
    lines += _gaps(report, lang) + _trend(report, lang) + _awareness(report, lang)
    lines += _messages(report, lang)
    if warnings:
        lines += ["", *(f"! {line}" for line in warnings)]
    return "\n".join(lines) + "\n"


def _heading(report: ScoreReport, lang: str) -> str:
    """`Title: 70 responses, round 2026-Q3, 5 rejected left out`."""
    parts = [tr("{title}: {count} responses", lang, title=report.title, count=report.responses)]
    if report.rounds:
        name = tr("(no round)", lang) if report.round is None else report.round
        parts.append(tr("round {round}", lang, round=name))
    if report.rejected:
        words = N_("{count} rejected included") if report.include_rejected else LEFT_OUT
        parts.append(tr(words, lang, count=report.rejected))
    return trc("list separator", ", ", lang).join(parts)


def _area_table(areas: Sequence[AreaResult], lang: str) -> list[str]:
    rows = [
        (
            _cut(a.label),
            _number(a.score, 1),
            _pair(a.ci),
            _number(a.pct_satisfied, 1),
            _number(a.alpha, 2),
            _count(a.n, a.reason),
            tr(STATUSES[a.status], lang),
            quadrant_text(a.quadrant, lang) or "-",
        )
        for a in areas
    ]
    headers = tuple(tr(h, lang) for h in HEADERS)
    widths = [max(terminal_width(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    table = [
        "  ".join(
            _align(cell, width, left=i in TEXT_COLUMNS)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in [headers, *rows]
    ]
    return table + [f"  * {a.label}: {reason_text(a.reason, lang)}" for a in areas if a.reason]


def _gaps(report: ScoreReport, lang: str) -> list[str]:
    found = [g for g in report.equity_gaps if g.significant]
    if not found:
        return []
    title = tr("Equity gaps (group minus everyone else, interval excludes 0):", lang)
    return ["", title] + [
        f"  {dimension_text(g.dimension, lang)} = {g.group_label}: {g.area_label} "
        f"{g.gap:+.1f} {_pair(g.ci)}"
        for g in found
    ]


def _trend(report: ScoreReport, lang: str) -> list[str]:
    if report.trend is None:
        return []
    lines = ["", tr("Change since round {round}:", lang, round=report.trend.previous_round)]
    directions = {"up": N_("up"), "down": N_("down")}
    for t in report.trend.areas:
        if t.change is None:
            lines.append(f"  {t.label}: {tr('too few responses to compare', lang)}")
        else:
            word = directions.get(t.direction or "", N_("no clear change"))
            lines.append(f"  {t.label}: {t.change:+.1f} {_pair(t.ci)} ({tr(word, lang)})")
    return lines


def _awareness(report: ScoreReport, lang: str) -> list[str]:
    if not report.awareness:
        return []
    lines = ["", tr("Awareness of benefits:", lang)]
    for b in report.awareness:
        status = tr(STATUSES[b.status], lang)
        if b.rate is None:
            lines.append(f"  {b.label}: {status} ({reason_text(b.reason, lang)})")
        elif b.decoy:
            said = tr(
                "Yes-saying check, {label}: {rate:.1f}% said yes", lang, label=b.label, rate=b.rate
            )
            lines.append(f"  {said} {_pair(b.ci)} n={b.n}")
        else:
            recall = ""
            if b.recall_rate is not None:
                recall = ", " + tr("named unprompted {rate:.1f}%", lang, rate=b.recall_rate)
            lines.append(f"  {b.label}: {b.rate:.1f}% {_pair(b.ci)} n={b.n}{recall} ({status})")
    return lines


def _messages(report: ScoreReport, lang: str) -> list[str]:
    lines: list[str] = []
    for a in report.areas:
        lines += [f"  {a.label} [{m.id}, {m.channel}]: {m.text}" for m in a.messages]
        if a.office_facts_missing:
            waiting = tr(
                "waiting for the office's facts ({facts}) in the office section",
                lang,
                facts=", ".join(a.office_facts_missing),
            )
            lines.append(f"  {a.label}: {waiting}")
    for b in report.awareness:
        lines += [f"  {b.label} [{m.id}, {m.channel}]: {m.text}" for m in b.messages]
    return ["", tr("Suggested messages:", lang), *lines] if lines else []


def _align(cell: str, width: int, *, left: bool) -> str:
    padding = " " * max(0, width - terminal_width(cell))
    return cell + padding if left else padding + cell


def _cut(label: str) -> str:
    return fit(label, LABEL_WIDTH).rstrip(" ")


def _number(value: float | None, digits: int) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _pair(pair: Pair | None) -> str:
    return "-" if pair is None else f"[{pair[0]:.1f}, {pair[1]:.1f}]"


def _group_size(group: GroupResult, lang: str) -> str:
    if group.responses is None and group.reason != Reason.TOO_FEW:
        return tr("size not shown", lang)
    return tr("{count} responses", lang, count=_count(group.responses, group.reason))


def _count(n: int | None, reason: Reason | None) -> str:
    if n is not None:
        return str(n)
    return "<10" if reason == Reason.TOO_FEW else "-"
