"""A supervisor's database for export tests: two rounds, two offices, every persona, a draft,
text answers in Khmer, Chinese and one that looks like a spreadsheet formula, and review
decisions (two rejected, one approved after a rejection, one with issues)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from dataout_helpers import CHINESE_TEXT, FORMULA, KHMER_TEXT, response_ids, set_answer

from fieldsurvey.demo import make_demo_responses
from fieldsurvey.engine import start_interview
from fieldsurvey.paths import bundled_questionnaire_path
from fieldsurvey.questionnaire import Questionnaire, load_questionnaire
from fieldsurvey.review import record_decision
from fieldsurvey.store.records import Event
from fieldsurvey.store.sqlite import SQLiteStore, open_store


@pytest.fixture(scope="session")
def questionnaire() -> Questionnaire:
    return load_questionnaire(bundled_questionnaire_path())


@pytest.fixture(scope="session")
def survey_db_path(tmp_path_factory: pytest.TempPathFactory, questionnaire: Questionnaire) -> Path:
    path = tmp_path_factory.mktemp("dataout") / "supervisor.db"
    db = open_store(path)
    for office, round_, count, seed in (
        ("Phnom Penh", "2026-Q3", 40, 3),
        ("Siem Reap", "2026-Q4", 25, 4),
    ):
        db.set_setting("interviewer", "Sok Dara")
        db.set_setting("office", office)
        db.set_setting("round", round_)
        make_demo_responses(db, questionnaire, count, seed=seed, workers=1)
    first, second, third = response_ids(db)[:3]
    set_answer(db, first, "suggestion", FORMULA, (Event("language", detail=FORMULA),))
    set_answer(db, second, "suggestion", KHMER_TEXT)
    set_answer(db, third, "suggestion", CHINESE_TEXT)
    reviewed = [db.get_response(i) for i in response_ids(db)[3:8]]
    uuids = [record.uuid for record in reviewed if record is not None]
    states = ("rejected", "rejected", "approved", "has_issues", "rejected")
    for uuid, state in zip(uuids, states, strict=True):
        record_decision(db, uuid, state, "checked by phone")
    record_decision(db, uuids[-1], "approved", "the second call confirmed it")
    draft = start_interview(db, questionnaire, language="zh")
    draft.answer("consent", "yes")
    db.close()
    return path


@pytest.fixture
def survey_db(survey_db_path: Path) -> Iterator[SQLiteStore]:
    db = open_store(survey_db_path)
    yield db
    db.close()
