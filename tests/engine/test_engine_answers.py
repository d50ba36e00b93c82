"""Answer checks: types, constraints (questionnaire and built-in messages), required, refusals.

Every refused answer must leave the answers given before it untouched, in memory and on disk.
"""

from __future__ import annotations

import pytest

from fieldsurvey.engine import start_interview

CHOICES = [
    {
        "id": "channels",
        "choices": [
            {"value": "desk", "label": {"en": "Desk"}},
            {"value": "phone", "label": {"en": "Phone"}},
            {"value": "web", "label": {"en": "Web"}},
        ],
    }
]
SURVEY = [
    {"type": "select_one", "id": "one", "label": {"en": "One"}, "choices": "channels"},
    {"type": "select_multiple", "id": "many", "label": {"en": "Many"}, "choices": "channels"},
    {"type": "rank", "id": "order", "label": {"en": "Order"}, "choices": "channels"},
    {
        "type": "integer",
        "id": "age",
        "label": {"en": "Age"},
        "constraint": ". >= 15 and . <= 110",
        "constraint_message": {"en": "Age must be 15 to 110", "zh": "年龄必须在15到110之间"},
    },
    {"type": "decimal", "id": "amount", "label": {"en": "Amount"}, "constraint": ". > 0"},
    {"type": "date", "id": "visit", "label": {"en": "Visit"}, "constraint": ". <= today()"},
    {"type": "text", "id": "comment", "label": {"en": "Comment"}, "max_length": 10},
    {"type": "likert", "id": "polite", "label": {"en": "Staff were polite"}},
    {"type": "note", "id": "thanks", "label": {"en": "Thanks"}},
    {"type": "calculate", "id": "adult", "calculation": "${age} >= 18"},
    {"type": "text", "id": "guardian", "label": {"en": "Guardian"}, "relevant": "${age} < 18"},
]


@pytest.fixture
def interview(db, make_questionnaire):
    return start_interview(db, make_questionnaire(SURVEY, choice_lists=CHOICES))


@pytest.mark.parametrize(
    ("question", "raw", "stored"),
    [
        ("one", " phone ", "phone"),
        ("many", ["web", "desk"], ["desk", "web"]),
        ("many", "web desk", ["desk", "web"]),
        ("order", ["web", "desk", "phone"], ["web", "desk", "phone"]),
        ("age", "42", 42),
        ("age", 42.0, 42),
        ("amount", "12.50", 12.5),
        ("amount", 3, 3.0),
        ("visit", "2024-02-29", "2024-02-29"),
        ("comment", "  fine  ", "fine"),
        ("polite", "4", 4),
        ("polite", 5, 5),
        ("polite", "dk", "dk"),
    ],
)
def test_answers_of_every_type_are_stored_as_json(db, interview, question, raw, stored) -> None:
    assert interview.answer(question, raw) is None
    assert interview.value(question) == stored
    assert db.load_answers(interview.response_id)[question] == stored


@pytest.mark.parametrize(
    ("question", "raw", "message"),
    [
        ("one", "fax", "Choose one of the listed options"),
        ("one", 1, "Choose one of the listed options"),
        ("many", ["web", "fax"], "Choose only listed options"),
        ("order", ["web", "desk"], "Put every listed option in order, each once"),
        ("order", ["web", "web", "desk"], "Put every listed option in order, each once"),
        ("age", "forty", "Enter a whole number"),
        ("age", 4.5, "Enter a whole number"),
        ("age", True, "Enter a whole number"),
        ("age", 10**20, "This number is too large"),
        ("amount", "1e9", "Enter a number"),
        ("amount", float("nan"), "Enter a number"),
        ("visit", "2023-02-29", "Enter a date as YYYY-MM-DD"),
        ("visit", "29/02/2024", "Enter a date as YYYY-MM-DD"),
        ("comment", "x" * 11, "Keep the text under 10 characters"),
        ("comment", 12, "Enter text"),
        ("polite", 6, "Choose a point on the scale, or don't know"),
        ("polite", "na", "Choose a point on the scale, or don't know"),
        ("thanks", "hello", "This item takes no answer"),
        ("adult", "true", "This item takes no answer"),
        ("nope", "1", "There is no such question in this questionnaire"),
    ],
)
def test_wrong_types_are_refused_and_earlier_answers_kept(
    db, interview, question, raw, message
) -> None:
    earlier = {"one": "desk", "age": 30, "comment": "ok", "polite": 2}
    for given, value in earlier.items():
        assert interview.answer(given, value) is None
    refused = interview.answer(question, raw)
    assert refused is not None
    assert (refused.question, refused.message) == (question, message)
    assert {q: interview.value(q) for q in earlier} == earlier
    assert db.load_answers(interview.response_id) == {**earlier, "adult": True}


def test_constraint_messages_come_from_the_questionnaire_in_the_interview_language(
    db, interview
) -> None:
    assert interview.answer("age", 30) is None
    refused = interview.answer("age", 12)
    assert (refused.code, refused.message) == ("constraint", "Age must be 15 to 110")
    interview.set_language("zh")
    assert interview.answer("age", 200).message == "年龄必须在15到110之间"
    assert interview.answer("age", "abc").message == "请输入整数"
    assert interview.answer("amount", -1).message == "答案无效"  # no message in the file
    assert interview.value("age") == 30
    assert db.load_answers(interview.response_id)["age"] == 30


def test_constraint_may_read_other_answers_and_today(db, interview) -> None:
    refused = interview.answer("visit", "2999-01-01")
    assert (refused.code, refused.message) == ("constraint", "This answer is not valid")
    assert interview.answer("visit", "2000-01-01") is None


def test_answering_an_irrelevant_question_is_refused(db, interview) -> None:
    assert interview.answer("age", 30) is None
    refused = interview.answer("guardian", "Mother")
    assert (refused.code, refused.message) == (
        "not_relevant",
        "This question does not apply to this respondent",
    )
    assert db.load_answers(interview.response_id) == {"age": 30, "adult": True}
    assert interview.answer("age", 16) is None
    assert interview.answer("guardian", "Mother") is None


def test_required_may_be_an_expression(db, make_questionnaire) -> None:
    survey = [
        {"type": "integer", "id": "children", "label": {"en": "Children"}, "required": True},
        {
            "type": "group",
            "id": "family",
            "field_list": True,
            "items": [
                {
                    "type": "integer",
                    "id": "youngest",
                    "label": {"en": "Youngest's age"},
                    "required": "${children} > 0",
                },
                {"type": "text", "id": "remark", "label": {"en": "Remark"}},
            ],
        },
    ]
    interview = start_interview(db, make_questionnaire(survey))
    assert [(p.question, p.code) for p in interview.next()] == [("children", "required")]
    interview.answer("children", 0)
    assert interview.next() == []
    assert interview.next() == []  # youngest not required with no children
    interview.answer("children", 2)
    assert [(p.question, p.code) for p in interview.complete()] == [("youngest", "required")]
    assert interview.status == "draft"
    interview.answer("youngest", 3)
    assert interview.complete() == []
    assert interview.status == "complete"
