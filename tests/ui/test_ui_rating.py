"""0-10 ratings answered with one key, like Likert items: 0-9 by their digit, 10 by `t`.

An integer question bounded to 0..10 by its constraint is a list: "33" cannot be typed, and
every value takes one key. A ten-point Likert scale keys its tenth point `t` as well.
"""

from __future__ import annotations

from typing import Any

from ui_helpers import MakeApp, screen_text, start_new

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.store.sqlite import SQLiteStore
from fieldsurvey.ui.widgets.choice_list import ChoiceList


def t(en: str) -> dict[str, str]:
    return {"en": en, "zh": f"{en}（中）"}


RATINGS: dict[str, Any] = {
    "id": "ratings",
    "version": "1",
    "title": t("Ratings"),
    "languages": ["en", "zh"],
    "default_language": "en",
    "personas": [{"id": "worker", "label": t("Worker")}],
    "scales": [
        {
            "id": "sat10",
            "points": [{"value": v, "label": t(f"{v}")} for v in range(1, 11)],
            "dk": {"value": "dk", "label": t("Don't know")},
        }
    ],
    "survey": [
        {
            "type": "integer",
            "id": "overall",
            "label": t("From 0 to 10, how satisfied are you?"),
            "constraint": ". >= 0 and . <= 10",
            "required": True,
        },
        {"type": "likert", "id": "again", "scale": "sat10", "label": t("Would you come back?")},
        {"type": "integer", "id": "visits", "label": t("Visits this year?")},
    ],
}


async def test_a_zero_to_ten_rating_takes_one_key(make: MakeApp, db: SQLiteStore) -> None:
    app = make(questionnaire=Questionnaire.model_validate(RATINGS))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_new(pilot)
        assert isinstance(app.focused, ChoiceList)  # not a field that takes "33"
        assert "Press 0-9, or t for 10" in screen_text(app)
        await pilot.press("3")  # one key answers and goes on
        await pilot.pause()
        assert screen.interview.value("overall") == 3
        assert screen.interview.page is not None and screen.interview.page.key == "again"
        assert "Press 1-9, t for 10, or 0 for don't know" in screen_text(app)
        await pilot.press("t")  # the tenth point
        await pilot.pause()
        assert screen.interview.value("again") == 10
        await pilot.press("left", "left")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert screen.interview.value("overall") == 10
        await pilot.press("0")  # don't know, on the Likert item
        await pilot.pause()
        assert screen.interview.value("again") == "dk"
    assert db.load_answers(1) == {"overall": 10, "again": "dk"}


async def test_the_rating_hint_is_translated(make: MakeApp) -> None:
    app = make("zh", questionnaire=Questionnaire.model_validate(RATINGS))
    async with app.run_test(size=(80, 24)) as pilot:
        await start_new(pilot)
        assert "按 0-9，10 按 t" in screen_text(app)
