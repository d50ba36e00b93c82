"""What every screen needs from outside the UI, gathered in one object the app owns.

Screens reach it through `self.app.ctx` (typed in `screens/base.py`) rather than globals, so
tests can build an app on a temporary database, a small questionnaire and a fixed clock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.ui.preferences import Preferences, save_preferences

Clock = Callable[[], datetime]
"""Returns the local time now; injected so snapshots show fixed dates."""


def system_clock() -> datetime:
    return datetime.now().astimezone()


@dataclass
class AppContext:
    """The database, the questionnaire, who is interviewing, and the time."""

    db: sqlite_utils.Database
    questionnaire: Questionnaire
    device_id: str
    preferences: Preferences
    clock: Clock = system_clock

    @property
    def language(self) -> str:
        """The language of the app's own words outside an interview."""
        return self.preferences.language

    def update_preferences(self, preferences: Preferences) -> None:
        save_preferences(self.db, preferences)
        self.preferences = preferences
