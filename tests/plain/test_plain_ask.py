"""`fieldsurvey ask` driven through prompt_toolkit's pipe input, as a user would type."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from fieldsurvey.engine import resume_interview, start_interview
from fieldsurvey.plain import PlainInterview
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.store.sqlite import open_store

T = TypeVar("T")
ENTER, DOWN, SPACE = "\r", "\x1b[B", " "


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


@pytest.fixture
def questionnaire() -> Questionnaire:
    return Questionnaire.model_validate(FORM)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "plain.db"


def typed(keys: list[str], action: Callable[[], T]) -> T:
    """Run `action` with `keys` typed in advance (all prompts read from one pipe)."""
    with create_pipe_input() as pipe:
        pipe.send_text("".join(keys))
        with create_app_session(input=pipe, output=DummyOutput()):
            return action()


def run_keys(db_path: Path, questionnaire: Questionnaire, keys: list[str]) -> tuple[str, list[str]]:
    db = open_store(db_path)
    lines: list[str] = []
    interview = start_interview(db, questionnaire)
    status = typed(keys, PlainInterview(interview, say=lines.append).run)
    return status, lines


def answers(db_path: Path) -> dict[str, Any]:
    db = open_store(db_path)
    rows = db.execute("SELECT question, value FROM answers").fetchall()
    return {q: json.loads(v) for q, v in rows}


EMPLOYER_TO_MINUTES = [
    ENTER,  # consent: yes
    DOWN,
    ENTER,  # persona: employer
    ENTER,  # note: continue
    DOWN,
    DOWN,
    DOWN,
    ENTER,  # hours: 4
    SPACE,
    DOWN,
    DOWN,
    SPACE,
    ENTER,  # heard: radio, desk
    DOWN,
    ENTER,
    ENTER,  # rank: web, radio, then desk
]


def test_employer_interview_every_type(db_path: Path, questionnaire: Questionnaire) -> None:
    keys = [
        *EMPLOYER_TO_MINUTES,
        "700",
        ENTER,  # refused by the constraint
        "\x15",
        "45",
        ENTER,  # Ctrl+U clears the line, then a valid answer
        "1.5",
        ENTER,
        "2026-01-31",
        ENTER,
        "More staff",
        ENTER,
        ENTER,  # finish? yes
    ]
    status, lines = run_keys(db_path, questionnaire, keys)
    assert status == "complete"
    assert "! Between 0 and 600" in lines
    stored = answers(db_path)
    assert stored["persona"] == "employer"
    assert stored["hours"] == 4
    assert stored["heard"] == ["radio", "desk"]
    assert stored["prefer"] == ["web", "radio", "desk"]
    assert stored["minutes"] == 45
    assert stored["hours_away"] == 1.5
    assert stored["visited"] == "2026-01-31"


def test_worker_skips_employer_question(db_path: Path, questionnaire: Questionnaire) -> None:
    keys = [ENTER, ENTER, ENTER, "\x1b[B" * 5, ENTER, SPACE, ENTER, ENTER, ENTER]
    keys += ["", ENTER, "", ENTER, "", ENTER, ENTER]
    status, _ = run_keys(db_path, questionnaire, keys)
    assert status == "complete"
    stored = answers(db_path)
    assert stored["hours"] == "dk"
    assert "minutes" not in stored


def test_no_consent_keeps_only_the_refusal(db_path: Path, questionnaire: Questionnaire) -> None:
    status, lines = run_keys(db_path, questionnaire, [DOWN, ENTER])
    assert status == "refused"
    assert answers(db_path) == {"consent": "no"}
    assert any("only the refusal is kept" in line for line in lines)


def test_back_changes_an_answer(db_path: Path, questionnaire: Questionnaire) -> None:
    keys = [ENTER, ENTER, ENTER]  # consent yes, persona worker, note
    keys += [DOWN * 6, ENTER]  # the Likert page: 5 points, don't know, then "< Back"
    keys += [DOWN, ENTER]  # the note: "< Back"
    keys += [DOWN, ENTER, ENTER, "\x03"]  # persona: employer; note; Ctrl+C on the Likert page
    status, _ = run_keys(db_path, questionnaire, keys)
    assert status == "draft"
    assert answers(db_path)["persona"] == "employer"


def test_quit_then_resume_in_chinese(db_path: Path, questionnaire: Questionnaire) -> None:
    quit_keys = [ENTER, DOWN * 4, ENTER]  # consent yes; persona page: "Save and quit"
    status, lines = run_keys(db_path, questionnaire, quit_keys)
    assert status == "draft" and lines[-1].startswith("Draft kept")
    db = open_store(db_path)
    draft_id = db.execute("SELECT id FROM responses").fetchone()[0]
    interview = resume_interview(db, draft_id, [questionnaire])
    lines = []
    keys = [DOWN * 3, ENTER, DOWN, ENTER, "\x03"]  # language -> zh, then Ctrl+C
    typed(keys, PlainInterview(interview, say=lines.append).run)
    assert interview.language == "zh"
    assert lines[-1] == "草稿已保存：用 `fieldsurvey ask` 继续。"
    assert answers(db_path)["consent"] == "yes"


def test_ask_asks_for_the_round_until_it_is_in_the_fixed_form(
    db_path: Path, questionnaire: Questionnaire
) -> None:
    from fieldsurvey.plain import open_interview

    db = open_store(db_path)
    db.set_setting("interviewer", "Dara")
    db.set_setting("office", "Phnom Penh")
    keys = ["Q3 2026", ENTER, "\x7f" * 7, "2026-Q3", ENTER]  # refused, erased, typed again
    typed(keys, lambda: open_interview(db, questionnaire, None, force_new=True))
    assert db.get_setting("round") == "2026-Q3"
    assert db.execute("SELECT round FROM responses").fetchall() == [("2026-Q3",)]
