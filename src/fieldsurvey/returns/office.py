"""The office's scores on a device: the report the newest return file brought.

A field device's own few interviews are mostly under min-n, so its Scores screen shows the
office's merged scores beside its own, as the supervisor computed them (suppression kept:
the report was checked when it was received). Shown in the language asked for when the
report has it, else in the questionnaire's default language.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError

from fieldsurvey.returns.format import OfficeReport
from fieldsurvey.scoring.report import AreaResult, ScoreReport
from fieldsurvey.store.interface import ReturnNotes


@dataclass(frozen=True)
class OfficeScores:
    as_of: str
    round: str | None
    report: OfficeReport

    def in_language(self, lang: str) -> ScoreReport:
        reports = self.report.reports
        return reports.get(lang) or next(iter(reports.values()))

    def area(self, area_id: str, lang: str) -> AreaResult | None:
        return next((a for a in self.in_language(lang).areas if a.id == area_id), None)


def office_scores(store: ReturnNotes) -> OfficeScores | None:
    """The newest office report received here, or None (none yet, or unreadable)."""
    row = store.office_report()
    if row is None:
        return None
    try:
        report = OfficeReport.model_validate_json(row.document)
    except ValidationError:  # checked when received; a later model change must not crash
        return None
    if not report.reports:
        return None
    return OfficeScores(row.as_of, row.round, report)
