"""Settings: device identity and user choices, one row per key."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from fieldsurvey.store.sqlite.base import SQLiteBase

DEVICE_ID = "device_id"


class SettingsMixin(SQLiteBase):
    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def get_settings(self, keys: Sequence[str]) -> dict[str, str]:
        marks = ", ".join("?" for _ in keys)
        rows = self.conn.execute(f"SELECT key, value FROM settings WHERE key IN ({marks})", keys)
        return dict(rows.fetchall())

    def set_setting(self, key: str, value: str) -> None:
        with self.unit_of_work():
            self.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    def set_setting_once(self, key: str, value: str) -> str:
        with self.unit_of_work():
            self.conn.execute(
                "INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)", [key, value]
            )
        return self.get_setting(key) or value

    def device_id(self) -> str:
        return self.get_setting(DEVICE_ID) or self.set_setting_once(DEVICE_ID, str(uuid.uuid4()))
