"""The interviews the flags are computed on, as parallel numpy arrays.

Answers come from scoring's single packed query (Likert codes, persona, segment answers); who,
where, when, the review state and the paradata time from the store's `interview_facts`, which
returns the same rows in the same order. Two passes over the database in all (and a small third
one for the words read by the few interviews fast enough to need them: see
interviews.speeding).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.model import Area, Group
from fieldsurvey.scoring.data import load_survey
from fieldsurvey.scoring.frame import SurveyData
from fieldsurvey.store.interface import Supervision


@dataclass(frozen=True)
class QualityData:
    survey: SurveyData
    uuids: np.ndarray
    interviewers: np.ndarray
    offices: np.ndarray
    completed_at: np.ndarray
    review_states: np.ndarray
    duration_s: np.ndarray
    """Seconds spent on the pages (NaN: no paradata)."""

    @property
    def size(self) -> int:
        return self.survey.size

    def subset(self, rows: np.ndarray) -> QualityData:
        return QualityData(
            self.survey.subset(rows),
            *(getattr(self, name)[rows] for name in _ARRAYS),
        )


_ARRAYS = (
    "uuids",
    "interviewers",
    "offices",
    "completed_at",
    "review_states",
    "duration_s",
)


def load_quality_data(
    store: Supervision, questionnaire: Questionnaire, questions: Sequence[str] = ()
) -> QualityData:
    """Every complete interview (all rounds and offices); with the answers to `questions`
    too, for a caller that scores the same read (`score(..., data=...)`)."""
    segments = [q.id for q in questionnaire.segments]
    survey = load_survey(store, questionnaire, list(dict.fromkeys([*segments, *questions])))
    facts = store.interview_facts(questionnaire.id)
    if facts.response_ids != survey.response_ids.tolist():
        raise RuntimeError("the database changed between the two reads; run again")
    return QualityData(
        survey=survey,
        uuids=np.array(facts.uuids, dtype=object),
        interviewers=np.array(facts.interviewers, dtype=object),
        offices=np.array(facts.offices, dtype=object),
        completed_at=np.array(facts.completed_at, dtype=object),
        review_states=np.array([s or "pending" for s in facts.review_states], dtype=object),
        duration_s=np.array(facts.duration_ms, dtype=float) / 1000,
    )


def count_words(text: str) -> int:
    """Words as read aloud: space-separated tokens, and each CJK ideograph as one word (a
    Chinese question has no spaces; a character reads about as fast as an English word)."""
    ideographs = sum(1 for c in text if unicodedata.name(c, "").startswith("CJK UNIFIED"))
    return len(text.split()) + ideographs


def page_words(questionnaire: Questionnaire) -> dict[str, int]:
    """Page id (a question, or a group shown as one page) -> words of its labels in the
    questionnaire's default language. Their sum bounds the words any interview can read."""
    language = questionnaire.default_language
    words: dict[str, int] = {}
    for question, parents in questionnaire.walk():
        label: dict[str, str] = getattr(question, "label", None) or {}
        count = count_words(label.get(language, ""))
        words[question.id] = count
        for parent in parents:
            if isinstance(parent, Group | Area):
                words[parent.id] = words.get(parent.id, 0) + count
    return words
