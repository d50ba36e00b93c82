"""Settings of the HQ database, for PostgreSQL: its own device identity (merge refuses files
claiming it) and the supervisor's name; the logic is store/settings.py's."""

from __future__ import annotations

from collections.abc import Sequence

from fieldsurvey.store.postgres.base import PostgresBase
from fieldsurvey.store.settings import SettingsPart, SettingsSQL


class SettingsMixin(PostgresBase, SettingsPart):
    settings_sql = SettingsSQL(
        get_setting="SELECT value FROM settings WHERE key = %s",
        set_setting=(
            "INSERT INTO settings (key, value) VALUES (%s, %s) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        ),
        set_setting_once="INSERT INTO settings (key, value) VALUES (%s, %s) ON CONFLICT DO NOTHING",
    )

    def get_settings(self, keys: Sequence[str]) -> dict[str, str]:
        rows = self.conn.execute(
            "SELECT key, value FROM settings WHERE key = ANY(%s)", [list(keys)]
        ).fetchall()
        return {str(key): str(value) for key, value in rows}
