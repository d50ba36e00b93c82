"""Fixtures for engine tests: a fresh database, and the boilerplate every questionnaire needs.

Each test passes its own `survey` (and consent, choice lists, areas...) to `make_questionnaire`,
so the input a test depends on is written in the test itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.store.sqlite import SQLiteStore, open_store

BOILERPLATE: dict[str, Any] = {
    "id": "test-form",
    "version": "1",
    "title": {"en": "Test", "zh": "测试"},
    "languages": ["en", "zh"],
    "default_language": "en",
    "personas": [
        {"id": "worker", "label": {"en": "Worker", "zh": "工人"}},
        {"id": "employer", "label": {"en": "Employer", "zh": "雇主"}},
    ],
    "scales": [
        {
            "id": "agree5",
            "points": [{"value": v, "label": {"en": str(v), "zh": str(v)}} for v in range(1, 6)],
            "dk": {"value": "dk", "label": {"en": "Don't know", "zh": "不知道"}},
        }
    ],
}

MakeQuestionnaire = Callable[..., Questionnaire]


@pytest.fixture
def make_questionnaire() -> MakeQuestionnaire:
    def make(survey: list[dict[str, Any]], **fields: Any) -> Questionnaire:
        return Questionnaire.model_validate({**BOILERPLATE, "survey": survey, **fields})

    return make


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "survey.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[SQLiteStore]:
    database = open_store(db_path)
    yield database
    database.close()
