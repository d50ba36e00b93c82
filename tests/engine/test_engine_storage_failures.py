"""A write that fails (full disk, read-only database): a clear error, nothing half-saved,
earlier answers intact, and the interview still usable once the cause is gone."""

from __future__ import annotations

import pytest

from fieldsurvey.engine import EngineError, start_interview
from fieldsurvey.store.sqlite import open_store

SURVEY = [
    {"type": "integer", "id": "age", "label": {"en": "Age"}},
    {"type": "text", "id": "story", "label": {"en": "Tell us"}, "max_length": 100_000},
    {"type": "calculate", "id": "story_length", "calculation": "string-length(${story})"},
]


def test_a_full_disk_is_reported_and_the_interview_goes_on(db, db_path, make_questionnaire):
    interview = start_interview(db, make_questionnaire(SURVEY))
    assert interview.answer("age", 40) is None
    assert interview.answer("story", "short") is None
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")

    with pytest.raises(EngineError) as caught:
        interview.answer("story", "long " * 20_000)
    assert caught.value.code == "disk_full"
    assert caught.value.message == "the disk is full; the answer was not saved"
    assert interview.value("story") == "short"
    assert interview.value("story_length") == 5
    other = open_store(db_path)
    expected = {"age": 40, "story": "short", "story_length": 5}
    assert other.load_answers(interview.response_id) == expected

    db.execute("PRAGMA max_page_count = 1000000")
    assert interview.answer("story", "long " * 20_000) is None
    assert other.load_answers(interview.response_id)["story_length"] == 99_999


def test_a_read_only_database_is_reported(db, db_path, make_questionnaire) -> None:
    # chmod 0444 does not stop root; query_only makes SQLite refuse writes for everyone.
    interview = start_interview(db, make_questionnaire(SURVEY))
    assert interview.answer("age", 40) is None
    db.execute("PRAGMA query_only = ON")

    with pytest.raises(EngineError) as caught:
        interview.answer("age", 41)
    assert caught.value.code == "read_only"
    assert caught.value.message == "the database is read-only; the answer was not saved"
    with pytest.raises(EngineError, match="read-only; the interview did not move"):
        interview.next()
    assert interview.value("age") == 40
    expected = {"age": 40, "story_length": 0}
    assert open_store(db_path).load_answers(interview.response_id) == expected
