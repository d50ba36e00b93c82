"""Possible duplicates: two interviews with the same respondent profile (persona, every
segment answer, office and day) completed close together: the same person interviewed
twice, or one interview entered twice.

Vectorised: each profile column is factorised to integer codes and folded into one key,
then interviews are sorted by (key, time) and neighbours compared.
"""

from __future__ import annotations

import numpy as np

from fieldsurvey.quality.data import QualityData
from fieldsurvey.quality.interviews import RowFlags, add, because
from fieldsurvey.quality.report import Flag
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.thresholds import QualityThresholds

DAY_MS = 86_400_000


def profile_keys(data: QualityData, questionnaire: Questionnaire, stamps: np.ndarray) -> np.ndarray:
    """One integer per interview, equal exactly when the profiles are equal (UTC day)."""
    columns = [data.survey.persona, data.offices]
    columns += [data.survey.answers[q.id] for q in questionnaire.segments]
    key = stamps // DAY_MS
    for column in columns:
        _, codes = np.unique(column.astype(str), return_inverse=True)
        _, key = np.unique(key * (int(codes.max(initial=0)) + 1) + codes, return_inverse=True)
    return key


def duplicates(
    data: QualityData, questionnaire: Questionnaire, limits: QualityThresholds, found: RowFlags
) -> None:
    if data.size < 2:
        return
    stamps = np.array([str(s)[:23] for s in data.completed_at], dtype="datetime64[ms]")
    stamps = stamps.astype(np.int64)
    key = profile_keys(data, questionnaire, stamps)
    order = np.lexsort((stamps, key))
    gap = np.diff(stamps[order])
    close = (key[order][1:] == key[order][:-1]) & (gap <= limits.duplicates.minutes * 60_000)
    for i in np.flatnonzero(close):
        first, second = int(order[i]), int(order[i + 1])
        for row, other in ((first, second), (second, first)):
            reason = because("duplicate", other=str(data.uuids[other]), apart_s=gap[i] / 1000)
            add(found, row, Flag(kind="duplicate", reason=reason, other=data.uuids[other]))
