"""The report as one self-contained HTML page: inline CSS, inline SVG, no script, no link.

Every text from the questionnaire or the database is escaped. The print stylesheet sets A4
with margins and keeps each section and chart on one page where it fits.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from fieldsurvey.report import charts
from fieldsurvey.report.build import ReportContent, top_gaps
from fieldsurvey.report.words import word
from fieldsurvey.scoring.report import AreaResult, ScoreReport

CSS = """
@page { size: A4; margin: 14mm 14mm 16mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "Noto Sans CJK SC", "Noto Sans Khmer", "DejaVu Sans",
       sans-serif; font-size: 10pt; line-height: 1.45; color: #1b1b1b; margin: 0 auto;
       max-width: 182mm; padding: 8mm 0; }
h1 { font-size: 17pt; margin: 0 0 2mm; color: #1f5f99; }
h2 { font-size: 12.5pt; margin: 7mm 0 2mm; color: #1f5f99; border-bottom: 1px solid #c9d6e3; }
.meta { color: #555; margin: 0 0 4mm; }
figure { margin: 2mm 0; break-inside: avoid; page-break-inside: avoid; }
tr { break-inside: avoid; }
figure svg { width: 100%; height: auto; display: block; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0; font-size: 9pt; }
th, td { border-bottom: 1px solid #ddd; padding: 1.2mm 1.5mm; text-align: left;
         vertical-align: top; }
th { background: #eef3f8; }
td.num { text-align: right; white-space: nowrap; }
.note { color: #555; font-size: 8.5pt; }
.methods { border: 1px solid #c9d6e3; background: #f6f9fc; padding: 3mm 4mm; margin-top: 6mm;
           break-inside: avoid; font-size: 9pt; }
.nodata { font-size: 12pt; padding: 6mm; border: 1px dashed #999; }
@media print { body { padding: 0; } h2 { break-after: avoid; } }
"""


def render(content: ReportContent, warnings: Sequence[str]) -> str:
    """The page; `warnings`: the scoring report's warnings put into words by the caller."""
    lang, report = content.lang, content.report
    parts = [_header(content)]
    if report.status != "ok":
        parts.append(f'<p class="nodata">{escape(word("no_data", lang))}</p>')
    else:
        parts += [
            _areas(report, lang),
            _trend(report, lang),
            _quadrants(report, lang),
            _gaps(report, lang),
            _awareness(content),
            _messages(report, content.personas, lang),
        ]
    parts += [_indicators(content), _quality(content), _notes(warnings, lang)]
    parts.append(
        f'<aside class="methods"><strong>{escape(word("methods", lang))}</strong>'
        f"<p>{escape(word('methods_text', lang))}</p></aside>"
    )
    body = "\n".join(p for p in parts if p)
    title = escape(report.title)
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{CSS}</style></head>\n<body>\n{body}\n</body></html>\n"
    )


def _header(content: ReportContent) -> str:
    lang, report = content.lang, content.report
    office = content.office or word("all_offices", lang)
    facts = [
        f"{word('round', lang)}: {report.round or '—'}",
        f"{word('office', lang)}: {office}",
        f"{word('responses', lang)}: {report.responses}",
        f"{word('made', lang)}: {content.made_at}",
    ]
    return (
        f"<header><h1>{escape(report.title)}</h1>"
        f'<p class="meta">{escape(word("subtitle", lang))} · '
        f"{' · '.join(escape(f) for f in facts)}</p></header>"
    )


def _section(title: str, *inner: str) -> str:
    return f"<section><h2>{escape(title)}</h2>{''.join(inner)}</section>"


def _figure(svg: str) -> str:
    return f"<figure>{svg}</figure>"


def _table(head: Sequence[str], rows: Sequence[Sequence[object]], numeric: set[int]) -> str:
    header = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join(
        "<tr>" + "".join(_cell(v, i in numeric) for i, v in enumerate(row)) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>"


def _cell(value: object, numeric: bool) -> str:
    cls = ' class="num"' if numeric else ""
    return f"<td{cls}>{escape(_text(value))}</td>"


def _text(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, tuple):
        return f"{value[0]:.1f}–{value[1]:.1f}"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def _status(area: AreaResult, lang: str) -> str:
    return word("suppressed" if area.status == "suppressed" else area.status, lang)


def _areas(report: ScoreReport, lang: str) -> str:
    rows = [(a.label, a.score, a.ci, a.pct_satisfied, a.n, _status(a, lang)) for a in report.areas]
    head = [word(k, lang) for k in ("area", "score", "interval", "satisfied")] + [
        "n", word("status", lang)]  # fmt: skip
    note = f'<p class="note">{escape(word("areas_note", lang))}</p>'
    chart = _figure(charts.area_chart(report.areas, lang))
    return _section(word("areas", lang), chart, _table(head, rows, {1, 2, 3, 4}), note)


def _trend(report: ScoreReport, lang: str) -> str:
    trend = report.trend
    if trend is None or trend.previous_round is None:
        return _section(
            word("trend", lang), f'<p class="note">{escape(word("trend_none", lang))}</p>'
        )
    rows = [(a.label, a.previous_score, a.score, a.change, a.ci) for a in trend.areas]
    head = [word("area", lang), f"{trend.previous_round}", f"{trend.round}",
            word("change", lang), word("interval", lang)]  # fmt: skip
    return _section(word("trend", lang), _figure(charts.trend_chart(trend, lang)),
                    _table(head, rows, {1, 2, 3, 4}))  # fmt: skip


def _quadrants(report: ScoreReport, lang: str) -> str:
    placed = [a for a in report.areas if a.quadrant and a.importance is not None]
    if report.cuts is None or not placed:
        return _section(
            word("quadrants", lang), f'<p class="note">{escape(word("quadrants_none", lang))}</p>'
        )
    rows = [(a.label, a.score, f"{a.importance:.2f}", word(a.quadrant or "", lang)) for a in placed]
    head = [word("area", lang), word("score", lang), word("importance", lang), ""]
    return _section(word("quadrants", lang), _figure(charts.quadrant_chart(report, lang)),
                    _table(head, rows, {1, 2}))  # fmt: skip


def _gaps(report: ScoreReport, lang: str) -> str:
    gaps = top_gaps(report)
    if not gaps:
        return _section(
            word("gaps", lang), f'<p class="note">{escape(word("gaps_none", lang))}</p>'
        )
    note = f'<p class="note">{escape(word("gaps_note", lang))}</p>'
    labels = [f"{word('dim.' + g.dimension, lang)}: {g.group_label} · {g.area_label}" for g in gaps]
    return _section(word("gaps", lang), _figure(charts.gap_chart(gaps, labels)), note)


def _awareness(content: ReportContent) -> str:
    lang = content.lang
    shown = {p: r for p, r in content.awareness.items() if any(x.rate is not None for x in r)}
    if not shown:
        return _section(
            word("awareness", lang), f'<p class="note">{escape(word("awareness_none", lang))}</p>'
        )
    first = next(iter(content.awareness.values()))
    head = ["", *content.awareness]
    rows = [
        (benefit.label, *(_rate(content.awareness[p][i].rate) for p in content.awareness))
        for i, benefit in enumerate(first)
    ]
    return _section(word("awareness", lang), _figure(charts.awareness_chart(shown, lang)),
                    _table(head, rows, set(range(1, len(head)))))  # fmt: skip


def _rate(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.0f}%"


def _messages(report: ScoreReport, personas: dict[str, str], lang: str) -> str:
    rows = [
        (area.label, m.text, word(f"channel.{m.channel}", lang),
         ", ".join(personas.get(p, p) for p in m.personas) or word("everyone", lang))
        for area in report.areas
        for m in area.messages
    ]  # fmt: skip
    if not rows:
        return _section(
            word("messages", lang), f'<p class="note">{escape(word("messages_none", lang))}</p>'
        )
    head = [word(k, lang) for k in ("area", "message", "channel", "for")]
    return _section(word("messages", lang), _table(head, rows, set()))


def _indicators(content: ReportContent) -> str:
    lang = content.lang
    rows = [
        (s.office, s.label, p.period, p.display, _text(p.change) if p.change is not None else "")
        for s in content.ratios
        for p in s.points[-1:]
    ]
    if not rows:
        return _section(
            word("indicators", lang), f'<p class="note">{escape(word("indicators_none", lang))}</p>'
        )
    head = [word(k, lang) for k in ("office", "ratio", "period", "value", "change")]
    return _section(word("indicators", lang), _table(head, rows, {3, 4}))


def _quality(content: ReportContent) -> str:
    lang = content.lang
    keys = ("complete", "draft", "refused", "voided", "conflicts")
    rows = [(word(k, lang), content.counts.get(k, 0)) for k in keys]
    note = f'<p class="note">{escape(word("quality_note", lang))}</p>'
    return _section(word("quality", lang), _table(["", "n"], rows, {1}), note)


def _notes(warnings: Sequence[str], lang: str) -> str:
    if not warnings:
        return ""
    items = "".join(f"<li>{escape(text)}</li>" for text in warnings)
    return _section(word("warnings", lang), f'<ul class="note">{items}</ul>')
