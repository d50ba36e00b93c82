"""Pages, next/back/jump, progress, review, language switches and paradata."""

from __future__ import annotations

from fieldsurvey.engine import resume_interview, start_interview
from fieldsurvey.store.sqlite import SQLiteStore

YES_NO = [
    {
        "id": "yes_no",
        "choices": [
            {"value": "yes", "label": {"en": "Yes"}},
            {"value": "no", "label": {"en": "No"}},
        ],
    }
]
SURVEY = [
    {"type": "note", "id": "intro", "label": {"en": "Welcome"}},
    {"type": "select_one", "id": "visited", "label": {"en": "Visited?"}, "choices": "yes_no"},
    {
        "type": "group",
        "id": "visit",
        "field_list": True,
        "relevant": "${visited} = 'yes'",
        "items": [
            {"type": "integer", "id": "visits", "label": {"en": "How many?"}, "required": True},
            {"type": "calculate", "id": "many", "calculation": "${visits} > 3"},
            {"type": "text", "id": "why", "label": {"en": "Why?"}},
        ],
    },
    {"type": "integer", "id": "age", "label": {"en": "Age"}},
]


def test_pages_are_questions_notes_and_field_list_groups(db, make_questionnaire) -> None:
    interview = start_interview(db, make_questionnaire(SURVEY, choice_lists=YES_NO))
    pages = [(page.key, [q.id for q in page.questions]) for page in interview.plan.pages]
    assert pages == [
        ("intro", ["intro"]),
        ("visited", ["visited"]),
        ("visits", ["visits", "why"]),  # the calculate is never shown
        ("age", ["age"]),
    ]


def test_next_skips_irrelevant_pages_and_back_returns(db, make_questionnaire) -> None:
    interview = start_interview(db, make_questionnaire(SURVEY, choice_lists=YES_NO))
    assert interview.page.key == "intro"
    assert interview.back() is False
    assert interview.next() == []
    assert interview.answer("visited", "no") is None
    assert interview.next() == []
    assert interview.page.key == "age"
    assert interview.back() is True
    assert interview.page.key == "visited"
    assert interview.answer("visited", "yes") is None
    assert interview.next() == []
    assert [q.id for q in interview.page_items()] == ["visits", "why"]
    problems = interview.next()
    assert [(p.question, p.code, p.message) for p in problems] == [
        ("visits", "required", "This answer is required")
    ]
    assert interview.answer("visits", "5") is None
    assert interview.next() == []
    assert interview.next() == []
    assert interview.page is None  # the end: review and finish


def test_jump_goes_to_a_relevant_question_only(db, make_questionnaire) -> None:
    interview = start_interview(db, make_questionnaire(SURVEY, choice_lists=YES_NO))
    refused = interview.jump("why")
    assert refused is not None and refused.code == "not_relevant"
    assert interview.page.key == "intro"
    assert interview.jump("age") is None
    assert interview.page.key == "age"
    assert interview.jump("nothing").code == "unknown_question"


def test_progress_counts_relevant_questions_only(db, make_questionnaire) -> None:
    interview = start_interview(db, make_questionnaire(SURVEY, choice_lists=YES_NO))
    assert (interview.progress().answered, interview.progress().relevant) == (0, 2)
    interview.answer("visited", "yes")
    assert (interview.progress().answered, interview.progress().relevant) == (1, 4)
    interview.answer("visits", 2)
    review = [(item.question.id, item.value, item.required) for item in interview.review()]
    assert review == [
        ("visited", "yes", False),
        ("visits", 2, True),
        ("why", None, False),
        ("age", None, False),
    ]


def test_a_draft_resumes_on_its_page_with_its_answers(db, make_questionnaire) -> None:
    questionnaire = make_questionnaire(SURVEY, choice_lists=YES_NO)
    interview = start_interview(db, questionnaire)
    interview.next()
    interview.answer("visited", "yes")
    interview.next()
    interview.answer("visits", 7)

    resumed = resume_interview(db, interview.response_id, [questionnaire])
    assert resumed.page.key == "visits"
    assert resumed.answers() == {"visited": "yes", "visits": 7, "many": True}
    assert resumed.next() == []
    assert resumed.page.key == "age"


def test_language_switch_is_stored_and_used(db, make_questionnaire) -> None:
    interview = start_interview(db, make_questionnaire(SURVEY, choice_lists=YES_NO))
    assert interview.language == "en"
    interview.set_language("zh")
    assert interview.answer("visits", "x").message == "此题不适用于该受访者"
    stored = db.execute("SELECT language FROM responses").fetchone()[0]
    assert stored == "zh"
    language_events = [
        e.detail for e in db.paradata(interview.response_id) if e.event == "language"
    ]
    assert language_events == ["en>zh"]


def test_paradata_records_enter_and_leave_with_durations(
    db: SQLiteStore, make_questionnaire
) -> None:
    interview = start_interview(db, make_questionnaire(SURVEY, choice_lists=YES_NO))
    interview.next()
    interview.answer("visited", "no")
    interview.next()
    interview.back()
    log = [(e.seq, e.event, e.question) for e in db.paradata(interview.response_id)]
    assert log == [
        (1, "start", None),
        (2, "enter", "intro"),
        (3, "leave", "intro"),
        (4, "enter", "visited"),
        (5, "leave", "visited"),
        (6, "enter", "age"),
        (7, "leave", "age"),
        (8, "enter", "visited"),
    ]
    durations = [e.duration_ms for e in db.paradata(interview.response_id) if e.event == "leave"]
    assert all(isinstance(d, int) and d >= 0 for d in durations)
