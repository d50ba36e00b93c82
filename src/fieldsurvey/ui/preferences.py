"""The interviewer's preferences, kept in the database's settings table.

They live in the database rather than a config file because the database is what travels with
the device (and its backups): whoever opens it finds the same interviewer, office and round.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from fieldsurvey.store.interface import Settings

THEME_AUTO = "auto"
"""Pick a 16-colour theme on terminals that report few colours, the Textual theme otherwise."""

THEMES = (THEME_AUTO, "textual-dark", "textual-light", "ansi-dark", "ansi-light")
"""Themes offered in Settings: two true-colour ones and the two ANSI (16-colour) ones."""

_KEYS = ("interviewer", "office", "round", "language", "theme")


@dataclass(frozen=True)
class Preferences:
    """Who interviews, where, in which round, and how the app looks."""

    interviewer: str = ""
    office: str = ""
    round: str = ""
    language: str = "en"
    theme: str = THEME_AUTO

    @property
    def ready_to_interview(self) -> bool:
        """Interviewer and office are recorded with every response, so both are required."""
        return bool(self.interviewer.strip() and self.office.strip())

    def with_values(self, **values: str) -> Preferences:
        return replace(self, **values)


def load_preferences(store: Settings, default_language: str = "en") -> Preferences:
    """Read the preferences; missing ones take their defaults."""
    defaults = Preferences(language=default_language)
    values = {key: store.get_setting(key) for key in _KEYS}
    present = {key: value for key, value in values.items() if value is not None}
    return replace(defaults, **present)


def save_preferences(store: Settings, preferences: Preferences) -> None:
    """Write every preference (each `set_setting` is its own small transaction)."""
    for key in _KEYS:
        store.set_setting(key, str(getattr(preferences, key)).strip())
