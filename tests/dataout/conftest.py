"""A supervisor's database for export tests: two rounds, two offices, every persona, a draft,
and text answers in Khmer, Chinese and one that looks like a spreadsheet formula."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils
from dataout_helpers import CHINESE_TEXT, FORMULA, KHMER_TEXT, response_ids, set_answer

from fieldsurvey.demo import make_demo_responses
from fieldsurvey.engine import start_interview
from fieldsurvey.paths import bundled_questionnaire_path
from fieldsurvey.questionnaire import Questionnaire, load_questionnaire
from fieldsurvey.store.db import open_database, set_setting, write_transaction
from fieldsurvey.store.paradata import Event, add_events


@pytest.fixture(scope="session")
def questionnaire() -> Questionnaire:
    return load_questionnaire(bundled_questionnaire_path())


@pytest.fixture(scope="session")
def survey_db_path(tmp_path_factory: pytest.TempPathFactory, questionnaire: Questionnaire) -> Path:
    path = tmp_path_factory.mktemp("dataout") / "supervisor.db"
    db = open_database(path)
    for office, round_, count, seed in (
        ("Phnom Penh", "2026-Q3", 40, 3),
        ("Siem Reap", "2026-Q4", 25, 4),
    ):
        set_setting(db, "interviewer", "Sok Dara")
        set_setting(db, "office", office)
        set_setting(db, "round", round_)
        make_demo_responses(db, questionnaire, count, seed=seed, workers=1)
    first, second, third = response_ids(db)[:3]
    set_answer(db, first, "suggestion", FORMULA)
    set_answer(db, second, "suggestion", KHMER_TEXT)
    set_answer(db, third, "suggestion", CHINESE_TEXT)
    with write_transaction(db):  # paradata text from another device is untrusted too
        add_events(db, first, [Event("language", detail=FORMULA)], "2026-01-01T00:00:00+00:00")
    draft = start_interview(db, questionnaire, language="zh")
    draft.answer("consent", "yes")
    db.conn.close()
    return path


@pytest.fixture
def survey_db(survey_db_path: Path) -> sqlite_utils.Database:
    db = open_database(survey_db_path)
    yield db  # type: ignore[misc]
    db.conn.close()
