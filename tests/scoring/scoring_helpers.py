"""A small questionnaire written inline, and responses inserted straight into the tables.

Scoring reads only `responses` and `answers`, so tests build exactly the data they reason
about (fast enough for hypothesis) without the interview engine.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.store.sqlite import SQLiteStore


def t(en: str, zh: str | None = None) -> dict[str, str]:
    return {"en": en, "zh": zh or f"{en} (zh)"}


def choices(list_id: str, *values: str) -> dict[str, Any]:
    return {"id": list_id, "choices": [{"value": v, "label": t(v.capitalize())} for v in values]}


BASE: dict[str, Any] = {
    "id": "cs",
    "version": "2",
    "title": t("Client satisfaction"),
    "languages": ["en", "zh"],
    "default_language": "en",
    "personas": [{"id": p, "label": t(p.capitalize())} for p in ("worker", "employer")],
    "choice_lists": [
        choices("personas", "worker", "employer"),
        choices("places", "urban", "rural", "remote"),
        choices("channels", "online", "phone", "office"),
        choices("areas", "access", "treat"),
        choices("yes_no_dk", "yes", "no", "dk"),
    ],
    "scales": [
        {
            "id": "agree5",
            "points": [{"value": v, "label": t(str(v))} for v in range(1, 6)],
            "dk": {"value": "dk", "label": t("Don't know")},
        }
    ],
    "areas": [
        {
            "id": "access",
            "label": t("Accessibility", "可及性"),
            "items": [
                {"id": "a1", "label": t("Office near")},
                {"id": "a2", "label": t("Hours fit")},
                {"id": "a3", "label": t("Hotline never answers"), "reverse": True},
            ],
        },
        {
            "id": "treat",
            "label": t("Equal treatment"),
            "items": [{"id": "t1", "label": t("Same care")}, {"id": "t2", "label": t("No queue")}],
        },
    ],
    "survey": [
        {
            "type": "select_one",
            "id": "persona",
            "label": t("You are"),
            "choices": "personas",
            "persona": True,
        },
        {
            "type": "select_one",
            "id": "place",
            "label": t("Place"),
            "choices": "places",
            "segment": "geography",
        },
        {
            "type": "select_multiple",
            "id": "channel",
            "label": t("Channels"),
            "choices": "channels",
            "segment": "ict",
        },
        {"type": "area", "area": "access"},
        {"type": "area", "area": "treat"},
        {"type": "integer", "id": "overall", "label": t("Overall 0-10")},
        {"type": "select_one", "id": "important", "label": t("Most important"), "choices": "areas"},
        {
            "type": "select_one",
            "id": "knows_pension",
            "label": t("Pension?"),
            "choices": "yes_no_dk",
        },
        {"type": "decimal", "id": "w", "label": t("Weight")},
    ],
    "benefits": [{"id": "pension", "label": t("Old-age pension"), "question": "knows_pension"}],
    "scoring": {"overall": "overall", "most_important_area": "important"},
    "messages": [
        {
            "id": "access-low",
            "trigger": {"area": "access", "score_min": 0, "score_max": 60},
            "channel": "poster",
            "theme": "present whenever you need",
            "source": "seed 000 I",
            "text": t("We are near you.", "我们就在您身边。"),
        },
        {
            "id": "access-employers",
            "trigger": {"area": "access", "score_min": 0, "score_max": 60},
            "personas": ["employer"],
            "channel": "letter",
            "theme": "online services",
            "source": "seed 000 I",
            "text": t("File online."),
        },
        {
            "id": "access-concentrate",
            "trigger": {"area": "access", "quadrants": ["concentrate"]},
            "channel": "map",
            "theme": "maps",
            "source": "seed 000 I",
            "text": t("See the map."),
        },
        {
            "id": "treat-high",
            "trigger": {"area": "treat", "score_min": 70, "score_max": 100},
            "channel": "radio",
            "theme": "all are welcome",
            "source": "seed 000 II",
            "text": t("All are welcome."),
        },
        {
            "id": "pension-unknown",
            "trigger": {"benefit": "pension", "score_min": 0, "score_max": 50},
            "channel": "radio",
            "theme": "benefits",
            "source": "seed 002",
            "text": t("You have a right to a pension."),
        },
    ],
    "indicators": [
        {
            "id": "clients_received",
            "area": "access",
            "label": t("Clients received"),
            "correlates_with": t("Clients to serve"),
        },
        {
            "id": "complaints_received",
            "area": "treat",
            "label": t("Complaints received"),
            "correlates_with": t("Clients"),
            "better": "down",
        },
    ],
    "ratios": [
        {
            "id": "complaints_per_1000",
            "area": "treat",
            "label": t("Complaints per 1,000 clients"),
            "numerator": "complaints_received",
            "denominator": "clients_received",
            "per": 1000,
            "better": "down",
        }
    ],
}


def make_questionnaire(**changes: Any) -> Questionnaire:
    return Questionnaire.model_validate({**BASE, **changes})


def write_questionnaire(path: Path, **changes: Any) -> Path:
    """The same questionnaire as a YAML file, for CLI tests (it passes `fieldsurvey validate`)."""
    path.write_text(yaml.safe_dump({**BASE, **changes}, allow_unicode=True), encoding="utf-8")
    return path


class Survey:
    """Inserts responses of questionnaire `cs` with the answers given."""

    def __init__(self, db: SQLiteStore) -> None:
        self.db = db

    def add(
        self,
        answers: Mapping[str, Any],
        *,
        persona: str | None = "worker",
        version: str = "2",
        round: str | None = None,
        status: str = "complete",
        completed_at: str = "2026-03-01T10:00:00.000+00:00",
        questionnaire_id: str = "cs",
        is_head: int = 1,
    ) -> int:
        with self.db.unit_of_work():
            cursor = self.db.conn.execute(
                "INSERT INTO responses (uuid, questionnaire_id, questionnaire_version, "
                "questionnaire_hash, device_id, language, persona, status, started_at, "
                "updated_at, completed_at, round, is_head) "
                "VALUES (?, ?, ?, 'h', 'dev', 'en', ?, ?, ?, ?, ?, ?, ?)",
                [str(uuid.uuid4()), questionnaire_id, version, persona, status, completed_at,
                 completed_at, completed_at, round, is_head],
            )  # fmt: skip
            response = int(cursor.lastrowid or 0)
            self.db.conn.executemany(
                "INSERT INTO answers (response, question, value, answered_at) VALUES (?, ?, ?, ?)",
                [(response, q, json.dumps(v), completed_at) for q, v in answers.items()],
            )
        return response

    def add_many(self, count: int, answers: Mapping[str, Any], **fields: Any) -> None:
        for _ in range(count):
            self.add(answers, **fields)


def likert(access: tuple[Any, Any, Any], treat: tuple[Any, Any]) -> dict[str, Any]:
    """Answers to the five items; a3 is reverse-worded, so pass the raw answer."""
    return dict(zip(("a1", "a2", "a3", "t1", "t2"), (*access, *treat), strict=True))
