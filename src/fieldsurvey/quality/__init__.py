"""Data-quality flags for supervisors: speeding, straight-lining and contradictions,
duplicates, interviewer effects and item non-response, from the answers and the paradata.

Core only (no UI): the CLI's `fieldsurvey quality` and the Quality screen show `assess()`'s
report. Thresholds come from the questionnaire's `quality:` section.
"""

from fieldsurvey.quality.assess import KINDS, assess, assess_rounds
from fieldsurvey.quality.data import QualityData, load_quality_data
from fieldsurvey.quality.report import (
    FlaggedInterview,
    InterviewerEffect,
    InterviewerSummary,
    QualityReport,
)

__all__ = [
    "KINDS",
    "FlaggedInterview",
    "InterviewerEffect",
    "InterviewerSummary",
    "QualityData",
    "QualityReport",
    "assess",
    "assess_rounds",
    "load_quality_data",
]
