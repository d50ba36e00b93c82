"""The report as one self-contained HTML page: inline CSS, inline SVG, no script, no link.

Every text from the questionnaire or the database is escaped. The print stylesheet sets A4
with margins and keeps each section and chart on one page where it fits. The report's own
words are English msgids of the gettext catalogues (`tr`), like the rest of the app's.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from fieldsurvey.i18n import N_, tr
from fieldsurvey.report import sections
from fieldsurvey.report.build import ReportContent
from fieldsurvey.report.parts import section

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
td.num, th.num { text-align: right; white-space: nowrap; }
.note { color: #555; font-size: 8.5pt; }
.methods { border: 1px solid #c9d6e3; background: #f6f9fc; padding: 3mm 4mm; margin-top: 6mm;
           break-inside: avoid; font-size: 9pt; }
.nodata { font-size: 12pt; padding: 6mm; border: 1px dashed #999; }
@media print { body { padding: 0; } h2 { break-after: avoid; } }
"""

METHODS = N_(
    "Item score = (answer − 1) / (points − 1) × 100 after reverse coding; don't know / not "
    "applicable leaves the denominator. A respondent's area score is the mean of the items they "
    "answered if they answered at least half. Means have a t-interval, % satisfied a Wilson "
    "interval, trends and equity gaps a Welch interval (95%). Fewer than 10 respondents: not "
    "shown, to protect privacy (and totals that would reveal a small group are hidden too). "
    "10-29 respondents or an interval wider than ±10 points: indicative, no messages. "
    "Importance: correlation of the area with overall satisfaction (or the share naming it most "
    "important); quadrants after Martilla & James, cut at the means."
)


def render(content: ReportContent, warnings: Sequence[str]) -> str:
    """The page; `warnings`: the scoring report's warnings put into words by the caller."""
    lang, report = content.lang, content.report
    parts = [_header(content)]
    if report.status != "ok":
        no_data = tr("No data: there are no completed interviews for this selection yet.", lang)
        parts.append(f'<p class="nodata">{escape(no_data)}</p>')
    else:
        parts += [
            sections.areas(report, lang),
            sections.trend(report, lang),
            sections.quadrants(report, lang),
            sections.gaps(report, lang),
            sections.awareness(content),
            sections.messages(report, content.personas, lang),
        ]
    parts += [sections.indicators(content), sections.quality(content), _notes(warnings, lang)]
    methods, text = tr("Methods", lang), tr(METHODS, lang)  # not in an f-string: extracted
    parts.append(
        f'<aside class="methods"><strong>{escape(methods)}</strong><p>{escape(text)}</p></aside>'
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
    facts = [
        tr("Round: {round}", lang, round=report.round or "—"),
        tr("Office: {office}", lang, office=content.office or tr("all offices", lang)),
        tr("Responses: {count}", lang, count=report.responses),
        tr("Made: {at}", lang, at=content.made_at),
    ]
    kind = tr("Client satisfaction report", lang)
    return (
        f"<header><h1>{escape(report.title)}</h1>"
        f'<p class="meta">{escape(kind)} · '
        f"{' · '.join(escape(f) for f in facts)}</p></header>"
    )


def _notes(warnings: Sequence[str], lang: str) -> str:
    if not warnings:
        return ""
    items = "".join(f"<li>{escape(text)}</li>" for text in warnings)
    return section(tr("Notes", lang), f'<ul class="note">{items}</ul>')
