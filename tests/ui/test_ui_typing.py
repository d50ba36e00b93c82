"""Typed text is kept as the answer so far once the typing pauses, quietly.

The kill test (a real process, SIGKILL mid-word) is in test_ui_tmux.py; these check the rules
in the app: a pause saves, a refused value waits for Enter to say why, Enter still goes on.
"""

from __future__ import annotations

from typing import Any

from ui_helpers import MakeApp, screen_text, start_new

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.store.sqlite import SQLiteStore
from fieldsurvey.ui.widgets.answer_input import DRAFT_DELAY, AnswerInput

TYPED: dict[str, Any] = {
    "id": "typed",
    "version": "1",
    "title": {"en": "Typed"},
    "languages": ["en"],
    "default_language": "en",
    "survey": [
        {
            "type": "group",
            "id": "visit",
            "field_list": True,
            "items": [
                {"type": "text", "id": "where", "label": {"en": "Where did you wait?"}},
                {
                    "type": "integer",
                    "id": "minutes",
                    "label": {"en": "Minutes waited?"},
                    "constraint": ". >= 0 and . <= 600",
                },
            ],
        },
        {"type": "note", "id": "end", "label": {"en": "Thank you."}},
    ],
}


def stored(db: SQLiteStore) -> dict[str, object]:
    """The answers in the database (the first interview's), as the next start reads them."""
    return dict(db.load_answers(1))


async def test_a_pause_in_typing_saves_the_text_so_far(make: MakeApp, db: SQLiteStore) -> None:
    app = make(questionnaire=Questionnaire.model_validate(TYPED))
    async with app.run_test(size=(80, 24)) as pilot:
        await start_new(pilot)
        assert isinstance(app.focused, AnswerInput)
        await pilot.press(*"bus stop")
        assert stored(db) == {}  # not on every key
        await pilot.pause(DRAFT_DELAY + 0.3)
        assert stored(db) == {"where": "bus stop"}
        assert "1/2 answered" in screen_text(app)
        await pilot.press(*" near office")
        await pilot.pause(DRAFT_DELAY + 0.3)
        assert stored(db) == {"where": "bus stop near office"}
        await pilot.press("enter")  # on to the next field; nothing new to write
        await pilot.press(*"700")
        await pilot.pause(DRAFT_DELAY + 0.3)
        assert "minutes" not in stored(db)  # refused by the constraint: not saved...
        assert "not valid" not in screen_text(app)  # ...and not scolded while typing
        await pilot.press("enter")
        await pilot.pause()
        assert "not valid" in screen_text(app)  # Enter says why
        await pilot.press("backspace", "backspace", "backspace", *"25")
        await pilot.pause(DRAFT_DELAY + 0.3)
        assert stored(db)["minutes"] == 25
        assert "not valid" not in screen_text(app)  # saved: the old message is gone
