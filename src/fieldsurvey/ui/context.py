"""What every screen needs from outside the UI, gathered in one object the app owns.

Screens reach it through `self.app.ctx` (typed in `screens/base.py`) rather than globals, so
tests can build an app on a temporary database, a small questionnaire and a fixed clock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.store.interface import Store
from fieldsurvey.ui.preferences import Preferences, save_preferences

Clock = Callable[[], datetime]
"""Returns the local time now; injected so snapshots show fixed dates."""


def system_clock() -> datetime:
    return datetime.now().astimezone()


@dataclass
class AppContext:
    """The store, the questionnaire, who is interviewing, and the time."""

    store: Store
    questionnaire: Questionnaire
    """The version new interviews start on (drafts keep their own)."""
    device_id: str
    preferences: Preferences
    clock: Clock = system_clock
    follows_current: bool = False
    """New interviews use the store's current version (published or received), so a version
    received while the app is open replaces `questionnaire`; False when the app was given
    a questionnaire file (`--questionnaire`), which then stays."""

    @property
    def language(self) -> str:
        """The language of the app's own words outside an interview."""
        return self.preferences.language

    def use_current(self, questionnaire: Questionnaire) -> bool:
        """Start new interviews on `questionnaire`, the version just made current, unless the
        app was given its questionnaire; True when it is used from now on."""
        if self.follows_current:
            self.questionnaire = questionnaire
        return self.follows_current

    def update_preferences(self, preferences: Preferences) -> None:
        save_preferences(self.store, preferences)
        self.preferences = preferences
