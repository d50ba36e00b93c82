"""`fieldsurvey scores` as a plain-text table, in the language asked for (`--lang`).

The report (core) holds codes and numbers; the words around them (headings, statuses,
quadrant names, the lines about gaps, trend, awareness and messages) are chosen here, from the
gettext catalogues, as the Scores screen chooses its own. The area tables, fitted to 80
columns in every language, are `area_table.py`'s. Suppressed numbers are already null in the
report, so they cannot appear here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from fieldsurvey.cli.area_table import TABLE_WIDTH, AreaTable, count, pair
from fieldsurvey.i18n import N_, tr, trc
from fieldsurvey.scoring.catalogue import Reason
from fieldsurvey.scoring.report import GroupResult, ScoreReport
from fieldsurvey.scoring.words import dimension_text, reason_text
from fieldsurvey.ui.wrap import wrap_hanging

STATUSES = {"ok": N_("ok"), "indicative": N_("indicative"), "suppressed": N_("suppressed")}
LEFT_OUT = N_("{count} rejected left out")


def to_table(
    report: ScoreReport,
    warnings: Sequence[str],
    lang: str,
    shorts: Mapping[str, str] | None = None,
    width: int = TABLE_WIDTH,
) -> str:
    """The areas, each breakdown group, gaps, trend, awareness and suggested messages, then
    the report's `warnings` put into words by the caller (in `lang` too). `shorts`: the
    areas' short labels in `lang`, by area id. The tables are fitted to 80 columns; the
    lines of prose around them are wrapped to `width` cells (the terminal's)."""

    def prose(lines: Sequence[str]) -> list[str]:
        return [part for line in lines for part in wrap_hanging(line, width)]

    lines = [*prose([_heading(report, lang)]), ""]
    if report.status == "nothing_to_score":  # no area: an empty table would only confuse
        return "\n".join([*lines, *prose([f"! {line}" for line in warnings])]) + "\n"
    shown = [g.areas for groups in report.groups.values() for g in groups.values()]
    table = AreaTable.fitted([report.areas, *shown], lang, shorts or {})
    lines += table.rows(report.areas) + prose(table.notes(report.areas))
    for dimension, groups in report.groups.items():
        for group in groups.values():
            title = tr(
                "{dimension} = {group} ({size})",
                lang,
                dimension=dimension_text(dimension, lang),
                group=group.label,
                size=_group_size(group, lang),
            )
            lines += ["", *prose([title])]
            if group.status == "ok":
                lines += table.rows(group.areas) + prose(table.notes(group.areas))
            else:
                lines += prose([f"  {reason_text(group.reason, lang)}"])
    lines += prose(_gaps(report, lang) + _trend(report, lang) + _awareness(report, lang))
    lines += prose(_messages(report, lang))
    if warnings:
        lines += ["", *prose([f"! {line}" for line in warnings])]
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


def _gaps(report: ScoreReport, lang: str) -> list[str]:
    found = [g for g in report.equity_gaps if g.significant]
    if not found:
        return []
    title = tr("Equity gaps (group minus everyone else, interval excludes 0):", lang)
    return ["", title] + [
        f"  {dimension_text(g.dimension, lang)} = {g.group_label}: {g.area_label} "
        f"{g.gap:+.1f} {pair(g.ci)}"
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
            lines.append(f"  {t.label}: {t.change:+.1f} {pair(t.ci)} ({tr(word, lang)})")
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
            lines.append(f"  {said} {pair(b.ci)} n={b.n}")
        else:
            recall = ""
            if b.recall_rate is not None:
                recall = ", " + tr("named unprompted {rate:.1f}%", lang, rate=b.recall_rate)
            lines.append(f"  {b.label}: {b.rate:.1f}% {pair(b.ci)} n={b.n}{recall} ({status})")
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


def _group_size(group: GroupResult, lang: str) -> str:
    if group.responses is None and group.reason != Reason.TOO_FEW:
        return tr("size not shown", lang)
    return tr("{count} responses", lang, count=count(group.responses, group.reason))
