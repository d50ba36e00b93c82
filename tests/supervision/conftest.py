"""Fixtures for the supervisor's features: a demo database made once per session and copied
for each test (tests change it freely), and a CLI runner helper."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldsurvey.demo import make_demo_responses
from fieldsurvey.paths import bundled_questionnaire_path
from fieldsurvey.questionnaire import Questionnaire, load_questionnaire
from fieldsurvey.store.sqlite import SQLiteStore, open_store

DEMO_COUNT = 120


@pytest.fixture(scope="session")
def questionnaire() -> Questionnaire:
    return load_questionnaire(bundled_questionnaire_path())


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory, questionnaire: Questionnaire) -> Path:
    """80 interviews by "Dara" at Phnom Penh in 2026-Q3, 40 by "Sokha" at Battambang."""
    path = tmp_path_factory.mktemp("supervision") / "demo.db"
    db = open_store(path)
    for name, office, count, seed in (
        ("Dara", "Phnom Penh", 80, 1),
        ("Sokha", "Battambang", 40, 2),
    ):
        db.set_setting("interviewer", name)
        db.set_setting("office", office)
        make_demo_responses(db, questionnaire, count, seed=seed, round="2026-Q3", workers=1)
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture
def db_path(tmp_path: Path, demo_template: Path) -> Path:
    path = tmp_path / "supervisor.db"
    shutil.copy(demo_template, path)
    return path


@pytest.fixture
def db(db_path: Path) -> Iterator[SQLiteStore]:
    database = open_store(db_path)
    yield database
    database.close()
