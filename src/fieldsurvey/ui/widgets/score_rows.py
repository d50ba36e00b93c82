"""From a `ScoreReport` to what the Scores screen draws: bar rows, notes, messages, warnings.

Kept apart from the widgets so the wording and the hiding rules can be tested without an app.
The report has already removed every number that must not be shown; these functions only
choose words (in the app's language) for what is there and for why something is not.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.cells import cell_len
from textual.content import Content

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.texts import text_in
from fieldsurvey.scoring.catalogue import Reason, WarningCode
from fieldsurvey.scoring.report import (
    AreaResult,
    AwarenessResult,
    EquityGap,
    GroupResult,
    MessageOut,
    ScoreReport,
)
from fieldsurvey.scoring.words import (
    channel_text,
    hidden_text,
    quadrant_text,
    reason_text,
)
from fieldsurvey.ui.formatting import fit, fit_label
from fieldsurvey.ui.i18n import N_, tr, warning_text
from fieldsurvey.ui.widgets.score_bars import STYLE_MUTED, BarRow
from fieldsurvey.ui.widgets.score_quadrants import QUADRANT_STYLES, PlotPoint

ARROWS = {"up": "↑", "down": "↓"}
STYLE_WARNING = "bold $warning"
STYLE_FLAG = "bold $error"


def _join(*parts: Content) -> Content:
    return Content(" · ").join(part for part in parts if part.cell_length)


def area_note(area: AreaResult, lang: str) -> Content:
    """`n 300 · indicative · Fix this first`: the status only when it is not plain ok."""
    n = Content(tr("n {n}", lang, n=area.n)) if area.n is not None else Content("")
    status = Content("")
    if area.status == "indicative":
        status = Content.styled(tr("indicative", lang), STYLE_WARNING)
    style = QUADRANT_STYLES.get(area.quadrant or "", "bold")
    quadrant = Content.styled(quadrant_text(area.quadrant, lang), style)
    return _join(n, status, quadrant)


def area_rows(report: ScoreReport, lang: str) -> list[BarRow]:
    """The whole sample's areas, with trend arrows only where the change is significant."""
    directions = {t.area: t.direction for t in report.trend.areas} if report.trend else {}
    return [
        _area_row(area, lang, ARROWS.get(directions.get(area.id) or "", ""), area_note(area, lang))
        for area in report.areas
    ]


def _area_row(
    area: AreaResult,
    lang: str,
    arrow: str,
    note: Content,
    label: str | None = None,
    key: str | None = None,
) -> BarRow:
    """An area's bar; a breakdown group's bar for that area with the group's `label` and
    `key` (its value, so the screen can find its short label)."""
    label = area.label if label is None else label
    key = area.id if key is None else key
    if area.score is None:
        return BarRow(key, label, hidden=hidden_text(area.reason, lang), note=note)
    # "~": indicative (10-29 respondents or a wide interval); groups have no room for the word.
    approximately = "~" if area.status == "indicative" and label != area.label else ""
    return BarRow(
        key,
        label,
        value=area.score,
        ci=area.ci,
        value_text=f"{approximately}{area.score:.1f}",
        arrow=arrow,
        note=note,
    )


def group_sections(
    report: ScoreReport, dimension: str, lang: str
) -> list[tuple[str, list[BarRow]]]:
    """For each area, one bar per group of `dimension`, with the group's equity gap."""
    groups = report.groups.get(dimension, {})
    gaps = {(g.group, g.area): g for g in report.equity_gaps if g.dimension == dimension}
    sections = []
    for area in report.areas:
        rows = []
        for value, group in groups.items():
            result = _group_area(group, area.id)
            gap = gaps.get((value, area.id))
            note = Content(f"{result.n:>5}  " if result.n else " " * 7).append(_gap_text(gap))
            if group.status == "suppressed" or result.score is None:
                reason = group.reason if group.status == "suppressed" else result.reason
                rows.append(BarRow(value, group.label, hidden=hidden_text(reason, lang)))
            else:
                rows.append(_area_row(result, lang, "", note, label=group.label, key=value))
        sections.append((area.label, rows))
    return sections


def _group_area(group: GroupResult, area: str) -> AreaResult:
    return next(a for a in group.areas if a.id == area)


def _gap_text(gap: EquityGap | None) -> Content:
    if gap is None:
        return Content("")
    text = f"{gap.gap:+5.1f}"
    return Content.styled(f"{text}*", STYLE_FLAG) if gap.significant else Content(text)


def gap_lines(
    report: ScoreReport,
    dimension: str,
    width: int = 76,
    shorts: Mapping[str, str] | None = None,
) -> list[Content]:
    """Every gap of the dimension: flagged ones (interval excludes 0) first and highlighted,
    as a table of group, area, gap and its interval. `shorts`: the groups' short labels."""
    lines = []
    names = max(20, width - 2 - 2 - 23)
    for gap in (g for g in report.equity_gaps if g.dimension == dimension):
        interval = f"[{gap.ci[0]:+.1f}, {gap.ci[1]:+.1f}]" if gap.ci else ""
        group = fit_label(gap.group_label, (shorts or {}).get(gap.group), names // 2)
        area = fit(gap.area_label, names - names // 2)
        text = f"{group} {area} {gap.gap:+6.1f} {interval}"
        if gap.significant:
            lines.append(Content.styled(f"* {text}", STYLE_FLAG))
        else:
            lines.append(Content.styled(f"  {text}", STYLE_MUTED))
    return lines


def plot_points(report: ScoreReport, lang: str) -> list[PlotPoint]:
    """Areas with a score and an importance, numbered by their place in the report."""
    return [
        PlotPoint(
            str(number),
            area.label,
            area.score,
            area.importance,
            area.quadrant,
            quadrant_text(area.quadrant, lang),
        )
        for number, area in enumerate(report.areas, start=1)
        if area.score is not None and area.importance is not None
    ]


def awareness_rows(report: ScoreReport, lang: str) -> list[BarRow]:
    """Least-known benefit first: that is where a message is needed. Hidden ones last."""
    ordered = sorted(report.awareness, key=lambda b: (b.rate is None, b.rate or 0.0))
    return [_benefit_row(benefit, lang) for benefit in ordered]


def _benefit_row(benefit: AwarenessResult, lang: str) -> BarRow:
    note = Content(tr("n {n}", lang, n=benefit.n)) if benefit.n is not None else Content("")
    if benefit.status == "indicative":
        note = _join(note, Content.styled(tr("indicative", lang), STYLE_WARNING))
    if benefit.rate is None:
        return BarRow(benefit.id, benefit.label, hidden=hidden_text(benefit.reason, lang))
    return BarRow(
        benefit.id,
        benefit.label,
        value=benefit.rate,
        ci=benefit.ci,
        value_text=f"{benefit.rate:.0f}%",
        note=note,
    )


def messages_content(
    messages: Sequence[MessageOut],
    status_reason: Reason | None,
    questionnaire: Questionnaire,
    lang: str,
    office_facts_missing: Sequence[str] = (),
) -> Content:
    """The suggested messages as paragraphs: `[channel · for employers] text`."""
    if not messages:
        if status_reason is not None:
            return Content.styled(
                tr("No messages: {reason}.", lang, reason=reason_text(status_reason, lang)),
                STYLE_MUTED,
            )
        if office_facts_missing:
            facts = ", ".join(office_facts_missing)
            return Content.styled(
                tr(
                    "Messages for this area wait for the office's facts ({facts}): fill them in "
                    "the questionnaire's office section.",
                    lang,
                    facts=facts,
                ),
                STYLE_WARNING,
            )
        return Content.styled(
            tr(
                "No message suggested: this score and its importance do not call for a campaign.",
                lang,
            ),
            STYLE_MUTED,
        )
    paragraphs = []
    for message in messages:
        where = [channel_text(message.channel, lang)]
        if message.personas:
            names = ", ".join(_persona(questionnaire, p, lang) for p in message.personas)
            where.append(tr("for {personas}", lang, personas=names))
        # Chinese text has no spaces to wrap at: a space after the tag would push the whole
        # sentence to the next line, so the tag is joined to it there.
        joiner = "" if message.text and cell_len(message.text[0]) == 2 else " "
        paragraphs.append(
            Content.assemble((f"[{' · '.join(where)}]{joiner}", "bold $accent"), message.text)
        )
    return Content("\n\n").join(paragraphs)


def _persona(questionnaire: Questionnaire, persona: str, lang: str) -> str:
    found = next((p for p in questionnaire.personas if p.id == persona), None)
    return text_in(found.label, lang, questionnaire.default_language) if found else persona


REJECTED_LEFT_OUT = N_("{count} rejected left out (x)")
REJECTED_INCLUDED = N_("{count} rejected included (x)")
"""The summary's note on interviews a reviewer rejected; x toggles them."""


def round_text(value: str | None, lang: str) -> str:
    """A round as the screen names it: "(no round)" in the interface language for None."""
    return tr("(no round)", lang) if value is None else value


def summary_text(report: ScoreReport, lang: str) -> str:
    text = tr("{responses} responses", lang, responses=report.responses)
    if report.rejected:
        rejected = REJECTED_INCLUDED if report.include_rejected else REJECTED_LEFT_OUT
        text += " · " + tr(rejected, lang, count=report.rejected)
    return text


def warning_lines(report: ScoreReport, lang: str) -> list[str]:
    """Each warning in `lang` (no data has its own empty-screen text; the rejected count is
    on the summary line)."""
    shown_elsewhere = (WarningCode.NO_DATA, WarningCode.REJECTED, WarningCode.REJECTED_INCLUDED)
    return [
        warning_text(w.code, w.params, lang)
        for w in report.warnings
        if w.code not in shown_elsewhere
    ]
