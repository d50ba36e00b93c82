"""The report's sections, each from what `build.gather` collected (nothing computed here).

Words are English msgids of the gettext catalogues; the Scores screen's own words (quadrants,
dimensions, channels) and supervision's (review states, flag kinds) are shared with it.
"""

from __future__ import annotations

from fieldsurvey.i18n import N_, tr
from fieldsurvey.report import charts
from fieldsurvey.report.build import ReportContent, top_gaps
from fieldsurvey.report.parts import figure, note, section, table, text
from fieldsurvey.review.words import QUALITY_KINDS, REVIEW_STATES
from fieldsurvey.scoring.report import AreaResult, ScoreReport
from fieldsurvey.scoring.words import channel_text, dimension_text, quadrant_text

STATUSES = {
    "ok": N_("ok"),
    "indicative": N_("indicative"),
    "suppressed": charts.SUPPRESSED,
}
"""An area's status as the table names it."""
INTERVIEWS = {
    "complete": N_("complete"),
    "draft": N_("draft"),
    "refused": N_("refused"),
    "voided": N_("voided"),
    "conflicts": N_("in conflict"),
}
"""Interview counts by status (the words of the Conflicts screen)."""


def areas(report: ScoreReport, lang: str) -> str:
    rows = [(a.label, a.score, a.ci, a.pct_satisfied, a.n, _status(a, lang)) for a in report.areas]
    head = [tr("Area", lang), tr("Score", lang), tr("95% interval", lang),
            tr("% satisfied", lang), "n", tr("Status", lang)]  # fmt: skip
    explained = note(tr(
        "Mean score 0-100 with its 95% interval. Hatched: indicative (10-29 respondents or a "
        "wide interval). Areas with fewer than 10 respondents are not shown.", lang))  # fmt: skip
    chart = figure(charts.area_chart(report.areas, lang))
    return section(tr("Area scores", lang), chart, table(head, rows, {1, 2, 3, 4}), explained)


def _status(area: AreaResult, lang: str) -> str:
    return tr(STATUSES.get(area.status, area.status), lang)


def trend(report: ScoreReport, lang: str) -> str:
    title = tr("Trend against the previous round", lang)
    found = report.trend
    if found is None or found.previous_round is None:
        return section(title, note(tr("No previous round to compare with.", lang)))
    rows = [(a.label, a.previous_score, a.score, a.change, a.ci) for a in found.areas]
    head = [tr("Area", lang), f"{found.previous_round}", f"{found.round}",
            tr("Change", lang), tr("95% interval", lang)]  # fmt: skip
    return section(title, figure(charts.trend_chart(found, lang)),
                   table(head, rows, {1, 2, 3, 4}))  # fmt: skip


def quadrants(report: ScoreReport, lang: str) -> str:
    title = tr("Importance and performance", lang)
    placed = [a for a in report.areas if a.quadrant and a.importance is not None]
    if report.cuts is None or not placed:
        return section(
            title, note(tr("Importance could not be estimated, so the areas have no quadrant.",
                           lang))
        )  # fmt: skip
    rows = [(a.label, a.score, f"{a.importance:.2f}", quadrant_text(a.quadrant, lang))
            for a in placed]  # fmt: skip
    head = [tr("Area", lang), tr("Score", lang), tr("Importance", lang), ""]
    return section(title, figure(charts.quadrant_chart(report, lang)), table(head, rows, {1, 2}))


def gaps(report: ScoreReport, lang: str) -> str:
    title = tr("Equity gaps: the group minus everyone else", lang)
    shown = top_gaps(report)
    if not shown:
        return section(title, note(tr("No gaps to show.", lang)))
    labels = [f"{dimension_text(g.dimension, lang)}: {g.group_label} · {g.area_label}"
              for g in shown]  # fmt: skip
    explained = note(tr("Filled: the 95% interval excludes 0 (a real difference). Groups under "
                        "10 are not shown.", lang))  # fmt: skip
    return section(title, figure(charts.gap_chart(shown, labels)), explained)


def awareness(content: ReportContent) -> str:
    lang = content.lang
    title = tr("Benefit awareness by client type", lang)
    shown = {p: r for p, r in content.awareness.items() if any(x.rate is not None for x in r)}
    if not shown:
        return section(title, note(tr("No awareness questions answered.", lang)))
    first = next(iter(content.awareness.values()))
    head = ["", *content.awareness]
    rows = [
        (benefit.label, *(_rate(content.awareness[p][i].rate) for p in content.awareness))
        for i, benefit in enumerate(first)
    ]
    return section(title, figure(charts.awareness_chart(shown, lang)),
                   table(head, rows, set(range(1, len(head)))))  # fmt: skip


def _rate(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.0f}%"


def messages(report: ScoreReport, personas: dict[str, str], lang: str) -> str:
    title = tr("Suggested messages", lang)
    rows = [
        (area.label, m.text, channel_text(m.channel, lang),
         ", ".join(personas.get(p, p) for p in m.personas) or tr("everyone", lang))
        for area in report.areas
        for m in area.messages
    ]  # fmt: skip
    if not rows:
        return section(title, note(tr("No message suggested for this selection.", lang)))
    head = [tr("Area", lang), tr("Message", lang), tr("Channel", lang), tr("For", lang)]
    return section(title, table(head, rows, set()))


def indicators(content: ReportContent) -> str:
    lang = content.lang
    title = tr("Office indicators and ratios", lang)
    rows = [
        (s.office, s.label, p.period, p.display, text(p.change) if p.change is not None else "")
        for s in content.ratios
        for p in s.points[-1:]
    ]
    if not rows:
        return section(title, note(tr("No office indicators recorded.", lang)))
    head = [tr("Office", lang), tr("Ratio", lang), tr("Period", lang), tr("Value", lang),
            tr("Change", lang)]  # fmt: skip
    return section(title, table(head, rows, {3, 4}))


def quality(content: ReportContent) -> str:
    """Interviews by status, the complete ones by review state, and the round's quality
    flags (as `fieldsurvey quality` computes them), in the report's office."""
    lang, counts = content.lang, content.counts
    interviews = [(tr(word, lang), counts.get(key, 0)) for key, word in INTERVIEWS.items()]
    reviews = [(tr(word, lang), counts.get(key, 0)) for key, word in REVIEW_STATES.items()]
    parts = [
        table([tr("Interviews", lang), "n"], interviews, {1}),
        table([tr("Review of the complete interviews", lang), "n"], reviews, {1}),
    ]
    if content.flags:
        flags = [(tr("Flagged interviews", lang), content.flags.get("flagged", 0))]
        flags += [
            (tr(word, lang), content.flags.get(key, 0)) for key, word in QUALITY_KINDS.items()
        ]
        parts.append(table([tr("Quality flags", lang), "n"], flags, {1}))
    parts.append(note(tr(
        "Rejected interviews are left out of the scores. A quality flag is a reason to look "
        "at an interview, not a verdict: `fieldsurvey quality` lists each with its reason.",
        lang)))  # fmt: skip
    return section(tr("Data quality and review", lang), *parts)
