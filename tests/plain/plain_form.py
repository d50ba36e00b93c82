"""A small questionnaire with every question type, for the `fieldsurvey ask` tests."""

from __future__ import annotations

from typing import Any


def text(en: str) -> dict[str, str]:
    return {"en": en, "zh": f"{en}（中文）"}


FORM: dict[str, Any] = {
    "id": "plain-form",
    "version": "1",
    "title": text("Plain"),
    "languages": ["en", "zh"],
    "default_language": "en",
    "consent": {"question": "consent"},
    "personas": [
        {"id": "worker", "label": text("Worker")},
        {"id": "employer", "label": text("Employer")},
    ],
    "choice_lists": [
        {
            "id": "yes_no",
            "choices": [
                {"value": "yes", "label": text("Yes")},
                {"value": "no", "label": text("No")},
            ],
        },
        {
            "id": "personas",
            "choices": [
                {"value": "worker", "label": text("Worker")},
                {"value": "employer", "label": text("Employer")},
            ],
        },
        {
            "id": "channels",
            "choices": [{"value": c, "label": text(c)} for c in ("radio", "web", "desk")],
        },
    ],
    "scales": [
        {
            "id": "agree5",
            "points": [{"value": v, "label": text(str(v))} for v in range(1, 6)],
            "dk": {"value": "dk", "label": text("Don't know")},
        }
    ],
    "areas": [
        {
            "id": "access",
            "label": text("Access"),
            "items": [{"id": "hours", "label": text("Hours suit me"), "required": True}],
        }
    ],
    "survey": [
        {
            "type": "select_one",
            "id": "consent",
            "choices": "yes_no",
            "label": text("Agree?"),
            "required": True,
        },
        {
            "type": "select_one",
            "id": "persona",
            "persona": True,
            "choices": "personas",
            "label": text("You are"),
            "required": True,
        },
        {"type": "note", "id": "intro", "label": text("Thanks")},
        {"type": "area", "area": "access"},
        {
            "type": "select_multiple",
            "id": "heard",
            "choices": "channels",
            "label": text("Heard from"),
        },
        {"type": "rank", "id": "prefer", "choices": "channels", "label": text("Rank channels")},
        {
            "type": "integer",
            "id": "minutes",
            "label": text("Minutes to register"),
            "relevant": "${persona} = 'employer'",
            "constraint": ". >= 0 and . <= 600",
            "constraint_message": text("Between 0 and 600"),
        },
        {"type": "decimal", "id": "hours_away", "label": text("Hours to office")},
        {"type": "date", "id": "visited", "label": text("Last visit")},
        {"type": "text", "id": "say", "label": text("Suggestion")},
    ],
}
