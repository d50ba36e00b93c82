"""Consent refusal, completion, voiding, revisions and resuming across questionnaire versions."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import datetime

import pytest

from fieldsurvey.engine import EngineError, resume_interview, revise_response, start_interview
from fieldsurvey.store.content import content_hash

YES_NO = [
    {
        "id": "yes_no",
        "choices": [
            {"value": "yes", "label": {"en": "Yes", "zh": "是"}},
            {"value": "no", "label": {"en": "No", "zh": "否"}},
        ],
    }
]
SURVEY = [
    {
        "type": "select_one",
        "id": "consent",
        "label": {"en": "Agree?", "zh": "同意吗？"},
        "choices": "yes_no",
    },
    {"type": "integer", "id": "age", "label": {"en": "Age", "zh": "年龄"}},
    {
        "type": "select_one",
        "id": "helped",
        "label": {"en": "Helped?", "zh": "有帮助吗？"},
        "choices": "yes_no",
    },
]
CONSENT = {"question": "consent", "accept": "yes"}


@pytest.fixture
def questionnaire(make_questionnaire):
    return make_questionnaire(SURVEY, choice_lists=YES_NO, consent=CONSENT)


def test_declined_consent_ends_the_interview_keeping_only_the_refusal(db, questionnaire) -> None:
    interview = start_interview(db, questionnaire)
    assert [p.code for p in interview.next()] == ["required"]  # a refusal must be explicit
    interview.answer("consent", "yes")
    interview.answer("age", 40)  # answered, then consent withdrawn
    interview.answer("consent", "no")
    assert interview.next() == []
    assert interview.status == "refused"
    assert db.load_answers(interview.response_id) == {"consent": "no"}
    record = db.get_response(interview.response_id)
    assert (record.status, record.persona, record.is_head) == ("refused", None, 1)
    assert record.content_hash == content_hash(dataclasses.asdict(record), {"consent": "no"})
    with pytest.raises(EngineError, match="this interview is refused"):
        interview.answer("age", 41)


def test_a_declined_consent_ends_the_interview_even_with_questions_unanswered(
    db, make_questionnaire
) -> None:
    survey = [
        *SURVEY[:1],
        {"type": "integer", "id": "age", "label": {"en": "Age"}, "required": True},
    ]
    interview = start_interview(
        db, make_questionnaire(survey, choice_lists=YES_NO, consent=CONSENT)
    )
    interview.answer("consent", "no")
    assert interview.complete() == []
    assert (interview.status, interview.answers()) == ("refused", {"consent": "no"})


def test_completion_hashes_the_content(db, questionnaire) -> None:
    interview = start_interview(db, questionnaire)
    for question, value in [("consent", "yes"), ("age", 40), ("helped", "yes")]:
        assert interview.answer(question, value) is None
    assert interview.complete() == []
    record = db.get_response(interview.response_id)
    answers = db.load_answers(interview.response_id)
    assert (record.status, record.revision, record.is_head) == ("complete", 1, 1)
    assert record.completed_at is not None
    assert record.content_hash == interview.content_hash
    assert record.content_hash == content_hash(dataclasses.asdict(record), answers)
    assert [e.event for e in db.paradata(interview.response_id)][-2:] == ["leave", "complete"]


def test_revision_names_its_parent_and_becomes_head_on_completion(db, questionnaire) -> None:
    first = start_interview(db, questionnaire)
    for question, value in [("consent", "yes"), ("age", 40), ("helped", "yes")]:
        first.answer(question, value)
    first.complete()

    edit = revise_response(db, first.uuid, [questionnaire])
    assert (edit.revision, edit.status, edit.page) == (2, "draft", None)  # opens on review
    assert edit.answers() == {"consent": "yes", "age": 40, "helped": "yes"}
    assert revise_response(db, first.uuid, [questionnaire]).response_id == edit.response_id
    parent, draft = db.revisions(first.uuid)
    assert (parent.is_head, draft.is_head, draft.parent_hash) == (1, 0, parent.content_hash)

    edit.answer("helped", "no")
    assert edit.complete() == []
    parent, revised = db.revisions(first.uuid)
    assert (parent.is_head, revised.is_head) == (0, 1)
    assert revised.content_hash not in (None, parent.content_hash)
    assert db.load_answers(parent.id)["helped"] == "yes"
    assert db.load_answers(revised.id)["helped"] == "no"


def test_only_complete_interviews_are_revised(db, questionnaire) -> None:
    interview = start_interview(db, questionnaire)
    interview.void("test interview")
    assert db.get_response(interview.response_id).status == "voided"
    with pytest.raises(EngineError, match="is voided; only complete ones are revised"):
        revise_response(db, interview.uuid, [questionnaire])
    with pytest.raises(EngineError, match="interview nope"):
        revise_response(db, "nope", [questionnaire])


def test_persona_column_follows_the_persona_question(db, make_questionnaire) -> None:
    survey = [
        {
            "type": "select_one",
            "id": "who",
            "label": {"en": "You are"},
            "choices": "personas",
            "persona": True,
        }
    ]
    personas = [{"id": "personas", "choices": [{"value": "worker", "label": {"en": "Worker"}}]}]
    interview = start_interview(db, make_questionnaire(survey, choice_lists=personas))
    interview.answer("who", "worker")
    assert db.get_response(interview.response_id).persona == "worker"
    interview.clear("who")
    assert db.get_response(interview.response_id).persona is None


def test_resume_uses_the_installed_version_when_not_given(db, questionnaire) -> None:
    interview = start_interview(db, questionnaire)
    interview.answer("consent", "yes")
    resumed = resume_interview(db, interview.response_id)
    assert resumed.plan.hash == interview.plan.hash
    assert resumed.value("consent") == "yes"


def test_resuming_a_draft_of_a_version_not_installed_changes_nothing(db, questionnaire) -> None:
    interview = start_interview(db, questionnaire)
    interview.answer("consent", "yes")
    db.execute("DELETE FROM questionnaires")  # e.g. a database copied from another device
    before = _dump(db)
    with pytest.raises(EngineError) as caught:
        resume_interview(db, interview.response_id)
    assert caught.value.code == "not_installed"
    assert "questionnaire test-form version 1, which is not installed" in caught.value.message
    assert "install that version" in caught.value.message
    assert _dump(db) == before


def test_resuming_something_that_is_not_a_draft_is_refused(db, questionnaire) -> None:
    interview = start_interview(db, questionnaire)
    interview.void("duplicate")
    with pytest.raises(EngineError, match="is voided; revise it"):
        resume_interview(db, interview.response_id, [questionnaire])
    with pytest.raises(EngineError, match="no interview 999"):
        resume_interview(db, 999, [questionnaire])


def _dump(db) -> list[tuple]:
    return [
        tuple(row)
        for table in ("responses", "answers", "paradata", "questionnaires")
        for row in db.execute(f"SELECT * FROM {table}").fetchall()
    ]


def test_a_new_interview_gets_a_uuid_ordered_by_its_start(db, questionnaire) -> None:
    first = db.get_response(start_interview(db, questionnaire).response_id)
    second = db.get_response(start_interview(db, questionnaire).response_id)
    parsed = uuid.UUID(first.uuid)
    assert parsed.version == 7
    started_ms = int(datetime.fromisoformat(first.started_at).timestamp() * 1000)
    assert parsed.int >> 80 == started_ms
    assert first.uuid < second.uuid or first.started_at == second.started_at
