"""The report's charts, drawn by matplotlib as inline SVG.

Why matplotlib: maintained, offline, no JavaScript, and its SVG backend can leave text as
`<text>` elements (`svg.fonttype: none`) so that the browser shapes it: matplotlib itself does
no complex text layout, and Khmer drawn as glyph paths by it comes out with its vowels and
subscripts misplaced. Each chart is a fixed width in centimetres so the page prints to A4.
Nothing here decides what may be shown: suppressed values arrive as None and are drawn as
"not shown", never as a bar.
"""

from __future__ import annotations

import io
import logging
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import matplotlib
from matplotlib.figure import Figure

from fieldsurvey.i18n import N_, tr
from fieldsurvey.scoring.report import AreaResult, AwarenessResult, EquityGap, ScoreReport, Trend
from fieldsurvey.scoring.words import quadrant_text

SUPPRESSED = N_("not shown (fewer than 10)")
"""What stands for a score that a group of fewer than 10 would make unsafe to show."""
CM = 1 / 2.54
WIDTH = 17 * CM
FONTS = ["Noto Sans", "Noto Sans CJK SC", "Noto Sans Khmer", "DejaVu Sans"]
"""Measured by matplotlib, named in the SVG for the browser; Debian: fonts-noto-core, -cjk."""
BLUE, GREY, ORANGE = "#1f5f99", "#8c8c8c", "#c8611d"
STYLE: dict[str, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "fieldsurvey",  # the same data draws the same SVG
    "font.family": FONTS,
    "font.size": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


@contextmanager
def _style() -> Iterator[None]:
    """The report's style; font look-up misses are not errors (the browser picks fonts)."""
    logger = logging.getLogger("matplotlib.font_manager")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with matplotlib.rc_context(STYLE):  # type: ignore[arg-type]
            yield
    finally:
        logger.setLevel(level)


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def _wrap(label: str, width: int = 26) -> str:
    return "\n".join(textwrap.wrap(label, width, break_long_words=False)) or label


def area_chart(areas: Sequence[AreaResult], lang: str) -> str:
    """Horizontal bars with 95% intervals; indicative hatched; suppressed written out."""
    with _style():
        figure = Figure(figsize=(WIDTH, (0.9 * len(areas) + 1.2) * CM))
        axes = figure.subplots()
        for y, area in enumerate(reversed(areas)):
            if area.score is None:
                axes.text(1, y, tr(SUPPRESSED, lang), va="center", color=GREY)
                continue
            hatch = "//" if area.status == "indicative" else None
            axes.barh(y, area.score, color=BLUE, alpha=0.85, hatch=hatch, edgecolor="white")
            if area.ci is not None:
                low, high = area.ci
                axes.errorbar(area.score, y, xerr=[[area.score - low], [high - area.score]],
                              color="black", capsize=3, lw=1)  # fmt: skip
            axes.text(min(area.score + 2, 92), y + 0.28, f"{area.score:.1f}", fontsize=7)
        axes.set_yticks(range(len(areas)), [_wrap(a.label) for a in reversed(areas)])
        axes.set_xlim(0, 100)
        axes.set_xlabel(tr("Score (0-100)", lang))
        return _svg(figure)


def trend_chart(trend: Trend, lang: str) -> str:
    """Previous and current score per area; an arrow only where the change is real."""
    rows = list(reversed(trend.areas))
    with _style():
        figure = Figure(figsize=(WIDTH, (0.9 * len(rows) + 1.4) * CM))
        axes = figure.subplots()
        for y, area in enumerate(rows):
            if area.previous_score is not None:
                axes.plot(area.previous_score, y, "o", color=GREY, ms=5)
            if area.score is not None:
                axes.plot(area.score, y, "o", color=BLUE, ms=6)
            if area.direction and area.previous_score is not None and area.score is not None:
                arrow = {"arrowstyle": "->", "color": ORANGE, "lw": 1.5}
                axes.annotate("", (area.score, y), (area.previous_score, y), arrowprops=arrow)
        axes.set_yticks(range(len(rows)), [_wrap(a.label) for a in rows])
        axes.set_xlim(0, 100)
        axes.plot(
            [], [], "o", color=GREY, label=tr("previous: {round}", lang, round=trend.previous_round)
        )
        axes.plot([], [], "o", color=BLUE, label=tr("this round: {round}", lang, round=trend.round))
        axes.legend(loc="lower right", fontsize=7, frameon=False)
        axes.set_xlabel(tr("Score (0-100)", lang))
        return _svg(figure)


def quadrant_chart(report: ScoreReport, lang: str) -> str:
    """Importance (x) against score (y), cross-hairs at the means (Martilla & James)."""
    shown = [a for a in report.areas if a.score is not None and a.importance is not None]
    assert report.cuts is not None
    with _style():
        figure = Figure(figsize=(WIDTH, 9 * CM))
        axes = figure.subplots()
        axes.axvline(report.cuts.importance, color=GREY, lw=0.8, ls="--")
        axes.axhline(report.cuts.score, color=GREY, lw=0.8, ls="--")
        for area in shown:
            point = (float(area.importance or 0), float(area.score or 0))  # both set: `shown`
            axes.plot(*point, "o", color=BLUE, ms=7)
            axes.annotate(_wrap(area.label, 20), point,
                          xytext=(6, 4), textcoords="offset points", fontsize=7)  # fmt: skip
        corners = (("concentrate", 0.98, 0.02, "right", "bottom"),
                   ("keep_up", 0.98, 0.98, "right", "top"),
                   ("low_priority", 0.02, 0.02, "left", "bottom"),
                   ("overkill", 0.02, 0.98, "left", "top"))  # fmt: skip
        for key, x, y, ha, va in corners:
            axes.text(x, y, quadrant_text(key, lang), transform=axes.transAxes, ha=ha, va=va,
                      color=ORANGE if key == "concentrate" else GREY, fontsize=7)  # fmt: skip
        axes.set_xlabel(tr("Importance", lang))
        axes.set_ylabel(tr("Score", lang))
        axes.margins(0.25)
        return _svg(figure)


def gap_chart(gaps: Sequence[EquityGap], labels: Sequence[str]) -> str:
    """Each group's gap with its 95% interval; filled when the interval excludes 0."""
    rows = list(reversed(gaps))
    with _style():
        figure = Figure(figsize=(WIDTH, (0.55 * len(rows) + 1.2) * CM))
        axes = figure.subplots()
        axes.axvline(0, color=GREY, lw=0.8)
        for y, gap in enumerate(rows):
            if gap.ci is not None:
                axes.plot(gap.ci, [y, y], color=GREY, lw=1)
            axes.plot(gap.gap, y, "o", ms=5, color=ORANGE if gap.significant else "white",
                      markeredgecolor=ORANGE)  # fmt: skip
        axes.set_yticks(range(len(rows)), list(reversed(labels)), fontsize=7)
        return _svg(figure)


def awareness_chart(by_persona: dict[str, list[AwarenessResult]], lang: str) -> str:
    """Awareness rate (%) of each benefit, one bar per client type; hidden groups left out."""
    personas = list(by_persona)
    benefits = [r.label for r in next(iter(by_persona.values()))]
    height = 1 / (len(personas) + 1)
    colours = [BLUE, ORANGE, GREY, "#5a9e4b", "#7d5ba6"]
    with _style():
        figure = Figure(figsize=(WIDTH, (0.35 * len(benefits) * len(personas) + 1.6) * CM))
        axes = figure.subplots()
        for p, persona in enumerate(personas):
            for b, result in enumerate(reversed(by_persona[persona])):
                y = b + p * height
                if result.rate is None:
                    continue
                axes.barh(y, result.rate, height, color=colours[p % len(colours)],
                          label=persona if b == 0 else None)  # fmt: skip
        axes.set_yticks([b + height * (len(personas) - 1) / 2 for b in range(len(benefits))],
                        [_wrap(label) for label in reversed(benefits)])  # fmt: skip
        axes.set_xlim(0, 100)
        axes.set_xlabel("%")
        axes.legend(loc="lower right", fontsize=7, frameon=False)
        return _svg(figure)
