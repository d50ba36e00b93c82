"""Fixtures for the UI tests: a temporary database, fixed device and clock, the app factory.

The autouse fixture points $FIELDSURVEY_DB at a temporary file and fixes the time zone, so no
test can touch the developer's own database and dates on screen are the same everywhere.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from ui_helpers import MakeApp

from fieldsurvey.paths import bundled_questionnaire_path
from fieldsurvey.questionnaire import Questionnaire, load_questionnaire
from fieldsurvey.store.sqlite import SQLiteStore, open_store
from fieldsurvey.ui.app import FieldSurveyApp, make_app
from fieldsurvey.ui.preferences import Preferences

DEVICE_ID = "0d1e2f3a-4b5c-4d6e-8f70-81a2b3c4d5e6"
FIXED_NOW = datetime(2026, 5, 4, 10, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _private_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Keep the user's data dir out, and show times in UTC."""
    monkeypatch.setenv("FIELDSURVEY_DB", str(tmp_path / "from-env.db"))
    monkeypatch.delenv("FIELDSURVEY_QUESTIONNAIRE", raising=False)
    monkeypatch.delenv("FIELDSURVEY_EXIT_AFTER_FIRST_SCREEN", raising=False)
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    time.tzset()


_BUNDLED: list[Questionnaire] = []


@pytest.fixture
def bundled() -> Questionnaire:
    """The bundled questionnaire, loaded once per run (parsing it is the slow part)."""
    if not _BUNDLED:
        _BUNDLED.append(load_questionnaire(bundled_questionnaire_path()))
    return _BUNDLED[0]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "survey.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[SQLiteStore]:
    database = open_store(db_path)
    database.set_setting("device_id", DEVICE_ID)
    yield database
    database.close()


def preferences(language: str = "en", **values: str) -> Preferences:
    base = {"interviewer": "Li Na", "office": "Changchun Chaoyang", "round": "2026-Q3"}
    return Preferences(**{**base, "language": language, "theme": "textual-dark", **values})


@pytest.fixture
def make(db: SQLiteStore, bundled: Questionnaire) -> MakeApp:
    """Build the app on the test database; keyword `language`, `questionnaire`, `prefs`."""

    def build(
        language: str = "en",
        *,
        questionnaire: Questionnaire | None = None,
        prefs: Preferences | None = None,
        **kwargs: Any,
    ) -> FieldSurveyApp:
        return make_app(
            db,
            questionnaire or bundled,
            preferences=prefs or preferences(language),
            clock=lambda: FIXED_NOW,
            **kwargs,
        )

    return build
