"""Fixtures for scoring tests: a fresh database, the inline questionnaire, a response writer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils
from scoring_helpers import Survey, make_questionnaire

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.store.db import open_database


@pytest.fixture
def db(tmp_path: Path) -> Iterator[sqlite_utils.Database]:
    database = open_database(tmp_path / "t.db")
    yield database
    database.conn.close()


@pytest.fixture
def survey(db: sqlite_utils.Database) -> Survey:
    return Survey(db)


@pytest.fixture
def questionnaire() -> Questionnaire:
    return make_questionnaire()
