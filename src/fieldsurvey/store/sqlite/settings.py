"""Settings' statements for SQLite; the logic is store/settings.py's."""

from __future__ import annotations

from collections.abc import Sequence

from fieldsurvey.store.settings import SettingsPart, SettingsSQL
from fieldsurvey.store.sqlite.base import SQLiteBase


class SettingsMixin(SQLiteBase, SettingsPart):
    settings_sql = SettingsSQL(
        get_setting="SELECT value FROM settings WHERE key = ?",
        set_setting=(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        ),
        set_setting_once="INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)",
    )

    def get_settings(self, keys: Sequence[str]) -> dict[str, str]:
        marks = ", ".join("?" for _ in keys)
        rows = self.conn.execute(f"SELECT key, value FROM settings WHERE key IN ({marks})", keys)
        return dict(rows.fetchall())
