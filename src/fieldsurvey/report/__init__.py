"""The printable report: one self-contained HTML file with charts (and a PDF of it)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fieldsurvey.dataout.files import check_output, outputs
from fieldsurvey.dataout.table import DataStore
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.report.build import ReportContent, gather
from fieldsurvey.report.html import render
from fieldsurvey.report.pdf import find_browser, print_pdf
from fieldsurvey.scoring.report import ReportWarning

Describe = Callable[[ReportWarning, str], str]
"""Puts a scoring warning (code and parameters) into words in a language."""


def plain_warning(warning: ReportWarning, lang: str) -> str:
    """A warning as its code and parameters, for callers without a word catalogue."""
    params = ", ".join(f"{name}={value}" for name, value in warning.params.items())
    return f"{warning.code.value}: {params}" if params else warning.code.value


__all__ = ["ReportContent", "make_report"]


def make_report(
    store: DataStore,
    questionnaire: Questionnaire,
    out: Path,
    *,
    pdf: bool = False,
    round: str | None = None,
    office: str | None = None,
    lang: str | None = None,
    force: bool = False,
    describe: Describe = plain_warning,
) -> tuple[ReportContent, list[Path]]:
    """Write the HTML report (and its PDF beside it); nothing is written on an error.

    `describe` words scoring's warnings: the CLI passes the app's catalogue (en/zh/km)."""
    pdf_path = out.with_suffix(".pdf")
    for path in (out, pdf_path) if pdf else (out,):
        check_output(path, force=force)
    if pdf:
        find_browser()  # before any work: no Chromium, no files
    content = gather(store, questionnaire, round=round, office=office, lang=lang)
    with outputs() as files:
        html = files.path(out)
        words = [describe(w, content.lang) for w in content.report.warnings]
        html.write_text(render(content, words), encoding="utf-8")
        if pdf:
            print_pdf(html, files.path(pdf_path))
        return content, files.commit()
