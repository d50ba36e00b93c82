"""Driving the engine with simulated respondents, fast enough for a million answers.

Every interview goes through the same `Interview` API as a real one (relevance, constraints,
completion, content hash), so demo data is exactly what the field would produce. For speed the
interviews are committed in batches: the engine's per-answer transactions nest as savepoints
inside one batch transaction, and the batch connection skips fsync — a crash during `demo`
loses at most the batch in progress, which the command simply makes again.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

import sqlite_utils

from fieldsurvey.demo.answers import AnswerPicker
from fieldsurvey.demo.respondents import make_respondent
from fieldsurvey.engine import Interview, start_interview
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.store.db import set_setting, write_transaction

BATCH = 250
MAX_PAGES = 10_000
"""A guard against a questionnaire whose pages never end (the engine should not allow it)."""

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class DemoResult:
    responses: int
    answers: int


def make_demo_responses(
    db: sqlite_utils.Database,
    questionnaire: Questionnaire,
    count: int,
    *,
    seed: int = 0,
    device: str | None = None,
    on_progress: Progress | None = None,
) -> DemoResult:
    """Add `count` complete interviews; the same seed gives the same answers."""
    rng = random.Random(seed)
    if device:
        set_setting(db, "device_name", device)
    answers = 0
    db.execute("PRAGMA synchronous = OFF")
    try:
        for start in range(0, count, BATCH):
            size = min(BATCH, count - start)
            with write_transaction(db):
                for _ in range(size):
                    answers += _one_interview(db, questionnaire, rng)
            if on_progress:
                on_progress(start + size, count)
    finally:
        db.execute("PRAGMA synchronous = FULL")
    return DemoResult(responses=count, answers=answers)


def _one_interview(
    db: sqlite_utils.Database, questionnaire: Questionnaire, rng: random.Random
) -> int:
    """One interview from consent to completion; returns how many answers it stored."""
    respondent = make_respondent(questionnaire, random.Random(rng.getrandbits(64)))
    picker = AnswerPicker(questionnaire, respondent)
    interview = start_interview(db, questionnaire, language=rng.choice(questionnaire.languages))
    for _ in range(MAX_PAGES):
        if interview.page is None or interview.status != "draft":
            break
        for question in interview.page_items():
            value = picker.answer(question)
            if value is not None:
                _answer(interview, question.id, value)
        interview.next()
    problems = interview.complete() if interview.status == "draft" else []
    if problems:
        detail = "; ".join(f"{p.question}: {p.message}" for p in problems)
        raise RuntimeError(f"a demo interview could not be completed: {detail}")
    return len(interview.answers())


def _answer(interview: Interview, question: str, value: object) -> None:
    problem = interview.answer(question, value)
    if problem is not None:
        raise RuntimeError(f"demo answer {value!r} to {question} refused: {problem.message}")
