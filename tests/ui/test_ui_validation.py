"""Validation messages beside the question, on a small inline form that shows its whole input."""

from __future__ import annotations

from typing import Any

import pytest
from ui_helpers import MakeApp, screen_text, settle

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.store.sqlite import SQLiteStore
from fieldsurvey.ui.screens.interview import InterviewScreen

FORM: dict[str, Any] = {
    "id": "small-form",
    "version": "1",
    "title": {"en": "Small form", "zh": "小问卷"},
    "languages": ["en", "zh"],
    "default_language": "en",
    "personas": [{"id": "worker", "label": {"en": "Worker", "zh": "职工"}}],
    "scales": [
        {
            "id": "agree5",
            "points": [{"value": v, "label": {"en": f"p{v}", "zh": f"点{v}"}} for v in range(1, 6)],
            "dk": {"value": "dk", "label": {"en": "Don't know", "zh": "不知道"}},
        }
    ],
    "survey": [
        {
            "type": "integer",
            "id": "age",
            "label": {"en": "Age?", "zh": "年龄？"},
            "required": True,
            "constraint": ". >= 15 and . <= 110",
            "constraint_message": {"en": "Between 15 and 110.", "zh": "须在15到110之间。"},
        },
        {"type": "date", "id": "visit", "label": {"en": "Visit date?", "zh": "日期？"}},
        {"type": "likert", "id": "fast", "label": {"en": "Service was fast.", "zh": "服务快。"}},
    ],
}


@pytest.fixture
def small() -> Questionnaire:
    return Questionnaire.model_validate(FORM)


async def test_required_constraint_and_type_messages(
    make: MakeApp, db: SQLiteStore, small: Questionnaire
) -> None:
    app = make(questionnaire=small)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen)

        await pilot.press("enter")  # nothing typed: required
        assert "This answer is required" in screen_text(app)
        assert screen.interview.page.key == "age"

        await pilot.press("9", "enter")  # breaks the constraint: the form's own message
        assert "Between 15 and 110." in screen_text(app)
        assert "This answer is required" not in screen_text(app)

        await pilot.press("backspace", "4", "2", "enter")
        assert screen.interview.page.key == "visit"
        assert "Between 15 and 110." not in screen_text(app)

        await pilot.press(*"2024-02-30", "enter")  # not a date
        assert "Enter a date as YYYY-MM-DD" in screen_text(app)
        assert screen.interview.page.key == "visit"

        await pilot.press("ctrl+l")  # the message follows the language
        await pilot.pause()
        await pilot.press("enter")
        assert "请按 YYYY-MM-DD 格式输入日期" in screen_text(app)

        await pilot.press("ctrl+u", *"2024-02-29", "enter")
        assert screen.interview.page.key == "fast"
        await pilot.press("d")  # don't know, with one key
        await pilot.pause()
        response_id = screen.interview.response_id

    assert db.load_answers(response_id) == {"age": 42, "visit": "2024-02-29", "fast": "dk"}


async def test_letters_cannot_be_typed_in_a_number(
    make: MakeApp, db: SQLiteStore, small: Questionnaire
) -> None:
    app = make(questionnaire=small)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", "a", "b", "3", "0")
        field = app.focused
        assert field is not None and getattr(field, "value", None) == "30"
