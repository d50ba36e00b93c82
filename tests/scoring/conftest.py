"""Fixtures for scoring tests: a fresh database, the inline questionnaire, a response writer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from scoring_helpers import Survey, make_questionnaire

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.store.sqlite import SQLiteStore, open_store


@pytest.fixture
def db(tmp_path: Path) -> Iterator[SQLiteStore]:
    database = open_store(tmp_path / "t.db")
    yield database
    database.close()


@pytest.fixture
def survey(db: SQLiteStore) -> Survey:
    return Survey(db)


@pytest.fixture
def questionnaire() -> Questionnaire:
    return make_questionnaire()
