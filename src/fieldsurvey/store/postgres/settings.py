"""Settings of the HQ database: its own device identity (merge refuses files claiming it) and
the supervisor's name, one row per key."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from fieldsurvey.store.postgres.base import PostgresBase

DEVICE_ID = "device_id"


class SettingsMixin(PostgresBase):
    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = %s", [key]).fetchone()
        return str(row[0]) if row else default

    def get_settings(self, keys: Sequence[str]) -> dict[str, str]:
        rows = self.conn.execute(
            "SELECT key, value FROM settings WHERE key = ANY(%s)", [list(keys)]
        ).fetchall()
        return {str(key): str(value) for key, value in rows}

    def set_setting(self, key: str, value: str) -> None:
        with self.unit_of_work():
            self.conn.execute(
                "INSERT INTO settings (key, value) VALUES (%s, %s) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    def set_setting_once(self, key: str, value: str) -> str:
        with self.unit_of_work():
            self.conn.execute(
                "INSERT INTO settings (key, value) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                [key, value],
            )
        return self.get_setting(key) or value

    def device_id(self) -> str:
        return self.get_setting(DEVICE_ID) or self.set_setting_once(DEVICE_ID, str(uuid.uuid4()))
